package app.phaseo.connect.videos.schema;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Records written through Kafka's {@code JsonConverter} read back equal, with schemas and without.
 *
 * <p>{@code decimal.format}: by default ({@code BASE64}) {@code JsonConverter} writes a {@code Decimal} as the
 * base64 of its unscaled bytes, which no person or warehouse reads; {@code NUMERIC} writes a JSON number. Both
 * round-trip exactly with schemas; without schemas a reader gets the base64 string or a double. The decimal-string
 * fields beside each Decimal are there for such readers.
 */
class JsonConverterCompatibilityTest {

    private static final String TOPIC = "phaseo.videos";

    /** The fixture videos, the complete video and a few hostile ones. */
    static List<ObjectNode> videos() {
        List<ObjectNode> videos = new ArrayList<>(ApiFixtures.allVideos());
        videos.add(ApiFixtures.completeVideo());
        ObjectNode hostile = ApiFixtures.completeVideo();
        hostile.put("seconds", "eight");
        hostile.putObject("usage").put("costUsd", 1).put("cost", 1e-12).put("costUSD", 2);
        hostile.put("error", "Generation failed");
        hostile.putArray("outputs").add(1).addObject().put("index", "2");
        videos.add(hostile);
        videos.add(ApiFixtures.MAPPER.createObjectNode());
        return videos;
    }

    @ParameterizedTest(name = "decimal.format={0}")
    @ValueSource(strings = {"BASE64", "NUMERIC"})
    void structsRoundTripWithSchemas(String decimalFormat) {
        JsonConverter converter = converter(true, decimalFormat);
        for (boolean flatten : new boolean[] {false, true}) {
            ValueShaper shaper = new ValueShaper(ValueFormat.STRUCT, flatten, ConversionListener.NO_OP);
            for (ObjectNode video : videos()) {
                SchemaAndValue written = shaper.shape(video);
                byte[] bytes = converter.fromConnectData(TOPIC, written.schema(), written.value());
                SchemaAndValue read = converter.toConnectData(TOPIC, bytes);

                assertThat(read.schema()).isEqualTo(written.schema());
                assertThat(read.value()).isEqualTo(written.value());
            }
        }
    }

    @Test
    void keysRoundTripWithSchemas() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), true);
        Struct key = VideoSchemas.key("G-01M8HC0YEN2WFMXATTV07J870S");
        SchemaAndValue read = converter.toConnectData(TOPIC, converter.fromConnectData(TOPIC, key.schema(), key));
        assertThat(read.value()).isEqualTo(key);
    }

    @Test
    void mapsRoundTripWithoutSchemas() {
        JsonConverter converter = converter(false, "BASE64");
        for (boolean flatten : new boolean[] {false, true}) {
            ValueShaper shaper = new ValueShaper(ValueFormat.MAP, flatten, ConversionListener.NO_OP);
            for (ObjectNode video : videos()) {
                SchemaAndValue written = shaper.shape(video);
                SchemaAndValue read = converter.toConnectData(TOPIC,
                        converter.fromConnectData(TOPIC, null, written.value()));

                assertThat(read.schema()).isNull();
                assertThat(read.value()).isEqualTo(written.value());
            }
        }
    }

    @Test
    void jsonTextRoundTripsWithoutSchemas() throws Exception {
        JsonConverter converter = converter(false, "BASE64");
        ValueShaper shaper = new ValueShaper(ValueFormat.JSON, false, ConversionListener.NO_OP);
        for (ObjectNode video : videos()) {
            SchemaAndValue written = shaper.shape(video);
            SchemaAndValue read = converter.toConnectData(TOPIC,
                    converter.fromConnectData(TOPIC, written.schema(), written.value()));
            assertThat(read.value()).isEqualTo(written.value());
            assertThat(ApiFixtures.MAPPER.readTree((String) read.value())).isEqualTo(video);
        }
    }

    /**
     * A Struct written without schemas reads back as the MAP format's map, except the decimals: with {@code
     * NUMERIC} they come back as doubles (exact here, but a double keeps only about 15 digits).
     */
    @Test
    void structsWithoutSchemasReadBackAsTheMapFormatWithNumericDecimals() {
        JsonConverter converter = converter(false, "NUMERIC");
        ValueShaper structs = new ValueShaper(ValueFormat.STRUCT, false, ConversionListener.NO_OP);
        ValueShaper maps = new ValueShaper(ValueFormat.MAP, false, ConversionListener.NO_OP);
        for (ObjectNode video : videos()) {
            SchemaAndValue written = structs.shape(video);
            Object read = converter.toConnectData(TOPIC,
                    converter.fromConnectData(TOPIC, written.schema(), written.value())).value();

            Object expected = decimalsAsDoubles(VideoSchemas.VALUE, maps.shape(video).value());
            assertThat(read).isEqualTo(expected);
        }
    }

    @Test
    void base64IsWhatDecimalsLookLikeByDefault() {
        JsonConverter converter = converter(false, "BASE64");
        Struct value = new VideoConverter(ConversionListener.NO_OP)
                .toStruct(ApiFixtures.video("list-code-completed-window.json", "G-01M8HC0YEN2WFMXATTV07J870S"));
        String json = new String(converter.fromConnectData(TOPIC, value.schema(), value), StandardCharsets.UTF_8);
        // 0.200000000 at scale 9 is the unscaled 200000000 = 0x0BEBC200.
        assertThat(json).contains("\"estimated_user_cost\":\"0.20\"", "\"estimated_user_cost_decimal\":\"C+vCAA==\"");

        String numeric = new String(converter(false, "NUMERIC").fromConnectData(TOPIC, value.schema(), value),
                StandardCharsets.UTF_8);
        assertThat(numeric).contains("\"estimated_user_cost_decimal\":0.200000000");
    }

    @Test
    void timestampsAreEpochMillisecondsInJson() throws Exception {
        Struct value = new VideoConverter(ConversionListener.NO_OP)
                .toStruct(ApiFixtures.video("list-code-completed-window.json", "G-01M8HC0YEN2WFMXATTV07J870S"));
        JsonNode json = ApiFixtures.MAPPER.readTree(converter(false, "NUMERIC")
                .fromConnectData(TOPIC, value.schema(), value));
        assertThat(json.get("created_at").asLong())
                .isEqualTo(java.time.Instant.parse("2026-11-28T15:22:49.173Z").toEpochMilli());
        assertThat(json.get("created_at_raw").asText()).isEqualTo("2026-11-28T15:22:49.173300+00:00");
    }

    private static JsonConverter converter(boolean schemas, String decimalFormat) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", Boolean.toString(schemas), "decimal.format", decimalFormat),
                false);
        return converter;
    }

    /** The plain map with each Decimal's string replaced by the double a schemaless reader gets. */
    private static Object decimalsAsDoubles(Schema schema, Object plain) {
        if (plain == null) {
            return null;
        }
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            return new BigDecimal((String) plain).doubleValue();
        }
        if (schema.type() == Schema.Type.STRUCT) {
            Map<String, Object> map = new LinkedHashMap<>();
            Map<?, ?> source = (Map<?, ?>) plain;
            for (Field field : schema.fields()) {
                map.put(field.name(), decimalsAsDoubles(field.schema(), source.get(field.name())));
            }
            return map;
        }
        if (schema.type() == Schema.Type.ARRAY) {
            List<Object> list = new ArrayList<>();
            for (Object item : (List<?>) plain) {
                list.add(decimalsAsDoubles(schema.valueSchema(), item));
            }
            return list;
        }
        return plain;
    }
}
