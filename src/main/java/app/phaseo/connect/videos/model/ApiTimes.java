package app.phaseo.connect.videos.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Reads the API's times, which drift between shapes (DESIGN.md section 1): unix seconds as a
 * number or numeric string, ISO strings with {@code Z}, {@code +00:00} or {@code +00}, a space
 * instead of {@code T}, 0 to 9 fraction digits, or no offset at all (taken as UTC).
 *
 * <p>Numbers at or above 10^11 are read as milliseconds: as seconds they would lie after the year
 * 5138, as milliseconds they cover 1973 onwards, so no real timestamp is ambiguous.
 */
public final class ApiTimes {

    /** Returned when a value is absent or cannot be read as a time. */
    public static final long NONE = Long.MIN_VALUE;

    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private static final DateTimeFormatter LENIENT_ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            // STRICT: the default SMART style would turn 2026-02-30 into 2026-02-28 and 24:00 into the next day.
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private ApiTimes() {
    }

    /** Epoch milliseconds of a JSON value, or {@link #NONE}. */
    public static long toMillis(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NONE;
        }
        if (node.isNumber()) {
            return fromEpochNumber(node.asDouble());
        }
        if (node.isTextual()) {
            return toMillis(node.textValue());
        }
        return NONE;
    }

    /** Epoch milliseconds of a text time, or {@link #NONE}. */
    public static long toMillis(String text) {
        if (text == null) {
            return NONE;
        }
        String t = text.trim();
        if (t.isEmpty() || t.length() > 64) {
            return NONE;
        }
        if (isNumeric(t)) {
            try {
                return fromEpochNumber(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                return NONE;
            }
        }
        long fast = FastIso.parseMillis(t);
        if (fast != NONE) {
            return fast;
        }
        try {
            var parsed = LENIENT_ISO.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime) {
                return ((OffsetDateTime) parsed).toInstant().toEpochMilli();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    private static long fromEpochNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0 || value > 1e15) {
            return NONE;
        }
        return value >= MILLIS_THRESHOLD ? (long) value : Math.round(value * 1000.0);
    }

    private static boolean isNumeric(String t) {
        boolean digit = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.') {
                return false;
            }
        }
        return digit;
    }
}
