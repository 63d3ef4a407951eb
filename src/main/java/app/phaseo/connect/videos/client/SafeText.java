package app.phaseo.connect.videos.client;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Makes text that came from the network, or that describes a request, safe to put in a log line or
 * an exception message.
 *
 * <p>A server (or a proxy in front of it) may echo the Authorization header back, or put anything
 * at all in an error body. So every server-provided string goes through {@link #clean}: the API
 * key and anything shaped like a key or a bearer token is replaced, control characters (which
 * could forge log lines) become spaces, and the text is shortened.
 */
final class SafeText {

    static final String REDACTED = "[redacted]";

    /** Phaseo keys look like {@code aistats_v1_sk_...}; also catches a key cut short by truncation. */
    private static final Pattern KEY_SHAPED = Pattern.compile("aistats_v\\d+_sk_[A-Za-z0-9_\\-]*");
    /** A bearer token: the RFC 6750 token68 characters after the word. */
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/\\-]+=*");
    private static final Pattern CONTROL_OR_SPACES = Pattern.compile("[\\p{Cntrl}\\s]+");
    /** Query parameters this client sends itself; the value of any other one is hidden in logs. */
    private static final Set<String> OWN_QUERY_PARAMETERS = Set.of("limit", "status", "order", "after");

    private final String key;

    SafeText(String key) {
        this.key = key;
    }

    /** The text with secrets replaced, control characters turned into spaces, cut to {@code maxChars}. */
    String clean(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        String result = CONTROL_OR_SPACES.matcher(redact(text)).replaceAll(" ").strip();
        if (result.length() > maxChars) {
            result = result.substring(0, maxChars) + "...";
        }
        return result;
    }

    /** The text with the key, anything shaped like a key and bearer tokens replaced; nothing else changed. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        if (key != null && !key.isEmpty()) {
            result = result.replace(key, REDACTED);
        }
        result = KEY_SHAPED.matcher(result).replaceAll(REDACTED);
        return BEARER.matcher(result).replaceAll("Bearer " + REDACTED);
    }

    /**
     * The exception to keep as a cause. Library exceptions may quote what the server sent (Jackson
     * quotes the unexpected token, OkHttp an invalid status line), and a hostile server may send
     * the key back. If any message in the chain holds a secret, a copy of the chain is returned
     * with the messages redacted and the stack traces kept; otherwise the exception itself.
     */
    Throwable scrubbed(Throwable error) {
        boolean clean = true;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(redact(message))) {
                clean = false;
                break;
            }
        }
        return clean ? error : redactedCopy(error, 0);
    }

    private Throwable redactedCopy(Throwable error, int depth) {
        if (error == null || depth > 10) {
            return null;
        }
        String message = error.getMessage() == null ? "" : ": " + redact(error.getMessage());
        RedactedException copy = new RedactedException(error.getClass().getName() + message,
                redactedCopy(error.getCause() == error ? null : error.getCause(), depth + 1));
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** Stands in for a library exception whose message held a secret; its message names the original type. */
    static final class RedactedException extends Exception {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The start of a body as text, cleaned; for messages about bodies that are not what we expect. */
    String preview(byte[] body, int maxChars) {
        // Decode a little more than needed: the key must be whole to be recognised before cutting.
        int length = Math.min(body.length, maxChars * 4 + 256);
        return clean(new String(body, 0, length, StandardCharsets.UTF_8), maxChars);
    }

    /**
     * A URL for logs: scheme, host, port and path, and only this client's own query parameters
     * with their values. Any other parameter (a redirect may add signatures or tokens) shows
     * without its value.
     */
    static String forLog(HttpUrl url) {
        StringBuilder text = new StringBuilder()
                .append(url.scheme()).append("://").append(url.host()).append(':').append(url.port())
                .append(url.encodedPath());
        String separator = "?";
        for (int i = 0; i < url.querySize(); i++) {
            String name = url.queryParameterName(i);
            String value = url.queryParameterValue(i);
            text.append(separator).append(name);
            if (OWN_QUERY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                text.append('=').append(value == null ? "" : value);
            } else {
                text.append("=...");
            }
            separator = "&";
        }
        return text.toString();
    }

    /** {@code GET /v1/videos}: method and path, for exception messages. */
    static String describeCall(HttpUrl url) {
        return "GET " + url.encodedPath();
    }

    /** {@code https://api.phaseo.app:443}: where a request went, without path or query. */
    static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }
}
