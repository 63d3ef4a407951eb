package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.TopicAudit;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The capture's promise with real workers: on a 3-worker cluster, against the simulator in real
 * time with a steady load of 4 jobs a second, a burst of 250 jobs at once (more than twice a
 * window) and a history, the worker running the task is stopped mid-run. The task moves to another worker and resumes
 * from the committed offsets; at the end every job's final state is in the topic, once per
 * state and in each job's order.
 */
class LifecycleCaptureIT {

    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startCluster() {
        connect = ConnectFixture.startCluster("lifecycle", 3, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    private static final int BURST = 250;

    /** A metric of the connector's task over JMX, or -1 before the task registered it. */
    private static long longAttribute(String connector, String attribute) {
        try {
            ObjectName mbean = new ObjectName("app.phaseo.connect:type=phaseo-videos-task,connector="
                    + ObjectName.quote(connector) + ",task=0");
            return Long.parseLong(String.valueOf(ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, attribute)));
        } catch (JMException | NumberFormatException e) {
            return -1;
        }
    }

    /** The worker the connector's task is running on, once it runs on one of the cluster's workers. */
    private static WorkerHandle runningWorker(String connector) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var task = connect.connectorStatus(connector).tasks().get(0);
            if ("RUNNING".equals(task.state())) {
                var worker = connect.workers().stream().filter(w -> task.workerId().equals(workerId(w))).findFirst();
                if (worker.isPresent()) {
                    return worker.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the task of " + connector + " did not run on a worker of the cluster within 60 s");
    }

    /** A worker's id as the connector status names it. */
    private static String workerId(WorkerHandle worker) {
        return worker.url().getHost() + ":" + worker.url().getPort();
    }

    private static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static LifecycleProfile compressed() {
        return LifecycleProfile.builder()
                .queueDelay(Duration.ofMillis(200), Duration.ofMillis(1_000))
                .processing(Duration.ofSeconds(2), Duration.ofSeconds(8))
                .progressTicks(2)
                .billingPendingDelay(Duration.ofMillis(200))
                .billingSettleDelay(Duration.ofMillis(500), Duration.ofMillis(1_500))
                .webhookDispatchDelay(Duration.ofMillis(100))
                .retryDelays(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6))
                .maxAttempts(4)
                .webhookFailureRate(0.3)
                // The gateway's cron (reconciler claims, webhook outbox) on, every 5 s: the gateway claims once a
                // minute while the connector reads every 5 s, about twelve reads per claim; with 1 s polls here, a
                // claim every second would bump the jobs in flight before every read, ten times harsher than the
                // gateway (it lost 8 final states in one run of three). No stuck billing and
                // no deletions, since this test waits for every job to be final.
                .cronPeriod(Duration.ofSeconds(5))
                .stuckBillingRate(0)
                .deletedRate(0)
                .build();
    }

    /**
     * Both listing behaviours at once, one connector each on the same cluster: the two runs are real
     * time and mostly wait, so running them side by side halves the test's time. Each loses the
     * worker running its task; a task may move twice when the other run takes its new worker away.
     */
    @Test
    void everyFinalStateOnceAndInOrderThroughAWorkerLoss() throws Exception {
        ExecutorService runs = Executors.newFixedThreadPool(SimBehavior.values().length);
        try {
            Map<SimBehavior, Future<?>> running = new EnumMap<>(SimBehavior.class);
            for (SimBehavior behavior : SimBehavior.values()) {
                running.put(behavior, runs.submit(() -> {
                    run(behavior);
                    return null;
                }));
            }
            AssertionError failed = null;
            for (Map.Entry<SimBehavior, Future<?>> run : running.entrySet()) {
                try {
                    run.getValue().get(5, TimeUnit.MINUTES);
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    AssertionError error = new AssertionError(run.getKey() + ": " + cause, cause);
                    if (failed == null) {
                        failed = error;
                    } else {
                        failed.addSuppressed(error);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            runs.shutdownNow();
        }
    }

    private void run(SimBehavior behavior) throws Exception {
        Instant start = Instant.now();
        try (PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(behavior).clock(Clock.systemUTC()).seed(31)
                .profile(compressed())
                .preexisting(150, Duration.ofHours(12))
                // The load starts once the connector has read the history, which then is what the windows showed at the start.
                .workload(Workload.steady(4, Duration.ofSeconds(45), 31, start.plusSeconds(8)))
                .build().start()) {
            String name = "lifecycle-" + behavior.name().toLowerCase();
            String topic = "videos-" + name;
            Map<String, String> config = ConnectFixture.rawJsonConnector(sim, topic);
            config.put("poll.interval.ms", "1000");
            config.put("poll.pressure.interval.ms", "200");
            Set<String> unreachable = behavior == SimBehavior.GATEWAY_CODE
                    ? TopicAudit.beyondWindows(sim, Instant.now(), 101) : Set.of();
            TopicAudit.Exclusion history = TopicAudit.Exclusion.unreachable(
                    "history that no window of the gateway lists when the connector starts", unreachable);
            connect.configureConnector(name, config);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not start");

            // The burst comes once the task has finished its first cycle (the history read), and not before the
            // steady load runs: on a busy machine the connector can start late, and a burst during its first
            // read is another test (a window overflow; CaptureScenarioTest covers that case).
            await(() -> longAttribute(name, "Cycles") >= 1, Duration.ofSeconds(60), "the task's first cycle");
            await(() -> Instant.now().isAfter(start.plusSeconds(15)), Duration.ofSeconds(20), "the steady load");
            List<String> burst = sim.createJobs(BURST);
            // The worker goes while the steady load runs, once every job of the burst is final: a few seconds
            // without a task during a burst larger than the windows can lose changes the API no longer lists.
            await(() -> burst.stream().allMatch(sim::isFinal), Duration.ofSeconds(60), "every job of the burst final");
            String workerId;
            long stopped;
            synchronized (connect) { // the cluster's worker set is not made for two threads
                // The other run may have just taken this task's worker away: wait until the task runs again.
                WorkerHandle running = runningWorker(name);
                workerId = workerId(running);
                stopped = System.nanoTime();
                connect.removeWorker(running);
            }
            String newWorker = workerId;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (newWorker.equals(workerId) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                var task = connect.connectorStatus(name).tasks().get(0);
                if ("RUNNING".equals(task.state())) {
                    newWorker = task.workerId();
                }
            }
            double moveSeconds = (System.nanoTime() - stopped) / 1e9;
            assertThat(newWorker).as("the task runs on another worker").isNotEqualTo(workerId);

            Set<String> expected = sim.jobIds().stream().filter(id -> !unreachable.contains(id)).collect(Collectors.toSet());
            List<ConnectFixture.Seen> seen = ConnectFixture.readUntil(connect, topic, s -> {
                Set<String> finals = s.stream().filter(r -> "true".equals(r.headers().get("phaseo.final")))
                        .map(ConnectFixture.Seen::id).collect(Collectors.toSet());
                return finals.containsAll(sim.jobIds().stream().filter(id -> !unreachable.contains(id)).collect(Collectors.toSet()))
                        && sim.jobIds().stream().allMatch(sim::isFinal);
            }, Duration.ofSeconds(90));

            TopicAudit.Report report = TopicAudit.audit(seen.stream().map(s -> new TopicAudit.Written(s.id(), s.video()))
                    .collect(Collectors.toList()), sim, Set.of(), history, List.of());
            System.out.printf("LIFECYCLE-IT %s: %s; task moved in %.1f s%n", behavior, report, moveSeconds);
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(report.finalJobs()).as("jobs checked").isGreaterThanOrEqualTo(expected.size() - 1).isGreaterThan(300);
            assertThat(report.excludedJobs()).as("jobs excluded as unreachable").isEqualTo(unreachable.size());
            // The gateway's reconciler ran: its claims bumped the unbilled rows (every job in flight) every 5 s.
            assertThat(sim.reconcilerClaimCount()).as("rows claimed by the reconciler while the workers ran").isPositive();
            assertThat(sim.sideEffectCount()).isZero();
            connect.deleteConnector(name);
            synchronized (connect) {
                connect.addWorker();
            }
        }
    }
}
