package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.simulator.JobVersion;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.TopicAudit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * API cost and capture capacity of the change capture, measured against the simulator in
 * virtual time (each request takes a uniformly random 1–250 ms of virtual time, so jobs change
 * between the pages of one read). Not a test: run it with
 * {@code mvn -B -Pbench-capture} (see BENCHMARKS.md). Prints one line per run and appends them
 * to {@code target/bench/capture.txt}.
 *
 * <ul>
 *   <li>{@code idle}: requests per minute over 10 minutes with nothing changing (300 finished jobs).</li>
 *   <li>{@code load}: 2 new jobs a second, each changing about eight times in 15 s, for 3 minutes:
 *       requests per minute and final states captured.</li>
 *   <li>{@code capacity}: the same load at rising rates, three worlds each, default and tuned
 *       settings: the largest rate at which every final state is captured in every world
 *       ({@code capacity 25 30} runs the defaults at those rates only).</li>
 *   <li>{@code capacity-tuned [rates]}: the same with the tuned settings only.</li>
 * </ul>
 */
public final class CaptureBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration LOAD = Duration.ofMinutes(3);
    private static final Path OUT = Path.of("target", "bench", "capture.txt");

    private CaptureBenchmark() {
    }

    /** A run's result. */
    record Result(String name, double jobsPerSecond, double changesPerSecond, int jobs, int finals, int missing,
                  int duplicates, long listRequests, long getRequests, double requestsPerMinute, long overflows) {

        boolean complete() {
            return missing == 0 && duplicates == 0;
        }

        String line() {
            return String.format(Locale.ROOT, "%-34s jobs/s=%6.2f changes/s=%7.1f jobs=%5d final=%5d missing=%4d dup=%d "
                            + "list=%6d get=%5d req/min=%7.1f overflows=%d",
                    name, jobsPerSecond, changesPerSecond, jobs, finals, missing, duplicates, listRequests, getRequests,
                    requestsPerMinute, overflows);
        }
    }

    static CaptureSettings defaults() {
        return CaptureHarness.settings(ApiBehavior.AUTO, BackfillMode.ALL, Set.of());
    }

    /**
     * Tuned for throughput: a 1 s poll interval (a quiet window notices a wave sooner) and reads of
     * one window at least 200 ms apart. Reads are sequential, so with a busy API the request
     * latency, not these intervals, ends up setting the pace.
     */
    static CaptureSettings tuned() {
        return CaptureSettings.builder()
                .pollInterval(Duration.ofSeconds(1))
                .pressureInterval(Duration.ofMillis(200))
                .pressureMaxRequestsPerMinute(100_000)
                .build();
    }

    static Result idle(app.phaseo.connect.videos.simulator.SimBehavior behavior) {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = PhaseoSimulator.builder().behavior(behavior).clock(clock).seed(5)
                .preexisting(300, Duration.ofDays(1)).workload(Workload.none()).build().start();
        try (CaptureHarness h = new CaptureHarness(clock, sim, defaults(), 5, 250)) {
            h.runFor(Duration.ofMinutes(1)); // the first start: backfill and settling
            long lists = sim.stats().count("list");
            long gets = sim.stats().count("get");
            h.runFor(Duration.ofMinutes(10));
            lists = sim.stats().count("list") - lists;
            gets = sim.stats().count("get") - gets;
            return new Result("idle " + behavior.name().toLowerCase(Locale.ROOT), 0, 0, sim.jobIds().size(), 0, 0, 0,
                    lists, gets, (lists + gets) / 10.0, h.overflows.size());
        }
    }

    static Result load(String name, app.phaseo.connect.videos.simulator.SimBehavior behavior, double jobsPerSecond,
                       CaptureSettings settings, long seed) {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = PhaseoSimulator.builder().behavior(behavior).clock(clock).seed(seed)
                .profile(LifecycleProfile.loadTest())
                .workload(Workload.steady(jobsPerSecond, LOAD, seed))
                .build().start();
        try (CaptureHarness h = new CaptureHarness(clock, sim, settings, seed, 250)) {
            h.runFor(LOAD);
            long lists = sim.stats().count("list");
            long gets = sim.stats().count("get");
            h.runFor(Duration.ofMinutes(1)); // let the last jobs finish
            TopicAudit.Report report = TopicAudit.audit(h.written(), sim, settings.statusFilter());
            long changes = 0;
            for (String id : sim.jobIds()) {
                for (JobVersion v : sim.versions(id)) {
                    if (!v.time().isAfter(T0.plus(LOAD))) {
                        changes++;
                    }
                }
            }
            return new Result(name, jobsPerSecond, changes / (double) LOAD.toSeconds(), report.jobs(), report.finalJobs(),
                    report.missingFinal().size(), report.duplicates().size(), lists, gets,
                    (lists + gets) / (double) LOAD.toMinutes(), h.overflows.size());
        }
    }

    /** The largest rate at which three worlds in a row capture every final state. */
    static List<Result> capacity(String name, CaptureSettings settings, double[] rates) {
        List<Result> results = new ArrayList<>();
        for (double rate : rates) {
            boolean all = true;
            for (long seed = 1; seed <= 3; seed++) {
                Result r = load(name + " " + rate + "/s seed " + seed, app.phaseo.connect.videos.simulator.SimBehavior.GATEWAY_CODE,
                        rate, settings, seed);
                print(r);
                results.add(r);
                all &= r.complete();
            }
            if (!all) {
                break;
            }
        }
        return results;
    }

    private static void print(Result r) {
        String line = r.line();
        System.out.println(line);
        try {
            Files.createDirectories(OUT.getParent());
            Files.writeString(OUT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not write " + OUT + ": " + e);
        }
    }

    public static void main(String[] args) {
        String what = args.length == 0 ? "all" : args[0];
        if (what.equals("all") || what.equals("idle")) {
            print(idle(app.phaseo.connect.videos.simulator.SimBehavior.GATEWAY_CODE));
            print(idle(app.phaseo.connect.videos.simulator.SimBehavior.DOCUMENTED));
        }
        if (what.equals("all") || what.equals("load")) {
            for (long seed = 1; seed <= 3; seed++) {
                print(load("load 2/s gateway seed " + seed, app.phaseo.connect.videos.simulator.SimBehavior.GATEWAY_CODE, 2,
                        defaults(), seed));
                print(load("load 2/s documented seed " + seed, app.phaseo.connect.videos.simulator.SimBehavior.DOCUMENTED, 2,
                        defaults(), seed));
            }
        }
        // Optional rates after "capacity" or "capacity-tuned" (e.g. "capacity-tuned 25 30"): a world at a high rate
        // takes minutes.
        double[] rates = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToDouble(Double::parseDouble).toArray()
                : null;
        if (what.equals("capacity-tuned")) {
            capacity("capacity tuned", tuned(), rates != null ? rates : new double[] {20, 25, 30, 35, 40});
        }
        if (what.equals("capacity") && rates != null) {
            capacity("capacity default", defaults(), rates);
        } else if (what.equals("all") || what.equals("capacity")) {
            capacity("capacity default", defaults(), new double[] {2, 4, 6, 8, 10, 12, 15, 20, 25, 30});
            capacity("capacity tuned", tuned(), new double[] {2, 10, 20, 25, 30, 35, 40});
        }
    }
}
