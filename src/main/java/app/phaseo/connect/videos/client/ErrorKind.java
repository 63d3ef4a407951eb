package app.phaseo.connect.videos.client;

/**
 * Every way a call to the Phaseo API can fail, and what the caller should do about it.
 *
 * <p>This enum is the failure taxonomy of the connector, kept in one place: {@link PhaseoClient}
 * sorts each failure into exactly one kind, and the task decides what to do from the kind's
 * {@link Handling} alone. Nothing else in the code base should look at HTTP status codes.
 */
public enum ErrorKind {

    /**
     * 401 for any reason but the two of {@link #KEY_CHECK_FAILED}: the API key is missing,
     * malformed, revoked, expired or unknown ({@code invalid_key_format},
     * {@code key_not_found_or_revoked}, {@code key_expired}, {@code invalid_secret}, ...).
     * Fix {@code phaseo.api.key}.
     */
    UNAUTHORIZED(Handling.FAIL_TASK, "401, any reason but db_error or server_misconfig_missing_pepper"),

    /**
     * 401 with the reason {@code db_error} (the gateway's own database failed while looking the key
     * up) or {@code server_misconfig_missing_pepper} (the gateway lacks the secret it checks keys
     * with): a fault of the gateway, not of the key (gateway {@code apps/api/src/pipeline/before/auth.ts}).
     */
    KEY_CHECK_FAILED(Handling.BACK_OFF, "401 db_error, 401 server_misconfig_missing_pepper"),

    /** 403: the key is valid but may not use the video API. */
    FORBIDDEN(Handling.FAIL_TASK, "403"),

    /**
     * 404 with the reason {@code video_not_found_or_not_owned} or {@code video_deleted}: the video
     * is gone (or never belonged to this workspace). Any other 404 (a wrong base URL, a proxy page)
     * is {@link #UNEXPECTED_STATUS}, so that a misconfiguration never looks like a deleted video.
     */
    NOT_FOUND(Handling.FAIL_REQUEST, "404 video_not_found_or_not_owned, 404 video_deleted"),

    /**
     * 501 {@code not_implemented_yet} with the reason {@code video_api_temporarily_disabled} (the
     * gateway's deployment switch, which closes every video route for everyone), or with a reason
     * this connector does not know. Not a configuration error and not a blip either.
     */
    API_DISABLED(Handling.RETRY_SLOWLY, "501 video_api_temporarily_disabled, or 501 with another reason"),

    /**
     * 501 {@code not_implemented_yet} with the reason {@code video_api_feature_disabled}: the
     * workspace's feature gate said no. The gateway asks the gate anew on every request, with a
     * 2 s timeout, and reads any failure of that check as "closed" (gateway
     * {@code apps/api/src/core/feature-flags.ts} {@code isStatsigGateEnabled}), so a single answer
     * may be a blip of an open API; only a persistent one means the API is closed.
     */
    API_GATE_CLOSED(Handling.RETRY_SLOWLY_IF_PERSISTENT, "501 video_api_feature_disabled"),

    /** 429: too many requests. Wait for {@link PhaseoApiException#retryAfter()} (capped) or back off. */
    RATE_LIMITED(Handling.BACK_OFF, "429"),

    /** 400 or 422: the API refused this request's parameters. Retrying it unchanged cannot help. */
    BAD_REQUEST(Handling.FAIL_REQUEST, "400, 422"),

    /** 5xx other than 501, including the gateway's plain-text 500 and its 502 {@code upstream_error}. */
    SERVER_ERROR(Handling.BACK_OFF, "5xx but 501"),

    /** The connection failed: refused, reset, DNS, TLS handshake, or a body cut off before its end. */
    TRANSPORT(Handling.BACK_OFF, "connection refused or reset, DNS, TLS, body cut off"),

    /** Connect, read or whole-call timeout, or a 408 from the server. */
    TIMEOUT(Handling.BACK_OFF, "connect, read or call timeout; 408"),

    /**
     * A success status whose body is not what the API sends: not JSON, cut-off JSON, empty, HTML,
     * or JSON of the wrong shape; or any answer the HTTP library itself fails on (such as a
     * Retry-After too large for OkHttp to read). Usually a proxy or a bad deploy, so it is retried.
     */
    MALFORMED_RESPONSE(Handling.BACK_OFF, "2xx whose body is not the API's shape; an answer the HTTP library fails on"),

    /** The body is larger than {@code maxResponseBytes}; it was not read to the end. */
    RESPONSE_TOO_LARGE(Handling.BACK_OFF, "a body over http.max.response.bytes"),

    /**
     * The API redirected to another scheme, host or port (where the API key must not go), or
     * redirected too many times. Fix {@code phaseo.api.url}.
     */
    REDIRECT_REFUSED(Handling.FAIL_TASK, "3xx to another origin, or too many redirects"),

