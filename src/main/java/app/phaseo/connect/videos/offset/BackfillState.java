package app.phaseo.connect.videos.offset;

/** Where the one-off history backfill stands. */
public enum BackfillState {
    /** Not started yet. */
    PENDING,
    /** Paging through history; {@code last_id} holds the cursor. */
    RUNNING,
    /** Everything reachable was streamed. */
    DONE
}
