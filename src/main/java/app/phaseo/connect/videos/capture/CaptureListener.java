package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.model.ApiBehavior;

/** What the capture stage reports as it goes, for metrics and logs. Every method may be a no-op. */
public interface CaptureListener {

    /** One list or get request answered. */
    default void onRequest(String route) {
    }

    /** A page answered with {@code after} restarted from the top: the cursor fell out of the window. */
    default void onCursorRestart(StatusWindow window) {
    }

    /** A window whose coverage could not be proven was split into narrower windows. */
    default void onWindowSplit(StatusWindow window) {
    }

    /**
     * A read of a window of one in-flight status could not be proven (the gateway bumps jobs in
     * flight invisibly): intermediate states may have been skipped; no final state lives there.
     */
    default void onWindowUnproven(StatusWindow window) {
    }

    /**
     * Even the narrowest window changed completely since the last scan: changes may have been
     * pushed out of it before they could be read.
     */
    default void onWindowOverflow(StatusWindow window) {
    }

    /** An observation older than the state already written was ignored (a lagging read). */
    default void onStaleObservation(String id) {
    }

    /** A job not visible in the listing was fetched by id. */
    default void onFollow(String id) {
    }

    /** A followed job answered 404. */
    default void onFollowedJobGone(String id) {
    }

    /** A read by id failed for this job alone (400, 409, 502...); it is tried again on its next turn. */
    default void onFollowFailed(String id, app.phaseo.connect.videos.client.ErrorKind kind, int httpStatus) {
    }

    /** A job was still not final after {@code follow.max.age.ms} and is no longer followed. */
    default void onFollowExpired(String id) {
    }

    /** The state was over {@code state.max.jobs}: a remembered job was dropped. */
    default void onStateEvicted(String id) {
    }

    /** The listing behaviour of the API was established. */
    default void onModeDetected(ApiBehavior mode, String evidence) {
    }

    /** The API refused the backfill cursor (its job is gone); the backfill ends there. */
    default void onBackfillCursorRejected(String cursor, String message) {
    }

    /** The history backfill finished. */
    default void onBackfillDone(long jobs, boolean historyBeyondWindowUnreachable) {
    }

    /** A cycle ended. */
    default void onCycle(CycleSummary summary) {
    }
}
