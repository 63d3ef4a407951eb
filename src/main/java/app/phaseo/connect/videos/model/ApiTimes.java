package app.phaseo.connect.videos.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Epoch milliseconds of the API's times, for the capture stage, read by the same
 * {@link TimeParser} as the value conversion: unix seconds (or milliseconds from 10^11) as a
 * number or numeric string, ISO strings in all the shapes the API sends.
 */
public final class ApiTimes {

    /** Returned when a value is absent or cannot be read as a time. */
    public static final long NONE = Long.MIN_VALUE;

    private static final ThreadLocal<TimeParser> PARSER = ThreadLocal.withInitial(TimeParser::new);

    private ApiTimes() {
    }

    /** Epoch milliseconds of a JSON value, or {@link #NONE}. */
    public static long toMillis(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NONE;
        }
        if (node.isTextual()) {
            return toMillis(node.textValue());
        }
        return read(node);
    }

    /** Epoch milliseconds of a text time (surrounding white space ignored), or {@link #NONE}. */
    public static long toMillis(String text) {
        return text == null ? NONE : read(TextNode.valueOf(text.trim()));
    }

    /** Times before 1970 are no time of this API's: {@link #NONE}, like anything unreadable. */
    private static long read(JsonNode node) {
        TimeParser parser = PARSER.get();
        return parser.parse(node) && parser.millis() >= 0 ? parser.millis() : NONE;
    }
}
