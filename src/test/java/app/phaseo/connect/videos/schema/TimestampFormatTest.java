package app.phaseo.connect.videos.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * value.timestamp.format: the iso-zoned schemas (built once, named, versioned, every time a Debezium ZonedTimestamp)
 * and the conversion, field by field against the default Connect Timestamps of the same video.
 */
class TimestampFormatTest {

    private static final Set<String> TIME_PATHS = timePaths(VideoSchemas.VALUE);

    @Test
    void everyTimeFieldOfTheZonedSchemaIsAnOptionalDebeziumZonedTimestampAndNothingElseDiffers() {
        assertThat(TIME_PATHS).hasSize(16).contains("created_at", "billing.billed_at", "outputs[].expires_at",
                "webhook.delivery.next_retry_at", "webhook.attempts[].tried_at", "last_webhook_dispatched_at");
        List<String> connectFields = new ArrayList<>();
        List<String> zonedFields = new ArrayList<>();
        VideoSchemasTest.walk(VideoSchemas.VALUE, "", (path, field) -> connectFields.add(path));
        VideoSchemasTest.walk(VideoSchemas.VALUE_ZONED, "", (path, field) -> {
            zonedFields.add(path);
            Schema schema = field.schema();
            if (TIME_PATHS.contains(path)) {
                assertThat(schema.type()).as(path).isEqualTo(Schema.Type.STRING);
                assertThat(schema.name()).as(path).isEqualTo("io.debezium.time.ZonedTimestamp");
                assertThat(schema.version()).as(path).isEqualTo(1);
                assertThat(schema.isOptional()).as(path).isTrue();
                assertThat(schema.doc()).as(path).contains("ISO-8601", "UTC", "2026-12-05T23:10:00.123Z");
            } else if (schema.type() != Schema.Type.STRUCT && schema.type() != Schema.Type.ARRAY) {
                assertThat(schema).as(path).isSameAs(fieldAt(VideoSchemas.VALUE, path).schema());
            }
        });
        assertThat(zonedFields).isEqualTo(connectFields);
    }

    @Test
    void theSchemasAreBuiltOncePerFormatNamedAndVersioned() {
        assertThat(VideoSchemas.value(TimestampFormat.CONNECT)).isSameAs(VideoSchemas.VALUE);
        assertThat(VideoSchemas.valueFlat(TimestampFormat.CONNECT)).isSameAs(VideoSchemas.VALUE_FLAT);
        assertThat(VideoSchemas.value(TimestampFormat.ISO_ZONED)).isSameAs(VideoSchemas.VALUE_ZONED);
        assertThat(VideoSchemas.valueFlat(TimestampFormat.ISO_ZONED)).isSameAs(VideoSchemas.VALUE_FLAT_ZONED);
        assertThat(VideoSchemas.VALUE_ZONED.name()).isEqualTo("app.phaseo.connect.videos.VideoZoned");
        assertThat(VideoSchemas.VALUE_FLAT_ZONED.name()).isEqualTo("app.phaseo.connect.videos.VideoFlatZoned");
        assertThat(VideoSchemas.VALUE_ZONED.version()).isEqualTo(VideoSchemas.VERSION);
        assertThat(VideoSchemas.VALUE_FLAT_ZONED.version()).isEqualTo(VideoSchemas.VERSION);
        assertThat(VideoSchemas.VALUE_ZONED.field("billing").schema().name())
                .isEqualTo("app.phaseo.connect.videos.VideoBillingZoned");
        assertThat(VideoSchemas.VALUE_ZONED.field("asset").schema()).as("no time inside: shared")
                .isSameAs(VideoSchemas.ASSET);
        for (TimestampFormat format : TimestampFormat.values()) {
            for (boolean flatten : new boolean[] {false, true}) {
                ValueShaper one = new ValueShaper(ValueFormat.STRUCT, flatten, format, ConversionListener.NO_OP);
                ValueShaper two = new ValueShaper(ValueFormat.STRUCT, flatten, format, ConversionListener.NO_OP);
                Schema expected = flatten ? VideoSchemas.valueFlat(format) : VideoSchemas.value(format);
                assertThat(one.valueSchema()).isSameAs(expected).isSameAs(two.valueSchema());
                assertThat(one.shape(ApiFixtures.completeVideo()).schema()).isSameAs(expected);
            }
        }
        for (Field field : VideoSchemas.VALUE_FLAT_ZONED.fields()) {
            Field connect = VideoSchemas.VALUE_FLAT.field(field.name());
            assertThat(connect).as(field.name()).isNotNull();
            if (Timestamp.LOGICAL_NAME.equals(connect.schema().name())) {
                assertThat(field.schema().name()).as(field.name()).isEqualTo(ZonedTimestamps.SCHEMA_NAME);
            }
        }
        assertThat(VideoSchemas.VALUE_FLAT_ZONED.fields()).hasSameSizeAs(VideoSchemas.VALUE_FLAT.fields());
        assertThat(VideoSchemas.VALUE_FLAT_ZONED.field("webhook_attempts").schema().doc())
                .contains("times as ISO-8601 UTC text");
    }

