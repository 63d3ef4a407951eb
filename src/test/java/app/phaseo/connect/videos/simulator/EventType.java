package app.phaseo.connect.videos.simulator;

/** The kinds of events a job's state is folded from. */
public enum EventType {
    /** The job exists: status {@code queued}, billing estimated and held. */
    CREATED,
    /** Processing started. */
    STARTED,
    /** Progress rose (the only kind that is not a meaningful change). */
    PROGRESS,
    /** The job reached {@code completed}, {@code failed}, {@code cancelled} or {@code expired}. */
    TERMINAL,
    /** Billing moved (pending, then settled or void). */
    BILLING,
    /** A webhook delivery attempt was made (delivered or failed). */
    WEBHOOK_ATTEMPT,
    /** GATEWAY_CODE only: a GET by id re-finalized a finished job (a side effect). */
    REFINALIZED,
    /**
     * The job was deleted (tombstoned): GATEWAY_CODE keeps it in the list, unchanged, and GET by id
     * answers 404 {@code video_deleted}; DOCUMENTED drops it from the list.
     */
    DELETED,
    /** {@code billing.billed_at} was set: a later write than settled/void, and the last billing write. */
    BILLED,
    /**
     * Invisible: the reconciler's lease claim set {@code updated_at} (and nothing the API shows).
     * Copies {@code supabase/migrations/20260617193428_async_operation_reconciliation_leases.sql},
     * the {@code claimed} CTE of {@code claim_gateway_async_operations_for_reconciliation}.
     */
    CLAIMED,
    /**
     * Invisible: bookkeeping that bumps {@code updated_at} only (the reconciler's provider-poll and
     * lease release in {@code apps/api/src/pipeline/video-reconciliation.ts}
     * {@code runVideoReconciliationJob}, a GET-by-id progress write of an unchanged progress).
     */
    BOOKKEEPING;

    /** Whether a change of this kind matters to a consumer (everything but progress ticks and invisible writes). */
    public boolean meaningful() {
        return this != PROGRESS && visible();
    }

    /** Whether a write of this kind can change what the API shows (false: it only bumps {@code updated_at}). */
    public boolean visible() {
        return this != CLAIMED && this != BOOKKEEPING;
    }
}
