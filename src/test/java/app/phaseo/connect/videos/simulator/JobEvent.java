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

    /** The job reached {@code status}. */
    record Terminal(Instant time, SimStatus status) implements JobEvent {
        public Terminal {
            if (!status.terminal()) {
                throw new IllegalArgumentException("not terminal: " + status);
            }
        }

        @Override
        public EventType type() {
            return EventType.TERMINAL;
        }

        @Override
        public void applyTo(JobState s) {
            s.status = status;
            s.completedAt = time;
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
            if (billing.closed()) {
                s.billedAt = time;
            }
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

    /** GATEWAY_CODE's GET-by-id side effect on a finished job. */
    record Refinalized(Instant time) implements JobEvent {
        static final String CHARGE_REASON = "refinalized";

        @Override
        public EventType type() {
            return EventType.REFINALIZED;
        }

        @Override
        public void applyTo(JobState s) {
            s.completedAt = time;
            s.chargeReasonOverride = CHARGE_REASON;
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
