package app.phaseo.connect.videos.offset;

/** The listing behaviour the connector has established for the API (see {@code ApiBehavior}). */
public enum ApiMode {
    /** Nothing learned yet: scanned like a window, which is right for both behaviours. */
    UNKNOWN,
    /** A window of the most recently updated jobs (the gateway's code). */
    WINDOW,
    /** Full history with a stable cursor (the published docs). */
    CURSOR
}