    @Test
    void theDefaultIsTheConnectTimestampShaperUnchanged() {
        ObjectNode video = ApiFixtures.completeVideo();
        for (boolean flatten : new boolean[] {false, true}) {
            SchemaAndValue before = new ValueShaper(ValueFormat.STRUCT, flatten, ConversionListener.NO_OP).shape(video);
            SchemaAndValue connect = new ValueShaper(ValueFormat.STRUCT, flatten, TimestampFormat.CONNECT,
                    ConversionListener.NO_OP).shape(video);
            assertThat(connect.schema()).isSameAs(before.schema())
                    .isSameAs(flatten ? VideoSchemas.VALUE_FLAT : VideoSchemas.VALUE);
            assertThat(connect.value()).isEqualTo(before.value());
            assertThat(json(connect)).isEqualTo(json(before));
        }
        assertThat(new VideoConverter(ConversionListener.NO_OP).schema()).isSameAs(VideoSchemas.VALUE);
    }

    @Test
    void everyTimeFieldBecomesIsoUtcTextOfTheSameMillisecondAndEveryOtherValueIsTheSame() {
        ObjectNode video = ApiFixtures.completeVideo();
        RecordingListener connectHeard = new RecordingListener();
        RecordingListener zonedHeard = new RecordingListener();
        Struct connect = new VideoConverter(TimestampFormat.CONNECT, connectHeard).toStruct(video);
        Struct zoned = new VideoConverter(TimestampFormat.ISO_ZONED, zonedHeard).toStruct(video);

        assertThat(zoned.schema()).isSameAs(VideoSchemas.VALUE_ZONED);
        zoned.validate();
        Set<String> timesSeen = new TreeSet<>();
        compare(connect, zoned, "", timesSeen);
        assertThat(timesSeen).as("every time field of the schema, set in the complete video").isEqualTo(TIME_PATHS);
        assertThat(zonedHeard.events).isEqualTo(connectHeard.events);
        assertThat(zonedHeard.reasons).isEqualTo(connectHeard.reasons);
        // Spot checks of the text: microseconds cut to the millisecond, unix seconds, offsets turned to UTC.
        assertThat(zoned.getString("created_at")).isEqualTo("2026-11-28T15:22:49.173Z");
        assertThat(zoned.getString("created_at_raw")).isEqualTo("2026-11-28T15:22:49.173300+00:00");
        assertThat(zoned.getString("started_at")).isEqualTo(Instant.ofEpochSecond(1795879370).toString()
                .replace("Z", ".000Z"));
        assertThat(zoned.getStruct("billing").getString("billed_at")).isEqualTo("2026-11-28T15:22:52.557Z");
    }

    @Test
    void anOffsetOtherThanUtcIsWrittenInUtc() {
        ObjectNode video = ApiFixtures.MAPPER.createObjectNode().put("id", "G-1")
                .put("created_at", "2026-12-06T01:10:00.123+02:00")
                .put("completed_at", "2026-12-05T23:10:00Z");
        Struct zoned = new VideoConverter(TimestampFormat.ISO_ZONED, ConversionListener.NO_OP).toStruct(video);

        assertThat(zoned.getString("created_at")).isEqualTo("2026-12-05T23:10:00.123Z");
        assertThat(zoned.getString("completed_at")).isEqualTo("2026-12-05T23:10:00.000Z");
    }

