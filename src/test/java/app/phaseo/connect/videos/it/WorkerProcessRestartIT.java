package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.RequestStats;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.Recipes;
import app.phaseo.connect.videos.testkit.TopicAudit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Offsets across real worker restarts: each Connect worker runs as a JVM of its own
 * ({@link WorkerProcess}, the connector loaded from the packaged plugin folder), is stopped with
 * SIGTERM once and killed with SIGKILL three times at seeded random moments, and every time comes back
 * in a new JVM, whose {@code Map.of} iteration order may differ from the old one's, while the
 * simulators keep creating jobs in seeded random bursts and finishing them in real time.
 *
 * <p>Two workers run side by side on one broker in this JVM, restarted at the same moments: an
 * at-least-once worker and one with {@code exactly.once.source.support=enabled}. Each runs two
 * connectors: the full stream (raw JSON; on the exactly-once worker with
 * {@code exactly.once.support=required}) and the recipe {@code config/completions-only.properties}
 * as written (only the API URL, key, loopback permission and topic changed), each against a
 * simulator of its own. The restarts begin once the recipe's connector has stored its first offset
 * (Connect stores none for the records its Filter drops, so until its first completion a restart
 * starts it over from "now"; see the recipe). The run happens once ({@link #run()}); each test
 * asserts one promise.
 *
 * <p><b>How at-least-once repeats are bounded.</b> The topics are created with
 * {@code message.timestamp.type=LogAppendTime}, and so is the worker's offsets topic, so the broker
 * stamps every data record and every offset commit with its own clock when it appends them; the
 * restarts are stamped with the same clock (the broker runs in this JVM), at the moment the new JVM
 * is launched, after the old one has died. For a kill, let {@code L} be the last offset commit of the
 * connector appended before that moment and {@code P} the one before {@code L}. The worker takes the
 * offsets it commits in {@code L} from the records the broker had acknowledged when {@code L}'s flush
 * began, and that flush began after {@code P} had been written (one task's flushes run one after the
 * other, {@code offset.flush.interval.ms} apart). So, given that an acknowledgement reaches the worker
 * within that interval, every record appended no later than {@code P} is covered by {@code L}, and the
 * task that resumes from {@code L} must never send it again; what was appended after {@code P} may come
 * again. This is the {@link TopicAudit.Crash} handed to the audit: {@code committed} = the last record
 * appended at or before {@code P}, {@code durable} = the last record before the restart,
 * {@code resumedAt} = the next one. A repeat outside such a window is a duplicate. (Bounding by
 * {@code L} itself would be tighter but unsound: records acknowledged while {@code L} was being
 * written are appended before it without being covered by it.) The graceful restart comes first and
 * gets no window, so the part of the topic before the first kill must hold no repeat at all.
 *
 * <p>Besides the topics, each new JVM's log must show every task that had an offset stored before
 * the restart resuming from it (cycle above 0), the direct symptom of the bug this test was written for: a source partition
 * serialized in an order that changed with the JVM, so that a worker restarted in a new JVM did not
 * find its offsets and streamed everything again.
 *
 * <p>The seed is printed; {@code -Dphaseo.restart.seed=<seed>} replays the same kill moments and
 * bursts (the JVMs' own iteration orders are not the seed's to choose).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerProcessRestartIT {

    static final String SEED_PROPERTY = "phaseo.restart.seed";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final int KILLS = 3;
    private static final Pattern RESUMED = Pattern.compile(
            "Streaming Phaseo videos of workspace '([^']*)'.*\\(resuming at cycle (\\d+), (\\d+) jobs remembered");

    private final long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
    private final Random random = new Random(seed);
    private final List<Restart> restarts = new ArrayList<>();
    private EmbeddedKafkaCluster kafka;
    private Side atLeastOnce;
    private Side exactlyOnce;
    private ScheduledExecutorService creator;

    private enum Kind { GRACEFUL, KILL }

    /** A restart of both workers: all records of the JVMs before it were appended before {@code boundary}. */
    private record Restart(Kind kind, Instant boundary) {
    }

    /** An offset commit of a connector, as the broker stamped it in the offsets topic. */
    private record Commit(String connector, long appendTime) {
    }

    @BeforeAll
    void run() throws Exception {
        long started = System.currentTimeMillis();
        System.out.printf("WorkerProcessRestartIT seed=%d (replay with -D%s=%d)%n", seed, SEED_PROPERTY, seed);
        Path pluginDir = Path.of(System.getProperty("phaseo.plugin.dir", "target/missing"));
        assertThat(pluginDir).as("the plugin folder built by 'mvn package'").isDirectory();
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("group.min.session.timeout.ms", "1000");
        kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        atLeastOnce = new Side("alo", false, pluginDir);
        exactlyOnce = new Side("eos", true, pluginDir);
        List<Side> sides = List.of(atLeastOnce, exactlyOnce);

        for (Side side : sides) {
            side.worker.start();
        }
        for (Side side : sides) {
            side.createConnectors();
        }
        for (Side side : sides) {
            side.awaitRunning();
            // backfill.mode=none: the recipe's connector streams what happens after its first scan.
            WorkerProcess.awaitTrue(() -> side.completionsSim.stats().count(RequestStats.LIST) > 0, START_TIMEOUT,
                    side.completions + "'s first scan");
        }
        startCreatingJobs(sides);
        // Kafka Connect stores no source offset for a record a transform drops (KAFKA-15296; in 4.3.1 neither
        // WorkerSourceTask nor ExactlyOnceWorkerSourceTask hands a dropped record's offset to the offset writer),
        // so the recipe's connector has no stored offset until its first completion passes the Filter. A task
        // that starts without one takes a new baseline "from now on" (backfill.mode=none) and misses what
        // completed while it was down: docs/RECORDS.md and the recipe say so. The restarts begin once each recipe
        // connector has stored an offset; without this wait, the recipe's 5 s poll interval against JVMs that
        // live 2-5 s (the exactly-once tasks start about 2 s later, after fencing) left completions-eos without
        // one through all its JVMs (seed 3386408695892).
        for (Side side : sides) {
            side.completionsSim.createJob();
        }
        for (Side side : sides) {
            WorkerProcess.awaitTrue(() -> side.readCommits().stream().anyMatch(c -> c.connector().equals(side.completions)),
                    START_TIMEOUT, side.completions + "'s first stored offset (its first completion)");
        }

        restartAll(sides, Kind.GRACEFUL);
        for (int i = 0; i < KILLS; i++) {
            restartAll(sides, Kind.KILL);
        }
        Thread.sleep(1_000 + random.nextInt(1_000));
        creator.shutdown();
        assertThat(creator.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        for (Side side : sides) {
            side.collect();
        }
        System.out.printf("WORKER-RESTART-IT seed=%d restarts=%s jobs_alo=%d/%d jobs_eos=%d/%d records_alo=%d records_eos=%d "
                        + "completions_alo=%d completions_eos=%d wall_ms=%d%n", seed,
                restarts.stream().map(r -> r.kind().name().toLowerCase()).collect(Collectors.joining(",")),
                atLeastOnce.videosSim.jobIds().size(), atLeastOnce.completionsSim.jobIds().size(),
                exactlyOnce.videosSim.jobIds().size(), exactlyOnce.completionsSim.jobIds().size(),
                atLeastOnce.videosTopic.size(), exactlyOnce.videosTopic.size(), atLeastOnce.completionsTopic.size(),
                exactlyOnce.completionsTopic.size(), System.currentTimeMillis() - started);
    }

    @AfterAll
    void stop() {
        if (creator != null) {
            creator.shutdownNow();
        }
        for (Side side : new Side[] {atLeastOnce, exactlyOnce}) {
            if (side != null) {
                side.close();
            }
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    // ---- the promises ----------------------------------------------------------------------------

    @Test
    void everyTaskInANewJvmResumesFromItsStoredOffset() throws IOException {
        for (Side side : List.of(atLeastOnce, exactlyOnce)) {
            List<Path> logs = side.worker.logs();
            assertThat(logs).as("JVMs of %s", side.name).hasSize(restarts.size() + 1);
            Map<String, String> connectorOf = Map.of(side.videosWorkspace(), side.videos, side.completionsWorkspace(),
                    side.completions);
            int resumed = 0;
            for (int jvm = 0; jvm < logs.size(); jvm++) {
                Map<String, List<Long>> cycles = resumedCycles(logs.get(jvm));
                assertThat(cycles.keySet()).as("tasks started in %s (seed %d)", logs.get(jvm), seed)
                        .containsExactlyInAnyOrderElementsOf(connectorOf.keySet());
                for (Map.Entry<String, List<Long>> started : cycles.entrySet()) {
                    if (jvm == 0) {
                        assertThat(started.getValue()).as("%s in the first JVM starts fresh", started.getKey())
                                .containsOnly(0L);
                    } else if (side.committedBefore(connectorOf.get(started.getKey()), restarts.get(jvm - 1).boundary())) {
                        // An offset was stored before this JVM started: the task must have found it.
                        assertThat(started.getValue()).as("cycles %s resumed from in %s, after a %s (seed %d)",
                                        started.getKey(), logs.get(jvm), restarts.get(jvm - 1).kind(), seed)
                                .allMatch(cycle -> cycle > 0);
                        resumed++;
                    }
                }
            }
            assertThat(resumed).as("task starts in a new JVM with an offset to find, on %s", side.name)
                    .isGreaterThanOrEqualTo(restarts.size());
        }
    }

    @Test
    void atLeastOnceDeliversEveryFinalStateAndRepeatsOnlyWhatFollowedTheLastCommitBeforeAKill() {
        List<TopicAudit.Crash> crashes = atLeastOnce.crashWindows();
        assertThat(crashes).hasSize(KILLS);
        TopicAudit.Report report = TopicAudit.audit(written(atLeastOnce.videosTopic), atLeastOnce.videosSim, Set.of(),
                Set.of(), crashes);
        System.out.printf("WorkerProcessRestartIT at-least-once (seed %d): %s; crash windows %s%n", seed, report, crashes);

        assertThat(report.duplicates()).as("repeats not allowed by any crash window (seed %d): %s", seed, report).isEmpty();
        assertThat(report.missingFinal()).as("final states missing (seed %d): %s", seed, report).isEmpty();
        assertThat(report.outOfOrder()).as("out of order (seed %d): %s", seed, report).isEmpty();
        assertThat(report.unmatched()).as("states no job had (seed %d): %s", seed, report).isEmpty();
        assertThat(report.finalJobs()).as("final jobs checked").isEqualTo(atLeastOnce.videosSim.jobIds().size());
    }

    @Test
    void aGracefulRestartInANewJvmRepeatsNothing() {
        Instant firstKill = restarts.stream().filter(r -> r.kind() == Kind.KILL).findFirst().orElseThrow().boundary();
        for (Side side : List.of(atLeastOnce, exactlyOnce)) {
            List<ConnectFixture.Seen> beforeTheKills = side.videosTopic.stream()
                    .filter(s -> s.timestamp() < firstKill.toEpochMilli()).toList();
            long afterGraceful = beforeTheKills.stream()
                    .filter(s -> s.timestamp() >= restarts.get(0).boundary().toEpochMilli()).count();
            assertThat(afterGraceful).as("%s records written after the graceful restart", side.name).isPositive();

            TopicAudit.Report report = TopicAudit.audit(written(beforeTheKills), side.videosSim, Set.of());

            assertThat(report.duplicates()).as("%s: repeats across the graceful restart (seed %d): %s", side.name, seed,
                    report).isEmpty();
            assertThat(report.outOfOrder()).as("%s: out of order (seed %d)", side.name, seed).isEmpty();
        }
    }

    @Test
    void exactlyOnceDeliversEveryFinalStateOnceAcrossTheKills() {
        TopicAudit.Report report = TopicAudit.audit(written(exactlyOnce.videosTopic), exactlyOnce.videosSim, Set.of());
        System.out.printf("WorkerProcessRestartIT exactly-once (seed %d): %s%n", seed, report);

        assertThat(report.duplicates()).as("duplicates a read_committed reader sees (seed %d): %s", seed, report).isEmpty();
        assertThat(report.missingFinal()).as("final states missing (seed %d): %s", seed, report).isEmpty();
        assertThat(report.outOfOrder()).as("out of order (seed %d): %s", seed, report).isEmpty();
        assertThat(report.unmatched()).as("states no job had (seed %d): %s", seed, report).isEmpty();
        assertThat(report.finalJobs()).as("final jobs checked").isEqualTo(exactlyOnce.videosSim.jobIds().size());
    }

    @Test
    void completionsRecipeDeliversEveryCompletionOnceWithExactlyOnceAndNoneLostWithout() {
        Map<String, Long> exactly = completionsById(exactlyOnce.completionsTopic);
        assertThat(exactly.keySet()).as("completions on the exactly-once worker (seed %d)", seed)
                .containsExactlyInAnyOrderElementsOf(exactlyOnce.completedJobs());
        assertThat(exactly).as("each completion once (seed %d)", seed).allSatisfy((id, count) -> assertThat(count).isOne());

        Map<String, Long> atLeast = completionsById(atLeastOnce.completionsTopic);
        assertThat(atLeast.keySet()).as("completions on the at-least-once worker (seed %d)", seed)
                .containsExactlyInAnyOrderElementsOf(atLeastOnce.completedJobs());
        System.out.printf("WorkerProcessRestartIT completions (seed %d): exactly-once %d jobs, at-least-once %d jobs, "
                        + "%d repeated%n", seed, exactly.size(), atLeast.size(),
                atLeast.values().stream().filter(c -> c > 1).count());
    }

    // ---- the run ----------------------------------------------------------------------------------

    /**
     * After a random while, stops (SIGTERM) or kills (SIGKILL) both workers at once, then starts each
     * in a new JVM and waits until its connectors run there again.
     */
    private void restartAll(List<Side> sides, Kind kind) throws Exception {
        Thread.sleep(2_000 + random.nextInt(3_000));
        for (Side side : sides) {
            if (kind == Kind.KILL) {
                side.worker.kill();
            } else {
                side.worker.stopGracefully();
            }
        }
        restarts.add(new Restart(kind, Instant.now()));
        for (Side side : sides) {
            side.worker.start();
        }
        for (Side side : sides) {
            side.awaitRunning();
        }
    }

    /** Every second, on each simulator: now and then a burst of 3–5 jobs, else one job about every third tick. */
    private void startCreatingJobs(List<Side> sides) {
        Random bursts = new Random(seed ^ 0x5DEECE66DL);
        List<PhaseoSimulator> sims = sides.stream().flatMap(s -> java.util.stream.Stream.of(s.videosSim, s.completionsSim))
                .toList();
        creator = Executors.newSingleThreadScheduledExecutor();
        creator.scheduleAtFixedRate(() -> {
            for (PhaseoSimulator sim : sims) {
                double draw = bursts.nextDouble();
                if (draw < 0.05) {
                    sim.createJobs(3 + bursts.nextInt(3));
                } else if (draw < 0.35) {
                    sim.createJob();
                }
            }
        }, 0, 1_000, TimeUnit.MILLISECONDS);
    }

    /** One worker (one JVM at a time) and its two connectors, each against a simulator of its own. */
    private final class Side implements AutoCloseable {

        final String name;
        final boolean exactlyOnceWorker;
        final WorkerProcess worker;
        final PhaseoSimulator videosSim;
        final PhaseoSimulator completionsSim;
        final String videos;
        final String completions;
        List<ConnectFixture.Seen> videosTopic;
        List<ConnectFixture.Seen> completionsTopic;
        List<Commit> commits;

        Side(String name, boolean exactlyOnceWorker, Path pluginDir) {
            this.name = name;
            this.exactlyOnceWorker = exactlyOnceWorker;
            this.videos = "videos-" + name;
            this.completions = "completions-" + name;
            long sideSeed = seed + name.hashCode();
            this.videosSim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC())
                    .seed(sideSeed).profile(LifecycleProfile.fast()).preexisting(20, Duration.ofHours(1))
                    .workload(Workload.none()).build().start();
            this.completionsSim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC())
                    .seed(sideSeed + 1).profile(LifecycleProfile.fast()).workload(Workload.none()).build().start();
            Map<String, String> appendTime = Map.of("message.timestamp.type", "LogAppendTime");
            kafka.createTopic(videos, 1, 1, appendTime);
            kafka.createTopic(completions, 1, 1, appendTime);
            kafka.createTopic(WorkerProcess.offsetsTopic(name), 1, 1,
                    Map.of("cleanup.policy", "compact", "message.timestamp.type", "LogAppendTime"));
            this.worker = WorkerProcess.configure(name, kafka.bootstrapServers(), pluginDir,
                    exactlyOnceWorker ? Map.of("exactly.once.source.support", "enabled") : Map.of());
        }

        String videosWorkspace() {
            return "it-" + videos;
        }

        String completionsWorkspace() {
            return Recipes.named("completions-only.properties").config().get("phaseo.workspace");
        }

        void createConnectors() throws InterruptedException {
            Map<String, String> stream = ConnectFixture.rawJsonConnector(videosSim, videos);
            if (exactlyOnceWorker) {
                stream.put("exactly.once.support", "required");
            }
            worker.putConnector(videos, stream, START_TIMEOUT);

            // The recipe as written; only where it connects to changes.
            Map<String, String> recipe = Recipes.named("completions-only.properties").resolved(completionsSim.apiKey());
            recipe.remove("name");
            recipe.put("phaseo.api.url", completionsSim.baseUrl());
            recipe.put("phaseo.api.allow.insecure.loopback", "true");
            recipe.put("topic", completions);
            worker.putConnector(completions, recipe, START_TIMEOUT);
        }

        void awaitRunning() throws InterruptedException {
            worker.awaitRunning(videos, 1, START_TIMEOUT);
            worker.awaitRunning(completions, 1, START_TIMEOUT);
        }

        /**
         * Waits until every job is final and both topics show it (at most the settle timeout each), then
         * reads them and the offsets topic.
         */
        void collect() throws Exception {
            WorkerProcess.awaitTrue(() -> allFinal(videosSim) && allFinal(completionsSim), SETTLE_TIMEOUT,
                    "every job of " + name + " final");
            Set<String> completed = completedJobs();
            videosTopic = readUntil(videos, s -> finalIds(s).containsAll(videosSim.jobIds()));
            completionsTopic = readUntil(completions, s -> s.stream().map(ConnectFixture.Seen::id)
                    .collect(Collectors.toSet()).containsAll(completed));
            commits = readCommits();
            System.out.printf("WorkerProcessRestartIT %s: %s read_committed %d records, read_uncommitted %d; status %s%n",
                    name, completions, completionsTopic.size(), readPartition(completions, "read_uncommitted").size(),
                    worker.status(completions));
        }

        /** Whether the worker's offsets topic holds a (committed) offset of {@code connector} appended before {@code at}. */
        boolean committedBefore(String connector, Instant at) {
            return commits.stream().anyMatch(c -> c.connector().equals(connector) && c.appendTime() < at.toEpochMilli());
        }

        Set<String> completedJobs() {
            return completionsSim.jobIds().stream()
                    .filter(id -> "completed".equals(completionsSim.render(id).path("status").asText()))
                    .collect(Collectors.toSet());
        }

        /** One crash window per kill, as explained in the class comment. */
        List<TopicAudit.Crash> crashWindows() {
            List<TopicAudit.Crash> windows = new ArrayList<>();
            for (Restart restart : restarts) {
                if (restart.kind() != Kind.KILL) {
                    continue;
                }
                long boundary = restart.boundary().toEpochMilli();
                List<Commit> before = commits.stream().filter(c -> c.connector().equals(videos) && c.appendTime() < boundary)
                        .toList();
                long covered = before.size() < 2 ? Long.MIN_VALUE : before.get(before.size() - 2).appendTime();
                int committed = lastIndex(videosTopic, t -> t <= covered);
                int durable = lastIndex(videosTopic, t -> t < boundary);
                windows.add(new TopicAudit.Crash(committed, durable, durable + 1));
            }
            return windows;
        }

        /**
         * Reads {@code topic} until {@code done} holds for it or the settle timeout passes, and returns
         * the last read either way: what is missing then is for the tests to name.
         */
        private List<ConnectFixture.Seen> readUntil(String topic, Predicate<List<ConnectFixture.Seen>> done)
                throws InterruptedException {
            long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT.toMillis();
            List<ConnectFixture.Seen> seen = read(topic);
            while (!done.test(seen) && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                seen = read(topic);
            }
            return seen;
        }

        /** The whole topic as a read_committed consumer sees it, in offset order. */
        private List<ConnectFixture.Seen> read(String topic) {
            List<ConnectFixture.Seen> seen = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readPartition(topic)) {
                assertThat(r.timestampType()).as("timestamps of %s", topic).isEqualTo(TimestampType.LOG_APPEND_TIME);
                seen.add(toSeen(r));
            }
            return seen;
        }

        /** The offset commits in the worker's offsets topic; the key is {@code [connector, partition]}. */
        private List<Commit> readCommits() throws IOException {
            List<Commit> found = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readPartition(WorkerProcess.offsetsTopic(name))) {
                assertThat(r.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
                JsonNode key = ConnectFixture.JSON.readTree(r.key());
                if (r.value() != null && key.isArray()) {
                    found.add(new Commit(key.get(0).asText(), r.timestamp()));
                }
            }
            return found;
        }

        private List<ConsumerRecord<byte[], byte[]>> readPartition(String topic) {
            return readPartition(topic, "read_committed");
        }

        private List<ConsumerRecord<byte[], byte[]>> readPartition(String topic, String isolation) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumer(props)) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                long deadline = System.currentTimeMillis() + 30_000;
                while (consumer.position(partition) < end && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        records.add(r);
                    }
                }
            }
            return records;
        }

        @Override
        public void close() {
            worker.close();
            videosSim.close();
            completionsSim.close();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static boolean allFinal(PhaseoSimulator sim) {
        return sim.jobIds().stream().allMatch(sim::isFinal);
    }

    private static Set<String> finalIds(List<ConnectFixture.Seen> seen) {
        return seen.stream().filter(s -> "true".equals(s.headers().get("phaseo.final"))).map(ConnectFixture.Seen::id)
                .collect(Collectors.toSet());
    }

    private static Map<String, Long> completionsById(List<ConnectFixture.Seen> seen) {
        assertThat(seen).allSatisfy(r -> assertThat(r.headers()).containsEntry("video.completed", r.id()));
        return seen.stream().collect(Collectors.groupingBy(ConnectFixture.Seen::id, TreeMap::new, Collectors.counting()));
    }

    private static List<TopicAudit.Written> written(List<ConnectFixture.Seen> seen) {
        return seen.stream().map(s -> new TopicAudit.Written(s.id(), s.video())).toList();
    }

    private static int lastIndex(List<ConnectFixture.Seen> topic, java.util.function.LongPredicate appendedWhen) {
        int last = -1;
        for (int i = 0; i < topic.size(); i++) {
            if (appendedWhen.test(topic.get(i).timestamp())) {
                last = i;
            }
        }
        return last;
    }

    /** The cycle each task started at, by workspace, from the connector's start line in one JVM's log. */
    private static Map<String, List<Long>> resumedCycles(Path log) throws IOException {
        Map<String, List<Long>> cycles = new TreeMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = RESUMED.matcher(line);
            if (m.find()) {
                cycles.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
            }
        }
        return cycles;
    }

    private static ConnectFixture.Seen toSeen(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        ObjectNode video = null;
        if (r.value() != null) {
            try {
                video = (ObjectNode) ConnectFixture.JSON.readTree(r.value());
            } catch (IOException e) {
                throw new AssertionError("A record value is not the job's JSON", e);
            }
        }
        return new ConnectFixture.Seen(new String(r.key(), StandardCharsets.UTF_8), video, headers, r.timestamp(),
                r.offset());
    }
}
