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
    /** The job was deleted: it leaves the lists and GET by id answers 404 {@code video_deleted}. */
    DELETED;

    /** Whether a change of this kind matters to a consumer (everything but progress ticks). */
    public boolean meaningful() {
        return this != PROGRESS;
    }
}
