package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.simulator.JobVersion;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.ApiFixtures;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** When a job is final, how far it has come, and when it last changed (docs/CAPTURE.md). */
class JobFactsTest {

    private static final String COMPLETED = "list-code-completed-window.json";
    private static final String ENDED = "list-code-failed-cancelled-expired.json";
    private static final String MIXED = "list-code-mixed.json";

    private static JobFacts facts(ObjectNode video) {
        return JobFacts.of(video.get("id").textValue(), video);
    }

    private static JobFacts facts(String file, String id) {
        return facts(ApiFixtures.video(file, id));
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void shouldCallASettledCompletedJobWithoutPendingRetriesFinalInTheCodeShape() {
        JobFacts delivered = facts(COMPLETED, "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4");
        JobFacts noWebhook = facts(COMPLETED, "G-01M8HC0YEN2WFMXATTV07J870S");

        assertThat(delivered.status()).isEqualTo(VideoStatus.COMPLETED);
        assertThat(delivered.billingRank()).isEqualTo(2);
        assertThat(delivered.billingVoid()).isFalse();
        assertThat(delivered.webhookPending()).isFalse();
        assertThat(delivered.isFinal()).isTrue();
        assertThat(noWebhook.isFinal()).isTrue();
    }

    @Test
    void shouldKeepATerminalJobWithAScheduledWebhookRetryNonFinal() {
        JobFacts retrying = facts(COMPLETED, "G-01M8HC0SJ4G588FPPVJJX8SA41");

        assertThat(retrying.status().isTerminal()).isTrue();
        assertThat(retrying.billingRank()).isEqualTo(2);
        assertThat(retrying.webhookPending()).isTrue();
        assertThat(retrying.nextRetryMillis()).isEqualTo(millis("2026-11-28T15:23:50.857Z"));
        assertThat(retrying.isFinal()).isFalse();
        assertThat(facts(ENDED, "G-01M8HC0XFB5DX5VJ62WEW11E1J").isFinal()).isFalse();
    }

    @Test
    void shouldKeepATerminalJobNonFinalOnAnyOneSignOfAPendingRetry() {
        ObjectNode base = ApiFixtures.video(COMPLETED, "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4");
        ObjectNode countOnly = base.deepCopy();
        ((ObjectNode) countOnly.path("webhook").path("delivery")).put("pending_retries", 1);
        ObjectNode countAsText = base.deepCopy();
        ((ObjectNode) countAsText.path("webhook").path("delivery")).put("pending_retries", "2");
        ObjectNode nextRetryOnly = base.deepCopy();
        ((ObjectNode) nextRetryOnly.path("webhook").path("delivery")).put("next_retry_at", "2026-11-28T15:30:00.000Z");
        ObjectNode topLevelOnly = base.deepCopy();
        topLevelOnly.put("next_webhook_retry_at", "2026-11-28T15:31:00.000Z");

        for (ObjectNode video : List.of(countOnly, countAsText, nextRetryOnly, topLevelOnly)) {
            JobFacts f = facts(video);
            assertThat(f.webhookPending()).isTrue();
            assertThat(f.isFinal()).isFalse();
        }
        assertThat(facts(countOnly).nextRetryMillis()).isEqualTo(ApiTimes.NONE);
        assertThat(facts(topLevelOnly).nextRetryMillis()).isEqualTo(millis("2026-11-28T15:31:00Z"));
        ObjectNode both = nextRetryOnly.deepCopy();
        both.put("next_webhook_retry_at", "2026-11-28T15:29:00.000Z");
        assertThat(facts(both).nextRetryMillis()).as("the earlier of the two").isEqualTo(millis("2026-11-28T15:29:00Z"));
    }

    @Test
    void shouldCallVoidedFailedCancelledAndExpiredJobsFinalAndVoid() {
        for (String id : List.of("G-01M8HC0ZDZJFJ7QDR2050NVBR1", "G-01M8HC0VGRQKGPARXB7XCMX24W", "G-01M8GK9R2JZGCK13R837CRE3QB",
                "G-01M8G2TD2J6B78PFGC1CAHS5JE")) {
            JobFacts f = facts(ENDED, id);
            assertThat(f.status().isTerminal()).as(id).isTrue();
            assertThat(f.billingRank()).as(id).isEqualTo(2);
            assertThat(f.billingVoid()).as(id).isTrue();
            assertThat(f.isFinal()).as(id).isTrue();
        }
        assertThat(facts(ENDED, "G-01M8G2TD2J6B78PFGC1CAHS5JE").status()).isEqualTo(VideoStatus.EXPIRED);
    }

    @Test
    void shouldNeverCallAJobInFlightFinal() {
        for (ObjectNode video : ApiFixtures.videos(MIXED)) {
            JobFacts f = facts(video);
            assertThat(f.status().isTerminal()).isFalse();
            assertThat(f.billingRank()).isZero();
            assertThat(f.isFinal()).isFalse();
        }
        assertThat(facts(MIXED, "G-01M8HC0SJ4G588FPPVJJX8SA41").status()).isEqualTo(VideoStatus.PROCESSING);
    }

    @Test
    void shouldReadTheDocsShapeWithoutABillingState() {
        for (ObjectNode video : ApiFixtures.videos(ApiFixtures.DOCS_SHAPE)) {
            assertThat(video.path("billing").has("state")).isFalse();
            JobFacts f = facts(video);
            assertThat(f.billingRank()).isEqualTo(2);
            assertThat(f.billingVoid()).isFalse();
            assertThat(f.isFinal()).isTrue();
        }
    }

    /** In the docs shape, any one of billed_at, charged=true or a closed reservation closes the billing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nothing                  | held      |       |      | 0 | false",
            "billed_at                | held      | true  |      | 2 | false",
            "charged                  | held      |       | true | 2 | false",
            "captured reservation     | captured  |       |      | 2 | false",
            "released reservation     | released  |       |      | 2 | true",
            "voided reservation       | voided    |       |      | 2 | true",
            "cancelled reservation    | cancelled |       |      | 2 |",
            "charged false, held      | held      |       | false| 0 | false",
            "charged false, released  | released  |       | false| 2 | true"})
    void shouldCloseDocsShapeBillingOnAnyOfItsSigns(String name, String reservation, Boolean billedAt, Boolean charged,
                                                    int rank, Boolean isVoid) {
        ObjectNode video = ApiFixtures.videos(ApiFixtures.DOCS_SHAPE).get(0);
        ObjectNode billing = (ObjectNode) video.get("billing");
        billing.remove(List.of("billed_at", "charged"));
        billing.put("reservation_status", reservation);
        if (Boolean.TRUE.equals(billedAt)) {
            billing.put("billed_at", "2026-11-28T14:35:47Z");
        }
        if (charged != null) {
            billing.put("charged", charged);
        }

        JobFacts f = facts(video);

        assertThat(f.billingRank()).isEqualTo(rank);
        if (isVoid != null) {
            assertThat(f.billingVoid()).isEqualTo(isVoid);
        }
        assertThat(f.isFinal()).isEqualTo(rank == 2);
    }

    @ParameterizedTest
    @CsvSource({"estimated, 0", "reserved, 0", "held, 0", "pending, 1", "settling, 1", "settled, 2", "void, 2",
            "voided, 2", "refunded, 2", "waived, 2", "captured, 2", "released, 2", "SETTLED, 2"})
    void shouldRankEveryBillingState(String state, int rank) {
        ObjectNode video = ApiFixtures.video(COMPLETED, "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4");
        ObjectNode billing = (ObjectNode) video.get("billing");
        billing.put("state", state);
        billing.put("reservation_status", "held");
        billing.remove(List.of("billed_at", "charged"));

        assertThat(facts(video).billingRank()).isEqualTo(rank);
        assertThat(facts(video).isFinal()).as("closed but not marked billed: the gateway still claims it").isFalse();
        billing.put("billed_at", "2026-11-28 14:35:47.1234+00:00");
        assertThat(facts(video).isFinal()).as("closed and billed").isEqualTo(rank == 2);
    }

    @Test
    void shouldFallBackOnTheOtherSignsForAnUnknownBillingState() {
        ObjectNode video = ApiFixtures.video(COMPLETED, "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4");
        ((ObjectNode) video.get("billing")).put("state", "reconciling");

        assertThat(facts(video).billingRank()).as("billed_at and captured say closed").isEqualTo(2);
        ((ObjectNode) video.get("billing")).put("reservation_status", "held").remove(List.of("billed_at", "charged"));
        assertThat(facts(video).billingRank()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"absent", "null", "text"})
    void shouldTreatAJobWithoutABillingObjectAsHavingNothingToSettle(String shape) {
        ObjectNode video = ApiFixtures.video(COMPLETED, "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4");
        switch (shape) {
            case "absent" -> video.remove("billing");
            case "null" -> video.putNull("billing");
            default -> video.put("billing", "n/a");
        }

        JobFacts f = facts(video);

        assertThat(f.billingRank()).isEqualTo(2);
        assertThat(f.billingVoid()).isFalse();
        assertThat(f.isFinal()).isTrue();
    }

    @Test
    void shouldReadTheLastAttemptsOutcomeFromItsStatusOrTheLastAttempt() {
        assertThat(facts(COMPLETED, "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4").lastAttemptDelivered()).isTrue();
        assertThat(facts(COMPLETED, "G-01M8GB22JJ3B572QR8PPJZN6BZ").lastAttemptDelivered()).as("failed_permanently").isFalse();
        assertThat(facts(COMPLETED, "G-01M8HC0SJ4G588FPPVJJX8SA41").lastAttemptDelivered()).as("scheduled_retry").isFalse();
        assertThat(facts(COMPLETED, "G-01M8HC0YEN2WFMXATTV07J870S").lastAttemptDelivered()).as("no webhook").isNull();
        assertThat(facts(MIXED, "G-01M8HC0VGRQKGPARXB7XCMX24W").lastAttemptDelivered()).as("no attempt yet").isNull();

        // Docs shape: no last_attempt_status and attempts without a status: the last one's delivered_at decides.
        ObjectNode docs = ApiFixtures.video(ApiFixtures.DOCS_SHAPE, "G-01M8H99GQ1540YTHR8W1STSVVM");
        assertThat(facts(docs).lastAttemptDelivered()).isTrue();
        var attempts = (com.fasterxml.jackson.databind.node.ArrayNode) docs.path("webhook").path("attempts");
        ((ObjectNode) attempts.get(attempts.size() - 1)).putNull("delivered_at");
        assertThat(facts(docs).lastAttemptDelivered()).isFalse();
        ((ObjectNode) attempts.get(attempts.size() - 1)).put("status", "delivered");
        assertThat(facts(docs).lastAttemptDelivered()).as("a status beats delivered_at").isTrue();

        // The summary wins over the attempts list.
        ObjectNode summary = ApiFixtures.video(COMPLETED, "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4");
        ((ObjectNode) summary.path("webhook").path("delivery")).put("last_attempt_status", "failed");
        assertThat(facts(summary).lastAttemptDelivered()).isFalse();
        ((ObjectNode) summary.path("webhook").path("delivery")).put("last_attempt_status", "Succeeded");
        assertThat(facts(summary).lastAttemptDelivered()).isTrue();
    }

    @Test
    void shouldCountAttemptsFromTheSummaryOrTheListWhicheverIsLarger() {
        assertThat(facts(COMPLETED, "G-01M8GQDJTJ4QEQEDNQ74H6T5MS").webhookAttempts()).isEqualTo(5);
        ObjectNode video = ApiFixtures.video(COMPLETED, "G-01M8GQDJTJ4QEQEDNQ74H6T5MS");
        ((ObjectNode) video.path("webhook").path("delivery")).put("total_attempts", 7);
        assertThat(facts(video).webhookAttempts()).isEqualTo(7);
        ((ObjectNode) video.path("webhook").path("delivery")).put("total_attempts", 1);
        assertThat(facts(video).webhookAttempts()).isEqualTo(5);
    }

    @Test
    void shouldTakeCreationFromTheIdAndTheEventTimeFromTheLatestChangeMarkingField() {
        ObjectNode video = ApiFixtures.video(COMPLETED, "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4");
        JobFacts f = facts(video);

        assertThat(f.createdMillis()).isEqualTo(ApiTimes.toMillis(video.get("created_at")));
        long latest = ApiTimes.NONE;
        for (String field : List.of("created_at", "started_at", "completed_at", "last_webhook_dispatched_at",
                "last_webhook_progress_at")) {
            latest = Math.max(latest, ApiTimes.toMillis(video.get(field)));
        }
        latest = Math.max(latest, ApiTimes.toMillis(video.path("billing").get("billed_at")));
        latest = Math.max(latest, ApiTimes.toMillis(video.path("webhook").path("delivery").get("last_attempt_at")));
        assertThat(f.eventMillis()).isEqualTo(latest).isGreaterThan(f.createdMillis());

        // A volatile or unrelated time moving on is not a change of the job.
        ObjectNode later = video.deepCopy();
        later.put("expires_at", "2030-01-01T00:00:00Z");
        ((ObjectNode) later.path("webhook").path("delivery")).put("last_delivered_at", "2030-01-01T00:00:00Z");
        assertThat(facts(later).eventMillis()).isEqualTo(f.eventMillis());

        // Each change-marking field moves it.
        for (String path : List.of("created_at", "started_at", "completed_at", "billing.billed_at",
                "webhook.delivery.last_attempt_at", "last_webhook_dispatched_at", "last_webhook_progress_at")) {
            ObjectNode moved = video.deepCopy();
            ObjectNode parent = moved;
            String[] segments = path.split("\\.");
            for (int i = 0; i < segments.length - 1; i++) {
                parent = (ObjectNode) parent.get(segments[i]);
            }
            parent.put(segments[segments.length - 1], "2030-01-01T00:00:00Z");
            assertThat(facts(moved).eventMillis()).as(path).isEqualTo(millis("2030-01-01T00:00:00Z"));
        }
    }

    @Test
    void shouldFallBackOnCreatedAtWhenTheIdIsNoUlid() {
        ObjectNode video = ApiFixtures.video(ApiFixtures.DOCS_SHAPE, "G-01M8H99GQ1540YTHR8W1STSVVM");

        JobFacts f = JobFacts.of("video_123", video);

        assertThat(f.createdMillis()).isEqualTo(1_795_876_504_000L);
        assertThat(JobFacts.of("video_123", ApiFixtures.parse("{\"status\":\"queued\"}")).createdMillis())
                .isEqualTo(ApiTimes.NONE);
    }

    @Test
    void shouldClampProgressAndReadItFromText() {
        ObjectNode video = ApiFixtures.video(MIXED, "G-01M8HC0THE880R02JK6GNYPAHK");
        video.put("progress", "55");
        assertThat(facts(video).progress()).isEqualTo(55);
        video.put("progress", 250);
        assertThat(facts(video).progress()).isEqualTo(100);
        video.put("progress", -3);
        assertThat(facts(video).progress()).isZero();
        video.put("progress", "lots");
        assertThat(facts(video).progress()).isZero();
    }

    /** Any queued state ranks below any processing state, which ranks below any terminal state. */
    @Test
    void shouldRankStagesAboveEverythingElse() {
        ObjectNode busiest = ApiFixtures.parse("{\"status\":\"queued\",\"progress\":100,"
                + "\"billing\":{\"state\":\"settled\"},\"webhook\":{\"delivery\":{\"total_attempts\":9999}}}");
        ObjectNode quietest = ApiFixtures.parse("{\"status\":\"processing\",\"progress\":0,\"billing\":{\"state\":\"estimated\"}}");
        ObjectNode busyProcessing = busiest.deepCopy().put("status", "processing");
        ObjectNode quietTerminal = quietest.deepCopy().put("status", "failed");

        assertThat(JobFacts.of("x", busiest).rank()).isLessThan(JobFacts.of("x", quietest).rank());
        assertThat(JobFacts.of("x", busyProcessing).rank()).isLessThan(JobFacts.of("x", quietTerminal).rank());
        assertThat(JobFacts.of("x", ApiFixtures.parse("{\"status\":\"mystery\"}")).rank()).isEqualTo(-1);
        assertThat(JobFacts.of("x", ApiFixtures.parse("{}")).rank()).isEqualTo(-1);
    }

    @Test
    void shouldUnpackWhatItPacksIntoTheRank() {
        ObjectNode video = ApiFixtures.video(COMPLETED, "G-01M8GQDJTJ4QEQEDNQ74H6T5MS");
        int rank = facts(video).rank();

        assertThat(JobFacts.stageOf(rank)).isEqualTo(VideoStatus.COMPLETED.stage());
        assertThat(JobFacts.billingRankOf(rank)).as("settled and billed packs above settled").isEqualTo(3);
        assertThat(JobFacts.attemptsOf(rank)).isEqualTo(5);
        assertThat(JobFacts.stageOf(-1)).isEqualTo(-1);
        assertThat(JobFacts.billingRankOf(-1)).isEqualTo(-1);
        assertThat(JobFacts.attemptsOf(-1)).isEqualTo(-1);
    }

    /** Along every job's real history, in both shapes, the rank never goes down. */
    @Test
    void shouldNeverLowerTheRankAlongAJobsLife() {
        for (var behavior : app.phaseo.connect.videos.simulator.SimBehavior.values()) {
            MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
            PhaseoSimulator sim = PhaseoSimulator.builder().behavior(behavior).clock(clock).seed(11)
                    .profile(LifecycleProfile.fast().toBuilder().webhookFailureRate(0.5).build())
                    .workload(Workload.steady(5, Duration.ofSeconds(20), 11)).build();
            clock.advance(Duration.ofMinutes(2));
            int versions = 0;
            int finals = 0;
            for (String id : sim.jobIds()) {
                int previous = Integer.MIN_VALUE;
                for (JobVersion version : sim.versions(id)) {
                    JobFacts f = JobFacts.of(id, version.stable());
                    assertThat(f.rank()).as("%s version %d (%s)", id, version.number(), version.eventType())
                            .isGreaterThanOrEqualTo(previous);
                    assertThat(f.isFinal()).as("%s version %d final", id, version.number()).isEqualTo(version.isFinal());
                    previous = f.rank();
                    versions++;
                }
                if (sim.isFinal(id)) {
                    finals++;
                }
            }
            assertThat(versions).isGreaterThan(500);
            assertThat(finals).isGreaterThan(50);
        }
    }

    @Test
    void shouldNeverThrowOnHostileShapes() {
        for (String json : List.of("{}", "{\"status\":5}", "{\"billing\":[1,2]}", "{\"webhook\":\"x\"}",
                "{\"webhook\":{\"delivery\":\"x\",\"attempts\":{}}}", "{\"webhook\":{\"attempts\":[1,null,\"x\"]}}",
                "{\"webhook\":{\"attempts\":[{\"status\":7}]}}", "{\"progress\":{\"a\":1},\"created_at\":[],\"started_at\":true}",
                "{\"billing\":{\"state\":7,\"reservation_status\":[],\"charged\":\"yes\"}}",
                "{\"webhook\":{\"delivery\":{\"pending_retries\":\"many\",\"total_attempts\":1e30}}}")) {
            assertThatCode(() -> JobFacts.of("G-x", ApiFixtures.parse(json))).as(json).doesNotThrowAnyException();
        }
    }

    /**
     * A terminal delivery queued in the gateway's outbox leaves no attempt yet; the job shows only
     * its subscription. Such a job is not final; the first attempt (delivered) makes it final.
     */
    @Test
    void shouldHoldFinalWhileASubscribedTerminalDeliveryHasNotBeenAttempted() {
        ObjectNode video = ApiFixtures.parse("{\"id\":\"G-1\",\"status\":\"completed\",\"billing\":{\"state\":\"settled\","
                + "\"billed_at\":\"2026-11-28 12:00:01+00:00\"},\"webhook\":{\"url\":\"https://hooks.example/x\","
                + "\"events\":[\"job.completed\"],\"delivery\":{\"total_attempts\":0,\"pending_retries\":0},\"attempts\":[]}}");
        assertThat(facts(video).webhookPending()).as("queued in the outbox").isTrue();
        assertThat(facts(video).isFinal()).isFalse();

        ((com.fasterxml.jackson.databind.node.ArrayNode) video.path("webhook").path("attempts")).addObject()
                .put("event_type", "job.completed").put("delivery_key", "completed").put("status", "delivered");
        assertThat(facts(video).isFinal()).as("attempted and delivered").isTrue();

        ObjectNode statusChange = video.deepCopy();
        ((ObjectNode) statusChange.get("webhook")).putArray("events").add("job.status_changed");
        assertThat(facts(statusChange).isFinal()).as("status_changed subscribed, no attempt for the change to completed")
                .isFalse();

        ObjectNode unsubscribed = video.deepCopy();
        ((ObjectNode) unsubscribed.get("webhook")).putArray("events").add("job.progress");
        ((ObjectNode) unsubscribed.get("webhook")).putArray("attempts");
        assertThat(facts(unsubscribed).isFinal()).as("nothing terminal subscribed").isTrue();
    }

    /**
     * An empty subscription list means the default events, not none (gateway
     * {@code core/webhook-endpoints.ts} {@code normalizeWebhookEndpointEvents}): a job subscribed
     * that way, whose terminal delivery is still in the outbox, is not final. (The rule read an empty
     * list as "nothing subscribed" and called such a job final a minute early.)
     */
    @Test
    void shouldReadAnEmptyEventListAsTheDefaultSubscription() {
        ObjectNode video = ApiFixtures.parse("{\"id\":\"G-1\",\"status\":\"completed\",\"billing\":{\"state\":\"settled\","
                + "\"billed_at\":\"2026-11-28 12:00:01+00:00\"},\"webhook\":{\"endpoint_id\":\"whep_1\",\"events\":[],"
                + "\"delivery\":{\"total_attempts\":1,\"pending_retries\":0,\"delivered_event_types\":"
                + "[\"video.status_changed:queued:in_progress\"]},\"attempts\":[{\"event_type\":\"video.status_changed\","
                + "\"delivery_key\":\"video.status_changed:queued:in_progress\",\"status\":\"delivered\"}]}}");
        assertThat(facts(video).webhookPending()).as("the terminal delivery still in the outbox").isTrue();
        assertThat(facts(video).isFinal()).isFalse();

        ArrayNode attempts = (ArrayNode) video.path("webhook").path("attempts");
        attempts.addObject().put("event_type", "video.status_changed")
                .put("delivery_key", "video.status_changed:in_progress:completed").put("status", "delivered");
        attempts.addObject().put("event_type", "video.completed").put("delivery_key", "video.completed")
                .put("status", "delivered");
        assertThat(facts(video).isFinal()).as("both deliveries attempted and delivered").isTrue();
    }

    /** The docs shape has no billing state: a {@code billed_at} shown null is a billing mark still to come. */
    @Test
    void shouldWaitForABillingMarkShownNullInTheDocsShape() {
        ObjectNode video = ApiFixtures.parse("{\"id\":\"G-1\",\"status\":\"completed\",\"billing\":{"
                + "\"reservation_status\":\"captured\",\"charged\":true,\"billed_at\":null}}");
        assertThat(facts(video).isFinal()).as("billed_at null").isFalse();
        ((ObjectNode) video.get("billing")).put("billed_at", "2026-11-28T12:00:01Z");
        assertThat(facts(video).isFinal()).as("billed_at set").isTrue();
        ((ObjectNode) video.get("billing")).remove("billed_at");
        assertThat(facts(video).isFinal()).as("no billing mark in the shape at all: closed is all it can say").isTrue();
    }
}
