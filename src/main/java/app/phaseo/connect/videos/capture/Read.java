package app.phaseo.connect.videos.capture;

/**
 * A part of a cycle that ends with something to tell the rest of the cycle.
 *
 * @param <R> what it found
 */
public interface Read<R> extends Work {

    /** What the read found; valid once {@link #step} returned true. */
    R outcome();
}
