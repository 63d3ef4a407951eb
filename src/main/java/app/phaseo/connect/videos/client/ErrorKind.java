package app.phaseo.connect.videos.client;

/**
 * Every way a call to the Phaseo API can fail, and what the caller should do about it.
 *
 * <p>This enum is the failure taxonomy of the connector, kept in one place: {@link PhaseoClient}
 * sorts each failure into exactly one kind, and the task decides what to do from the kind's
 * {@link Handling} alone. Nothing else in the code base should look at HTTP status codes.
 */
public enum ErrorKind {

    /** 401: the API key is missing, malformed, revoked or unknown. Fix {@code phaseo.api.key}. */
    UNAUTHORIZED(Handling.FAIL_TASK),

    /** 403: the key is valid but may not use the video API. */
    FORBIDDEN(Handling.FAIL_TASK),

    /**
     * 404 with the reason {@code video_not_found_or_not_owned} or {@code video_deleted}: the video
     * is gone (or never belonged to this workspace). Any other 404 (a wrong base URL, a proxy page)
     * is {@link #UNEXPECTED_STATUS}, so that a misconfiguration never looks like a deleted video.
     */
    NOT_FOUND(Handling.FAIL_REQUEST),

    /**
     * 501 {@code not_implemented_yet}: the video API is switched off, for everyone
     * ({@code video_api_temporarily_disabled}) or for this workspace
     * ({@code video_api_feature_disabled}). Not a configuration error and not a blip either: retry
     * on a slow schedule and report the reason.
     */
    API_DISABLED(Handling.RETRY_SLOWLY),

    /** 429: too many requests. Wait for {@link PhaseoApiException#retryAfter()} (capped) or back off. */
    RATE_LIMITED(Handling.BACK_OFF),

    /** 400 or 422: the API refused this request's parameters. Retrying it unchanged cannot help. */
    BAD_REQUEST(Handling.FAIL_REQUEST),

    /** 5xx other than 501, including the gateway's plain-text 500 and its 502 {@code upstream_error}. */
    SERVER_ERROR(Handling.BACK_OFF),

    /** The connection failed: refused, reset, DNS, TLS handshake, or a body cut off before its end. */
    TRANSPORT(Handling.BACK_OFF),

    /** Connect, read or whole-call timeout, or a 408 from the server. */
    TIMEOUT(Handling.BACK_OFF),

    /**
     * A success status whose body is not what the API sends: not JSON, cut-off JSON, empty, HTML,
     * or JSON of the wrong shape; or any answer the HTTP library itself fails on (such as a
     * Retry-After too large for OkHttp to read). Usually a proxy or a bad deploy, so it is retried.
     */
    MALFORMED_RESPONSE(Handling.BACK_OFF),

    /** The body is larger than {@code maxResponseBytes}; it was not read to the end. */
    RESPONSE_TOO_LARGE(Handling.BACK_OFF),

    /**
     * The API redirected to another scheme, host or port (where the API key must not go), or
     * redirected too many times. Fix {@code phaseo.api.url}.
     */
    REDIRECT_REFUSED(Handling.FAIL_TASK),

    /** The call was cancelled by {@link PhaseoClient#cancelInFlight()} or {@link PhaseoClient#close()}. */
    CANCELLED(Handling.STOP),

    /**
     * Any status the API is not known to send (418, 409, 3xx without a usable {@code Location},
     * a 404 without a video reason, ...). Retried with backoff; the caller should say so loudly if
     * it persists.
     */
    UNEXPECTED_STATUS(Handling.BACK_OFF);

    /** What the caller should do with a failure of a given kind. */
    public enum Handling {
        /** The configuration is wrong: fail the task with the message, which says what to fix. */
        FAIL_TASK,
        /** This request cannot succeed as it is (the task carries on with other work). */
        FAIL_REQUEST,
        /** Transient: retry after an exponential backoff with jitter, or the server's Retry-After. */
        BACK_OFF,
        /** The API is switched off for now: retry on a slow schedule and report the reason. */
        RETRY_SLOWLY,
        /** The caller asked to stop: do not retry, do not report an error. */
        STOP
    }

    private final Handling handling;

    ErrorKind(Handling handling) {
        this.handling = handling;
    }

    public Handling handling() {
        return handling;
    }

    /** True when retrying the same request cannot succeed (the task or the request has to give up). */
    public boolean isPermanent() {
        return handling == Handling.FAIL_TASK || handling == Handling.FAIL_REQUEST;
    }

    /**
     * True for plain transient failures, retried after a backoff. {@link #API_DISABLED} is neither
     * permanent nor retriable in this sense (it is retried slowly), and neither is {@link #CANCELLED}.
     */
    public boolean isRetriable() {
        return handling == Handling.BACK_OFF;
    }
}
