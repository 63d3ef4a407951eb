package app.phaseo.connect.videos.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The gateway's once-a-minute cron as it touches video jobs, run lazily for every period the
 * clock passes (nothing runs in the background).
 *
 * <p>Each run at tick {@code t}, copying the gateway:
 * <ol>
 *   <li>{@code t}: the lease claim, one SQL statement that sets {@code updated_at = now()} on up
 *       to {@code VIDEO_RECONCILIATION_LIMIT} (1,000) rows with {@code billed_at} null, terminal
 *       ones included, ordered {@code next_reconcile_at asc nulls first, updated_at asc}:
 *       {@code supabase/migrations/20260617193428_async_operation_reconciliation_leases.sql}
 *       ({@code claim_gateway_async_operations_for_reconciliation}, the {@code claimed} CTE),
 *       called through {@code apps/api/src/core/video-jobs.ts} {@code listPendingVideoJobs} from
 *       {@code apps/api/src/scheduled/index.ts} {@code handleVideoReconciliationScheduledEvent}.
 *       Invisible. Terminal rows have {@code next_reconcile_at} null after a reconcile, so they
 *       come first here.</li>
 *   <li>{@code t + WRITE_SPACING}: every claimed terminal row is finalized again
 *       ({@code apps/api/src/pipeline/video-reconciliation.ts} {@code runVideoReconciliationJob}
 *       → {@code apps/api/src/core/video-finalization.ts} {@code finalizeVideoJob}): its
 *       {@code completed_at} is rewritten. Visible.</li>
 *   <li>{@code t + 2 × WRITE_SPACING}: the provider-poll bookkeeping and the lease release
 *       ({@code updateVideoJobReconciliation}) bump every claimed row again. Invisible.</li>
 *   <li>{@code t + DRAIN_OFFSET}: the webhook outbox is drained (the attempts are part of each
 *       job's schedule, aligned with {@link #drainAt}).</li>
 * </ol>
 * Simplification: in-flight rows are claimed every run (the gateway sets their
 * {@code next_reconcile_at} 15–60 s ahead, so a queued row may skip a run).
 */
final class Reconciler {

    /** Between the claim and the writes that follow it. */
    static final Duration WRITE_SPACING = Duration.ofMillis(100);
    /** When, after a cron tick, the webhook outbox is drained. */
    static final Duration DRAIN_OFFSET = Duration.ofMillis(300);

    /** Terminal first (their next_reconcile_at is null), then oldest updated_at, then id. */
    private static final Comparator<Candidate> CLAIM_ORDER = Comparator
            .comparing((Candidate c) -> !c.state().status.terminal())
            .thenComparing(c -> c.state().updatedAt)
            .thenComparing(c -> c.job().id());

    private final Duration period;
    private final int limit;
    /** Every job that may still be unbilled, in the order they were added. */
    private final List<Job> unbilled = new ArrayList<>();
    private Instant nextTick;
    private long claims;
    private int largestInFlightClaim;

    Reconciler(Duration period, int limit, Instant start) {
        this.period = period;
        this.limit = limit;
        this.nextTick = nextTick(start.plusNanos(1), period);
    }

    private record Candidate(Job job, JobState state) {
    }

    /** The smallest multiple of {@code period} since the epoch at or after {@code t}. */
    static Instant nextTick(Instant t, Duration period) {
        long p = period.toMillis();
        long ms = t.toEpochMilli();
        boolean exact = ms % p == 0 && t.getNano() % 1_000_000 == 0;
        long tick = Math.floorDiv(ms, p) * p;
        return Instant.ofEpochMilli(exact ? tick : tick + p);
    }

    /** When the outbox, drained once a period, sends a delivery due at {@code due}. */
    static Instant drainAt(Instant due, Duration period) {
        return nextTick(due.minus(DRAIN_OFFSET), period).plus(DRAIN_OFFSET);
    }

    void track(Job job) {
        unbilled.add(job);
    }

    /** The next run not yet done. */
    Instant nextTick() {
        return nextTick;
    }

    /** Rows claimed so far, over all runs. */
    long claims() {
        return claims;
    }

    /** Runs the cron at {@link #nextTick()} and moves on to the next one. */
    void runTick() {
        Instant t = nextTick;
        nextTick = t.plus(period);
        List<Candidate> candidates = new ArrayList<>();
        for (Iterator<Job> it = unbilled.iterator(); it.hasNext(); ) {
            Job job = it.next();
            JobState state = job.stateAt(t);
            if (state == null) {
                continue;
            }
            if (state.billedAt != null) {
                it.remove(); // billed_at is never cleared
                continue;
            }
            candidates.add(new Candidate(job, state));
        }
        candidates.sort(CLAIM_ORDER);
        List<Candidate> claimed = candidates.subList(0, Math.min(limit, candidates.size()));
        for (Candidate c : claimed) {
            c.job().insert(new JobEvent.Claimed(t));
            if (c.state().status.terminal()) {
                c.job().insert(new JobEvent.Refinalized(t.plus(WRITE_SPACING), null));
            }
            c.job().insert(new JobEvent.Bookkeeping(t.plus(WRITE_SPACING).plus(WRITE_SPACING)));
        }
        claims += claimed.size();
        int inFlight = 0;
        for (Candidate c : claimed) {
            if (!c.state().status.terminal()) {
                inFlight++;
            }
        }
        largestInFlightClaim = Math.max(largestInFlightClaim, inFlight);
    }

    /** The most jobs in flight one run has claimed (bumped at one instant), over all runs. */
    int largestInFlightClaim() {
        return largestInFlightClaim;
    }
}
