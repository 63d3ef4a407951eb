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
 *       requests per minute (measured during the load) and final states captured. With the
 *       gateway's cron on, the webhook outbox attempts deliveries at its runs, at most 100 a run,
 *       so after the load the run goes on until every job is final or stuck before its billing
 *       mark ({@link CaptureHarness#runUntilSettled}) before the audit; stuck jobs are counted as
 *       such, with the reconciler's claimed rows.</li>
 *   <li>{@code capacity}: the same load at rising rates, three worlds each, default and tuned
 *       settings: the largest rate at which every final state is captured in every world
 *       ({@code capacity 25 30} runs the defaults at those rates only).</li>
 *   <li>{@code capacity-tuned [rates]}: the same with the tuned settings only.</li>
 *   <li>{@code flood [rates]}: one world per rate (default 40 60) with the default settings, to show
 *       the request rate staying under {@code poll.pressure.max.requests.per.minute} and the losses
 *       reported as window overflows.</li>
 *   <li>{@code http-capacity [rates]}: in real time over HTTP ({@link HttpCapacityRun}), one world
 *       per rate (default 2 5 10 15 20).</li>
 * </ul>
 */
public final class CaptureBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration LOAD = Duration.ofMinutes(3);
    /** How long a run may settle after the load before it counts as not settled. */
    private static final Duration SETTLE_LIMIT = Duration.ofHours(4);
    private static final Path OUT = Path.of("target", "bench", "capture.txt");

    private CaptureBenchmark() {
    }

    /**
     * A run's result. {@code requestsPerMinute} is measured during the load only (the settling
     * that follows is quiet polling and following by id while the outbox drains); {@code settle} is
     * the time (virtual, or real over HTTP) from the end of the load until every job was final or stuck before its
     * billing mark; {@code claims} the rows the reconciler claimed over the whole run.
     */
    record Result(String name, double jobsPerSecond, double changesPerSecond, int jobs, int finals, int stuck, int missing,
                  int duplicates, boolean clean, long listRequests, long getRequests, double requestsPerMinute,
                  long overflows, long claims, Duration settle, boolean settled, int missingDeleted, int offsetJobsMax) {

        boolean complete() {
            return clean && settled;
        }

        String line() {
            return String.format(Locale.ROOT, "%-34s jobs/s=%6.2f changes/s=%7.1f jobs=%5d final=%5d stuck=%4d missing=%4d (deleted %d) dup=%d "
                            + "clean=%s list=%6d get=%5d req/min=%7.1f overflows=%d claims=%d settled=%s in %dmin offset jobs<=%d",
                    name, jobsPerSecond, changesPerSecond, jobs, finals, stuck, missing, missingDeleted, duplicates, clean,
                    listRequests,
                    getRequests, requestsPerMinute, overflows, claims, settled, settle.toMinutes(), offsetJobsMax);
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
            return new Result("idle " + behavior.name().toLowerCase(Locale.ROOT), 0, 0, sim.jobIds().size(), 0, 0, 0, 0,
                    true, lists, gets, (lists + gets) / 10.0, h.overflows.size(), sim.reconcilerClaimCount(), Duration.ZERO,
                    true, 0, offsetJobsMax(h));
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
            // Requests per minute are measured during the load; what follows is the settling.
            long lists = sim.stats().count("list");
            long gets = sim.stats().count("get");
            // The gateway's outbox attempts webhook deliveries at its cron runs, at most 100 a run, so a burst's last
            // states come many runs after the load: run until every job is final or stuck before its billing mark,
            // then two follow intervals (as LifecycleCaptureTest does).
            Instant loadEnd = clock.instant();
            boolean settled = h.runUntilSettled(SETTLE_LIMIT, Duration.ofSeconds(50));
            Duration settle = Duration.between(loadEnd, clock.instant()).minusSeconds(50);
            TopicAudit.Report report = TopicAudit.audit(h.written(), sim, settings.statusFilter());
            long changes = 0;
            for (String id : sim.jobIds()) {
                for (JobVersion v : sim.versions(id)) {
                    if (!v.time().isAfter(T0.plus(LOAD))) {
                        changes++;
                    }
                }
            }
            if (!report.clean()) {
                System.out.println("  audit: " + report);
            }
            return new Result(name, jobsPerSecond, changes / (double) LOAD.toSeconds(), report.jobs(), report.finalJobs(),
                    report.stuckJobs(), report.missingFinal().size(), report.duplicates().size(), report.clean(), lists, gets,
                    (lists + gets) / (double) LOAD.toMinutes(), h.overflows.size(), sim.reconcilerClaimCount(), settle,
                    settled, missingDeleted(report, sim), offsetJobsMax(h));
        }
    }

    /** The most jobs one record's offset remembered (about 80 bytes each in the stored offset). */
    static int offsetJobsMax(CaptureHarness h) {
        int max = 0;
        for (Change change : h.topic) {
            max = Math.max(max, change.offset().jobs().size());
        }
        return max;
    }

    /**
     * How many of the missing final states belong to deleted jobs: the documented API answers 404 for a
     * deleted job and lists it no more, so a job deleted before its final state was read cannot be read.
     */
    static int missingDeleted(TopicAudit.Report report, PhaseoSimulator sim) {
        return (int) report.missingFinal().stream().filter(sim::isDeleted).count();
    }

    /** A flood: one world per rate (seed 1), whatever it loses, to show the request bound and the overflows. */
    static void flood(double[] rates) {
        for (double rate : rates) {
            print(load("flood default " + rate + "/s seed 1", app.phaseo.connect.videos.simulator.SimBehavior.GATEWAY_CODE,
                    rate, defaults(), 1));
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

    /**
     * Real time over HTTP ({@link HttpCapacityRun}): one world per rate, 2 minutes of load, the
     * gateway's cron every 5 s; stops at the first rate that loses a final state.
     */
    static void httpCapacity(double[] rates) {
        for (double rate : rates) {
            HttpCapacityRun.Outcome outcome = HttpCapacityRun.run(rate, 1, Duration.ofMinutes(2), Duration.ofSeconds(5),
                    Duration.ofMinutes(10));
            print(outcome.line());
            if (!outcome.result().complete()) {
                break;
            }
        }
    }

    private static void print(Result r) {
        print(r.line());
    }

    private static void print(String line) {
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
        if (what.equals("flood")) {
            flood(rates != null ? rates : new double[] {40, 60});
        }
        if (what.equals("http-capacity")) {
            httpCapacity(rates != null ? rates : new double[] {2, 5, 10, 15, 20});
        }
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
