package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.Fault;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.RequestStats;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.TopicAudit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

/**
 * The fault-injection run shared by {@link FaultInjectionIT} (at-least-once) and
 * {@link ExactlyOnceFaultInjectionIT}: the connector streams the simulator's live jobs (real time,
 * {@link LifecycleProfile#fast()}) on a 3-worker cluster while the simulator answers 429 with
 * Retry-After, a plain-text 500, 502 and 503, malformed, truncated, empty, HTML and wrongly shaped
 * bodies, slow answers (within and past the read timeout), an oversized body and stale reads,
 * the API is disabled (501) for a few seconds, and the worker running the task is stopped.
 *
 * <p>After each fault the time to recover is measured from the simulator's request log: from the
 * last faulty answer (for the 501 period: from the moment the API opened again; for the worker:
 * from the moment it was told to stop) to the next successful answer. At the end every job's final
 * state must be in the topic ({@link TopicAudit}), the connector and task RUNNING, and the figures
 * go to one {@code FAULT-IT-FIGURES} line on stdout and to {@code target/fault-it-figures.txt}.
 */
final class FaultScenario {

    static final Path FIGURES_FILE = Path.of("target", "fault-it-figures.txt");

    private final EmbeddedConnectCluster connect;
    private final String mode;
    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private PhaseoSimulator sim;

    FaultScenario(EmbeddedConnectCluster connect, String mode) {
        this.connect = connect;
        this.mode = mode;
        this.name = "faults-" + mode.replace('_', '-');
    }

