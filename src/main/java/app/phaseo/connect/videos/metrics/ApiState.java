package app.phaseo.connect.videos.metrics;

/** How the API answers lately, as reported in metrics. */
public enum ApiState {
    OK,
    /** 501 not_implemented_yet, for good: the video API is closed; checked once per poll interval until it opens. */
    DISABLED,
    /**
     * Transient failures (5xx, IO, timeouts, malformed bodies, a 401 db_error, a lone 501
     * video_api_feature_disabled): retrying with backoff.
     */
    BACKING_OFF,
    /** Waiting for the server's Retry-After (a 429, or a 503 that says when to come back). */
    RATE_LIMITED
}
