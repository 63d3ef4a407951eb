package app.phaseo.connect.videos.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ValueShaperTest {

    private static final String DOCS = "list-docs-shape.json";
    private static final String DOCS_ID = "G-01M8H99GQ1540YTHR8W1STSVVM";

    @Test
    void structIsTheTypedRecord() {
        ObjectNode video = ApiFixtures.video(DOCS, DOCS_ID);
        SchemaAndValue shaped = new ValueShaper(ValueFormat.STRUCT, false, ConversionListener.NO_OP).shape(video);

        assertThat(shaped.schema()).isSameAs(VideoSchemas.VALUE);
        assertThat(shaped.value()).isEqualTo(new VideoConverter(ConversionListener.NO_OP).toStruct(video));
    }

    @Test
    void flatStructMovesNestedFieldsUpAndArraysIntoJsonText() throws Exception {
        ObjectNode video = ApiFixtures.video(DOCS, DOCS_ID);
        SchemaAndValue shaped = new ValueShaper(ValueFormat.STRUCT, true, ConversionListener.NO_OP).shape(video);

        assertThat(shaped.schema()).isSameAs(VideoSchemas.VALUE_FLAT);
        Struct flat = (Struct) shaped.value();
        flat.validate();
        assertThat(flat.getString("id")).isEqualTo(DOCS_ID);
        assertThat(flat.getString("billing_currency")).isEqualTo("USD");
        assertThat(flat.get("billing_estimated_provider_cost_decimal")).isEqualTo(new BigDecimal("0.363636000"));
        assertThat(flat.getInt64("asset_bytes")).isEqualTo(4_035_836L);
        assertThat(((Date) flat.get("webhook_delivery_last_attempt_at")).toInstant())
                .hasToString("2026-11-28T14:36:45.589Z");
        assertThat(flat.getFloat64("usage_cost")).isEqualTo(0.4);
        assertThat(flat.get("usage_pricing_breakdown_total_nanos")).isNull();
        assertThat(flat.get("error_code")).isNull();

        // Arrays of strings and of records are JSON text of the plain values (times as epoch milliseconds).
        assertThat(ApiFixtures.MAPPER.readTree(flat.getString("webhook_events")))
                .isEqualTo(ApiFixtures.MAPPER.readTree("[\"job.status_changed\",\"job.completed\",\"job.failed\","
                        + "\"job.cancelled\",\"job.expired\"]"));
        JsonNode attempts = ApiFixtures.MAPPER.readTree(flat.getString("webhook_attempts"));
        assertThat(attempts).hasSize(4);
        assertThat(attempts.get(2).get("response_status").asLong()).isEqualTo(502);
        assertThat(attempts.get(2).get("next_retry_at").asLong())
                .isEqualTo(java.time.Instant.parse("2026-11-28T14:36:45.589Z").toEpochMilli());
        assertThat(attempts.get(2).get("delivered_at").isNull()).isTrue();
        assertThat(ApiFixtures.MAPPER.readTree(flat.getString("outputs")).get(0).get("index").asInt()).isZero();
    }

    @Test
    void flatteningANullParentGivesNullChildren() {
        ObjectNode video = ApiFixtures.completeVideo();
        video.remove("billing");
        video.remove("webhook");
        Struct flat = (Struct) new ValueShaper(ValueFormat.STRUCT, true, ConversionListener.NO_OP).shape(video).value();
        for (Field field : VideoSchemas.VALUE_FLAT.fields()) {
            if (field.name().startsWith("billing_") || field.name().startsWith("webhook_")) {
                assertThat(flat.get(field)).as(field.name()).isNull();
            }
        }
        assertThat(flat.getString("asset_id")).isEqualTo("ast_01M8HC0YEN2WFMXATTV07J870S");
    }

    @Test
    void jsonIsTheApiTextAsAString() throws Exception {
        ObjectNode video = ApiFixtures.video(DOCS, DOCS_ID);
        ValueShaper shaper = new ValueShaper(ValueFormat.JSON, false, ConversionListener.NO_OP);
        SchemaAndValue shaped = shaper.shape(video);

        assertThat(shaped.schema()).isSameAs(Schema.STRING_SCHEMA);
        assertThat(shaper.valueSchema()).isSameAs(Schema.STRING_SCHEMA);
        assertThat(shaped.value()).isInstanceOf(String.class);
        assertThat(ApiFixtures.MAPPER.readTree((String) shaped.value())).isEqualTo(video);
        assertThat((String) shaped.value()).doesNotContain("\n");
    }

    @Test
    void jsonCannotBeFlattened() {
        assertThatThrownBy(() -> new ValueShaper(ValueFormat.JSON, true, ConversionListener.NO_OP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Flattening");
    }

    @Test
    void mapHoldsOnlyPlainJsonValuesWithTheStructsFieldNames() {
        ObjectNode video = ApiFixtures.completeVideo();
        SchemaAndValue shaped = new ValueShaper(ValueFormat.MAP, false, ConversionListener.NO_OP).shape(video);

        assertThat(shaped.schema()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) shaped.value();
        assertThat(map.keySet()).containsExactlyElementsOf(
                VideoSchemas.VALUE.fields().stream().map(Field::name).toList());
        assertPlain(map);
        assertThat(map.get("created_at")).isEqualTo(java.time.Instant.parse("2026-11-28T15:22:49.173Z")
                .toEpochMilli());
        assertThat(map.get("created_at_raw")).isEqualTo("2026-11-28T15:22:49.173300+00:00");
        assertThat(map.get("progress")).isEqualTo(100L);
        assertThat(map.get("seconds")).isEqualTo(4.0);
        Map<?, ?> billing = (Map<?, ?>) map.get("billing");
        assertThat(billing.get("estimated_user_cost")).isEqualTo("0.400000");
        assertThat(billing.get("estimated_user_cost_decimal")).isEqualTo("0.400000000");
        List<?> attempts = (List<?>) ((Map<?, ?>) map.get("webhook")).get("attempts");
        assertThat(((Map<?, ?>) attempts.get(0)).get("attempt_number")).isEqualTo(1L);
        assertThat(((Map<?, ?>) map.get("error")).get("code")).isEqualTo("content_policy_violation");
    }

    @Test
    void flatMapUsesTheFlatNames() {
        SchemaAndValue shaped = new ValueShaper(ValueFormat.MAP, true, ConversionListener.NO_OP)
                .shape(ApiFixtures.completeVideo());
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) shaped.value();
        assertThat(map.keySet()).containsExactlyElementsOf(
                VideoSchemas.VALUE_FLAT.fields().stream().map(Field::name).toList());
        assertPlain(map);
        assertThat(map.get("webhook_delivery_pending_retries")).isEqualTo(1L);
        assertThat(map.get("outputs")).isInstanceOf(String.class);
    }

    @ParameterizedTest
    @EnumSource(ValueFormat.class)
    void everyFormatShapesEveryFixtureVideo(ValueFormat format) {
        for (boolean flatten : format == ValueFormat.JSON ? new boolean[] {false} : new boolean[] {false, true}) {
            ValueShaper shaper = new ValueShaper(format, flatten, ConversionListener.NO_OP);
            for (ObjectNode video : ApiFixtures.allVideos()) {
                SchemaAndValue shaped = shaper.shape(video);
                assertThat(shaped.schema()).isSameAs(shaper.valueSchema());
                if (shaped.value() instanceof Struct struct) {
                    struct.validate();
                }
                assertThat(shaped.value()).isNotNull();
            }
        }
    }

    @Test
    void theListenerHearsTheConversionWhateverTheFormat() {
        RecordingListener listener = new RecordingListener();
        new ValueShaper(ValueFormat.MAP, true, listener).shape(ApiFixtures.video("list-code-completed-window.json",
                "G-01M8HC0YEN2WFMXATTV07J870S"));
        assertThat(listener.events).containsExactly("coerced seconds");
    }

    @Test
    void aVideoThatIsNotAnObjectIsADataExceptionThatSaysWhatItWas() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        assertThatThrownBy(() -> VideoConverter.requireObject(nodes.arrayNode()))
                .isInstanceOf(DataException.class).hasMessageContaining("JSON object").hasMessageContaining("array");
        assertThatThrownBy(() -> VideoConverter.requireObject(nodes.textNode("x")))
                .isInstanceOf(DataException.class).hasMessageContaining("a string");
        assertThatThrownBy(() -> VideoConverter.requireObject(null))
                .isInstanceOf(DataException.class).hasMessageContaining("nothing");
        assertThatThrownBy(() -> new VideoConverter(ConversionListener.NO_OP).toStruct(null))
                .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> new ValueShaper(ValueFormat.JSON, false, ConversionListener.NO_OP).shape(null))
                .isInstanceOf(DataException.class);
        ObjectNode video = nodes.objectNode();
        assertThat(VideoConverter.requireObject(video)).isSameAs(video);
    }

    /** Only the types the schemaless JsonConverter writes and reads back unchanged. */
    static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                assertThat(key).isInstanceOf(String.class);
                assertPlain(item);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(ValueShaperTest::assertPlain);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Long.class, Double.class, Boolean.class);
        }
    }
}
