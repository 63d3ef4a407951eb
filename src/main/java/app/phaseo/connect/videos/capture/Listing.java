package app.phaseo.connect.videos.capture;

import java.util.List;
import java.util.Optional;

/**
 * One listing behaviour of {@code GET /v1/videos} (docs/CAPTURE.md, "What the API shows"): what to
 * read in a cycle, when the next cycle is due, and which remembered jobs may be forgotten. The
 * engine runs the one in use and switches when a read says so; following by id, pruning to
 * {@code state.max.jobs} and the cycle's bookkeeping are the engine's.
 */
public interface Listing {

    /** The live read of a cycle that starts at {@code now}. */
    Read<LiveResult> live(long now);

    /** Which jobs to read by id after that live read. */
    Following following(LiveResult live);

    /**
     * The history part of a cycle (the backfill has started or may start); its outcome is present
     * when the history turned out to be listed with another behaviour.
     */
    Read<Optional<Switch>> backfill(LiveResult live);

    /** Bookkeeping once the cycle's reads are over, for the listing whose live read it was. */
    void endCycle(LiveResult live, long now);

    /** Remembered jobs that can no longer show unchanged, so may be forgotten now. */
    List<String> forgettable(LiveResult live);

    /** When the next cycle is due, the last one having started at {@code lastCycleStart}. */
    long nextDueAt(long lastCycleStart, long now);

    /** Whether the plan itself still reads more than one window (it merges back only after quiet cycles). */
    boolean underPressure();
}
