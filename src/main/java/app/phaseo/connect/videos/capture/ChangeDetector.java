package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.TrackedJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether an observation is a change worth a record, classifies it, names the events it
 * carries and updates the capture state. Pure logic: no I/O, no clock.
 *
 * <p>A record is written when the fingerprint (content without volatile fields) differs from the
 * last one seen, and the observation is not a stale read (one whose lifecycle rank is behind the
 * last one: a lagging replica must not send a job backwards). Jobs outside the status filter are
 * remembered but not written, so that the record for the status the user wants is classified
 * against everything that came before.
 */
public final class ChangeDetector {

    /** What became of one observation. */
    public enum Outcome { NEW, CHANGED, UNCHANGED, STALE, SILENT }

    /** The outcome, the state remembered before it (null on first sight), the change if any, and the facts read. */
    public record Result(Outcome outcome, TrackedJob previous, Change change, JobFacts facts) {
    }

    private final Set<VideoStatus> filter;

    /** @param filter statuses to write records for; empty for all */
    public ChangeDetector(Set<VideoStatus> filter) {
        this.filter = Set.copyOf(filter);
    }

    /**
     * Applies one observation to the state.
     *
     * @param silent remember the state without writing a record (the baseline of backfill.mode=none)
     */
    public Result observe(Observation o, CaptureState state, boolean silent) {
        TrackedJob previous = state.remembered(o.id());
        JobFacts facts = o.facts();
        if (previous != null && previous.fingerprint() == o.fingerprint()) {
            if (state.tracked(o.id()) == null) {
                state.track(previous); // a retired job came back unchanged: remember it again, write nothing
            }
            return new Result(Outcome.UNCHANGED, previous, null, facts);
        }
        int rank = facts.rank();
        if (previous != null && previous.rank() >= 0 && rank >= 0 && rank < previous.rank()) {
            return new Result(Outcome.STALE, previous, null, facts);
        }
        boolean isNew = previous == null && facts.createdMillis() != ApiTimes.NONE && facts.createdMillis() >= state.start();
        boolean write = !silent && (filter.isEmpty() || filter.contains(facts.status()));
        long timestamp = write ? timestamp(facts, previous, o.observedAt()) : previousTimestamp(previous);
        TrackedJob next = new TrackedJob(o.id(), o.fingerprint(), facts.status(), facts.isFinal(), o.observedAt(),
                previous == null ? o.observedAt() : previous.firstSeen(), timestamp, rank);
        state.track(next);
        if (!write) {
            return new Result(Outcome.SILENT, previous, null, facts);
        }
        Change change = new Change(o.id(), o.video(), kind(previous, facts, isNew), facts.status(),
                previous == null ? null : previous.status(), events(previous, facts, isNew, o),
                facts.isFinal(), timestamp, o.fingerprint(), state.snapshot());
        return new Result(previous == null ? Outcome.NEW : Outcome.CHANGED, previous, change, facts);
    }

    private static ChangeKind kind(TrackedJob previous, JobFacts facts, boolean isNew) {
        if (previous == null) {
            return isNew ? ChangeKind.CREATED : ChangeKind.SNAPSHOT;
        }
        if (facts.isFinal() && !previous.isFinal()) {
            return ChangeKind.FINAL;
        }
        if (facts.status().isTerminal() && facts.status() != previous.status()) {
            return ChangeKind.TERMINAL;
        }
        return ChangeKind.UPDATED;
    }

    /** Event names of the transitions from the previous state (or from nothing, for a new job). */
    static List<String> events(TrackedJob previous, JobFacts facts, boolean isNew, Observation o) {
        List<String> events = new ArrayList<>(4);
        if (previous == null && !isNew) {
            return events; // history: a snapshot shows no transition
        }
        VideoStatus before = previous == null ? null : previous.status();
        if (previous == null) {
            events.add("video.created");
        }
        if (facts.status() != before && facts.status() != VideoStatus.QUEUED && facts.status() != VideoStatus.UNKNOWN) {
            events.add("video." + facts.status().apiName());
        }
        int billingBefore = previous == null ? 0 : JobFacts.billingRankOf(previous.rank());
        if (facts.billingRank() == 2 && billingBefore < 2 && o.video().hasNonNull("billing")) {
            events.add(facts.billingVoid() ? "video.billing_voided" : "video.billing_settled");
        }
        int attemptsBefore = previous == null ? 0 : Math.max(0, JobFacts.attemptsOf(previous.rank()));
        if (facts.webhookAttempts() > attemptsBefore && facts.lastAttemptDelivered() != null) {
            events.add(facts.lastAttemptDelivered() ? "video.webhook_delivered" : "video.webhook_failed");
        }
        if (facts.isFinal() && (previous == null || !previous.isFinal())) {
            events.add("video.final");
        }
        return events;
    }

    /**
     * The time of the change: the latest change-marking field if it moved on since the last record
     * and is not in the future, else the moment it was observed; never before the last record.
     */
    private static long timestamp(JobFacts facts, TrackedJob previous, long observedAt) {
        long before = previousTimestamp(previous);
        long candidate = facts.eventMillis();
        if (candidate == ApiTimes.NONE || candidate <= before || candidate > observedAt) {
            candidate = observedAt;
        }
        return Math.max(candidate, before);
    }

    private static long previousTimestamp(TrackedJob previous) {
        return previous == null ? Long.MIN_VALUE : previous.recordTimestamp();
    }
}
