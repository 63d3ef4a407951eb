package app.phaseo.connect.videos.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's mutable state as folded from its events up to some time; only the fold writes it.
 */
final class JobState {

    /** Billing states, as the code shape's {@code billing.state} names them. */
    enum Billing {
        ESTIMATED("estimated"), PENDING("pending"), SETTLED("settled"), VOID("void");

        private final String wire;

        Billing(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }

        /** Settled or void: nothing more will happen to billing. */
        boolean closed() {
            return this == SETTLED || this == VOID;
        }
    }

    SimStatus status;
    int progress;
    Instant startedAt;
    Instant completedAt;
    /** When the provider finished (the terminal event's time; never rewritten by a re-finalization). */
    Instant providerCompletedAt;
    Billing billing;
    Instant billedAt;
    String chargeReasonOverride;
    final List<WebhookAttempt> attempts = new ArrayList<>();
    boolean deleted;
    Instant updatedAt;
    /** How many events were folded in. */
    int applied;

    JobState copy() {
        JobState c = new JobState();
        c.status = status;
        c.progress = progress;
        c.startedAt = startedAt;
        c.completedAt = completedAt;
        c.providerCompletedAt = providerCompletedAt;
        c.billing = billing;
        c.billedAt = billedAt;
        c.chargeReasonOverride = chargeReasonOverride;
        c.attempts.addAll(attempts);
        c.deleted = deleted;
        c.updatedAt = updatedAt;
        c.applied = applied;
        return c;
    }

    void apply(JobEvent event) {
        event.applyTo(this);
        updatedAt = event.time();
        applied++;
    }

    /** The latest attempt of each delivery key, in first-attempt order. */
    List<WebhookAttempt> latestAttemptPerKey() {
        Map<String, WebhookAttempt> latest = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (WebhookAttempt a : attempts) {
            if (latest.put(a.deliveryKey(), a) == null) {
                order.add(a.deliveryKey());
            }
        }
        List<WebhookAttempt> result = new ArrayList<>(order.size());
        for (String key : order) {
            result.add(latest.get(key));
        }
        return result;
    }

    /** Deliveries whose latest attempt failed and will be retried. */
    int pendingRetries() {
        int pending = 0;
        for (WebhookAttempt a : latestAttemptPerKey()) {
            if (a.nextRetryAt() != null) {
                pending++;
            }
        }
        return pending;
    }

    /** The earliest retry due, or null. */
    Instant nextRetryAt() {
        Instant next = null;
        for (WebhookAttempt a : latestAttemptPerKey()) {
            if (a.nextRetryAt() != null && (next == null || a.nextRetryAt().isBefore(next))) {
                next = a.nextRetryAt();
            }
        }
        return next;
    }

    /**
     * What the state alone says about finality: terminal status, billing settled or void, and
     * {@code billed_at} set (the reconciler claims every row with {@code billed_at} null,
     * {@code supabase/migrations/20260617193428_async_operation_reconciliation_leases.sql}, and
     * re-finalizes it: {@code apps/api/src/pipeline/video-reconciliation.ts}), and no webhook retry
     * pending. A deleted job is no exception: the gateway keeps claiming and finalizing it while
     * it is unbilled. Deliveries still queued are not in the state: see {@link Job#isFinalAt}.
     */
    boolean isFinal() {
        return status != null && status.terminal() && billing.closed() && billedAt != null
                && pendingRetries() == 0;
    }
}
