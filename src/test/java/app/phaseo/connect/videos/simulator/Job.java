package app.phaseo.connect.videos.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One job: its fixed {@link JobSpec} and its events in time order (the precomputed schedule,
 * plus dynamic events inserted when they happen). Not thread-safe: the {@link JobStore} lock
 * guards every access.
 */
final class Job {

    private final JobSpec spec;
    private final List<JobEvent> events;
    private JobState cached;

    Job(JobSpec spec, List<JobEvent> schedule) {
        this.spec = spec;
        this.events = new ArrayList<>(schedule);
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).time().isBefore(events.get(i - 1).time())) {
                throw new IllegalArgumentException("schedule not in time order at " + i);
            }
        }
    }

    JobSpec spec() {
        return spec;
    }

    String id() {
        return spec.id();
    }

    Instant createdAt() {
        return spec.createdAt();
    }

    /**
     * The state at {@code t}, or null when the job did not exist yet. The state is shared with
     * later calls: read it, never modify it.
     */
    JobState stateAt(Instant t) {
        int count = countUpTo(t);
        if (count == 0) {
            return null;
        }
        if (cached != null && cached.applied == count) {
            return cached;
        }
        JobState state = cached != null && cached.applied < count ? cached.copy() : new JobState();
        for (int i = state.applied; i < count; i++) {
            state.apply(events.get(i));
        }
        cached = state;
        return state;
    }

    /** The events with time <= t, in order. */
    List<JobEvent> eventsUpTo(Instant t) {
        return List.copyOf(events.subList(0, countUpTo(t)));
    }

    /** The time of the first event after {@code t}, or null. */
    Instant nextEventAfter(Instant t) {
        int count = countUpTo(t);
        return count < events.size() ? events.get(count).time() : null;
    }

    /**
     * Whether the job is final at {@code t}: its state is ({@link JobState#isFinal()}) and the
     * gateway plans nothing more for it: no webhook attempt is scheduled after {@code t} (a queued
     * delivery leaves no trace in the job object until attempted) and its billing mark is not
     * postponed for good.
     */
    boolean isFinalAt(Instant t) {
        JobState state = stateAt(t);
        return state != null && state.isFinal() && spec.stuckReason() == null && !webhookPlannedAfter(t);
    }

    /** Whether a webhook attempt is scheduled after {@code t}. */
    boolean webhookPlannedAfter(Instant t) {
        for (int i = countUpTo(t); i < events.size(); i++) {
            if (events.get(i).type() == EventType.WEBHOOK_ATTEMPT) {
                return true;
            }
        }
        return false;
    }

    /** Inserts a dynamic event after every event with a time <= its own. */
    void insert(JobEvent event) {
        int at = countUpTo(event.time());
        events.add(at, event);
        if (cached != null && cached.applied > at) {
            cached = null;
        }
    }

    private int countUpTo(Instant t) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).time().isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
