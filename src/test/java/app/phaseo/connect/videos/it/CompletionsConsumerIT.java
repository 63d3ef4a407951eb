package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.RequestStats;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.Recipes;
import app.phaseo.connect.videos.testkit.Recipes.Recipe;
import app.phaseo.examples.completions.CompletionsService;
import app.phaseo.examples.completions.HandledIds;
import app.phaseo.examples.completions.IdempotentHandling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path docs/RECIPES.md's completions service describes, end to end: the connector
 * runs the {@code completions-only.properties} recipe with {@code exactly.once.support=required} on
 * two workers with {@code exactly.once.source.support=enabled}, and the example service of
 * {@code examples/completions-consumer} handles what it writes. The worker running the task is
 * stopped while jobs are in flight (the task moves to the other worker, then a worker joins again),
 * and the service itself is stopped and restarted under the same group. Every completion the
 * simulator produced is handled exactly once; a replay of the whole topic under a new group into
 * the same store of handled ids handles nothing again.
 *
 * <p>{@code EmbeddedConnectCluster} stops a worker gracefully (its task commits on the way out); a
 * hard crash, where at-least-once workers would write the last batch again, cannot be staged in one
 * JVM. What this run shows beyond that: the worker accepts {@code exactly.once.support=required}
 * and the task writes in transactions, and the service's reads, commits and store hold across
 * restarts and a replay.
 */
class CompletionsConsumerIT {

    private static final String CONNECTOR = "completions-eos";
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired");
    private static EmbeddedConnectCluster connect;

    @TempDir
    Path dir;

    /** Every call of the service's handler, across the service's runs, in order. */
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startCluster() {
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        connect = ConnectFixture.startCluster("completions-exactly-once", 2,
                Map.of("exactly.once.source.support", "enabled"), broker);
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void eachCompletionIsHandledOnceAcrossAWorkerRestartAndAReplayHandlesNothingTwice() throws Exception {
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC())
                .seed(41).profile(LifecycleProfile.fast()).workload(Workload.none()).build().start()) {
            long started = System.currentTimeMillis();
            Recipe recipe = Recipes.named("completions-only.properties");
            String topic = recipe.config().get("topic");
            connect.configureConnector(CONNECTOR, exactlyOnce(recipe, sim));
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "connector did not start");
            // backfill.mode=none: jobs created after the first scan are the live events the recipe is for.
            await(() -> sim.stats().count(RequestStats.LIST) > 0, Duration.ofSeconds(30), "the connector's first scan");
            Path store = dir.resolve("handled-completions.txt");

            Running first = Running.start(store, topic, "completions-service", handled);
            sim.createJobs(12);
            await(() -> !handled.isEmpty(), Duration.ofSeconds(30), "a first completion handled");
            int beforeTheMove = handled.size();
            long moveStarted = System.currentTimeMillis();
            String from = moveTheTask(sim);
            long moveMs = System.currentTimeMillis() - moveStarted;
            int beforeTheServiceRestart = handled.size();
            first.stop();
            Running second = Running.start(store, topic, "completions-service", handled);
            sim.createJobs(12);
            // A terminal status never changes again: once every job has one, the completions are all known.
            await(() -> sim.jobIds().stream().allMatch(id -> TERMINAL.contains(status(sim, id))), Duration.ofSeconds(60),
                    "every job in a terminal status");

            Set<String> completed = sim.jobIds().stream().filter(id -> "completed".equals(status(sim, id)))
                    .collect(Collectors.toSet());
            assertThat(completed).as("jobs that completed").hasSizeGreaterThan(beforeTheMove);
            await(() -> handled.size() >= completed.size(), Duration.ofSeconds(30), "every completion handled");
            Thread.sleep(2_000); // a duplicate, if the topic held one, would arrive now
            second.stop();

            assertThat(handled).as("handled completions").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(completed);
            assertThat(connect.connectorStatus(CONNECTOR).tasks().get(0).workerId()).as("the task left %s", from)
                    .isNotEqualTo(from);
            assertThat(transactionalIds()).as("the task wrote in transactions (exactly-once in effect)")
                    .anyMatch(id -> id.contains(CONNECTOR));
            assertThat(first.handling.alreadyHandledCount() + second.handling.alreadyHandledCount())
                    .as("completions the group read twice (a duplicate in the topic, or a restart before the commit)")
                    .isZero();
            assertThat(first.handling.recordsRead() + second.handling.recordsRead())
                    .as("records the group read: the recipe lets only completions through").isEqualTo(completed.size());
            assertThat(second.handling.handledCount()).as("handled by the restarted service").isPositive();
            assertThat(handled.size()).as("handled after the worker left").isGreaterThan(beforeTheServiceRestart);
            System.out.printf("COMPLETIONS-IT completed=%d handled_before_worker_stop=%d handled_by_first_service=%d"
                            + " handled_by_second_service=%d task_move_ms=%d wall_ms=%d%n", completed.size(), beforeTheMove,
                    first.handling.handledCount(), second.handling.handledCount(), moveMs,
                    System.currentTimeMillis() - started);

