package app.phaseo.connect.videos.schema;

import app.phaseo.connect.videos.model.JsonTypes;

import java.math.BigDecimal;
import java.math.BigInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lossless number conversions, without exceptions: every input is checked before a parser that could throw sees
 * it. Numbers arrive as JSON numbers (int, long, big integer, double, or big decimal, depending on how the caller's
 * parser was configured) or as text such as {@code "8"} or {@code "0.20"}.
 */
final class Numbers {

    /** Longest text taken as a number; anything longer cannot fit the types used here anyway. */
    static final int MAX_NUMBER_TEXT = JsonTypes.MAX_NUMBER_TEXT;

    /** Largest magnitude up to which every integer is exactly a double (2^53). */
    private static final long MAX_EXACT_DOUBLE_INTEGER = 1L << 53;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Numbers() {
    }

    /**
     * Whether {@code text} is a plain decimal number: an optional minus, digits, and optionally a point and more
     * digits ({@code -?[0-9]+(\.[0-9]+)?}), at most {@link #MAX_NUMBER_TEXT} characters. No exponent, no plus,
     * no spaces, no NaN or Infinity. Such text is always accepted by {@code new BigDecimal(text)}.
     */
    static boolean isPlainDecimal(String text) {
        return JsonTypes.isPlainDecimal(text);
    }

    /** Whether {@code text} is a plain integer ({@code -?[0-9]+}, see {@link #isPlainDecimal}). */
    static boolean isPlainInteger(String text) {
        return isPlainDecimal(text) && text.indexOf('.') < 0;
    }

    /**
     * The exact value of a JSON number node, or {@code null} if it is not finite (NaN and infinities are not JSON,
     * but a tree built in code can hold them).
     */
    static BigDecimal exact(JsonNode number) {
        return JsonTypes.exactDecimal(number);
    }

    /**
     * The plain text of a JSON number node (no exponent), or {@code null} if it is not finite. A double is written
     * without trailing zeros ({@code 4.0} as {@code 4}, {@code 1e-12} as {@code 0.000000000001}); a big decimal
     * (from a parser that keeps them) keeps its scale.
     */
    static String text(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? Long.toString(number.longValue()) : number.bigIntegerValue().toString();
        }
        BigDecimal exact = exact(number);
        if (exact == null) {
            return null;
        }
        return number.isBigDecimal() ? exact.toPlainString() : exact.stripTrailingZeros().toPlainString();
    }

    /**
     * The value as a long if it is an integer in range ({@code 8.0} is), else {@code null}.
     */
    static Long exactLong(BigDecimal value) {
        if (integerDigits(value) > 19) {
            return null;
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return null;
        }
        BigInteger integer = value.toBigInteger();
        if (integer.compareTo(LONG_MIN) < 0 || integer.compareTo(LONG_MAX) > 0) {
            return null;
        }
        return integer.longValue();
    }

    /**
     * The value as a double if the double reads back as the same decimal number ({@code 4.1} does; {@code
     * 0.1000000000000000000001} and integers beyond 2^53 do not), else {@code null}.
     */
    static Double exactDouble(BigDecimal value) {
        double result = value.doubleValue();
        if (!Double.isFinite(result)) {
            return null;
        }
        return BigDecimal.valueOf(result).compareTo(value) == 0 ? result : null;
    }

    /** The long as a double if that is exact (magnitude at most 2^53), else {@code null}. */
    static Double exactDouble(long value) {
        return value >= -MAX_EXACT_DOUBLE_INTEGER && value <= MAX_EXACT_DOUBLE_INTEGER ? (double) value : null;
    }

    /**
     * The value as a money {@code Decimal} (scale {@link VideoSchemas#MONEY_SCALE}, at most {@link
     * VideoSchemas#MONEY_PRECISION} digits), or {@code null} if that would lose digits or overflow.
     */
    static BigDecimal money(BigDecimal value) {
        if (integerDigits(value) > VideoSchemas.MONEY_PRECISION - VideoSchemas.MONEY_SCALE) {
            return null;
        }
        BigDecimal candidate = value;
        if (candidate.scale() > VideoSchemas.MONEY_SCALE) {
            candidate = candidate.stripTrailingZeros();
            if (candidate.scale() > VideoSchemas.MONEY_SCALE) {
                return null;
            }
        }
        // The scale only grows here, so setScale never rounds and never throws.
        BigDecimal scaled = candidate.setScale(VideoSchemas.MONEY_SCALE);
        return scaled.precision() <= VideoSchemas.MONEY_PRECISION ? scaled : null;
    }

    /** The money {@code Decimal} of decimal text, or {@code null} if it is not plain decimal text that fits. */
    static BigDecimal money(String text) {
        return isPlainDecimal(text) ? money(parsePlainDecimal(text)) : null;
    }

    /** Parses text that {@link #isPlainDecimal} accepted, with a fast path for up to 18 characters. */
    static BigDecimal parsePlainDecimal(String text) {
        int length = text.length();
        if (length > 18) {
            return new BigDecimal(text);
        }
        boolean negative = text.charAt(0) == '-';
        long unscaled = 0;
        int scale = 0;
        boolean inFraction = false;
        for (int i = negative ? 1 : 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                inFraction = true;
            } else {
                unscaled = unscaled * 10 + (c - '0');
                if (inFraction) {
                    scale++;
                }
            }
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /**
     * Digits before the decimal point (an upper bound for values below one), computed without expanding the value:
     * {@code 1E+1000000000} would otherwise take gigabytes.
     */
    private static long integerDigits(BigDecimal value) {
        return (long) value.precision() - value.scale();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
