package app.phaseo.connect.videos.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Turns an HTTP error answer (any status that is neither success nor a followed redirect) into a
 * {@link PhaseoApiException}: picks the {@link ErrorKind} and writes a message that says what to do.
 *
 * <p>The API's error body is one flat JSON object
 * {@code {error, reason?, message?, status_code, error_type, error_origin, request_id?}}, but a
 * gateway or proxy may answer with plain text, HTML or nothing; all of those are accepted, and
 * the status alone then decides the kind.
 */
final class ErrorResponses {

    /** The 404 reasons that mean "this video is gone", as opposed to "this URL is wrong". */
    static final Set<String> VIDEO_GONE_REASONS = Set.of("video_not_found_or_not_owned", "video_deleted");

    /**
     * The 401 reasons that mean the gateway failed to check the key, not that the key is wrong
     * (gateway {@code apps/api/src/pipeline/before/auth.ts}).
     */
    static final Set<String> KEY_CHECK_FAILURE_REASONS = Set.of("db_error", "server_misconfig_missing_pepper");

    /** The 501 reason of the per-workspace feature gate, which may flicker (see {@link ErrorKind#API_GATE_CLOSED}). */
    static final String GATE_CLOSED_REASON = "video_api_feature_disabled";

    private static final int MAX_FIELD_CHARS = 100;
    private static final int MAX_MESSAGE_CHARS = 300;

    private final ObjectMapper json;
    private final SafeText safe;
    private final Clock clock;

    ErrorResponses(ObjectMapper json, SafeText safe, Clock clock) {
        this.json = json;
        this.safe = safe;
        this.clock = clock;
    }

    /** The kind for a status; {@code reason} only matters for 401, 404 and 501. */
    static ErrorKind kindOf(int status, String reason) {
        return switch (status) {
            case 401 -> reason != null && KEY_CHECK_FAILURE_REASONS.contains(reason) ? ErrorKind.KEY_CHECK_FAILED
                    : ErrorKind.UNAUTHORIZED;
            case 403 -> ErrorKind.FORBIDDEN;
            case 404 -> reason != null && VIDEO_GONE_REASONS.contains(reason) ? ErrorKind.NOT_FOUND : ErrorKind.UNEXPECTED_STATUS;
            case 400, 422 -> ErrorKind.BAD_REQUEST;
            case 408 -> ErrorKind.TIMEOUT;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 501 -> GATE_CLOSED_REASON.equals(reason) ? ErrorKind.API_GATE_CLOSED : ErrorKind.API_DISABLED;
            default -> status >= 500 && status <= 599 ? ErrorKind.SERVER_ERROR : ErrorKind.UNEXPECTED_STATUS;
        };
    }

    PhaseoApiException fromAnswer(int status, Headers headers, byte[] body, HttpUrl url) {
        ErrorBody error = parse(body, headers.get("Content-Type"));
        String requestId = error.requestId() != null ? error.requestId() : clean(headers.get("X-Request-Id"), MAX_FIELD_CHARS);
        Duration retryAfter = RetryAfter.parse(headers.get("Retry-After"), clock).orElse(null);
        ErrorKind kind = kindOf(status, error.reason());
        String message = message(kind, status, error, requestId, retryAfter, url);
        return new PhaseoApiException(kind, message, null, status, error.reason(), error.message(), retryAfter, requestId);
    }