    /** The call was cancelled by {@link PhaseoClient#cancelInFlight()} or {@link PhaseoClient#close()}. */
    CANCELLED(Handling.STOP, "the task stopping (cancelInFlight, close)"),

    /**
     * Any status the API is not known to send (418, 409, 3xx without a usable {@code Location},
     * a 404 without a video reason, ...). Retried with backoff; the caller should say so loudly if
     * it persists.
     */
    UNEXPECTED_STATUS(Handling.BACK_OFF, "any other status (418, 409, 404 without a video reason, 3xx without Location, ...)");

    /** What the caller should do with a failure of a given kind. */
    public enum Handling {
        /** The configuration is wrong: fail the task with the message, which says what to fix. */
        FAIL_TASK("The task fails with a message that names the setting to fix (phaseo.api.key, phaseo.api.url) "
                + "and the API's reason; never the key."),
        /**
         * This request cannot succeed as it is. A stage that can do without it carries on (a
         * followed video that is gone, a backfill page the server refuses); where nothing replaces
         * it (a list scan), the cycle ends and the next one is tried after a backoff, with an ERROR
         * in the log because the API no longer takes a request this connector builds.
         */
        FAIL_REQUEST("This request is dropped: a followed video that is gone is no longer followed, a refused "
                + "backfill page ends the backfill. On a list scan the cycle ends, is logged at ERROR (an API change) "
                + "and is tried again after a backoff."),
        /**
         * Transient: retry after the server's Retry-After when it gave one (capped), else after an
         * exponential backoff with jitter.
         */
        BACK_OFF("Retried after the server's Retry-After when it gave one (capped by retry.after.max.ms; "
                + "ApiState=RATE_LIMITED), else after an exponential backoff with jitter (retry.backoff.initial.ms, "
                + "retry.backoff.max.ms; ApiState=BACKING_OFF)."),
        /**
         * The API is switched off for now: report the reason, and check again once per poll
         * interval (no more than an idle poll costs), so streaming starts within one poll interval
         * of the API opening.
         */
        RETRY_SLOWLY("ApiState=DISABLED with the reason, one WARN per change; checked once per poll.interval.ms "
                + "(no more than an idle poll costs), so streaming starts within one poll interval of the API "
                + "opening. With api.disabled.behavior=fail the task fails instead."),
        /**
         * Maybe a blip, maybe the API is switched off: handled as {@link #BACK_OFF} (but never
         * waiting longer than one poll interval) until it persists, then as {@link #RETRY_SLOWLY}.
         * Persistent means {@link #PERSISTENT_ANSWERS} answers in a row, with no other answer
         * between them, spanning at least {@link #PERSISTENT_SECONDS}: a blip of the gateway's gate
         * check (a 2 s timeout, or one failed call to the flag service) does not last that long,
         * while an API that is really closed costs only the few extra requests of the backoff.
         */
        RETRY_SLOWLY_IF_PERSISTENT("A lone answer is retried like BACK_OFF, but never more than poll.interval.ms "
                + "later. Once it persists (" + Handling.PERSISTENT_ANSWERS + " answers in a row with no other answer "
                + "between them, spanning at least " + Handling.PERSISTENT_SECONDS + " s) it is handled as RETRY_SLOWLY."),
        /** The caller asked to stop: do not retry, do not report an error. */
        STOP("Nothing: no retry, no error; the task is stopping.");

        /** Answers in a row that make a {@link #RETRY_SLOWLY_IF_PERSISTENT} failure persistent. */
        public static final int PERSISTENT_ANSWERS = 3;
        /** Least time from the first to the last of those answers, in seconds. */
        public static final int PERSISTENT_SECONDS = 30;

        private final String whatTheTaskDoes;

        Handling(String whatTheTaskDoes) {
            this.whatTheTaskDoes = whatTheTaskDoes;
        }

        /** What the task does with a failure so handled, in words: for the docs. */
        public String whatTheTaskDoes() {
            return whatTheTaskDoes;
        }
    }

    private final Handling handling;
    private final String answers;

    ErrorKind(Handling handling, String answers) {
        this.handling = handling;
        this.answers = answers;
    }

    /** Which answers (or failures without one) are of this kind, in words: for the docs. */
    public String answers() {
        return answers;
    }

    public Handling handling() {
        return handling;
    }

    /** True when retrying the same request cannot succeed (the task or the request has to give up). */
    public boolean isPermanent() {
        return handling == Handling.FAIL_TASK || handling == Handling.FAIL_REQUEST;
    }

    /**
     * True for plain transient failures, retried after a backoff. {@link #API_DISABLED} and
     * {@link #API_GATE_CLOSED} are neither permanent nor retriable in this sense (they may be
     * retried slowly), and neither is {@link #CANCELLED}.
     */
    public boolean isRetriable() {
        return handling == Handling.BACK_OFF;
    }
}
