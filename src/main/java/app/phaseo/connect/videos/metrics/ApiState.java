package app.phaseo.connect.videos.metrics;

/** How the API answers lately, as reported in metrics. */
public enum ApiState {
    OK,
    /** 501 not_implemented_yet: the video API is closed; checked slowly until it opens. */
    DISABLED,
    /** Transient failures (5xx, IO, timeouts, malformed bodies): retrying with backoff. */
    BACKING_OFF,
    /** 429: waiting for the server's Retry-After. */
    RATE_LIMITED
}
