package app.phaseo.connect.videos;

import static app.phaseo.connect.videos.TaskHarness.header;
import static app.phaseo.connect.videos.TaskHarness.id;
import static app.phaseo.connect.videos.TaskHarness.metric;
import static app.phaseo.connect.videos.TaskHarness.props;
import static app.phaseo.connect.videos.TaskHarness.tracked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.VideoIds;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.SourcePartition;
import app.phaseo.connect.videos.offset.TrackedJob;
import app.phaseo.connect.videos.record.RecordFactory;
import app.phaseo.connect.videos.schema.VideoSchemas;
import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.Fault;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.RequestStats;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.LogCapture;
import app.phaseo.connect.videos.testkit.TaskContexts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The task at the Connect boundary: start, poll and stop as a worker calls them, against the
 * simulator over real HTTP, in virtual time (real time only where waiting itself is tested).
 */
class PhaseoVideosSourceTaskTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Set<String> KINDS = Set.of("snapshot", "created", "updated", "terminal", "final");

    private final MutableClock clock = new MutableClock(T0);
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    /** When the simulator's workload has created its last job. */
    private Instant workloadEnd = T0;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private PhaseoSimulator simulator(SimBehavior behavior, int preexisting, Duration load, double jobsPerSecond, long seed) {
        workloadEnd = T0.plus(load);
        Workload workload = Workload.steady(jobsPerSecond, load, seed);
        // Each test here injects the failures it is about: the gateway's flickering 401/501 and its deletions
        // (a documented-behaviour job deleted before its final state can never be read) have their own tests
        // (FlickerTest, PacerTest, RandomizedLifecycleTest, which runs with both on).
        PhaseoSimulator sim = PhaseoSimulator.builder().behavior(behavior).clock(clock).seed(17).noFlicker()
                .profile(LifecycleProfile.fast().toBuilder().webhookFailureRate(0.3).deletedRate(0).build())
                .preexisting(preexisting, Duration.ofHours(6))
                .workload(workload)
                .build().start();
        cleanup.add(sim);
        return sim;
    }

    private PhaseoSimulator busySimulator() {
        return simulator(SimBehavior.GATEWAY_CODE, 10, Duration.ofSeconds(25), 1, 17);
    }

    private TaskHarness start(PhaseoSimulator sim, Map<String, String> props, Map<String, ?> storedOffset) {
        TaskHarness h = TaskHarness.started(clock, sim, props, storedOffset);
        cleanup.add(h::stop);
        return h;
    }

    private TaskHarness start(PhaseoSimulator sim, String... overrides) {
        return start(sim, props(sim, overrides), null);
    }

    /** The workload is over, every job is final, and each one's final state is its last record. */
    private boolean allCaptured(List<SourceRecord> records, PhaseoSimulator sim) {
        return clock.instant().isAfter(workloadEnd) && everyFinalStateCaptured(records, sim);
    }

    /**
     * Every job's final state is the last record of it. A job whose billing mark the gateway postpones for
     * good is never final: once terminal, its current state must be its last record, but for the
     * {@code completed_at} the gateway rewrites at every claim (the fingerprint leaves it out while unbilled).
     */
    static boolean everyFinalStateCaptured(List<SourceRecord> records, PhaseoSimulator sim) {
        for (String id : sim.jobIds()) {
            boolean isFinal = sim.isFinal(id);
            boolean stuck = !isFinal && sim.isBillingStuck(id) && app.phaseo.connect.videos.model.VideoStatus
                    .fromWire(sim.render(id).path("status").asText(null)).isTerminal();
            if (!isFinal && !stuck) {
                return false;
            }
            List<SourceRecord> mine = TaskHarness.of(records, id);
            if (mine.isEmpty()) {
                return false;
            }
            TrackedJob last = tracked(mine.get(mine.size() - 1));
            if (last.isFinal() != isFinal || last.fingerprint() != TaskHarness.FINGERPRINTER.fingerprint(sim.render(id))) {
                return false;
            }
        }
        return true;
    }

    static void assertNoRepeats(List<SourceRecord> records) {
        Map<String, Long> lastFingerprint = new java.util.HashMap<>();
        for (SourceRecord record : records) {
            long fp = tracked(record).fingerprint();
            Long previous = lastFingerprint.put(id(record), fp);
            if (previous != null) {
                assertThat(previous.longValue()).as("a record repeating the previous state of %s", id(record)).isNotEqualTo(fp);
            }
        }
    }

    @Nested
    class Records {

        @ParameterizedTest
        @ValueSource(strings = {"struct", "string"})
        void shouldCarryKeyValueTimestampHeadersAndTheirOffset(String keyFormat) throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            TaskHarness h = start(sim, PhaseoVideosConfig.KEY_FORMAT, keyFormat);

            h.pollUntil(() -> allCaptured(h.records, sim), Duration.ofMinutes(5));

            Set<String> kinds = new HashSet<>();
            Set<String> events = new HashSet<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < h.records.size(); i++) {
                SourceRecord r = h.records.get(i);
                String id = id(r);
                assertThat(r.topic()).isEqualTo("videos");
                assertThat(r.kafkaPartition()).isNull();
                if (keyFormat.equals("struct")) {
                    assertThat(r.keySchema()).isEqualTo(VideoSchemas.KEY);
                    assertThat(r.key()).isEqualTo(VideoSchemas.key(id));
                } else {
                    assertThat(r.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
                    assertThat(r.key()).isEqualTo(id);
                }
                assertThat(r.valueSchema()).isEqualTo(VideoSchemas.VALUE);
                Struct value = (Struct) r.value();
                value.validate();
                assertThat(value.getString("id")).isEqualTo(id);
                assertThat(r.sourcePartition()).isEqualTo(SourcePartition.of("test-workspace"));

                // The time of the change: not before the job existed, not after the record was handed over.
                assertThat(r.timestamp()).isNotNull()
                        .isGreaterThanOrEqualTo(VideoIds.creationMillis(id))
                        .isLessThanOrEqualTo(h.returnedAt.get(i));

                String kind = header(r, RecordFactory.HEADER_CHANGE);
                String status = header(r, RecordFactory.HEADER_STATUS);
                assertThat(kind).isIn(KINDS);
                assertThat(status).isEqualTo(VideoStatus.fromWire(value.getString("status")).apiName());
                assertThat(header(r, RecordFactory.HEADER_FINAL)).isEqualTo(Boolean.toString(tracked(r).isFinal()));
                // The change's name for a history table: the fingerprint the capture compared, fixed-width hex.
                assertThat(header(r, RecordFactory.HEADER_FINGERPRINT))
                        .isEqualTo(String.format("%016x", tracked(r).fingerprint()));
                boolean first = seen.add(id);
                assertThat(header(r, RecordFactory.HEADER_PREVIOUS_STATUS) == null).isEqualTo(first);
                assertThat(kind.equals("snapshot") || kind.equals("created")).isEqualTo(first);

                String eventList = header(r, RecordFactory.HEADER_EVENTS);
                List<String> named = eventList.isEmpty() ? List.of() : List.of(eventList.split(","));
                List<String> eventHeaders = new ArrayList<>();
                for (Header header : r.headers()) {
                    if (header.key().startsWith("video.")) {
                        eventHeaders.add(header.key());
                        assertThat(header.value()).isEqualTo(id);
                    }
                }
                assertThat(eventHeaders).containsExactlyElementsOf(named);
                assertThat(named.contains("video.final")).isEqualTo(kind.equals("final") || (first
                        && Boolean.parseBoolean(header(r, RecordFactory.HEADER_FINAL)) && kind.equals("created")));
                kinds.add(kind);
                events.addAll(named);
            }
            assertNoRepeats(h.records);
            assertThat(kinds).containsExactlyInAnyOrderElementsOf(KINDS);
            assertThat(events).contains("video.created", "video.processing", "video.completed", "video.billing_settled",
                    "video.webhook_delivered", "video.webhook_failed", "video.final");
        }

        @Test
        void shouldWriteAFlatSchemalessMapWhenTheMapFormatIsFlattened() throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            TaskHarness h = start(sim, PhaseoVideosConfig.VALUE_FORMAT, "map", PhaseoVideosConfig.VALUE_FLATTEN, "true");

            h.pollUntil(() -> allCaptured(h.records, sim), Duration.ofMinutes(5));

            assertThat(h.records).isNotEmpty();
            List<String> flatNames = VideoSchemas.VALUE_FLAT.fields().stream().map(Field::name).toList();
            for (SourceRecord r : h.records) {
                assertThat(r.valueSchema()).as("schemaless").isNull();
                @SuppressWarnings("unchecked")
                Map<String, Object> value = (Map<String, Object>) r.value();
                assertThat(value.get("id")).isEqualTo(id(r));
                assertThat(value.keySet()).as("the flat names").containsExactlyElementsOf(flatNames);
                assertThat(value.values()).as("nothing nested").noneMatch(v -> v instanceof Map || v instanceof List);
            }
        }

        @Test
        void shouldStreamEveryFinalStateOnceUnderTheDocumentedBehaviourToo() throws InterruptedException {
            PhaseoSimulator sim = simulator(SimBehavior.DOCUMENTED, 150, Duration.ofSeconds(25), 1, 3);
            TaskHarness h = start(sim);

            h.pollUntil(() -> allCaptured(h.records, sim), Duration.ofMinutes(5));

            assertNoRepeats(h.records);
            assertThat(h.records.stream().map(TaskHarness::id).distinct()).hasSize(sim.jobIds().size());
        }
    }

    @Nested
    class Waiting {

        @Test
        void shouldHandControlBackAtLeastEverySecondInVirtualTime() throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            TaskHarness h = start(sim, PhaseoVideosConfig.POLL_INTERVAL, "60000");

            h.pollFor(Duration.ofMinutes(3));

            assertThat(h.sleeper.waits).isNotEmpty().allSatisfy(w -> assertThat(w).isBetween(1L, 1_000L));
            // One cycle a minute: four cycles' worth of list requests at most, however often poll() is called.
            assertThat(h.polls).isGreaterThan(150);
            assertThat(sim.stats().count(RequestStats.LIST)).isLessThan(30);
        }

        @Test
        void shouldReturnWithinASecondAndWakeAtOnceOnStopInRealTime() throws Exception {
            PhaseoSimulator sim = PhaseoSimulator.builder().seed(5).preexisting(3, Duration.ofHours(1)).build().start();
            cleanup.add(sim);
            PhaseoVideosSourceTask task = new PhaseoVideosSourceTask();
            Map<String, String> props = props(sim, PhaseoVideosConfig.POLL_INTERVAL, "600000");
            task.initialize(TaskContexts.resumingFrom(props, null));
            task.start(props);
            cleanup.add(task::stop);

            List<SourceRecord> first = pollTimed(task, 2_000);
            long started = System.nanoTime();
            List<SourceRecord> idle = task.poll();
            long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    task.poll();
                    return System.nanoTime();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            long stopAt = System.nanoTime();
            task.stop();
            long returnedAt = waiting.get(2, TimeUnit.SECONDS);

            assertThat(first).hasSize(3);
            assertThat(idle).isNull();
            assertThat(idleMillis).as("an idle poll() blocks about a second").isBetween(800L, 1_500L);
            assertThat(TimeUnit.NANOSECONDS.toMillis(returnedAt - stopAt)).as("poll() after stop()").isLessThan(200);
            assertThat(task.poll()).as("a poll after stop").isNull();
        }

        @Test
        void shouldCancelASlowRequestInFlightOnStop() throws Exception {
            PhaseoSimulator sim = PhaseoSimulator.builder().seed(5).preexisting(3, Duration.ofHours(1)).build().start();
            cleanup.add(sim);
            sim.faults().next(Fault.slow(Duration.ofSeconds(20)));
            PhaseoVideosSourceTask task = new PhaseoVideosSourceTask();
            Map<String, String> props = props(sim, PhaseoVideosConfig.READ_TIMEOUT, "60000",
                    PhaseoVideosConfig.CALL_TIMEOUT, "120000");
            task.initialize(TaskContexts.resumingFrom(props, null));
            task.start(props);

            CompletableFuture<List<SourceRecord>> polling = CompletableFuture.supplyAsync(() -> {
                try {
                    return task.poll();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertThat(polling).as("the request is held by the slow fault").isNotDone();
            long stopAt = System.nanoTime();
            task.stop();
            List<SourceRecord> result = polling.get(2, TimeUnit.SECONDS);

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt)).isLessThan(1_000);
            assertThat(result).as("the cancelled request produced nothing, and no error").isNullOrEmpty();
        }

        private List<SourceRecord> pollTimed(PhaseoVideosSourceTask task, long maxMillis) throws InterruptedException {
            long started = System.nanoTime();
            List<SourceRecord> out = task.poll();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(maxMillis);
            return out;
        }
    }

    @Nested
    class Failures {

        private static final String WRONG_KEY = "aistats_v1_sk_fake_wrong_key_w";

        @Test
        void shouldFailOnARejectedKeyNamingTheSettingAndTheReasonButNeverTheKey() {
            PhaseoSimulator sim = busySimulator();
            try (LogCapture logs = LogCapture.of("app.phaseo.connect")) {
                TaskHarness h = start(sim, PhaseoVideosConfig.API_KEY, WRONG_KEY);

                Throwable failure = org.assertj.core.api.Assertions.catchThrowable(h::poll);

                assertThat(failure).isInstanceOf(ConnectException.class)
                        .hasMessageContaining(PhaseoVideosConfig.API_KEY)
                        .hasMessageContaining("invalid_api_key");
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t)).doesNotContain(WRONG_KEY);
                }
                assertThat(logs.text()).doesNotContain(WRONG_KEY);
            }
        }

        @Test
        void shouldFailWhenTheKeyIsRevokedWhileRunning() throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            TaskHarness h = start(sim);
            h.pollFor(Duration.ofSeconds(10));
            sim.faults().next(Fault.unauthorized("api_key_revoked"));

            assertThatThrownBy(() -> h.pollFor(Duration.ofSeconds(10)))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining(PhaseoVideosConfig.API_KEY)
                    .hasMessageContaining("api_key_revoked")
                    .hasMessageNotContaining(sim.apiKey());
            assertThat(h.records).isNotEmpty();
        }

        @Test
        void shouldFailOnAForbiddenAnswerNamingTheKeySetting() {
            PhaseoSimulator sim = busySimulator();
            sim.faults().next(Fault.forbidden());
            TaskHarness h = start(sim);

            assertThatThrownBy(h::poll).isInstanceOf(ConnectException.class)
                    .hasMessageContaining(PhaseoVideosConfig.API_KEY)
                    .hasMessageNotContaining(sim.apiKey());
        }

        /**
         * While the API is closed a check costs one request per poll interval, no more than an idle
         * poll; when it opens, the first read comes within one poll interval. A feature-gate 501
         * reaches the closed state only once it persists ({@link PacerTest} has the rule).
         */
        @ParameterizedTest
        @ValueSource(strings = {"video_api_temporarily_disabled", "video_api_feature_disabled"})
        void shouldCheckAClosedApiNoMoreThanAnIdlePollAndStreamWithinOnePollIntervalOfItOpening(String reason)
                throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            sim.disable(reason);
            TaskHarness h = start(sim);
            long poll = 2_000; // TaskHarness.props

            h.pollFor(Duration.ofSeconds(40));
            assertThat(metric("ApiState")).isEqualTo("DISABLED");
            assertThat(metric("ApiStateReason")).isEqualTo(reason);
            long before = sim.stats().total();
            h.pollFor(Duration.ofSeconds(60));
            long closedChecks = sim.stats().total() - before;

            assertThat(h.records).isEmpty();
            assertThat(sim.stats().countStatus(501)).isEqualTo(sim.stats().total());
            assertThat((Long) metric("FailedRequests")).isEqualTo(sim.stats().total());
            assertThat(closedChecks).as("checks in 60 s while closed, at one per poll interval")
                    .isBetween(60_000 / poll - 1, 60_000 / poll + 1);

            // Open just after a check, the worst moment: the next check is a whole poll interval away.
            long checks = sim.stats().countStatus(501);
            h.pollUntil(() -> sim.stats().countStatus(501) > checks, Duration.ofMillis(poll));
            Instant opened = clock.instant();
            sim.disable(null);
            h.pollUntil(() -> !h.records.isEmpty(), Duration.ofSeconds(10));
            RequestStats.Entry firstRead = sim.stats().entries().stream().filter(e -> e.status() == 200)
                    .findFirst().orElseThrow();
            assertThat(Duration.between(opened, firstRead.time())).as("from the API opening to the first read")
                    .isBetween(Duration.ZERO, Duration.ofMillis(poll));
            assertThat(h.returnedAt.get(0) - opened.toEpochMilli()).isLessThanOrEqualTo(poll);
            h.pollUntil(() -> allCaptured(h.records, sim), Duration.ofMinutes(3));
            assertThat(metric("ApiState")).isEqualTo("OK");
            assertThat(metric("ApiStateReason")).isEqualTo("");
            assertNoRepeats(h.records);

            long idleBefore = sim.stats().total();
            h.pollFor(Duration.ofSeconds(60));
            long idleRequests = sim.stats().total() - idleBefore;
            assertThat(closedChecks).as("a closed API costs no more than an idle one (%s requests in 60 s)", idleRequests)
                    .isLessThanOrEqualTo(idleRequests + 1);
        }

        @Test
        void shouldBackOffALoneFeatureGate501InsteadOfWaitingAsIfTheApiWereClosed() throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            TaskHarness h = start(sim);
            h.pollFor(Duration.ofSeconds(10));
            sim.faults().next(Fault.notImplemented("video_api_feature_disabled"));
            long before = sim.stats().total();

            h.pollUntil(() -> sim.stats().countStatus(501) == 1, Duration.ofSeconds(10));
            assertThat(metric("ApiState")).isEqualTo("BACKING_OFF");
            assertThat(metric("ApiStateReason")).isEqualTo("video_api_feature_disabled");
            h.pollUntil(() -> sim.stats().total() > before + 1 && sim.stats().entries().get(sim.stats().entries().size() - 1)
                    .status() != 501, Duration.ofSeconds(10));

            List<RequestStats.Entry> entries = sim.stats().entries();
            int blip = entries.stream().map(RequestStats.Entry::status).toList().indexOf(501);
            assertThat(Duration.between(entries.get(blip).time(), entries.get(blip + 1).time()))
                    .as("the normal first backoff (retry.backoff.initial.ms, less jitter)")
                    .isBetween(Duration.ofMillis(500), Duration.ofMillis(1_000));
            h.pollUntil(() -> allCaptured(h.records, sim), Duration.ofMinutes(3));
            assertThat(metric("ApiState")).isEqualTo("OK");
            assertNoRepeats(h.records);
        }

        @ParameterizedTest
        @ValueSource(strings = {"db_error", "server_misconfig_missing_pepper"})
        void shouldRetryA401WhenTheGatewayCouldNotCheckTheKeyAndLoseNothing(String reason) throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            TaskHarness h = start(sim);
            h.pollFor(Duration.ofSeconds(5));
            sim.faults().next(Fault.unauthorized(reason), 3);

            h.pollUntil(() -> sim.stats().countStatus(401) == 3, Duration.ofSeconds(30));
            assertThat(metric("ApiState")).isEqualTo("BACKING_OFF");
            assertThat(metric("ApiStateReason")).isEqualTo(reason);
            h.pollUntil(() -> allCaptured(h.records, sim), Duration.ofMinutes(3));

            assertThat(metric("ApiState")).isEqualTo("OK");
            assertNoRepeats(h.records);
        }

        @Test
        void shouldFailOnADisabledApiWhenToldTo() {
            PhaseoSimulator sim = busySimulator();
            sim.disable("video_api_temporarily_disabled");
            TaskHarness h = start(sim, PhaseoVideosConfig.DISABLED_BEHAVIOR, "fail");

            assertThatThrownBy(h::poll).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("video_api_temporarily_disabled")
                    .hasMessageContaining(PhaseoVideosConfig.DISABLED_BEHAVIOR + "=fail");
        }

        @Test
        void shouldFailOnAFeatureGate501WhenToldToOnlyOnceItPersists() throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            sim.disable("video_api_feature_disabled");
            TaskHarness h = start(sim, PhaseoVideosConfig.DISABLED_BEHAVIOR, "fail");
            Instant started = clock.instant();

            h.pollFor(Duration.ofSeconds(20));
            assertThat(sim.stats().countStatus(501)).as("answers while still a possible blip").isGreaterThan(2);
            assertThatThrownBy(() -> h.pollFor(Duration.ofMinutes(1))).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("video_api_feature_disabled")
                    .hasMessageContaining(PhaseoVideosConfig.DISABLED_BEHAVIOR + "=fail");
            assertThat(Duration.between(started, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void shouldWaitForRetryAfterOnA429() throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            sim.faults().next(Fault.tooManyRequests(Duration.ofSeconds(30)));
            TaskHarness h = start(sim);

            h.poll();
            Instant limited = lastRequest(sim).time();
            assertThat(lastRequest(sim).status()).isEqualTo(429);
            assertThat(metric("ApiState")).isEqualTo("RATE_LIMITED");
            h.pollUntil(() -> sim.stats().total() > 1, Duration.ofMinutes(1));

            Instant next = sim.stats().entries().get(1).time();
            assertThat(Duration.between(limited, next)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31));
            h.pollUntil(() -> allCaptured(h.records, sim), Duration.ofMinutes(3));
            assertThat(metric("ApiState")).isEqualTo("OK");
        }

        @Test
        void shouldCapAnExcessiveRetryAfter() throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            sim.faults().next(Fault.tooManyRequests(Duration.ofHours(2)));
            TaskHarness h = start(sim, PhaseoVideosConfig.RETRY_AFTER_MAX, "20000");

            h.pollUntil(() -> sim.stats().total() > 1, Duration.ofMinutes(1));

            List<RequestStats.Entry> entries = sim.stats().entries();
            assertThat(Duration.between(entries.get(0).time(), entries.get(1).time()))
                    .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(21));
        }

        @Test
        void shouldBackOffExponentiallyOnServerErrorsAndBadBodiesThenRecoverWithNothingLost()
                throws InterruptedException {
            PhaseoSimulator sim = busySimulator();
            List<Fault> faults = List.of(Fault.serverErrorPlainText(), Fault.badGateway(), Fault.serviceUnavailable(),
                    Fault.malformedJson(), Fault.truncatedBody(), Fault.html(), Fault.emptyBody(), Fault.wrongShape());
            faults.forEach(sim.faults()::next);
            TaskHarness h = start(sim, PhaseoVideosConfig.BACKOFF_INITIAL, "1000", PhaseoVideosConfig.BACKOFF_MAX, "8000");
            h.poll();
            assertThat(metric("ApiState")).isEqualTo("BACKING_OFF");
            assertThat(metric("ApiStateReason")).isEqualTo("server_error");

            h.pollUntil(() -> sim.faults().queued() == 0 && sim.stats().total() > faults.size(),
                    Duration.ofMinutes(2));

            List<RequestStats.Entry> entries = sim.stats().entries();
            for (int n = 0; n < faults.size(); n++) {
                long gap = Duration.between(entries.get(n).time(), entries.get(n + 1).time()).toMillis();
                long base = Math.min(8_000, 1_000L << n);
                // Jitter takes off up to half of the base wait.
                assertThat(gap).as("wait after failure %d (%s)", n + 1, faults.get(n)).isBetween(base / 2, base);
            }
            assertThat(metric("Retries")).isEqualTo((long) faults.size());

            h.pollUntil(() -> allCaptured(h.records, sim), Duration.ofMinutes(3));
            assertThat(metric("ApiState")).isEqualTo("OK");
            assertNoRepeats(h.records);
        }

        @Test
        void shouldLoseNothingWhenFailuresHitInTheMiddleOfCycles() throws InterruptedException {
            PhaseoSimulator sim = simulator(SimBehavior.GATEWAY_CODE, 40, Duration.ofSeconds(30), 2, 9);
            sim.faults().random(0.3, 99, Fault.serverErrorPlainText(), Fault.badGateway(), Fault.truncatedBody(),
                    Fault.malformedJson(), Fault.tooManyRequests(Duration.ofSeconds(2)), Fault.wrongShape());
            TaskHarness h = start(sim, PhaseoVideosConfig.PAGE_SIZE, "20", PhaseoVideosConfig.BACKOFF_INITIAL, "500",
                    PhaseoVideosConfig.BACKOFF_MAX, "4000");

            h.pollFor(Duration.ofSeconds(90));
            sim.faults().clear();
            h.pollUntil(() -> allCaptured(h.records, sim), Duration.ofMinutes(3));

            assertThat(sim.stats().byStatus().keySet()).contains(429, 500, 502);
            assertNoRepeats(h.records);
        }
    }

    private static RequestStats.Entry lastRequest(PhaseoSimulator sim) {
        List<RequestStats.Entry> entries = sim.stats().entries();
        return entries.get(entries.size() - 1);
    }

    @Nested
    class Resuming {

        @ParameterizedTest
        @EnumSource(SimBehavior.class)
        void shouldResendNothingWhenResumedFromTheOffsetOfTheLastRecord(SimBehavior behavior) throws InterruptedException {
            PhaseoSimulator sim = simulator(behavior, 20, Duration.ofSeconds(40), 1, 21);
            Map<String, String> props = props(sim);
            TaskHarness first = start(sim, props, null);
            first.pollFor(Duration.ofSeconds(20));
            first.stop();
            List<SourceRecord> before = first.records;
            assertThat(before).isNotEmpty();
            Set<String> written = new HashSet<>();
            before.forEach(r -> written.add(id(r) + "/" + tracked(r).fingerprint()));

            TaskHarness second = start(sim, props, before.get(before.size() - 1).sourceOffset());
            second.pollUntil(() -> allCaptured(concat(before, second.records), sim), Duration.ofMinutes(5));

            for (SourceRecord r : second.records) {
                assertThat(written).as("a state written before the restart").doesNotContain(id(r) + "/" + tracked(r).fingerprint());
            }
            assertNoRepeats(concat(before, second.records));
        }

        @Test
        void shouldWriteNothingAfterAResumeWhenNothingChanged() throws InterruptedException {
            PhaseoSimulator sim = simulator(SimBehavior.GATEWAY_CODE, 30, Duration.ofSeconds(10), 1, 4);
            Map<String, String> props = props(sim);
            TaskHarness first = start(sim, props, null);
            first.pollUntil(() -> allCaptured(first.records, sim), Duration.ofMinutes(3));
            first.stop();

            // Every cycle reads the whole window again, not just its first page.
            Map<String, String> fullScans = new java.util.HashMap<>(props);
            fullScans.put(PhaseoVideosConfig.FULL_SCAN_INTERVAL, "0");
            TaskHarness second = start(sim, fullScans, first.records.get(first.records.size() - 1).sourceOffset());
            second.pollFor(Duration.ofMinutes(1));

            assertThat(second.records).isEmpty();
            assertThat(sim.stats().count(RequestStats.GET)).as("finished jobs are never read by id").isZero();
        }

        /**
         * Earlier versions stored the partition in either key order, depending on the JVM. A task
         * finds the offset under either order, and resumes from the newer one when both exist.
         */
        @ParameterizedTest
        @ValueSource(strings = {"fixed order only", "reverse order only", "both, reverse order newer",
                "both, fixed order newer"})
        void shouldResumeFromOffsetsStoredUnderEitherKeyOrder(String stored) throws InterruptedException {
            PhaseoSimulator sim = simulator(SimBehavior.GATEWAY_CODE, 30, Duration.ofSeconds(10), 1, 4);
            Map<String, String> props = props(sim);
            TaskHarness first = start(sim, props, null);
            first.pollUntil(() -> allCaptured(first.records, sim), Duration.ofMinutes(3));
            first.stop();
            Map<String, ?> newest = first.records.get(first.records.size() - 1).sourceOffset();
            Map<String, ?> older = first.records.get(0).sourceOffset();
            assertThat(TaskHarness.CODEC.fromMap(TaskContexts.asStored(older)).cycle())
                    .as("the older offset's cycle").isLessThan(TaskHarness.CODEC.fromMap(TaskContexts.asStored(newest)).cycle());
            List<Map<String, String>> keys = SourcePartition.lookupKeys(props.get(PhaseoVideosConfig.WORKSPACE));
            Map<String, String> fixed = keys.get(0);
            Map<String, String> reverse = keys.get(1);
            List<Map.Entry<Map<String, String>, Map<String, ?>>> offsets = switch (stored) {
                case "fixed order only" -> List.of(Map.entry(fixed, newest));
                case "reverse order only" -> List.of(Map.entry(reverse, newest));
                case "both, reverse order newer" -> List.of(Map.entry(fixed, older), Map.entry(reverse, newest));
                default -> List.of(Map.entry(fixed, newest), Map.entry(reverse, older));
            };

            TaskHarness second = TaskHarness.started(clock, sim, props, TaskContexts.storedByKeyBytes(props, offsets));
            cleanup.add(second::stop);
            second.pollFor(Duration.ofMinutes(1));

            assertThat(second.records).as("records after resuming from the offset stored as %s", stored).isEmpty();
        }

        @Test
        void shouldRefuseToStartFromAnOffsetItCannotReadAndLeaveNothingBehind() {
            PhaseoSimulator sim = busySimulator();
            Map<String, String> props = props(sim);
            TaskHarness.VirtualSleeper sleeper = new TaskHarness.VirtualSleeper(clock);
            PhaseoVideosSourceTask task = new PhaseoVideosSourceTask(clock, sleeper);
            task.initialize(TaskContexts.withStoredOffset(props, Map.of("v", 2, "jobs", List.of())));

            assertThatThrownBy(() -> task.start(props)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("upgrade")
                    .hasMessageContaining("DELETE /connectors/{name}/offsets");
            task.stop();
            assertThat(TaskHarness.metricsRegistered()).isFalse();
        }
    }

    @Test
    void shouldUnregisterItsMetricsOnStopAndTolerateASecondStop() throws InterruptedException {
        PhaseoSimulator sim = busySimulator();
        TaskHarness h = start(sim);
        h.pollFor(Duration.ofSeconds(5));
        assertThat(TaskHarness.metricsRegistered()).isTrue();
        assertThat((Long) metric("RecordsProduced")).isEqualTo(h.records.size());
        assertThat((Long) metric("Cycles")).isPositive();

        h.stop();
        h.stop();

        assertThat(TaskHarness.metricsRegistered()).isFalse();
    }

    private static List<SourceRecord> concat(List<SourceRecord> a, List<SourceRecord> b) {
        List<SourceRecord> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
