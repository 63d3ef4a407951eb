package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.capture.ChangeDetector.Outcome;
import app.phaseo.connect.videos.capture.ChangeDetector.Result;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.TrackedJob;
import app.phaseo.connect.videos.testkit.ApiFixtures;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What each observation of a job becomes: a record of the right kind with the right events, or nothing. */
class ChangeDetectorTest {

    /** When the connector first started. */
    static final long START = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli();
    private static final Fingerprinter FINGERPRINTER = new Fingerprinter(PhaseoVideosConfig.DEFAULT_VOLATILE_FIELDS);

    private CaptureState state;
    private ChangeDetector detector;

    @BeforeEach
    void freshState() {
        state = CaptureState.resume(CaptureOffset.initial(START), 100);
        detector = new ChangeDetector(Set.of());
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** A gateway id whose ULID says it was created at {@code millis}. */
    static String idCreatedAt(long millis, int n) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder id = new StringBuilder("G-");
        for (int shift = 45; shift >= 0; shift -= 5) {
            id.append(alphabet.charAt((int) (millis >>> shift) & 31));
        }
        String tail = "0000000000000000" + Integer.toString(n, 32).toUpperCase();
        return id.append(tail.substring(tail.length() - 16).replace('I', 'J').replace('L', 'M').replace('O', 'P')
                .replace('U', 'V')).toString();
    }

    /** A job as the gateway shows it, built step by step through its life. */
    static final class Job {
        final ObjectNode json = ApiFixtures.MAPPER.createObjectNode();

        Job(String id, long created) {
            json.put("id", id).put("object", "video").put("status", "queued").put("progress", 0)
                    .put("created_at", iso(created));
            json.putObject("billing").put("state", "estimated").put("reservation_status", "held");
            json.put("download_url", (String) null);
        }

        static Job createdAt(long created) {
            return new Job(idCreatedAt(created, 1), created);
        }

        Job status(String status) {
            json.put("status", status);
            return this;
        }

        Job progress(int progress) {
            json.put("progress", progress);
            return this;
        }

        Job at(String field, long millis) {
            json.put(field, iso(millis));
            return this;
        }

        Job billing(String billingState) {
            ((ObjectNode) json.get("billing")).put("state", billingState);
            return this;
        }

        Job billedAt(long millis) {
            ((ObjectNode) json.get("billing")).put("billed_at", iso(millis));
            return this;
        }

        Job noBilling() {
            json.remove("billing");
            return this;
        }

        Job webhook(int attempts, String lastStatus, int pendingRetries, long lastAttemptAt) {
            ObjectNode delivery = json.withObjectProperty("webhook").putObject("delivery");
            delivery.put("total_attempts", attempts).put("last_attempt_status", lastStatus)
                    .put("pending_retries", pendingRetries).put("last_attempt_at", iso(lastAttemptAt));
            if (pendingRetries > 0) {
                delivery.put("next_retry_at", iso(lastAttemptAt + 60_000));
            }
            return this;
        }

        Job resigned(int generation) {
            json.put("download_url", "https://api.phaseo.app/v1/videos/x/content?sig=" + generation);
            json.put("expires_at", iso(START + 3_600_000L * generation));
            return this;
        }

        String id() {
            return json.get("id").textValue();
        }

        /** A snapshot of the job as one response would show it. */
        ObjectNode now() {
            return json.deepCopy();
        }
    }

    private Result observe(Job job, long observedAt) {
        return observe(job.now(), observedAt, false);
    }

    private Result observe(ObjectNode video, long observedAt, boolean silent) {
        String id = video.get("id").textValue();
        Observation o = new Observation(id, video, JobFacts.of(id, video), FINGERPRINTER.fingerprint(video), observedAt);
        return detector.observe(o, state, silent);
    }

    @Nested
    class FirstSight {

        @Test
        void shouldCallAJobCreatedBeforeTheStartASnapshotWithoutEvents() {
            Job job = Job.createdAt(START - 3_600_000).status("completed").billing("settled").billedAt(START - 3_500_000).progress(100);

            Result r = observe(job, START + 1_000);

            assertThat(r.outcome()).isEqualTo(Outcome.NEW);
            assertThat(r.previous()).isNull();
            assertThat(r.change().kind()).isEqualTo(ChangeKind.SNAPSHOT);
            assertThat(r.change().events()).isEmpty();
            assertThat(r.change().previousStatus()).isNull();
            assertThat(r.change().status()).isEqualTo(VideoStatus.COMPLETED);
            assertThat(r.change().isFinal()).isTrue();
        }