    @Test
    void nullAndAbsentTimesStayNullInBothFormats() {
        ObjectNode video = ApiFixtures.MAPPER.createObjectNode().put("id", "G-1").putNull("created_at")
                .putNull("completed_at");
        video.putObject("billing").putNull("billed_at");
        video.putObject("webhook").putObject("delivery").putNull("next_retry_at");
        for (TimestampFormat format : TimestampFormat.values()) {
            RecordingListener heard = new RecordingListener();
            Struct value = new VideoConverter(format, heard).toStruct(video);
            for (String path : TIME_PATHS) {
                assertThat(valueAt(value, path)).as(format + " " + path).isNull();
            }
            assertThat(value.get("created_at_raw")).isNull();
            assertThat(value.get(VideoSchemas.RAW_VALUES)).isNull();
            assertThat(heard.events).isEmpty();
            Map<?, ?> plain = (Map<?, ?>) new ValueShaper(ValueFormat.MAP, true, format, ConversionListener.NO_OP)
                    .shape(video).value();
            assertThat(plain.containsKey("billing_billed_at")).isTrue();
            assertThat(plain.get("billing_billed_at")).isNull();
        }
    }

    @Test
    void aValueThatIsNotATimeKeepsTodaysRawHandling() {
        ObjectNode video = ApiFixtures.MAPPER.createObjectNode().put("id", "G-1")
                .put("created_at", "yesterday")              // has a _raw companion
                .put("completed_at", "not a time")           // has none: raw_values
                .put("last_webhook_progress_at", "2026-11-28T15:22:50.557123Z"); // finer than a millisecond
        video.putArray("started_at").add(1);                 // a container: raw_values
        video.putObject("billing").put("billed_at", true);   // a boolean: its _raw keeps "true"
        RecordingListener connectHeard = new RecordingListener();
        RecordingListener zonedHeard = new RecordingListener();
        Struct connect = new VideoConverter(TimestampFormat.CONNECT, connectHeard).toStruct(video);
        Struct zoned = new VideoConverter(TimestampFormat.ISO_ZONED, zonedHeard).toStruct(video);

        for (String path : List.of("created_at", "completed_at", "started_at", "billing.billed_at")) {
            assertThat(valueAt(zoned, path)).as(path).isNull();
            assertThat(valueAt(connect, path)).as(path).isNull();
        }
        assertThat(zoned.getString("created_at_raw")).isEqualTo("yesterday").isEqualTo(connect.get("created_at_raw"));
        assertThat(zoned.getStruct("billing").getString("billed_at_raw")).isEqualTo("true");
        assertThat(zoned.getString("last_webhook_progress_at")).isEqualTo("2026-11-28T15:22:50.557Z");
        assertThat(zoned.getString(VideoSchemas.RAW_VALUES)).isEqualTo(connect.getString(VideoSchemas.RAW_VALUES))
                .contains("\"completed_at\":\"not a time\"", "\"started_at\":[1]",
                        "\"last_webhook_progress_at\":\"2026-11-28T15:22:50.557123Z\"");
        assertThat(zonedHeard.events).isEqualTo(connectHeard.events).contains("raw created_at", "raw completed_at",
                "raw started_at", "raw billing.billed_at", "raw last_webhook_progress_at");
        assertThat(zonedHeard.reasons).isEqualTo(connectHeard.reasons);
    }

