package app.phaseo.connect.videos.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Names JSON types in messages. */
public final class JsonTypes {

    /** Longest number text read exactly; longer text is not a plausible number of the API. */
    public static final int MAX_NUMBER_TEXT = 100;

    private JsonTypes() {
    }

    /** "a string", "a number", "a boolean", "an array", "an object", "null" or "a binary value". */
    public static String describe(JsonNode value) {
        switch (value.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case NULL:
            case MISSING:
                return "null";
            default:
                return "a binary value";
        }
    }

    /**
     * Whether {@code text} is a plain decimal number: an optional minus, digits, and optionally a point and more
     * digits ({@code -?[0-9]+(\.[0-9]+)?}), at most {@link #MAX_NUMBER_TEXT} characters. No exponent, no plus,
     * no spaces, no NaN or Infinity. Such text is always accepted by {@code new BigDecimal(text)}.
     */
    public static boolean isPlainDecimal(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_NUMBER_TEXT) {
            return false;
        }
        int i = text.charAt(0) == '-' ? 1 : 0;
        int integerStart = i;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == integerStart) {
            return false;
        }
        if (i == length) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        int fractionStart = ++i;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
        }
        return i == length && i > fractionStart;
    }

    /**
     * The exact value of a JSON number node, or {@code null} if it is not finite (NaN and infinities are not JSON,
     * but a tree built in code can hold them).
     */
    public static BigDecimal exactDecimal(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? BigDecimal.valueOf(number.longValue())
                    : new BigDecimal(number.bigIntegerValue());
        }
        if (number.isBigDecimal()) {
            return number.decimalValue();
        }
        double value = number.doubleValue();
        // Double.toString gives the shortest text that reads back as the same double: the text the server sent.
        return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
