package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.JobVersion;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.TopicAudit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One capacity world in real time over HTTP: the simulator serves on a loopback port on the system
 * clock, the real {@code PhaseoClient} and capture engine read it through {@link CaptureHarness#realTime}
 * with the default settings, and requests take what the server and the busy machine make them take.
 * The lifecycle is {@link LifecycleProfile#loadTest()} (about eight changes in about 15 s) with the
 * gateway's cron (reconciler claim and webhook outbox) every {@code cron} instead of every minute,
 * since the lifecycle is compressed too. Rows are closer to production size ({@code largeRows}:
 * 100-row pages of 250–300 KB under this load instead of about 220 KB). A sampler reads one 100-row page every 15 s to report the
 * size of the pages being served; its requests are not counted as the connector's.
 */
final class HttpCapacityRun {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);

    private HttpCapacityRun() {
    }

    /** A real-time world's result: the capture's, the pages' size and the machine's load average. */
    record Outcome(CaptureBenchmark.Result result, long pageSamples, long meanPageBytes, long maxPageBytes,
                   double loadBefore, double loadAfter) {

        String line() {
            return String.format(Locale.ROOT, "%s 100-row page bytes mean=%d max=%d (%d samples) load=%.1f->%.1f",
                    result.line(), meanPageBytes, maxPageBytes, pageSamples, loadBefore, loadAfter);
        }
    }

    static Outcome run(double rate, long seed, Duration load, Duration cron, Duration settleLimit) {
        double loadBefore = loadAverage();
        Instant start = Instant.now().plusSeconds(2);
        LifecycleProfile profile = LifecycleProfile.loadTest().toBuilder().cronPeriod(cron).build();
        PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC())
                .seed(seed).profile(profile).largeRows(true).workload(Workload.steady(rate, load, seed, start)).build().start();
        PageSampler sampler = new PageSampler(sim);
        Thread sampling = new Thread(sampler, "page-sampler");
        try (CaptureHarness h = CaptureHarness.realTime(sim, CaptureBenchmark.defaults())) {
            sampling.start();
            h.runFor(Duration.between(Instant.now(), start.plus(load)));
            sampler.stop();
            sampling.join();
            // Requests per minute during the load, the sampler's own requests taken out.
            long lists = sim.stats().count("list") - sampler.requests.get();
            long gets = sim.stats().count("get");
            Instant loadEnd = Instant.now();
            boolean settled = h.runUntilSettled(settleLimit, Duration.ofSeconds(50));
            Duration settle = Duration.between(loadEnd, Instant.now()).minusSeconds(50);
            TopicAudit.Report report = TopicAudit.audit(h.written(), sim, h.settings.statusFilter());
            if (!report.clean()) {
                System.out.println("  audit: " + report);
            }
            long changes = 0;
            for (String id : sim.jobIds()) {
                for (JobVersion v : sim.versions(id)) {
                    if (!v.time().isAfter(start.plus(load))) {
                        changes++;
                    }
                }
            }
            CaptureBenchmark.Result result = new CaptureBenchmark.Result(
                    String.format(Locale.ROOT, "http %s/s cron %ss seed %d", rate, cron.toSeconds(), seed), rate,
                    changes / (double) load.toSeconds(), report.jobs(), report.finalJobs(), report.stuckJobs(),
                    report.missingFinal().size(), report.duplicates().size(), report.clean(), lists, gets,
                    (lists + gets) / (load.toMillis() / 60_000.0), h.overflows.size(), sim.reconcilerClaimCount(), settle,
                    settled, CaptureBenchmark.missingDeleted(report, sim), CaptureBenchmark.offsetJobsMax(h));
            return new Outcome(result, sampler.samples.get(), sampler.samples.get() == 0 ? 0
                    : sampler.bytes.get() / sampler.samples.get(), sampler.maxBytes.get(), loadBefore, loadAverage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            sampler.stop();
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Reads {@code GET /v1/videos?limit=100} every 15 s and keeps the sizes of the 200 answers. */
    private static final class PageSampler implements Runnable {
        private final PhaseoSimulator sim;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong requests = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong maxBytes = new AtomicLong();

        PageSampler(PhaseoSimulator sim) {
            this.sim = sim;
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void run() {
            OkHttpClient http = new OkHttpClient();
            HttpUrl url = HttpUrl.get(sim.baseUrl()).newBuilder().addPathSegment("videos")
                    .addQueryParameter("limit", "100").build();
            try {
                while (running.get()) {
                    sleep(SAMPLE_EVERY);
                    if (!running.get()) {
                        break;
                    }
                    requests.incrementAndGet();
                    try (Response response = http.newCall(new Request.Builder().url(url)
                            .header("Authorization", "Bearer " + sim.apiKey()).build()).execute()) {
                        if (response.code() == 200) {
                            long size = response.body().bytes().length;
                            samples.incrementAndGet();
                            bytes.addAndGet(size);
                            maxBytes.accumulateAndGet(size, Math::max);
                        }
                    } catch (IOException e) {
                        System.err.println("page sample failed: " + e);
                    }
                }
            } finally {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }

        private void sleep(Duration d) {
            long end = System.currentTimeMillis() + d.toMillis();
            while (running.get() && System.currentTimeMillis() < end) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
