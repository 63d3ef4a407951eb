package app.phaseo.connect.videos.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class VideoSchemasTest {

    @Test
    void valueSchemaIsNamedVersionedAndDocumented() {
        assertThat(VideoSchemas.VALUE.name()).isEqualTo("app.phaseo.connect.videos.Video");
        assertThat(VideoSchemas.VALUE.version()).isEqualTo(2);
        assertThat(VideoSchemas.VALUE.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(VideoSchemas.VALUE.isOptional()).isFalse();
        assertThat(VideoSchemas.VALUE.doc()).isNotBlank();
        assertThat(VideoSchemas.VALUE_FLAT.name()).isEqualTo("app.phaseo.connect.videos.VideoFlat");
        assertThat(VideoSchemas.VALUE_FLAT.version()).isEqualTo(2);
    }

    @Test
    void keySchemaAndKey() {
        assertThat(VideoSchemas.KEY.name()).isEqualTo("app.phaseo.connect.videos.VideoKey");
        assertThat(VideoSchemas.KEY.version()).isEqualTo(2);
        assertThat(VideoSchemas.KEY.fields()).extracting(Field::name).containsExactly("id");
        assertThat(VideoSchemas.KEY.field("id").schema().isOptional()).isFalse();
        Struct key = VideoSchemas.key("G-01M8HC0YEN2WFMXATTV07J870S");
        key.validate();
        assertThat(key.schema()).isSameAs(VideoSchemas.KEY);
        assertThat(key.getString("id")).isEqualTo("G-01M8HC0YEN2WFMXATTV07J870S");
    }

    /** The doc test: every field of every schema, recursively, has a non-blank doc. */
    @Test
    void everyFieldOfEverySchemaIsDocumented() {
        for (Schema schema : List.of(VideoSchemas.VALUE, VideoSchemas.VALUE_FLAT, VideoSchemas.KEY)) {
            List<String> undocumented = new ArrayList<>();
            walk(schema, "", (path, field) -> {
                if (field.schema().doc() == null || field.schema().doc().isBlank()) {
                    undocumented.add(path);
                }
            });
            assertThat(undocumented).as(schema.name()).isEmpty();
        }
        // 118 in version 1; version 2 adds quality, usage.costUsd and usage.costUsd_decimal.
        assertThat(countFields(VideoSchemas.VALUE)).isEqualTo(121);
    }

    @Test
    void everyFieldIsOptionalExceptId() {
        List<String> required = new ArrayList<>();
        walk(VideoSchemas.VALUE, "", (path, field) -> {
            if (!field.schema().isOptional()) {
                required.add(path);
            }
        });
        assertThat(required).containsExactly("id");
    }

    @Test
    void arrayElementsAreRequiredBecauseWarehouseArraysCannotHoldNulls() {
        walk(VideoSchemas.VALUE, "", (path, field) -> {
            if (field.schema().type() == Schema.Type.ARRAY) {
                assertThat(field.schema().valueSchema().isOptional()).as(path).isFalse();
            }
        });
    }

    @Test
    void everyDecimalIsMoneyWithScaleNineAndPrecision38BesideItsField() {
        List<String> decimals = new ArrayList<>();
        walkStructs(VideoSchemas.VALUE, "", (path, struct) -> {
            for (Field field : struct.fields()) {
                if (Decimal.LOGICAL_NAME.equals(field.schema().name())) {
                    decimals.add(path + field.name());
                    assertThat(field.name()).endsWith(VideoSchemas.DECIMAL_SUFFIX);
                    String base = field.name().substring(0, field.name().length() - VideoSchemas.DECIMAL_SUFFIX.length());
                    assertThat(struct.field(base)).as("field beside " + field.name()).isNotNull();
                    assertThat(field.schema().parameters())
                            .containsEntry(Decimal.SCALE_FIELD, "9")
                            .containsEntry(VideoSchemas.DECIMAL_PRECISION_PARAMETER, "38");
                    assertThat(field.schema().isOptional()).isTrue();
                }
            }
        });
        assertThat(decimals).containsExactly(
                "billing.estimated_provider_cost_decimal", "billing.estimated_user_cost_decimal",
                "billing.settled_provider_cost_decimal", "billing.settled_user_cost_decimal",
                "usage.cost_decimal", "usage.cost_usd_decimal", "usage.costUsd_decimal",
                "usage.pricing_breakdown.total_usd_str_decimal");
    }

    @Test
    void rawTimeCompanionsAreStringsBesideTheTimesSentWithMicroseconds() {
        List<String> raws = new ArrayList<>();
        walkStructs(VideoSchemas.VALUE, "", (path, struct) -> {
            for (Field field : struct.fields()) {
                if (field.name().endsWith(VideoSchemas.RAW_SUFFIX)) {
                    raws.add(path + field.name());
                    String base = field.name().substring(0, field.name().length() - VideoSchemas.RAW_SUFFIX.length());
                    assertThat(struct.field(base).schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
                    assertThat(field.schema().type()).isEqualTo(Schema.Type.STRING);
                }
            }
        });
        assertThat(raws).containsExactly("created_at_raw", "started_at_raw", "billing.billed_at_raw");
    }

    @Test
    void theWholeVideoObjectOfTheDesignIsCovered() {
        assertThat(VideoSchemas.VALUE.fields()).extracting(Field::name).contains(
                "id", "object", "status", "lifecycle_status", "output_access", "progress", "progress_source",
                "polling_url", "websocket_url", "cancel_url", "poll_after_seconds", "model", "provider",
                "request_id", "session_id", "generation_id", "native_video_id", "created_at", "started_at",
                "completed_at", "expires_at", "seconds", "size", "audio", "prompt", "remixed_from_video_id",
                "content_url", "download_url", "asset", "outputs", "billing", "webhook", "next_webhook_retry_at",
                "last_webhook_progress", "last_webhook_progress_at", "last_webhook_dispatched_at", "usage", "error",
                "unknown_fields", "raw_values");
        assertThat(VideoSchemas.ASSET.fields()).extracting(Field::name).containsExactly(
                "id", "mime_type", "bytes", "sha256", "width", "height", "duration_seconds");
        assertThat(VideoSchemas.OUTPUT.fields()).extracting(Field::name).containsExactly(
                "index", "mime_type", "bytes_available", "content_url", "download_url", "expires_at");
        assertThat(VideoSchemas.WEBHOOK.fields()).extracting(Field::name).containsExactly(
                "endpoint_id", "url", "events", "has_secret", "delivery", "attempts");
        assertThat(VideoSchemas.WEBHOOK_DELIVERY.fields()).extracting(Field::name).containsExactly(
                "total_attempts", "delivered_events", "delivered_event_types", "pending_retries", "next_retry_at",
                "last_attempt_at", "last_attempt_status", "last_response_status", "last_delivered_at",
                "last_failure_at", "last_error_message");
        assertThat(VideoSchemas.WEBHOOK_ATTEMPT.fields()).extracting(Field::name).containsExactly(
                "id", "delivery_key", "event_type", "status", "attempt_number", "max_attempts", "tried_at",
                "delivered_at", "next_retry_at", "response_status", "error_message", "response_body_preview");
        assertThat(VideoSchemas.ERROR.fields()).extracting(Field::name).containsExactly(
                "code", "message", "type", "raw");
    }

    @Test
    void theStatusDocListsTheKnownValuesAndTheAliases() {
        String doc = VideoSchemas.VALUE.field("status").schema().doc();
        assertThat(doc).contains("queued", "processing", "completed", "failed", "cancelled", "expired", "pending",
                "running", "in_progress", "complete", "success", "succeeded", "error", "canceled");
    }

    @Test
    void nestedStructsAreNamedSoAvroRecordsGetStableNames() {
        walkStructs(VideoSchemas.VALUE, "", (path, struct) ->
                assertThat(struct.name()).as(path).startsWith(VideoSchemas.NAMESPACE + "."));
    }

    @Test
    void theFlatSchemaHasOnlyPrimitiveAndLogicalFields() {
        for (Field field : VideoSchemas.VALUE_FLAT.fields()) {
            assertThat(field.schema().type()).as(field.name()).isNotIn(Schema.Type.STRUCT, Schema.Type.ARRAY,
                    Schema.Type.MAP);
        }
        assertThat(VideoSchemas.VALUE_FLAT.field("webhook_delivery_next_retry_at").schema().name())
                .isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(VideoSchemas.VALUE_FLAT.field("usage_pricing_breakdown_total_usd_str_decimal").schema().name())
                .isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(VideoSchemas.VALUE_FLAT.field("webhook_attempts").schema().doc()).contains("JSON text");
        assertThat(VideoSchemas.VALUE_FLAT.field("id").schema().isOptional()).isFalse();
    }

    private static int countFields(Schema schema) {
        int[] count = {0};
        walk(schema, "", (path, field) -> count[0]++);
        return count[0];
    }

    /** Visits every field, recursively; array elements' fields under {@code name[].}. */
    static void walk(Schema struct, String prefix, BiConsumer<String, Field> visitor) {
        for (Field field : struct.fields()) {
            String path = prefix + field.name();
            visitor.accept(path, field);
            Schema schema = field.schema();
            if (schema.type() == Schema.Type.STRUCT) {
                walk(schema, path + ".", visitor);
            } else if (schema.type() == Schema.Type.ARRAY && schema.valueSchema().type() == Schema.Type.STRUCT) {
                walk(schema.valueSchema(), path + "[].", visitor);
            }
        }
    }

    private static void walkStructs(Schema struct, String prefix, BiConsumer<String, Schema> visitor) {
        visitor.accept(prefix, struct);
        for (Field field : struct.fields()) {
            Schema schema = field.schema();
            if (schema.type() == Schema.Type.STRUCT) {
                walkStructs(schema, prefix + field.name() + ".", visitor);
            } else if (schema.type() == Schema.Type.ARRAY && schema.valueSchema().type() == Schema.Type.STRUCT) {
                walkStructs(schema.valueSchema(), prefix + field.name() + "[].", visitor);
            }
        }
    }
}
