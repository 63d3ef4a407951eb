package app.phaseo.connect.videos.schema;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The {@link TimestampFormat#ISO_ZONED} form of a time: ISO-8601 text in UTC, to the millisecond, with the schema
 * Debezium names {@code io.debezium.time.ZonedTimestamp} (a string, version 1). Debezium's JDBC sink reads such a
 * field with {@code ZonedDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)} and writes it to a
 * {@code timestamptz} column; the text written here always parses that way. No dependency on Debezium: the name and
 * version are all that identify the type.
 */
final class ZonedTimestamps {

    /** Schema name of Debezium's zoned timestamp ({@code io.debezium.time.ZonedTimestamp.SCHEMA_NAME}). */
    static final String SCHEMA_NAME = "io.debezium.time.ZonedTimestamp";

    /** Schema version of Debezium's zoned timestamp. */
    static final int SCHEMA_VERSION = 1;

    /**
     * {@code 2026-12-05T23:10:00.123Z}: always three fraction digits and {@code Z}; a year past 9999 takes a sign,
     * as ISO-8601 (and {@code ISO_OFFSET_DATE_TIME}) wants.
     */
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 10, SignStyle.EXCEEDS_PAD)
            .appendLiteral('-').appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2)
            .appendLiteral('T').appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .appendLiteral('.').appendValue(ChronoField.MILLI_OF_SECOND, 3)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private ZonedTimestamps() {
    }

    /** The text of the instant {@code epochMillis}. */
    static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Whether {@code schema} is a zoned timestamp. */
    static boolean is(Schema schema) {
        return SCHEMA_NAME.equals(schema.name());
    }

    /** An optional zoned-timestamp schema with {@code doc}. */
    static Schema optional(String doc) {
        return SchemaBuilder.string().name(SCHEMA_NAME).version(SCHEMA_VERSION).optional().doc(doc).build();
    }
}
