package app.phaseo.connect.videos.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every job of the workspace. Jobs of the workload are materialised lazily, once the clock
 * reaches their creation time; pre-existing jobs exist from the start; runtime jobs when
 * asked for. Every method holds this store's lock, and callers that need several calls to
 * see one consistent state synchronize on the store themselves.
 */
final class JobStore {

    private final JobFactory factory;
    private final List<Instant> plan;
    /** Oldest first by created_at, ties by id: the documented history's order, reversed. */
    static final Comparator<Job> BY_CREATED = Comparator.comparing(Job::createdAt).thenComparing(Job::id);

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    /** Every job in {@link #BY_CREATED} order, kept as jobs are added (nearly always at the end). */
    private final List<Job> byCreated = new ArrayList<>();
    private int planned;
    private long runtimeCreated;
    private long sideEffects;
    private long progressWrites;
    /** The gateway's cron, or null when the profile turns it off. */
    private final Reconciler reconciler;

    JobStore(JobFactory factory, LifecycleProfile profile, Instant start, Workload workload,
             int preexisting, Duration preexistingSpan) {
        this.factory = factory;
        this.plan = workload.creationTimes(start);
        this.reconciler = profile.reconciler()
                ? new Reconciler(profile.cronPeriod(), profile.reconcileLimit(), start) : null;
        createPreexisting(profile, start, preexisting, preexistingSpan);
    }

    /**
     * Finished jobs spread over {@code span} before {@code start}, all created early enough to
     * be final (every event past) when the simulator starts.
     */
    private void createPreexisting(LifecycleProfile profile, Instant start, int count, Duration span) {
        if (count == 0) {
            return;
        }
        Instant latest = start.minus(profile.longestLifecycle()).minusSeconds(1);
        // One millisecond in, so the sub-millisecond jitter of creation times stays inside the span.
        Instant spanStart = start.minus(span).plusMillis(1);
        Instant earliest = spanStart.isBefore(latest) ? spanStart : latest;
        long spanNanos = Duration.between(earliest, latest).toNanos();
        for (int i = 0; i < count; i++) {
            long offset = count == 1 ? 0 : spanNanos / (count - 1) * i;
            add(factory.create(Seeds.PREEXISTING, i, earliest.plusNanos(offset), false));
        }
    }

    /**
     * Creates the workload's jobs whose creation time has come, and runs the gateway's cron for
     * every tick up to {@code now}, in time order.
     */
    synchronized void materialise(Instant now) {
        while (reconciler != null && !reconciler.nextTick().isAfter(now)) {
            createPlanned(reconciler.nextTick());
            reconciler.runTick();
        }
        createPlanned(now);
    }

    private void createPlanned(Instant now) {
        while (planned < plan.size() && !plan.get(planned).isAfter(now)) {
            add(factory.create(Seeds.WORKLOAD, planned, plan.get(planned), false));
            planned++;
        }
    }

    /** A new job created now (the runtime {@code createJob()} call). */
    synchronized Job createRuntime(Instant now) {
        materialise(now);
        Job job = factory.create(Seeds.RUNTIME, runtimeCreated++, now, true);
        add(job);
        return job;
    }

    synchronized Job find(String id) {
        return jobs.get(id);
    }

    /** All materialised jobs, deleted ones included. */
    synchronized List<Job> all() {
        return new ArrayList<>(jobs.values());
    }

    /**
     * Every materialised job, deleted ones included, oldest first by created_at then id; a live view
     * (hold the store's lock while reading it).
     */
    synchronized List<Job> byCreated() {
        return Collections.unmodifiableList(byCreated);
    }

    /** Deletes the job now; false when unknown or already deleted. */
    synchronized boolean delete(String id, Instant now) {
        Job job = jobs.get(id);
        if (job == null) {
            return false;
        }
        JobState state = job.stateAt(now);
        if (state == null || state.deleted) {
            return false;
        }
        job.insert(new JobEvent.Deleted(now));
        return true;
    }

    /**
     * GATEWAY_CODE's GET-by-id side effect on a finished job: {@code finalizeVideoJob} runs again,
     * now ({@code apps/api/src/routes/v1/data/videos.get-by-id.ts}): a billed job gets billing
     * reason {@code already_billed}, a stuck one keeps its reason.
     */
    synchronized void refinalize(Job job, Instant now) {
        JobState state = job.stateAt(now);
        job.insert(new JobEvent.Refinalized(now,
                state != null && state.billedAt != null ? JobEvent.Refinalized.ALREADY_BILLED : null));
        sideEffects++;
    }

    /**
     * GATEWAY_CODE's GET-by-id side effect on a running OpenAI job: the polled progress is written
     * ({@code setVideoJobStatus(..., "in_progress", {progress, lastPolledAt, ...})} in
     * {@code videos.get-by-id.ts}); the progress is the one the job already shows, so only
     * {@code updated_at} moves.
     */
    synchronized void writeProgress(Job job, Instant now) {
        job.insert(new JobEvent.Bookkeeping(now));
        progressWrites++;
    }

    synchronized long sideEffects() {
        return sideEffects;
    }

    synchronized long progressWrites() {
        return progressWrites;
    }

    /** Rows the reconciler claimed so far (0 when it is off). */
    synchronized long claims() {
        return reconciler == null ? 0 : reconciler.claims();
    }

    synchronized int largestInFlightClaim() {
        return reconciler == null ? 0 : reconciler.largestInFlightClaim();
    }

    private void add(Job job) {
        if (jobs.putIfAbsent(job.id(), job) != null) {
            throw new IllegalStateException("duplicate job id " + job.id());
        }
        if (reconciler != null) {
            reconciler.track(job);
        }
        int at = byCreated.size();
        if (at > 0 && BY_CREATED.compare(byCreated.get(at - 1), job) > 0) {
            at = -Collections.binarySearch(byCreated, job, BY_CREATED) - 1;
        }
        byCreated.add(at, job);
    }
}
