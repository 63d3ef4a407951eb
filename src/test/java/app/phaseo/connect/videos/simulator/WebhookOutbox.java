package app.phaseo.connect.videos.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's webhook retry job as it paces deliveries: one run per cron tick, at most
 * {@code maxDeliveries} (100) per run, attempted one after another
 * ({@code apps/api/src/core/async-notifications.ts} {@code runAsyncWebhookRetriesJob}: it collects
 * the due deliveries, keeps the first {@code maxDeliveries} by {@code nextRetryAt}, and awaits each
 * {@code dispatchAsyncWebhookEvent} in turn). A delivery that does not fit waits for the next run.
 *
 * <p>Simplification: slots are booked in the order jobs are created (each job's history is
 * planned when it is created), so a delivery planned later never takes the place of one booked
 * earlier, even if it came due first. Each attempt takes {@link #perDelivery()}: 100 ms of the
 * gateway's one-minute period (the POST to the receiver and the writes that record it), scaled
 * with the period like the rest of virtual time.
 */
final class WebhookOutbox {

    /** The gateway's default {@code maxDeliveries} per run. */
    static final int MAX_DELIVERIES_PER_RUN = 100;

    private final Duration period;
    private final int maxPerRun;
    /** Deliveries booked per run, by the run's tick in epoch milliseconds (looked up, never iterated). */
    private final Map<Long, Integer> booked = new HashMap<>();

    WebhookOutbox(Duration period, int maxPerRun) {
        if (maxPerRun < 1) {
            throw new IllegalArgumentException("maxPerRun must be at least 1: " + maxPerRun);
        }
        this.period = period;
        this.maxPerRun = maxPerRun;
    }

    /** How long one attempt takes within a run: 1/600 of the period (100 ms a minute). */
    Duration perDelivery() {
        return period.dividedBy(600);
    }

    /**
     * Books the attempt of a delivery due at {@code due}: the first run at or after it with a free
     * slot, at the slot's place in that run's sequence.
     */
    Instant book(Instant due) {
        Instant drain = Reconciler.drainAt(due, period);
        while (true) {
            Instant tick = drain.minus(Reconciler.DRAIN_OFFSET);
            int taken = booked.getOrDefault(tick.toEpochMilli(), 0);
            if (taken < maxPerRun) {
                booked.put(tick.toEpochMilli(), taken + 1);
                return drain.plus(perDelivery().multipliedBy(taken));
            }
            drain = drain.plus(period);
        }
    }

    /** When a delivery due at {@code due} would go out if the runs had no cap (history made before the start). */
    Instant unbooked(Instant due) {
        return Reconciler.drainAt(due, period);
    }
}