        @Test
        void shouldCallAJobWithoutAnyCreationTimeASnapshot() {
            ObjectNode video = Job.createdAt(START + 5_000).now();
            video.put("id", "video_without_ulid");
            video.remove("created_at");

            assertThat(observe(video, START + 6_000, false).change().kind()).isEqualTo(ChangeKind.SNAPSHOT);
        }

        @Test
        void shouldCallAJobCreatedAtOrAfterTheStartCreated() {
            Job atStart = new Job(idCreatedAt(START, 2), START);
            Job later = Job.createdAt(START + 5_000);

            Result first = observe(atStart, START + 100);
            Result second = observe(later, START + 6_000);

            assertThat(first.change().kind()).isEqualTo(ChangeKind.CREATED);
            assertThat(first.change().events()).containsExactly("video.created");
            assertThat(second.change().kind()).isEqualTo(ChangeKind.CREATED);
        }

        @Test
        void shouldNameEveryTransitionOfANewJobSeenLate() {
            long created = START + 5_000;
            Job job = Job.createdAt(created).status("completed").progress(100).at("started_at", created + 1_000)
                    .at("completed_at", created + 30_000).billing("settled").billedAt(created + 33_000)
                    .webhook(1, "delivered", 0, created + 31_000);

            Result r = observe(job, created + 40_000);

            assertThat(r.change().kind()).isEqualTo(ChangeKind.CREATED);
            assertThat(r.change().events()).containsExactly("video.created", "video.completed", "video.billing_settled",
                    "video.webhook_delivered", "video.final");
            assertThat(r.change().isFinal()).isTrue();
        }

        @Test
        void shouldTakeTheCreatedEventFromTheIdsTimeNotTheFirstSight() {
            // Seen long after its creation, but created after the start: still a creation.
            Job job = Job.createdAt(START + 1_000).status("processing");

            Result r = observe(job, START + 3_600_000);

            assertThat(r.change().kind()).isEqualTo(ChangeKind.CREATED);
            assertThat(r.change().events()).containsExactly("video.created", "video.processing");
        }
    }

    @Nested
    class Transitions {

        private final long created = START + 10_000;
        private final Job job = Job.createdAt(created);

        @BeforeEach
        void seenQueued() {
            observe(job, created + 500);
        }

