package app.phaseo.connect.videos.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The time formats the two API shapes use. */
final class Times {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MICROS_DB =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** {@code 2026-11-28T15:22:50.557Z}: code {@code completed_at}, webhook times. */
    static String isoMillis(Instant t) {
        return t == null ? null : ISO_MILLIS.format(t);
    }

    /** {@code 2026-11-28T15:22:49.173300+00:00}: code {@code created_at}, {@code billed_at}. */
    static String isoMicrosDb(Instant t) {
        return t == null ? null : ISO_MICROS_DB.format(t);
    }

    /** {@code 2026-11-28T14:35:47Z}: docs {@code billed_at}. */
    static String isoSeconds(Instant t) {
        return t == null ? null : ISO_SECONDS.format(t);
    }

    /** Unix seconds: docs times and every {@code expires_at}. */
    static Long epochSeconds(Instant t) {
        return t == null ? null : t.getEpochSecond();
    }
}
