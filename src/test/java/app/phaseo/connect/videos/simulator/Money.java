package app.phaseo.connect.videos.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Nano-dollar amounts as the API writes them. */
final class Money {

    private Money() {
    }

    /** A decimal string with {@code scale} places: {@code "0.40"} or {@code "0.400000"}. */
    static String fixed(long nanos, int scale) {
        return BigDecimal.valueOf(nanos, 9).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    /** A JSON number without trailing zeros: {@code 0.4}, {@code 0}. */
    static BigDecimal number(long nanos) {
        BigDecimal d = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY) : d;
    }

    /** The provider's share the docs shape shows (the user price includes a 10% fee). */
    static long providerShare(long userNanos) {
        return Math.round(userNanos / 1.1);
    }
}