    private String message(ErrorKind kind, int status, ErrorBody error, String requestId, Duration retryAfter,
                           HttpUrl url) {
        String call = SafeText.describeCall(url);
        // What happened, then what to do about it.
        Wording wording = switch (kind) {
            case UNAUTHORIZED -> new Wording("The Phaseo API rejected the API key on " + call,
                "Check the '" + ClientSettings.KEY_CONFIG + "' setting: the key must be a valid, active Phaseo API key.");
            case FORBIDDEN -> new Wording("The Phaseo API refused access with this API key on " + call,
                "Check that the key in '" + ClientSettings.KEY_CONFIG + "' belongs to a workspace that may use the video API.");
            case KEY_CHECK_FAILED -> new Wording("The Phaseo API could not check the API key on " + call,
                "A fault of the gateway, not of '" + ClientSettings.KEY_CONFIG + "': retry with backoff.");
            case NOT_FOUND -> new Wording("The video was not found on " + call,
                "It was deleted or does not belong to this workspace.");
            case API_DISABLED -> new Wording("The Phaseo video API is switched off on " + call,
                "This is a server-side switch: retry slowly until it is back.");
            case API_GATE_CLOSED -> new Wording("The Phaseo video API is closed for this workspace on " + call,
                "The gateway's feature gate said no; a single answer may be a blip: retry, slowly if it persists.");
            case RATE_LIMITED -> new Wording("The Phaseo API rate limit was hit on " + call,
                retryAfter == null ? "No Retry-After given: back off." : "The server asks to wait " + retryAfter.toSeconds() + " s.");
            case BAD_REQUEST -> new Wording("The Phaseo API refused the parameters of " + call,
                "Retrying this request unchanged will not help.");
            case TIMEOUT -> new Wording("The Phaseo API timed out on " + call, "Retry with backoff.");
            case SERVER_ERROR -> new Wording("The Phaseo API failed on " + call, "Retry with backoff.");
            default -> new Wording("The Phaseo API answered " + call + " with an unexpected status", status == 404
                    ? "A 404 without a video reason usually means a wrong '" + ClientSettings.URL_CONFIG
                            + "'; it should be the API root, such as https://api.phaseo.app/v1."
                    : "Retry with backoff; report it if it persists.");
        };
        StringBuilder text = new StringBuilder(wording.headline()).append(" (HTTP ").append(status);
        if (error.reason() != null) {
            text.append(", reason '").append(error.reason()).append('\'');
        }
        if (requestId != null) {
            text.append(", request id ").append(requestId);
        }
        text.append(')');
        if (error.message() != null) {
            text.append(": ").append(stripFinalStop(error.message()));
        }
        return text.append(". ").append(wording.advice()).toString();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String stripFinalStop(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** Reads what can be read from an error body; never fails. */
    private ErrorBody parse(byte[] body, String contentType) {
        if (body.length == 0) {
            return ErrorBody.EMPTY;
        }
        JsonNode root = null;
        try {
            root = json.readTree(body);
        } catch (IOException notJson) {
            // Plain text, HTML or a cut-off body: described below.
        }
        if (root != null && root.isObject()) {
            return fromJson(root);
        }
        String preview = safe.preview(body, MAX_FIELD_CHARS);
        boolean html = (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) || preview.startsWith("<");
        return new ErrorBody(null, null, html ? "(an HTML page)" : emptyToNull(preview), null);
    }

    /**
     * The flat shape, plus the OpenAI-style {@code {"error": {"message", "type", "code"}}} that the
     * published docs may use one day.
     */
    private ErrorBody fromJson(JsonNode root) {
        JsonNode error = root.path("error");
        String code = text(error);
        String reason = text(root.path("reason"));
        String message = text(root.path("message"));
        if (error.isObject()) {
            code = text(error.path("type"));
            reason = reason != null ? reason : text(error.path("code"));
            message = message != null ? message : text(error.path("message"));
        }
        String requestId = text(root.path("request_id"));
        return new ErrorBody(clean(code, MAX_FIELD_CHARS), clean(reason, MAX_FIELD_CHARS),
                clean(message, MAX_MESSAGE_CHARS), clean(requestId, MAX_FIELD_CHARS));
    }

    /** Cleaned server text, or null when there is none. */
    private String clean(String field, int maxChars) {
        return emptyToNull(safe.clean(field, maxChars));
    }

    private static String text(JsonNode node) {
        return node.isTextual() || node.isNumber() ? node.asText() : null;
    }

    /** A message's two halves: what happened, and what to do about it. */
    private record Wording(String headline, String advice) {
    }

    /** What an error body said; every field is cleaned, any may be null. */
    private record ErrorBody(String error, String reasonField, String message, String requestId) {
        static final ErrorBody EMPTY = new ErrorBody(null, null, null, null);

        /** The API's {@code reason}, else its {@code error} code. */
        String reason() {
            return reasonField != null ? reasonField : error;
        }
    }
}