    @Test
    void theTextParsesAsDebeziumsJdbcSinkReadsItEvenPastYear9999() {
        for (long millis : new long[] {0L, 1795879370123L, -1L, 253402300800000L, -62135596800000L}) {
            String text = ZonedTimestamps.format(millis);
            // io.debezium.time.ZonedTimestamp.FORMATTER is ISO_OFFSET_DATE_TIME.
            ZonedDateTime parsed = ZonedDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(parsed.toInstant().toEpochMilli()).as(text).isEqualTo(millis);
            assertThat(text).endsWith("Z");
        }
        assertThat(ZonedTimestamps.format(0L)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(ZonedTimestamps.format(253402300800000L)).isEqualTo("+10000-01-01T00:00:00.000Z");
    }

    @Test
    void flatAndMapValuesCarryTheSameTextAndJsonConverterWritesTheDebeziumSchemaName() throws Exception {
        ObjectNode video = ApiFixtures.completeVideo();
        Struct nested = new VideoConverter(TimestampFormat.ISO_ZONED, ConversionListener.NO_OP).toStruct(video);
        SchemaAndValue flat = new ValueShaper(ValueFormat.STRUCT, true, TimestampFormat.ISO_ZONED,
                ConversionListener.NO_OP).shape(video);
        Struct row = (Struct) flat.value();
        assertThat(row.getString("billing_billed_at")).isEqualTo(nested.getStruct("billing").getString("billed_at"));
        assertThat(row.getString("webhook_attempts")).contains("\"tried_at\":\"2026-11-28T15:22:50.857Z\"");
        Map<?, ?> map = (Map<?, ?>) new ValueShaper(ValueFormat.MAP, false, TimestampFormat.ISO_ZONED,
                ConversionListener.NO_OP).shape(video).value();
        assertThat(map.get("created_at")).isEqualTo("2026-11-28T15:22:49.173Z");

        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        String envelope = new String(converter.fromConnectData("t", flat.schema(), flat.value()),
                StandardCharsets.UTF_8);
        assertThat(envelope).contains("\"name\":\"app.phaseo.connect.videos.VideoFlatZoned\"",
                "{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,");
        SchemaAndValue back = converter.toConnectData("t", envelope.getBytes(StandardCharsets.UTF_8));
        assertThat(back.schema().field("created_at").schema().name()).isEqualTo(ZonedTimestamps.SCHEMA_NAME);
        assertThat(((Struct) back.value()).getString("created_at")).isEqualTo("2026-11-28T15:22:49.173Z");
    }

    @Test
    void theApisOwnJsonTextTakesNoTimestampFormat() {
        assertThatThrownBy(() -> new ValueShaper(ValueFormat.JSON, false, TimestampFormat.ISO_ZONED,
                ConversionListener.NO_OP)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
        assertThat(new ValueShaper(ValueFormat.JSON, false, TimestampFormat.CONNECT, ConversionListener.NO_OP)
                .valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
    }

    @Test
    void configValuesAreTheDocumentedOnes() {
        assertThat(TimestampFormat.configValues()).containsExactly("connect", "iso-zoned");
        assertThat(TimestampFormat.fromConfig(" ISO-Zoned ")).isEqualTo(TimestampFormat.ISO_ZONED);
        assertThatThrownBy(() -> TimestampFormat.fromConfig("iso_zoned")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Walks both Structs together: times must be the text of the same millisecond, the rest equal. */
    private static void compare(Struct connect, Struct zoned, String prefix, Set<String> timesSeen) {
        for (Field field : connect.schema().fields()) {
            String path = prefix + field.name();
            Object want = connect.get(field);
            Object got = zoned.get(field.name());
            if (want instanceof Date date) {
                assertThat(got).as(path).isEqualTo(ZonedTimestamps.format(date.getTime()));
                assertThat(Instant.parse((String) got)).as(path).isEqualTo(date.toInstant());
                timesSeen.add(path.replaceAll("\\[\\d+]", "[]"));
            } else if (want instanceof Struct child) {
                compare(child, (Struct) got, path + ".", timesSeen);
            } else if (want instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Struct) {
                List<?> other = (List<?>) got;
                assertThat(other).as(path).hasSameSizeAs(list);
                for (int i = 0; i < list.size(); i++) {
                    compare((Struct) list.get(i), (Struct) other.get(i), path + "[" + i + "].", timesSeen);
                }
            } else {
                assertThat(got).as(path).isEqualTo(want);
            }
        }
    }

    private static Set<String> timePaths(Schema schema) {
        Set<String> paths = new TreeSet<>();
        VideoSchemasTest.walk(schema, "", (path, field) -> {
            if (Timestamp.LOGICAL_NAME.equals(field.schema().name())) {
                paths.add(path);
            }
        });
        return paths;
    }

    private static Field fieldAt(Schema struct, String path) {
        Schema at = struct;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            String name = parts[i].replace("[]", "");
            Schema child = at.field(name).schema();
            at = child.type() == Schema.Type.ARRAY ? child.valueSchema() : child;
        }
        return at.field(parts[parts.length - 1]);
    }

    /** The value at a path; for a path through an array, the first element's (null if there is none). */
    private static Object valueAt(Struct struct, String path) {
        Object at = struct;
        for (String part : path.split("\\.")) {
            if (at == null) {
                return null;
            }
            Object next = ((Struct) at).get(part.replace("[]", ""));
            if (part.endsWith("[]")) {
                List<?> list = (List<?>) next;
                next = list == null || list.isEmpty() ? null : list.get(0);
            }
            at = next;
        }
        return at;
    }

    private static String json(SchemaAndValue shaped) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        return new String(converter.fromConnectData("t", shaped.schema(), shaped.value()), StandardCharsets.UTF_8);
    }
}
