package app.phaseo.connect.videos.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the time fields of the typed value are written (config {@code value.timestamp.format}).
 *
 * <p>Both hold the same instant, to the millisecond, in the same fields; only the Connect type differs. The schema of
 * each is built once: {@link VideoSchemas#value(TimestampFormat)} and {@link VideoSchemas#valueFlat(TimestampFormat)}.
 */
public enum TimestampFormat {

    /**
     * Connect's {@code org.apache.kafka.connect.data.Timestamp} logical type (int64 epoch milliseconds, a
     * {@code java.util.Date} in the Struct). The default; schemas {@code Video} and {@code VideoFlat}.
     */
    CONNECT("connect"),

    /**
     * ISO-8601 text in UTC with exactly three fraction digits, e.g. {@code 2026-12-05T23:10:00.123Z}, as an optional
     * string schema named {@code io.debezium.time.ZonedTimestamp}, version 1: the type Debezium's JDBC sink writes to
     * {@code timestamptz} (PostgreSQL) / {@code TIMESTAMP WITH TIME ZONE}. Schemas {@code VideoZoned} and
     * {@code VideoFlatZoned}.
     */
    ISO_ZONED("iso-zoned");

    private final String configValue;

    TimestampFormat(String configValue) {
        this.configValue = configValue;
    }

    /** The value of {@code value.timestamp.format} that selects this format. */
    public String configValue() {
        return configValue;
    }

    /** Every accepted config value, in declaration order. */
    public static List<String> configValues() {
        return Arrays.stream(values()).map(TimestampFormat::configValue).toList();
    }

    /** The format of a config value, case-insensitively and trimmed. */
    public static TimestampFormat fromConfig(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (TimestampFormat format : values()) {
            if (format.configValue.equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unknown timestamp format '" + value + "'; expected one of "
                + configValues());
    }
}
