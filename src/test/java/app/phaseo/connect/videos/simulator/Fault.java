package app.phaseo.connect.videos.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * One injected misbehaviour of the API, applied to one request through {@link FaultInjector}.
 *
 * <p>Faults that replace the answer (statuses, {@link #emptyBody()}, {@link #html()},
 * {@link #wrongShape()}) stop the request before the API handles it, so it has no side
 * effect. Faults that alter the answer ({@link #slow}, {@link #staleRead}, {@link #hugeBody},
 * {@link #malformedJson()}, {@link #truncatedBody()}) let the API handle it first.
 */
public final class Fault {

    /** The kinds of fault. */
    public enum Kind {
        TOO_MANY_REQUESTS, SERVER_ERROR_PLAIN_TEXT, BAD_GATEWAY, SERVICE_UNAVAILABLE, NOT_IMPLEMENTED,
        UNAUTHORIZED, FORBIDDEN, MALFORMED_JSON, TRUNCATED_BODY, SLOW, EMPTY_BODY, HTML, WRONG_SHAPE,
        STALE_READ, HUGE_BODY, NOT_SUPPORTED, NOT_READY
    }

    private final Kind kind;
    private final Duration duration;
    private final String reason;
    private final int bytes;

    private Fault(Kind kind, Duration duration, String reason, int bytes) {
        this.kind = kind;
        this.duration = duration;
        this.reason = reason;
        this.bytes = bytes;
    }

    /** 429 with a {@code Retry-After} header in whole seconds (rounded up), or none when null. */
    public static Fault tooManyRequests(Duration retryAfterOrNull) {
        if (retryAfterOrNull != null && retryAfterOrNull.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        return new Fault(Kind.TOO_MANY_REQUESTS, retryAfterOrNull, null, 0);
    }

    /** 500 with the plain-text body {@code Internal Server Error}. */
    public static Fault serverErrorPlainText() {
        return new Fault(Kind.SERVER_ERROR_PLAIN_TEXT, null, null, 0);
    }

    /** 502 JSON {@code upstream_error}. */
    public static Fault badGateway() {
        return new Fault(Kind.BAD_GATEWAY, null, null, 0);
    }

    /** 503 JSON {@code service_unavailable}. */
    public static Fault serviceUnavailable() {
        return new Fault(Kind.SERVICE_UNAVAILABLE, null, null, 0);
    }

    /** 501 JSON {@code not_implemented_yet} with {@code reason}. */
    public static Fault notImplemented(String reason) {
        return new Fault(Kind.NOT_IMPLEMENTED, null, Objects.requireNonNull(reason, "reason"), 0);
    }

    /** 401 JSON {@code unauthorised} with {@code reason}. */
    public static Fault unauthorized(String reason) {
        return new Fault(Kind.UNAUTHORIZED, null, Objects.requireNonNull(reason, "reason"), 0);
    }

    /**
     * 400 JSON {@code not_supported} (reason {@code video_status_unsupported}): GET by id of a job
     * whose provider has no status route ({@code apps/api/src/routes/v1/data/videos.get-by-id.ts}).
     */
    public static Fault notSupported() {
        return new Fault(Kind.NOT_SUPPORTED, null, null, 0);
    }

    /**
     * 409 JSON {@code not_ready} (reason {@code atlas_prediction_id_missing}): GET by id of a job the
     * provider cannot be asked about yet ({@code videos.get-by-id.ts}).
     */
    public static Fault notReady() {
        return new Fault(Kind.NOT_READY, null, null, 0);
    }

    /** 403 JSON {@code forbidden}. */
    public static Fault forbidden() {
        return new Fault(Kind.FORBIDDEN, null, null, 0);
    }

    /** 200 with the real answer cut off halfway (a JSON syntax error). */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, null, null, 0);
    }

    /** 200 whose {@code Content-Length} promises the real answer, but the connection closes halfway. */
    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, null, null, 0);
    }

    /** The real answer after {@code delay} of wall-clock time (independent of the simulator clock). */
    public static Fault slow(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return new Fault(Kind.SLOW, delay, null, 0);
    }

    /** 200 with zero bytes. */
    public static Fault emptyBody() {
        return new Fault(Kind.EMPTY_BODY, null, null, 0);
    }

    /** 200 with an HTML page (a captive portal or a proxy's error page). */
    public static Fault html() {
        return new Fault(Kind.HTML, null, null, 0);
    }

    /** 200 JSON in which {@code data} is an object instead of an array. */
    public static Fault wrongShape() {
        return new Fault(Kind.WRONG_SHAPE, null, null, 0);
    }

    /** The answer as the state was {@code lag} ago (a lagging read replica). */
    public static Fault staleRead(Duration lag) {
        if (Objects.requireNonNull(lag, "lag").isNegative()) {
            throw new IllegalArgumentException("lag must not be negative");
        }
        return new Fault(Kind.STALE_READ, lag, null, 0);
    }

    /** The real answer with an unknown top-level field of about {@code bytes} bytes. */
    public static Fault hugeBody(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        return new Fault(Kind.HUGE_BODY, null, null, bytes);
    }

    public Kind kind() {
        return kind;
    }

    /** The retry-after, delay or lag, if this kind has one. */
    public Duration duration() {
        return duration;
    }

    /** The reason of a 401 or 501, else null. */
    public String reason() {
        return reason;
    }

    /** The padding size of {@link #hugeBody(int)}, else 0. */
    public int bytes() {
        return bytes;
    }

    /** Whether the API handles the request at all under this fault. */
    boolean replacesAnswer() {
        switch (kind) {
            case SLOW:
            case STALE_READ:
            case HUGE_BODY:
            case MALFORMED_JSON:
            case TRUNCATED_BODY:
                return false;
            default:
                return true;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name());
        if (duration != null) {
            sb.append('(').append(duration).append(')');
        }
        if (reason != null) {
            sb.append('(').append(reason).append(')');
        }
        if (kind == Kind.HUGE_BODY) {
            sb.append('(').append(bytes).append(')');
        }
        return sb.toString();
    }
}