        @Test
        void shouldWriteNothingForTheSameStateOrANewSignature() {
            Result same = observe(job, created + 5_000);
            Result resigned = observe(job.resigned(1), created + 10_000);

            assertThat(same.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(resigned.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(same.change()).isNull();
            assertThat(resigned.change()).isNull();
            assertThat(state.tracked(job.id()).stateSince()).as("when the state was first seen").isEqualTo(created + 500);
        }

        @Test
        void shouldWalkAJobThroughItsWholeLife() {
            Result processing = observe(job.status("processing").at("started_at", created + 2_000), created + 5_000);
            Result progress = observe(job.progress(40), created + 10_000);
            Result completed = observe(job.status("completed").progress(100).at("completed_at", created + 20_000),
                    created + 21_000);
            Result pending = observe(job.billing("pending"), created + 22_000);
            Result settled = observe(job.billing("settled").billedAt(created + 24_000), created + 25_000);

            assertThat(processing.change().kind()).isEqualTo(ChangeKind.UPDATED);
            assertThat(processing.change().events()).containsExactly("video.processing");
            assertThat(processing.change().previousStatus()).isEqualTo(VideoStatus.QUEUED);
            assertThat(progress.change().kind()).isEqualTo(ChangeKind.UPDATED);
            assertThat(progress.change().events()).isEmpty();
            assertThat(completed.change().kind()).isEqualTo(ChangeKind.TERMINAL);
            assertThat(completed.change().events()).containsExactly("video.completed");
            assertThat(completed.change().isFinal()).isFalse();
            assertThat(pending.change().kind()).isEqualTo(ChangeKind.UPDATED);
            assertThat(pending.change().events()).isEmpty();
            assertThat(settled.change().kind()).isEqualTo(ChangeKind.FINAL);
            assertThat(settled.change().events()).containsExactly("video.billing_settled", "video.final");
            assertThat(settled.change().isFinal()).isTrue();
            assertThat(List.of(processing, progress, completed, pending, settled)).extracting(Result::outcome)
                    .containsOnly(Outcome.CHANGED);
        }

        @Test
        void shouldCallAJumpStraightToFinalFinal() {
            Result r = observe(job.status("completed").progress(100).billing("settled").billedAt(created + 29_000), created + 30_000);

            assertThat(r.change().kind()).isEqualTo(ChangeKind.FINAL);
            assertThat(r.change().events()).containsExactly("video.completed", "video.billing_settled", "video.final");
        }

        @Test
        void shouldNameTheOtherEndStatesAndAVoidedBilling() {
            assertThat(observe(job.status("failed").billing("void").billedAt(created + 29_000), created + 30_000).change().events())
                    .containsExactly("video.failed", "video.billing_voided", "video.final");

            Job cancelled = Job.createdAt(created + 1);
            observe(cancelled, created + 500);
            assertThat(observe(cancelled.status("canceled"), created + 1_000).change().events())
                    .containsExactly("video.cancelled");

            Job expired = new Job(idCreatedAt(created, 3), created);
            observe(expired.status("processing"), created + 500);
            Result r = observe(expired.status("expired").billing("released").billedAt(created + 900), created + 1_000);
            assertThat(r.change().events()).containsExactly("video.expired", "video.billing_voided", "video.final");
            assertThat(r.change().kind()).isEqualTo(ChangeKind.FINAL);
        }

        @Test
        void shouldNameTheBillingEventWhenBillingClosesEvenBeforeTheTerminalStatus() {
            Result r = observe(job.status("processing").billing("settled"), created + 1_000);

            assertThat(r.change().events()).containsExactly("video.processing", "video.billing_settled");
        }

        @Test
        void shouldNameNoBillingEventForAJobWithoutBilling() {
            Job free = Job.createdAt(created + 2).noBilling();
            observe(free, created + 500);

            Result r = observe(free.status("completed"), created + 1_000);

            assertThat(r.change().events()).containsExactly("video.completed", "video.final");
            assertThat(r.change().kind()).isEqualTo(ChangeKind.FINAL);
        }

        @Test
        void shouldNameWebhookDeliveriesAndFailuresAndHoldFinalUntilNoRetryIsPending() {
            observe(job.status("completed").billing("settled").billedAt(created + 19_000).webhook(1, "failed", 1, created + 20_000), created + 21_000);
            TrackedJob afterFailure = state.tracked(job.id());
            Result retryFailed = observe(job.webhook(2, "failed", 1, created + 80_000), created + 81_000);
            Result delivered = observe(job.webhook(3, "delivered", 0, created + 380_000), created + 381_000);

            assertThat(afterFailure.isFinal()).isFalse();
            assertThat(retryFailed.change().kind()).isEqualTo(ChangeKind.UPDATED);
            assertThat(retryFailed.change().events()).containsExactly("video.webhook_failed");
            assertThat(delivered.change().kind()).isEqualTo(ChangeKind.FINAL);
            assertThat(delivered.change().events()).containsExactly("video.webhook_delivered", "video.final");
        }

        @Test
        void shouldNameNoWebhookEventWhenNoNewAttemptWasMade() {
            observe(job.status("completed").billing("settled").billedAt(created + 19_000).webhook(1, "failed", 1, created + 20_000), created + 21_000);

            // Only the retry time moved.
            ((ObjectNode) job.json.path("webhook").path("delivery")).put("next_retry_at", iso(created + 90_000));
            Result r = observe(job, created + 22_000);

            assertThat(r.outcome()).isEqualTo(Outcome.CHANGED);
            assertThat(r.change().events()).isEmpty();
        }
    }

    @Nested
    class StaleReads {

        @Test
        void shouldIgnoreAReadThatIsBehindWhatWasWritten() {
            long created = START + 10_000;
            Job job = Job.createdAt(created);
            ObjectNode queued = job.now();
            ObjectNode processing40 = job.status("processing").progress(40).now();
            ObjectNode processing20 = job.progress(20).now();
            ObjectNode completedSettled = job.status("completed").progress(100).billing("settled").billedAt(created + 4_500).now();
            ObjectNode completedEstimated = job.billing("estimated").now();

            observe(queued, created + 1_000, false);
            observe(processing40, created + 2_000, false);
            Result lowerProgress = observe(processing20, created + 3_000, false);
            Result backToQueued = observe(queued, created + 4_000, false);
            observe(completedSettled, created + 5_000, false);
            Result billingBackwards = observe(completedEstimated, created + 6_000, false);

            assertThat(List.of(lowerProgress, backToQueued, billingBackwards)).extracting(Result::outcome)
                    .containsOnly(Outcome.STALE);
            assertThat(List.of(lowerProgress, backToQueued, billingBackwards)).extracting(Result::change).containsOnlyNulls();
            TrackedJob kept = state.tracked(job.id());
            assertThat(kept.status()).isEqualTo(VideoStatus.COMPLETED);
            assertThat(kept.isFinal()).isTrue();
            assertThat(kept.stateSince()).isEqualTo(created + 5_000);
        }

        @Test
        void shouldNeverCallAnUnknownStatusStale() {
            Job job = Job.createdAt(START + 1).status("completed").billing("settled");
            observe(job, START + 1_000);

            Result r = observe(job.status("archived"), START + 2_000);

            assertThat(r.outcome()).isEqualTo(Outcome.CHANGED);
            assertThat(r.change().status()).isEqualTo(VideoStatus.UNKNOWN);
            assertThat(r.change().events()).isEmpty();
        }
    }

    @Nested
    class StatusFilter {

        @BeforeEach
        void onlyCompleted() {
            detector = new ChangeDetector(EnumSet.of(VideoStatus.COMPLETED));
        }

        @Test
        void shouldRememberWithoutWritingAndClassifyTheNextRecordAgainstWhatWasRemembered() {
            long created = START + 10_000;
            Job job = Job.createdAt(created);

            Result queued = observe(job, created + 1_000);
            Result processing = observe(job.status("processing").at("started_at", created + 1_500), created + 2_000);
            Result completed = observe(job.status("completed").progress(100).at("completed_at", created + 9_000),
                    created + 10_000);
            Result settled = observe(job.billing("settled").billedAt(created + 10_500), created + 11_000);

            assertThat(queued.outcome()).isEqualTo(Outcome.SILENT);
            assertThat(processing.outcome()).isEqualTo(Outcome.SILENT);
            assertThat(queued.change()).isNull();
            assertThat(processing.change()).isNull();
            assertThat(completed.change().kind()).isEqualTo(ChangeKind.TERMINAL);
            assertThat(completed.change().previousStatus()).isEqualTo(VideoStatus.PROCESSING);
            assertThat(completed.change().events()).containsExactly("video.completed");
            assertThat(completed.change().timestamp()).isEqualTo(created + 9_000);
            assertThat(settled.change().kind()).isEqualTo(ChangeKind.FINAL);
            assertThat(settled.change().events()).containsExactly("video.billing_settled", "video.final");
        }

        @Test
        void shouldNotWriteAJobThatLeavesTheFilter() {
            Job job = Job.createdAt(START + 1).status("completed");
            observe(job, START + 1_000);

            // A status nobody expects after completed, outside the filter.
            Result r = observe(job.status("expired"), START + 2_000);

            assertThat(r.outcome()).isEqualTo(Outcome.SILENT);
            assertThat(state.tracked(job.id()).status()).isEqualTo(VideoStatus.EXPIRED);
        }

        @Test
        void shouldRememberSilentlyWhenAskedWhateverTheFilter() {
            detector = new ChangeDetector(Set.of());
            Job job = Job.createdAt(START - 1_000).status("completed");

            Result silent = observe(job.now(), START + 1_000, true);
            Result again = observe(job.now(), START + 2_000, false);
            Result changed = observe(job.billing("settled").billedAt(START + 2_500).now(), START + 3_000, false);

            assertThat(silent.outcome()).isEqualTo(Outcome.SILENT);
            assertThat(state.tracked(job.id())).isNotNull();
            assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(changed.change().kind()).isEqualTo(ChangeKind.FINAL);
            assertThat(changed.change().previousStatus()).isEqualTo(VideoStatus.COMPLETED);
        }
    }

    @Nested
    class Timestamps {

        private final long created = START + 10_000;
        private final Job job = Job.createdAt(created);

        @Test
        void shouldUseTheLatestChangeMarkingFieldThatMovedOn() {
            Result first = observe(job, created + 2_000);
            Result started = observe(job.status("processing").at("started_at", created + 3_000), created + 4_000);
            Result completed = observe(job.status("completed").at("completed_at", created + 8_000), created + 9_500);
            Result billed = observe(job.billing("settled").billedAt(created + 11_000), created + 12_000);

            assertThat(first.change().timestamp()).as("created_at").isEqualTo(created);
            assertThat(started.change().timestamp()).isEqualTo(created + 3_000);
            assertThat(completed.change().timestamp()).isEqualTo(created + 8_000);
            assertThat(billed.change().timestamp()).isEqualTo(created + 11_000);
        }

        @Test
        void shouldUseTheObservationTimeWhenNoFieldMarksTheChange() {
            observe(job.status("processing").at("started_at", created + 3_000), created + 4_000);

            Result progress = observe(job.progress(50), created + 7_000);

            assertThat(progress.change().timestamp()).isEqualTo(created + 7_000);
        }

        @Test
        void shouldNeverPutARecordInTheFutureOfItsObservation() {
            // A server clock ahead of ours.
            Result r = observe(job.status("processing").at("started_at", created + 60_000), created + 5_000);

            assertThat(r.change().timestamp()).isEqualTo(created + 5_000);
        }

        @Test
        void shouldKeepEachJobsRecordTimesMonotonic() {
            SplittableRandom random = new SplittableRandom(7);
            long observed = created;
            long previous = Long.MIN_VALUE;
            int records = 0;
            for (int i = 0; i < 2_000; i++) {
                // Fields jumping back and forth, observations a little late or a little early.
                observed += random.nextInt(-200, 2_000);
                job.progress(i % 100).at("started_at", observed + random.nextInt(-5_000, 5_000));
                if (random.nextInt(5) == 0) {
                    job.webhook(i, "failed", 1, observed + random.nextInt(-10_000, 10_000));
                }
                Result r = observe(job.now(), observed, false);
                if (r.change() != null) {
                    assertThat(r.change().timestamp()).as("record %d", i).isGreaterThanOrEqualTo(previous);
                    assertThat(state.tracked(job.id()).recordTimestamp()).isEqualTo(r.change().timestamp());
                    previous = r.change().timestamp();
                    records++;
                }
            }
            assertThat(records).isGreaterThan(100);
        }

        @Test
        void shouldNotLetASilentObservationMoveTheRecordTime() {
            detector = new ChangeDetector(EnumSet.of(VideoStatus.COMPLETED));
            observe(job.status("processing").at("started_at", created + 3_000), created + 4_000);
            // A progress tick, noticed late and not written: it marks no time of its own.
            observe(job.progress(90), created + 20_000);

            Result r = observe(job.status("completed").at("completed_at", created + 15_000), created + 21_000);

            assertThat(r.change().timestamp()).isEqualTo(created + 15_000);
        }
    }

    @Nested
    class Offsets {

        @Test
        void shouldAttachAnOffsetThatAlreadyHoldsTheChange() {
            Job a = Job.createdAt(START + 1);
            Job b = new Job(idCreatedAt(START + 2, 9), START + 2);
            Change first = observe(a, START + 1_000).change();
            Change second = observe(b, START + 2_000).change();
            Change third = observe(a.status("processing"), START + 3_000).change();

            assertThat(first.offset().jobs()).extracting(TrackedJob::id).containsExactly(a.id());
            assertThat(second.offset().jobs()).extracting(TrackedJob::id).containsExactlyInAnyOrder(a.id(), b.id());
            TrackedJob inThird = third.offset().jobs().stream().filter(j -> j.id().equals(a.id())).findFirst().orElseThrow();
            assertThat(inThird.status()).isEqualTo(VideoStatus.PROCESSING);
            assertThat(inThird.fingerprint()).isEqualTo(FINGERPRINTER.fingerprint(a.now()));
            assertThat(inThird.recordTimestamp()).isEqualTo(third.timestamp());
            assertThat(inThird).isEqualTo(state.tracked(a.id()));
            // An earlier record's offset is not changed by later ones.
            assertThat(first.offset().jobs().get(0).status()).isEqualTo(VideoStatus.QUEUED);
            assertThat(third.offset()).isEqualTo(state.snapshot());
        }

        @Test
        void shouldResumeFromARecordsOffsetWithoutWritingItAgain() {
            Job job = Job.createdAt(START + 1).status("processing");
            Change change = observe(job, START + 1_000).change();

            state = CaptureState.resume(change.offset(), 100);

            assertThat(observe(job.resigned(2), START + 60_000).outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(observe(job.progress(10), START + 61_000).change().kind()).isEqualTo(ChangeKind.UPDATED);
        }

        @Test
        void shouldKeepTheFirstSightAcrossChanges() {
            Job job = Job.createdAt(START + 1);
            observe(job, START + 1_000);
            observe(job.status("processing"), START + 5_000);

            TrackedJob tracked = state.tracked(job.id());
            assertThat(tracked.firstSeen()).isEqualTo(START + 1_000);
            assertThat(tracked.stateSince()).isEqualTo(START + 5_000);
        }

        @Test
        void shouldRememberARetiredJobAgainWhenItReturnsUnchangedAndWriteItWhenChanged() {
            Job job = Job.createdAt(START + 1).status("completed").billing("settled");
            observe(job, START + 1_000);
            state.retire(job.id());
            assertThat(state.tracked(job.id())).isNull();

            Result unchanged = observe(job, START + 2_000);
            assertThat(state.tracked(job.id())).as("remembered again, in the offsets").isNotNull();
            assertThat(state.snapshot().jobs()).extracting(TrackedJob::id).contains(job.id());
            state.retire(job.id());
            Result changed = observe(job.status("expired"), START + 3_000);

            assertThat(unchanged.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(unchanged.change()).isNull();
            assertThat(unchanged.previous()).isNotNull();
            assertThat(changed.outcome()).isEqualTo(Outcome.CHANGED);
            assertThat(changed.previous().status()).isEqualTo(VideoStatus.COMPLETED);
            assertThat(state.tracked(job.id())).isNotNull();
        }
    }

    @Test
    void shouldWriteExactlyTheMeaningfulVersionsOfSimulatedJobs() {
        var clock = new app.phaseo.connect.videos.simulator.MutableClock(Instant.ofEpochMilli(START));
        var sim = app.phaseo.connect.videos.simulator.PhaseoSimulator.builder().clock(clock).seed(5)
                .profile(app.phaseo.connect.videos.simulator.LifecycleProfile.fast())
                .workload(app.phaseo.connect.videos.simulator.Workload.steady(3, java.time.Duration.ofSeconds(20), 5)).build();
        clock.advance(java.time.Duration.ofMinutes(1));
        int records = 0;
        for (String id : sim.jobIds()) {
            List<String> kinds = new ArrayList<>();
            for (var version : sim.versions(id)) {
                // Every version, observed twice: once as it is, once re-served.
                Result r = observe(version.stable(), version.time().toEpochMilli(), false);
                Result again = observe(version.stable(), version.time().toEpochMilli() + 1, false);
                assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
                // A deletion repeats the job's last rendering (the list still shows a tombstoned job, unchanged):
                // nothing in the object tells it, so no record can come of it.
                boolean shown = version.eventType() != app.phaseo.connect.videos.simulator.EventType.DELETED;
                if ((version.meaningful() && shown) || version.number() == 1) {
                    assertThat(r.change()).as("%s version %d", id, version.number()).isNotNull();
                }
                if (r.change() != null) {
                    kinds.add(r.change().kind().headerValue());
                    records++;
                }
            }
            assertThat(kinds.get(0)).isEqualTo("created");
            assertThat(kinds.stream().filter("final"::equals)).hasSizeLessThanOrEqualTo(1);
            if (sim.isFinal(id)) {
                assertThat(kinds).as(id).containsOnlyOnce("final");
                // A reconciler claim that found the job just before its billing mark re-finalizes it just after
                // (gateway core/video-finalization.ts on an already billed job): a visible change after the final
                // record, which nothing in the object announced. Otherwise the final record is the last.
                var versions = sim.versions(id);
                if (versions.get(versions.size() - 1).eventType() != app.phaseo.connect.videos.simulator.EventType.REFINALIZED) {
                    assertThat(kinds.get(kinds.size() - 1)).as(id).isEqualTo("final");
                }
            }
        }
        assertThat(records).isGreaterThan(100);
    }
}
