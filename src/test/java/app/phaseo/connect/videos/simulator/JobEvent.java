package app.phaseo.connect.videos.simulator;

import java.time.Instant;
import java.util.Objects;

/** One write to a job; the job's state at time t is the fold of its events with time <= t. */
interface JobEvent {

    Instant time();

    EventType type();

    /** Applies this event to {@code state} (which then has {@code updatedAt == time()}). */
    void applyTo(JobState state);

    /** The job exists, queued. */
    record Created(Instant time) implements JobEvent {
        @Override
        public EventType type() {
            return EventType.CREATED;
        }

        @Override
        public void applyTo(JobState s) {
            s.status = SimStatus.QUEUED;
            s.progress = 0;
            s.billing = JobState.Billing.ESTIMATED;
        }
    }

    /** Processing started. */
    record Started(Instant time) implements JobEvent {
        @Override
        public EventType type() {
            return EventType.STARTED;
        }

        @Override
        public void applyTo(JobState s) {
            s.status = SimStatus.PROCESSING;
            s.startedAt = time;
        }
    }

    /** Progress rose to {@code progress} percent. */
    record Progress(Instant time, int progress) implements JobEvent {
        @Override
        public EventType type() {
            return EventType.PROGRESS;
        }

        @Override
        public void applyTo(JobState s) {
            s.progress = progress;
        }
    }

    /**
     * The job reached {@code status}, finalized once ({@code apps/api/src/core/video-finalization.ts}
     * {@code finalizeVideoJob}): {@code completed_at} is the finalization time; billing is
     * {@code void} in this same write for failed, cancelled and expired, and {@code pending} for
     * completed until a cost is recorded ({@code routes/v1/data/videos.helpers/public.ts}
     * {@code buildVideoBilling}). {@code chargeReason} is the billing reason the finalization
     * stored, or null for the usual one.
     */
    record Terminal(Instant time, SimStatus status, String chargeReason) implements JobEvent {
        public Terminal {
            if (!status.terminal()) {
                throw new IllegalArgumentException("not terminal: " + status);
            }
        }

        Terminal(Instant time, SimStatus status) {
            this(time, status, null);
        }

        @Override
        public EventType type() {
            return EventType.TERMINAL;
        }

        @Override
        public void applyTo(JobState s) {
            s.status = status;
            s.completedAt = time;
            s.providerCompletedAt = time;
            s.billing = status == SimStatus.COMPLETED ? JobState.Billing.PENDING : JobState.Billing.VOID;
            s.chargeReasonOverride = chargeReason;
            if (status == SimStatus.COMPLETED) {
                s.progress = 100;
            }
        }
    }

    /** Billing moved to {@code billing} (pending, then settled or void). */
    record Billing(Instant time, JobState.Billing billing) implements JobEvent {
        @Override
        public EventType type() {
            return EventType.BILLING;
        }

        @Override
        public void applyTo(JobState s) {
            s.billing = billing;
        }
    }

    /**
     * {@code billing.billed_at} set: {@code markVideoJobBilled} in
     * {@code apps/api/src/core/video-finalization.ts} {@code finalizeVideoJob}, a write after the
     * one that settled or voided the billing.
     */
    record Billed(Instant time) implements JobEvent {
        @Override
        public EventType type() {
            return EventType.BILLED;
        }

        @Override
        public void applyTo(JobState s) {
            s.billedAt = time;
        }
    }

    /** Invisible: the reconciler's lease claim bumped {@code updated_at} (see {@link EventType#CLAIMED}). */
    record Claimed(Instant time) implements JobEvent {
        @Override
        public EventType type() {
            return EventType.CLAIMED;
        }

        @Override
        public void applyTo(JobState s) {
            // updated_at only
        }
    }

    /** Invisible: bookkeeping bumped {@code updated_at} (see {@link EventType#BOOKKEEPING}). */
    record Bookkeeping(Instant time) implements JobEvent {
        @Override
        public EventType type() {
            return EventType.BOOKKEEPING;
        }

        @Override
        public void applyTo(JobState s) {
            // updated_at only
        }
    }

    /** A webhook attempt was made. */
    record Webhook(WebhookAttempt attempt) implements JobEvent {
        public Webhook {
            Objects.requireNonNull(attempt, "attempt");
        }

        @Override
        public Instant time() {
            return attempt.triedAt();
        }

        @Override
        public EventType type() {
            return EventType.WEBHOOK_ATTEMPT;
        }

        @Override
        public void applyTo(JobState s) {
            s.attempts.add(attempt);
        }
    }

    /**
     * {@code finalizeVideoJob} ran again on a finished job ({@code apps/api/src/core/video-finalization.ts}):
     * from the reconciler for every claimed unbilled terminal job, or from GET by id. It rewrites
     * {@code finalizedAt}, which the API shows as {@code completed_at}, and stores a billing reason
     * ({@code already_billed} for a billed job; the postponing reason for a stuck one); a null
     * {@code chargeReason} keeps the current one.
     */
    record Refinalized(Instant time, String chargeReason) implements JobEvent {
        /** The billing reason {@code finalizeVideoJob} stores for a job already billed. */
        static final String ALREADY_BILLED = "already_billed";

        @Override
        public EventType type() {
            return EventType.REFINALIZED;
        }

        @Override
        public void applyTo(JobState s) {
            s.completedAt = time;
            if (chargeReason != null) {
                s.chargeReasonOverride = chargeReason;
            }
        }
    }

    /** The job was deleted. */
    record Deleted(Instant time) implements JobEvent {
        @Override
        public EventType type() {
            return EventType.DELETED;
        }

        @Override
        public void applyTo(JobState s) {
            s.deleted = true;
        }
    }
}