            // The idempotence: the whole topic again, under a new group, into the same store.
            Running replay = Running.start(store, topic, "completions-replay", handled);
            await(() -> replay.handling.recordsRead() >= completed.size(), Duration.ofSeconds(30), "the replay read the topic");
            Thread.sleep(1_000);
            replay.stop();
            assertThat(replay.handling.recordsRead()).as("records replayed").isEqualTo(completed.size());
            assertThat(replay.handling.alreadyHandledCount()).as("replayed completions found handled").isEqualTo(completed.size());
            assertThat(replay.handling.handledCount()).as("completions handled again by the replay").isZero();
            assertThat(handled).as("handled completions after the replay").hasSize(completed.size());
            assertThat(Files.readAllLines(store)).as("the store").containsExactlyInAnyOrderElementsOf(completed);
            connect.deleteConnector(CONNECTOR);
        }
    }

    /** The transactional ids the broker knows: the worker gives each exactly-once task its own. */
    private static List<String> transactionalIds() throws Exception {
        try (Admin admin = connect.kafka().createAdminClient()) {
            return admin.listTransactions().all().get().stream().map(TransactionListing::transactionalId).toList();
        }
    }

    private static String status(PhaseoSimulator sim, String id) {
        return sim.render(id).path("status").asText();
    }

    /** The recipe on the simulator, with exactly-once required: the worker refuses to run it otherwise. */
    private static Map<String, String> exactlyOnce(Recipe recipe, PhaseoSimulator sim) {
        Map<String, String> config = recipe.resolved("unused-with-the-simulator");
        config.remove("name");
        String partitions = config.get("topic.creation.default.partitions");
        ConnectFixture.onSimulator(config, sim);
        config.put("topic.creation.default.partitions", partitions); // the recipe's own: one broker can hold them
        config.put("exactly.once.support", "required");
        return config;
    }

    /**
     * Stops the worker running the task while jobs are in flight, waits until the task runs on the
     * other worker, creates jobs meanwhile, and starts a worker again. Returns the stopped worker's id.
     */
    private static String moveTheTask(PhaseoSimulator sim) throws InterruptedException {
        String hosting = connect.connectorStatus(CONNECTOR).tasks().get(0).workerId();
        WorkerHandle victim = connect.workers().stream().filter(w -> hosting.endsWith(":" + w.url().getPort()))
                .findFirst().orElseThrow(() -> new AssertionError("no worker " + hosting + " in " + connect.workers()));
        connect.removeWorker(victim);
        sim.createJobs(12);
        await(() -> {
            try {
                ConnectorStateInfo.TaskState task = connect.connectorStatus(CONNECTOR).tasks().get(0);
                return "RUNNING".equals(task.state()) && !hosting.equals(task.workerId());
            } catch (RuntimeException notYet) {
                return false;
            }
        }, Duration.ofSeconds(60), "the task running on the other worker");
        connect.addWorker();
        return hosting;
    }

    /** One run of the example service on its own thread, with its own consumer and the shared store file. */
    private record Running(CompletionsService service, IdempotentHandling handling, HandledIds store, Thread thread,
                           List<Throwable> failures) {

        static Running start(Path store, String topic, String group, List<String> handled) throws Exception {
            HandledIds ids = HandledIds.open(store);
            IdempotentHandling handling = new IdempotentHandling(ids, c -> handled.add(c.videoId()));
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                    CompletionsService.consumerConfig(connect.kafka().bootstrapServers(), group));
            CompletionsService service = new CompletionsService(consumer, topic, handling);
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            Thread thread = new Thread(service, "completions-" + group);
            thread.setUncaughtExceptionHandler((t, e) -> failures.add(e));
            thread.start();
            return new Running(service, handling, ids, thread, failures);
        }

        void stop() throws Exception {
            service.stop();
            thread.join(10_000);
            assertThat(thread.isAlive()).as("the service stopped").isFalse();
            store.close();
            assertThat(failures).as("the service's run ended without an error").isEmpty();
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
