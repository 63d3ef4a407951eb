package app.phaseo.connect.videos.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the API's times into epoch milliseconds, without exceptions.
 *
 * <p>Accepted:
 * <ul>
 *   <li>A JSON number, or a string of a plain decimal number: unix time. Magnitudes below 10^11 are seconds (10^11
 *       seconds is the year 5138); from 10^11 up to 10^14 they are taken as milliseconds (10^11 ms is March 1973),
 *       which is reported as a coercion; 10^14 and beyond are rejected. A fraction finer than a millisecond is
 *       dropped (rounding towards the past) and reported as truncated.</li>
 *   <li>An ISO-8601 date-time, with {@code T}, {@code t} or a space between date and time, seconds, an optional
 *       fraction of 1 to 9 digits, and an optional offset: {@code Z}, {@code +00:00}, {@code +0000} or {@code +00};
 *       no offset means UTC. These shapes take a hand-written fast path; other ISO date-times (minutes only, offsets
 *       with seconds, region ids such as {@code [Europe/Paris]}) go through {@code java.time}. Years 0000 to 9999;
 *       no leap seconds.</li>
 * </ul>
 *
 * <p>One instance is used by one conversion at a time: {@link #parse} leaves its result in the instance.
 */
public final class TimeParser {

    /** Below this magnitude a number is unix seconds. */
    static final long MILLIS_THRESHOLD = 100_000_000_000L;

    /** From this magnitude on a number is rejected: not a plausible time in seconds or milliseconds. */
    static final long OUT_OF_RANGE = 100_000_000_000_000L;

    private static final int MAX_ISO_LENGTH = 64;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long MAX_OFFSET_SECONDS = 18 * 3600;

    private long millis;
    private boolean truncated;
    private String coercion;
    private String problem;

    /**
     * Parses a non-null JSON value. Returns whether it is a time; if so {@link #millis()}, {@link #truncated()}
     * and {@link #coercion()} describe it, else {@link #problem()} says why not.
     */
    public boolean parse(JsonNode value) {
        millis = 0;
        truncated = false;
        coercion = null;
        problem = null;
        if (value.isNumber()) {
            BigDecimal exact = JsonTypes.exactDecimal(value);
            if (exact == null) {
                return fail("not a finite number");
            }
            return fromEpoch(value.canConvertToLong() && value.isIntegralNumber() ? null : exact, value.longValue());
        }
        if (value.isTextual()) {
            return parseText(value.textValue());
        }
        return fail("expected a time, got " + JsonTypes.describe(value));
    }

    public long millis() {
        return millis;
    }

    /** Whether a fraction finer than a millisecond was dropped. */
    public boolean truncated() {
        return truncated;
    }

    /** What was assumed to read the value as a time, or {@code null} if it had an expected shape. */
    public String coercion() {
        return coercion;
    }

    /** Why the last value was not a time. */
    public String problem() {
        return problem;
    }

    private boolean parseText(String text) {
        if (JsonTypes.isPlainDecimal(text)) {
            coercion = "unix time sent as a string";
            return text.length() <= 18 && text.indexOf('.') < 0
                    ? fromEpoch(null, Long.parseLong(text))
                    : fromEpoch(new BigDecimal(text), 0);
        }
        int fast = parseIsoFast(text);
        if (fast == MATCHED) {
            return true;
        }
        if (fast == INVALID_VALUE) {
            return fail("not a valid date-time: " + abbreviate(text));
        }
        return parseIsoFallback(text) || fail("not a unix time or an ISO-8601 date-time: " + abbreviate(text));
    }

    /**
     * Unix time in seconds or milliseconds. {@code exact} is null when the value is the integer {@code integer};
     * else it holds the (fractional or huge) value.
     */
    private boolean fromEpoch(BigDecimal exact, long integer) {
        if (exact == null) {
            long magnitude = Math.abs(integer);
            if (integer == Long.MIN_VALUE || magnitude >= OUT_OF_RANGE) {
                return fail("number out of range for a time: " + integer);
            }
            if (magnitude < MILLIS_THRESHOLD) {
                millis = integer * 1000;
            } else {
                millis = integer;
                coercion = "number taken as milliseconds";
            }
            return true;
        }
        if (exact.abs().compareTo(BigDecimal.valueOf(OUT_OF_RANGE)) >= 0) {
            return fail("number out of range for a time: " + abbreviate(exact.toString()));
        }
        BigDecimal inMillis = exact;
        if (exact.abs().compareTo(BigDecimal.valueOf(MILLIS_THRESHOLD)) < 0) {
            inMillis = exact.movePointRight(3);
        } else {
            coercion = "number taken as milliseconds";
        }
        BigDecimal whole = inMillis.setScale(0, RoundingMode.FLOOR);
        truncated = whole.compareTo(inMillis) != 0;
        millis = whole.longValue();
        return true;
    }

    private static final int MATCHED = 0;
    private static final int NO_MATCH = 1;
    private static final int INVALID_VALUE = 2;

    /**
     * The fast path: {@code yyyy-MM-dd[T ]HH:mm:ss[.f{1,9}][Z|±HH[[:]mm]]}. Returns {@link #MATCHED} (result set),
     * {@link #INVALID_VALUE} (the shape matched but a value is out of range, e.g. February 30) or {@link #NO_MATCH}.
     */
    private int parseIsoFast(String s) {
        int length = s.length();
        if (length < 19 || length > 35 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return NO_MATCH;
        }
        char separator = s.charAt(10);
        if (separator != 'T' && separator != 't' && separator != ' ') {
            return NO_MATCH;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return NO_MATCH;
        }
        int i = 19;
        int milli = 0;
        boolean subMilli = false;
        if (i < length && s.charAt(i) == '.') {
            int start = ++i;
            while (i < length && isDigit(s.charAt(i))) {
                int digit = s.charAt(i) - '0';
                int position = i - start;
                if (position < 3) {
                    milli = milli * 10 + digit;
                } else if (digit != 0) {
                    subMilli = true;
                }
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return NO_MATCH;
            }
            for (int pad = count; pad < 3; pad++) {
                milli *= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < length) {
            char sign = s.charAt(i);
            if ((sign == 'Z' || sign == 'z') && i + 1 == length) {
                i++;
            } else if (sign == '+' || sign == '-') {
                int offsetHours = digits(s, i + 1, 2);
                int offsetMinutes = 0;
                int rest = length - (i + 3);
                if (rest == 3 && s.charAt(i + 3) == ':') {
                    offsetMinutes = digits(s, i + 4, 2);
                } else if (rest == 2) {
                    offsetMinutes = digits(s, i + 3, 2);
                } else if (rest != 0) {
                    return NO_MATCH;
                }
                if ((offsetHours | offsetMinutes) < 0) {
                    return NO_MATCH;
                }
                if (offsetHours > 18 || offsetMinutes > 59) {
                    return INVALID_VALUE;
                }
                offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == '-' ? -1 : 1);
                i = length;
            } else {
                return NO_MATCH;
            }
        }
        if (i != length) {
            return NO_MATCH;
        }
        if (!isValid(year, month, day, hour, minute, second)) {
            return INVALID_VALUE;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        millis = epochSecond * 1000 + milli;
        truncated = subMilli;
        return MATCHED;
    }

    /**
     * The {@code java.time} fallback for the less common ISO-8601 shapes. It uses {@code parseUnresolved}, which
     * reports errors through the {@code ParsePosition} instead of throwing, and checks the values itself.
     */
    private boolean parseIsoFallback(String text) {
        if (text.length() > MAX_ISO_LENGTH) {
            return false;
        }
        String iso = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseUnresolved(iso, position);
        if (parsed == null || position.getErrorIndex() >= 0 || position.getIndex() != iso.length()) {
            return false;
        }
        long year = field(parsed, ChronoField.YEAR);
        long month = field(parsed, ChronoField.MONTH_OF_YEAR);
        long day = field(parsed, ChronoField.DAY_OF_MONTH);
        long hour = field(parsed, ChronoField.HOUR_OF_DAY);
        long minute = field(parsed, ChronoField.MINUTE_OF_HOUR);
        long second = parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? field(parsed, ChronoField.SECOND_OF_MINUTE)
                : 0;
        long nano = parsed.isSupported(ChronoField.NANO_OF_SECOND) ? field(parsed, ChronoField.NANO_OF_SECOND) : 0;
        if (year < 0 || year > 9999 || !isValid((int) year, (int) month, (int) day, (int) hour, (int) minute,
                (int) second) || nano < 0 || nano > 999_999_999) {
            return false;
        }
        LocalDateTime local = LocalDateTime.of((int) year, (int) month, (int) day, (int) hour, (int) minute,
                (int) second, (int) nano);
        ZoneOffset offset = ZoneOffset.UTC;
        ZoneId region = parsed.query(TemporalQueries.zoneId());
        if (region != null) {
            offset = region.getRules().getOffset(local);
        } else if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            long offsetSeconds = parsed.getLong(ChronoField.OFFSET_SECONDS);
            if (Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS) {
                return false;
            }
            offset = ZoneOffset.ofTotalSeconds((int) offsetSeconds);
        }
        millis = local.toEpochSecond(offset) * 1000 + nano / 1_000_000;
        truncated = nano % 1_000_000 != 0;
        return true;
    }

    /** A parsed field's value, or -1 when absent (every field read here is never negative when present). */
    private static long field(TemporalAccessor parsed, ChronoField field) {
        return parsed.isSupported(field) ? parsed.getLong(field) : -1;
    }

    private static boolean isValid(int year, int month, int day, int hour, int minute, int second) {
        return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
                && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** The number written by {@code count} ASCII digits at {@code start}, or -1 if they are not all digits. */
    private static int digits(String s, int start, int count) {
        if (start + count > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean fail(String why) {
        problem = why;
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? "\"" + text + "\"" : "\"" + text.substring(0, 40) + "...\" ("
                + text.length() + " characters)";
    }
}
