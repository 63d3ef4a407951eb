package app.phaseo.connect.videos.bench;

import app.phaseo.connect.videos.capture.CaptureEngine;
import app.phaseo.connect.videos.capture.CaptureListener;
import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.client.ListQuery;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.client.VideosApi;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.simulator.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Heap retained by the capture while it follows many in-flight jobs, and by the offset at its largest.
 * The real {@link CaptureEngine} runs against an in-memory API of {@code jobs} jobs in the documented shape
 * (full history, stable cursor), in virtual time; heap is measured after full collections (run with
 * {@code -XX:+UseSerialGC}) as the difference between the heap with the capture reachable and without it.
 * Not a test: {@code mvn -B -Pbench-memory} (BENCHMARKS.md).
 *
 * <p>Arguments: {@code [all|follow|peak]} and optionally the number of jobs (100,000).
 */
public final class MemoryBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MemoryBenchmark() {
    }

    /** A documented-shape history of in-flight jobs, rendered on demand (nothing retained per job). */
    static final class InFlightApi implements VideosApi {
        final List<String> ids;
        final Map<String, Integer> index = new java.util.HashMap<>();
        final ObjectNode template;
        final AtomicLong lists = new AtomicLong();
        final AtomicLong gets = new AtomicLong();
        Runnable onLastPage = () -> { };

        InFlightApi(int jobs, boolean finished) {
            SplittableRandom random = new SplittableRandom(5);
            ids = new ArrayList<>(jobs);
            long newest = T0.toEpochMilli() - 60_000;
            for (int i = 0; i < jobs; i++) {
                ids.add("G-" + BenchIds.ulid(newest - i * 500L, random));
                index.put(ids.get(i), i);
            }
            template = JSON.createObjectNode();
            template.put("object", "video");
            template.put("model", "sora-2");
            template.put("provider", "openai");
            template.put("status", finished ? "completed" : "processing");
            template.put("progress", finished ? 100 : 40);
            template.put("seconds", "8");
            template.put("size", "1280x720");
            template.put("prompt", "A lighthouse at dusk, waves rolling in, slow dolly shot");
            ObjectNode billing = template.putObject("billing");
            billing.put("currency", "usd");
            billing.put("estimated_user_cost", "0.40");
            billing.put("state", finished ? "settled" : "estimated");
            billing.put("billable", true);
        }

        ObjectNode render(int index) {
            ObjectNode job = template.deepCopy();
            // A new String each time, as a parsed answer gives: the capture keeps its own copies of the ids.
            String id = new String(ids.get(index).toCharArray());
            job.put("id", id);
            job.put("created_at", (T0.toEpochMilli() - 60_000 - index * 500L) / 1000);
            job.put("polling_url", "https://api.phaseo.app/v1/videos/" + id);
            return job;
        }

        @Override
        public VideoPage listVideos(ListQuery query) {
            lists.incrementAndGet();
            int start = 0;
            if (query.afterOrNull() != null) {
                start = index.get(query.afterOrNull()) + 1;
            }
            int end = Math.min(ids.size(), start + query.limit());
            List<ObjectNode> rows = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                rows.add(render(i));
            }
            if (end == ids.size()) {
                onLastPage.run();
            }
            return new VideoPage(rows, rows.isEmpty() ? null : ids.get(start), rows.isEmpty() ? null : ids.get(end - 1),
                    end < ids.size(), 0, 0);
        }

        @Override
        public ObjectNode getVideo(String id) {
            gets.incrementAndGet();
            return render(index.get(id));
        }
    }

    static CaptureSettings settings(int stateMaxJobs, int pagesPerCycle) {
        return CaptureSettings.builder()
                .behavior(ApiBehavior.CURSOR)
                .stateMaxJobs(stateMaxJobs)
                .backfillPagesPerCycle(pagesPerCycle)
                .pressureMaxRequestsPerMinute(240)
                .build();
    }

    /** Runs cycles (5 s of virtual time apart) until the backfill is done, then {@code extra} more. */
    static void run(CaptureEngine engine, MutableClock clock, int extra) {
        int after = -1;
        for (int cycle = 0; cycle < 100_000 && after < extra; cycle++) {
            engine.startCycle();
            while (!engine.step().cycleDone()) {
                clock.advance(Duration.ofMillis(50));
            }
            clock.advance(Duration.ofSeconds(5));
            if (engine.state().backfill() == app.phaseo.connect.videos.offset.BackfillState.DONE) {
                after++;
            }
        }
    }

    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** A class histogram of the live heap (jcmd GC.class_histogram), as bytes by class name. */
    static Map<String, Long> histogram() {
        Map<String, Long> bytes = new java.util.HashMap<>();
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : text.toString().split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 4 && parts[0].endsWith(":")) {
                    bytes.merge(parts[3], Long.parseLong(parts[2]), Long::sum);
                }
            }
        } catch (Exception e) {
            System.err.println("no class histogram: " + e);
        }
        return bytes;
    }

    /** The classes whose bytes grew most from {@code before} to {@code after}. */
    static String growth(Map<String, Long> before, Map<String, Long> after, int rows) {
        List<Map.Entry<String, Long>> diff = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            diff.add(Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)));
        }
        diff.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> e : diff.subList(0, Math.min(rows, diff.size()))) {
            out.append(String.format(java.util.Locale.ROOT, "    %8.1f KB  %s%n", e.getValue() / 1024.0, e.getKey()));
        }
        return out.toString();
    }

    /** Follows {@code jobs} jobs with state.max.jobs = {@code max}: what stays on the heap between cycles. */
    static void follow(BenchOutput out, int jobs, int max, boolean finished) {
        InFlightApi api = new InFlightApi(jobs, finished);
        MutableClock clock = new MutableClock(T0);
        AtomicLong evicted = new AtomicLong();
        AtomicLong retired = new AtomicLong();
        CaptureEngine engine = new CaptureEngine(api, settings(max, 10), CaptureState.resume(CaptureOffset.initial(clock.millis()),
                10_000), new CaptureListener() {
                    @Override
                    public void onStateEvicted(String id) {
                        evicted.incrementAndGet();
                    }
                }, clock);
        run(engine, clock, 30);
        retired.set(jobs - evicted.get() - engine.state().trackedCount());
        long with = usedAfterGc();
        Map<String, Long> withHistogram = histogram();
        int tracked = engine.state().trackedCount();

        Map<String, Object> map = new OffsetCodec().toMap(engine.state().snapshot());
        int offsetChars = ((String) map.get("jobs")).length();
        long withMap = usedAfterGc();
        int stored = CONVERTER.fromConnectData("connect-offsets", null, map).length;
        map = null;
        long withAgain = usedAfterGc();

        engine = null;
        long after = usedAfterGc();
        Map<String, Long> afterHistogram = histogram();
        out.line("%s: %d %s jobs, state.max.jobs=%d: %d remembered, %d retired (final; the in-memory cache of "
                        + "retired jobs keeps the last 10,000), %d evicted; "
                        + "the capture retains %s between cycles (%d list, %d get requests); one encoded offset map %s "
                        + "(%d chars of jobs, %d bytes as stored JSON)",
                finished ? "final" : "in flight", jobs, finished ? "final" : "in-flight", max, tracked, retired.get(),
                evicted.get(), mb(withAgain - after), api.lists.get(), api.gets.get(), mb(withMap - with), offsetChars, stored);
        out.line("  what the capture holds, by class:%n%s", growth(afterHistogram, withHistogram, 8));
    }

    /** All jobs new in one cycle (a backfill with no page budget): the peak inside the cycle, before pruning. */
    static void peak(BenchOutput out, int jobs, int max) {
        InFlightApi api = new InFlightApi(jobs, false);
        MutableClock clock = new MutableClock(T0);
        long[] peak = new long[1];
        int[] trackedAtPeak = new int[1];
        java.util.concurrent.atomic.AtomicReference<CaptureEngine> ref = new java.util.concurrent.atomic.AtomicReference<>();
        api.onLastPage = () -> {
            peak[0] = usedAfterGc();
            trackedAtPeak[0] = ref.get().state().trackedCount();
        };
        ref.set(new CaptureEngine(api, settings(max, 10_000), CaptureState.resume(CaptureOffset.initial(clock.millis()), 10_000),
                new CaptureListener() { }, clock));
        run(ref.get(), clock, 1);
        long settled = usedAfterGc();
        int trackedAfter = ref.get().state().trackedCount();
        ref.set(null);
        long after = usedAfterGc();
        out.line("peak: %d in-flight jobs all new in one cycle (backfill.pages.per.cycle=10000), state.max.jobs=%d: "
                        + "%s at the last page (%d remembered), %s once the cycle pruned to %d",
                jobs, max, mb(peak[0] - after), trackedAtPeak[0], mb(settled - after), trackedAfter);
    }

    private static final JsonConverter CONVERTER = new JsonConverter();

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        BenchOutput out = new BenchOutput("memory");
        // Class initialisation (converter, codec, engine) before any measurement: its static data is not the capture's.
        CONVERTER.configure(Map.of("schemas.enable", "false"), false);
        follow(new BenchOutput("memory-warmup"), 2_000, 1_000, false);
        if (what.equals("all") || what.equals("follow")) {
            follow(out, jobs, 5_000, false);
            follow(out, jobs, 10_000, false);
            follow(out, jobs, 10_000, true);
        }
        if (what.equals("all") || what.equals("peak")) {
            peak(out, jobs, 10_000);
        }
    }
}