    /** The run; returns the audit of the topic. */
    TopicAudit.Report run() throws Exception {
        long started = System.currentTimeMillis();
        figures.put("mode", mode);
        try (PhaseoSimulator simulator = PhaseoSimulator.builder()
                .behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC()).seed(mode.hashCode())
                .profile(LifecycleProfile.fast())
                .preexisting(40, Duration.ofHours(6))
                .workload(Workload.steady(2, Duration.ofSeconds(30), 77))
                .build().start()) {
            sim = simulator;
            String topic = "videos-" + name;
            Map<String, String> config = ConnectFixture.rawJsonConnector(sim, topic);
            config.put("http.read.timeout.ms", "1000");
            config.put("http.max.response.bytes", Integer.toString(1024 * 1024));
            connect.configureConnector(name, config);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not start");
            // The faults start while jobs are still being created (for 30 s from the simulator's start).
            await(() -> longAttribute("RecordsProduced") >= 40, Duration.ofSeconds(30), "the backfill was written");

            fault("429", Fault.tooManyRequests(Duration.ofSeconds(2)), 1);
            assertThat(gapAfterLastFault()).as("ms the task waited after a 429 with Retry-After: 2").isGreaterThanOrEqualTo(1_900);
            fault("500_plain_text", Fault.serverErrorPlainText(), 2);
            workerLoss();
            fault("502", Fault.badGateway(), 2);
            fault("503", Fault.serviceUnavailable(), 2);
            fault("malformed_json", Fault.malformedJson(), 1);
            fault("truncated_body", Fault.truncatedBody(), 1);
            fault("empty_body", Fault.emptyBody(), 1);
            fault("html", Fault.html(), 1);
            fault("wrong_shape", Fault.wrongShape(), 1);
            fault("huge_body", Fault.hugeBody(2 * 1024 * 1024), 1);
            fault("slow_past_read_timeout", Fault.slow(Duration.ofMillis(1_600)), 1);
            slowWithinTimeout();
            fault("stale_read", Fault.staleRead(Duration.ofSeconds(3)), 3);
            disabledPeriod(Duration.ofSeconds(3));

            List<ConnectFixture.Seen> seen = ConnectFixture.readUntil(connect, topic, s -> everyJobFinal(sim, s),
                    Duration.ofSeconds(60));
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector and task RUNNING at the end");
            TopicAudit.Report report = TopicAudit.audit(seen.stream().map(s -> new TopicAudit.Written(s.id(), s.video()))
                    .collect(Collectors.toList()), sim, Set.of());
            metricsAtTheEnd();
            figures.put("jobs", report.jobs());
            figures.put("final_jobs", report.finalJobs());
            figures.put("records", report.records());
            figures.put("duplicates", report.duplicates().size());
            figures.put("missing_final", report.missingFinal().size());
            figures.put("requests", sim.stats().total());
            figures.put("requests_failed_by_simulator", sim.stats().entries().stream().filter(e -> e.status() != 200).count());
            figures.put("meaningful_states_seen_pct", Math.round(report.meaningfulRatio() * 1000) / 10.0);
            figures.put("side_effects", sim.sideEffectCount());
            figures.put("wall_ms", System.currentTimeMillis() - started);
            writeFigures();

            assertThat(report.missingFinal()).as("final states missing: %s", report).isEmpty();
            assertThat(report.outOfOrder()).as("out of order: %s", report).isEmpty();
            assertThat(report.unmatched()).as("states the job never had: %s", report).isEmpty();
            assertThat(report.finalJobs()).as("final jobs checked").isEqualTo(100);
            assertThat(sim.sideEffectCount()).as("finished jobs read by id").isZero();
            connect.deleteConnector(name);
            return report;
        }
    }

    // ---- faults -----------------------------------------------------------------------------------

    /**
     * Queues {@code times} faults for the next requests, waits until they were served and a request
     * succeeded again, and records the time from the last faulty answer to that success.
     */
    private void fault(String label, Fault fault, int times) throws InterruptedException {
        int before = sim.stats().entries().size();
        sim.faults().next(fault, times);
        await(() -> sim.faults().queued() == 0 && firstSuccessFrom(before + times) >= 0, Duration.ofSeconds(30),
                label + ": the task got past the fault");
        List<RequestStats.Entry> entries = sim.stats().entries();
        RequestStats.Entry lastFaulty = entries.get(before + times - 1);
        RequestStats.Entry success = entries.get(firstSuccessFrom(before + times));
        long recover = Duration.between(lastFaulty.time(), success.time()).toMillis();
        figures.put("recover_" + label + "_ms", recover);
        assertThat(recover).as("%s: ms from the last faulty answer to the next good one", label).isLessThan(10_000);
        lastFaultIndex = before + times - 1;
        Thread.sleep(300);
    }

    private int lastFaultIndex;

    private long gapAfterLastFault() {
        List<RequestStats.Entry> entries = sim.stats().entries();
        return Duration.between(entries.get(lastFaultIndex).time(), entries.get(lastFaultIndex + 1).time()).toMillis();
    }

    /** Index of the first 200 answer at or after {@code from}, or -1. */
    private int firstSuccessFrom(int from) {
        List<RequestStats.Entry> entries = sim.stats().entries();
        for (int i = from; i < entries.size(); i++) {
            if (entries.get(i).status() == 200) {
                return i;
            }
        }
        return -1;
    }

    /** A slow answer inside the read timeout is no failure: measured, not retried. */
    private void slowWithinTimeout() throws InterruptedException {
        int before = sim.stats().entries().size();
        long failedBefore = longAttribute("FailedRequests");
        sim.faults().next(Fault.slow(Duration.ofMillis(400)));
        await(() -> sim.faults().queued() == 0 && firstSuccessFrom(before + 1) >= 0, Duration.ofSeconds(30),
                "slow answer inside the timeout");
        assertThat(sim.stats().entries().get(before).status()).isEqualTo(200);
        assertThat(longAttribute("FailedRequests")).as("a slow answer inside the timeout is no failure").isEqualTo(failedBefore);
        Thread.sleep(300);
    }

    /** 501 for a while: the task stays RUNNING and says DISABLED with the reason over JMX; then it resumes. */
    private void disabledPeriod(Duration length) throws InterruptedException {
        int before = sim.stats().entries().size();
        sim.disable("video_api_temporarily_disabled");
        await(() -> "DISABLED".equals(attribute("ApiState")), Duration.ofSeconds(10), "ApiState DISABLED over JMX");
        figures.put("jmx_state_during_501", attribute("ApiState") + ":" + attribute("ApiStateReason"));
        assertThat(attribute("ApiStateReason")).isEqualTo("video_api_temporarily_disabled");
        Thread.sleep(length.toMillis());
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "task RUNNING while the API is disabled");
        long checks = sim.stats().entries().stream().skip(before).filter(e -> e.status() == 501).count();
        figures.put("checks_during_501", checks);
        java.time.Instant opened = Clock.systemUTC().instant();
        int openedAt = sim.stats().entries().size();
        sim.disable(null);
        await(() -> firstSuccessFrom(openedAt) >= 0, Duration.ofSeconds(10), "the task resumed after the 501 period");
        long recover = Duration.between(opened, sim.stats().entries().get(firstSuccessFrom(openedAt)).time()).toMillis();
        figures.put("recover_501_period_ms", recover);
        await(() -> "OK".equals(attribute("ApiState")), Duration.ofSeconds(10), "ApiState OK again over JMX");
        figures.put("jmx_state_after_501", attribute("ApiState"));
        assertThat(checks).as("checks while disabled (every 500 ms, not in a tight loop)").isBetween(2L, 20L);
    }

    /**
     * Stops the worker that runs the task: the task must move to another worker and resume from
     * the committed offsets.
     */
    private void workerLoss() throws InterruptedException {
        ConnectorStateInfo.TaskState task = connect.connectorStatus(name).tasks().get(0);
        String hostingWorker = task.workerId();
        WorkerHandle victim = connect.workers().stream()
                .filter(w -> hostingWorker.endsWith(":" + w.url().getPort()))
                .findFirst().orElseThrow(() -> new AssertionError("no worker " + hostingWorker + " in " + connect.workers()));
        long started = System.currentTimeMillis();
        connect.removeWorker(victim);
        long stopped = System.currentTimeMillis();
        int afterStop = sim.stats().entries().size();
        await(() -> {
            try {
                ConnectorStateInfo.TaskState now = connect.connectorStatus(name).tasks().get(0);
                return "RUNNING".equals(now.state()) && !hostingWorker.equals(now.workerId());
            } catch (RuntimeException notYet) {
                return false;
            }
        }, Duration.ofSeconds(60), "the task moved to another worker");
        long moved = System.currentTimeMillis();
        await(() -> firstSuccessFrom(afterStop) >= 0, Duration.ofSeconds(30), "the moved task made a request");
        long firstRequest = sim.stats().entries().get(firstSuccessFrom(afterStop)).time().toEpochMilli();
        // EmbeddedConnectCluster stops a worker gracefully: its tasks commit their offsets on the way out,
        // so even at-least-once has nothing to re-send. A hard crash cannot be staged inside one JVM.
        figures.put("worker_loss", "graceful_stop");
        figures.put("worker_loss_stop_ms", stopped - started);
        figures.put("worker_loss_task_running_elsewhere_ms", moved - started);
        figures.put("recover_worker_loss_ms", firstRequest - started);
        figures.put("workers_left", connect.workers().size());
        await(() -> longAttribute("RecordsProduced") > 0, Duration.ofSeconds(20), "the moved task wrote records");
        Thread.sleep(300);
    }

    private void metricsAtTheEnd() {
        for (String attribute : new String[] {"ApiState", "ListRequests", "GetRequests", "FailedRequests", "Retries",
            "RecordsProduced", "Cycles", "LastSuccessEpochMs", "CaptureLagMs", "WindowOverflows", "WindowSplits",
            "TrackedJobs", "StaleObservations"}) {
            figures.put("jmx_" + attribute, attribute(attribute));
        }
        assertThat(attribute("ApiState")).isEqualTo("OK");
        // After the worker loss the task is a new instance: its counters start there. It then met
        // 502 x2, 503 x2, malformed, truncated, empty, HTML, wrong shape, huge, slow past the timeout
        // and the 501 checks; OkHttp may silently repeat a request on a dropped connection, so allow one less.
        assertThat(longAttribute("FailedRequests")).as("failed requests after the worker loss").isGreaterThanOrEqualTo(11);
        assertThat(longAttribute("Retries")).as("retries after the worker loss").isGreaterThanOrEqualTo(10);
        assertThat(longAttribute("ListRequests")).isPositive();
        assertThat(System.currentTimeMillis() - longAttribute("LastSuccessEpochMs")).as("ms since the last success")
                .isLessThan(5_000);
        assertThat(longAttribute("CaptureLagMs")).as("capture lag at rest").isLessThan(5_000);
        assertThat(longAttribute("WindowOverflows")).as("window overflows").isZero();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private String attribute(String attribute) {
        try {
            ObjectName mbean = new ObjectName("app.phaseo.connect:type=phaseo-videos-task,connector="
                    + ObjectName.quote(name) + ",task=0");
            return String.valueOf(ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, attribute));
        } catch (JMException e) {
            return "";
        }
    }

    private long longAttribute(String attribute) {
        String text = attribute(attribute);
        return text.isEmpty() ? -1 : Long.parseLong(text);
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    static boolean everyJobFinal(PhaseoSimulator sim, List<ConnectFixture.Seen> seen) {
        Set<String> finals = seen.stream().filter(s -> "true".equals(s.headers().get("phaseo.final")))
                .map(ConnectFixture.Seen::id).collect(Collectors.toSet());
        return finals.containsAll(sim.jobIds()) && sim.jobIds().stream().allMatch(sim::isFinal);
    }

    /** One parseable line per mode, on stdout and in target/fault-it-figures.txt (other modes' lines kept). */
    private void writeFigures() throws IOException {
        String line = "FAULT-IT-FIGURES " + figures.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        System.out.println(line);
        List<String> lines = new ArrayList<>();
        if (Files.exists(FIGURES_FILE)) {
            for (String existing : Files.readAllLines(FIGURES_FILE)) {
                if (!existing.startsWith("FAULT-IT-FIGURES mode=" + mode + " ")) {
                    lines.add(existing);
                }
            }
        }
        lines.add(line);
        if (Files.isDirectory(FIGURES_FILE.getParent())) {
            Files.write(FIGURES_FILE, lines);
        }
    }
}
