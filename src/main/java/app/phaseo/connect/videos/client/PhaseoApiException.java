package app.phaseo.connect.videos.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed call to the Phaseo API, sorted into one {@link ErrorKind}.
 *
 * <p>The message is short, says what to do, and never contains the API key; text that came from
 * the server ({@link #reason()}, {@link #apiMessage()}, {@link #requestId()}) has already been
 * shortened, stripped of control characters and scrubbed of anything that looks like a key.
 */
public class PhaseoApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final int httpStatus;
    private final String reason;
    private final String apiMessage;
    private final Duration retryAfter;
    private final String requestId;

    /** A failure without an HTTP answer (transport, timeout, cancellation, refused redirect...). */
    public PhaseoApiException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, cause, 0, null, null, null, null);
    }

    /**
     * The full form, used when the server answered.
     *
     * @param httpStatus the status, or 0 when there was no answer
     * @param reason the API's {@code reason} (or {@code error}) field, or null
     * @param apiMessage the API's {@code message}, or a preview of a non-JSON body, or null
     * @param retryAfter the server's Retry-After, or null
     * @param requestId the API's request id, or null
     */
    public PhaseoApiException(ErrorKind kind, String message, Throwable cause, int httpStatus,
                              String reason, String apiMessage, Duration retryAfter, String requestId) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.reason = reason;
        this.apiMessage = apiMessage;
        this.retryAfter = retryAfter;
        this.requestId = requestId;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The HTTP status of the answer, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The API's {@code reason} field, else its {@code error} field, else null. */
    public String reason() {
        return reason;
    }

    /** The API's {@code message} field, or a short preview of a non-JSON error body, or null. */
    public String apiMessage() {
        return apiMessage;
    }

    /** How long the server asked us to wait (not capped: see {@link RetryAfter#clamp}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The API's {@code request_id} (or the {@code X-Request-Id} header), for support tickets; or null. */
    public String requestId() {
        return requestId;
    }

    /** See {@link ErrorKind#isPermanent()}. */
    public boolean isPermanent() {
        return kind.isPermanent();
    }

    /** See {@link ErrorKind#isRetriable()}. */
    public boolean isRetriable() {
        return kind.isRetriable();
    }
}
