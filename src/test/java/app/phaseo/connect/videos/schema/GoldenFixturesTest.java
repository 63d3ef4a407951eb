package app.phaseo.connect.videos.schema;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Every video of every API sample converts to a valid record, with the values the samples hold. */
class GoldenFixturesTest {

    private static final String CODE_COMPLETED = "list-code-completed-window.json";
    private static final String CODE_TERMINAL = "list-code-failed-cancelled-expired.json";
    private static final String CODE_MIXED = "list-code-mixed.json";
    private static final String DOCS = "list-docs-shape.json";

    static List<String> listFiles() {
        return ApiFixtures.listFiles();
    }

    @Test
    void allFiveListSamplesAreHere() {
        assertThat(ApiFixtures.listFiles()).containsExactly(CODE_COMPLETED, CODE_TERMINAL, CODE_MIXED,
                "list-code-no-limit-param.json", DOCS);
        assertThat(ApiFixtures.allVideos()).hasSize(22 + 5 + 3 + 0 + 2);
    }

    @ParameterizedTest
    @MethodSource("listFiles")
    void everyVideoConvertsToAValidRecordWithNothingKeptRaw(String file) {
        for (ObjectNode video : ApiFixtures.videos(file)) {
            RecordingListener listener = new RecordingListener();
            Struct value = new VideoConverter(listener).toStruct(video);

            value.validate();
            assertThat(value.schema()).isSameAs(VideoSchemas.VALUE);
            assertThat(value.getString("id")).isEqualTo(video.get("id").asText()).startsWith("G-");
            assertThat(value.getString("status")).isEqualTo(video.get("status").asText());
            assertThat(value.getString(VideoSchemas.RAW_VALUES)).isNull();
            // The samples hold only expected drift: seconds as a string (usage.costUsd is typed since version 2).
            assertThat(listener.events).allMatch(event -> event.equals("coerced seconds"),
                    "only expected events: " + listener.events);
            assertThat(value.getString(VideoSchemas.UNKNOWN_FIELDS)).isNull();
            assertThat(listener.events.contains("coerced seconds")).isEqualTo(video.get("seconds").isTextual());
        }
    }

    @Test
    void theEmptyPageHasNoVideos() {
        assertThat(ApiFixtures.videos("list-code-no-limit-param.json")).isEmpty();
    }

    @Test
    void codeShapeCompletedVideo() {
        RecordingListener listener = new RecordingListener();
        Struct value = new VideoConverter(listener).toStruct(ApiFixtures.video(CODE_COMPLETED,
                "G-01M8HC0YEN2WFMXATTV07J870S"));

        assertThat(value.getString("lifecycle_status")).isEqualTo("completed");
        assertThat(value.getString("output_access")).isEqualTo("both");
        assertThat(value.getInt64("progress")).isEqualTo(100L);
        assertThat(value.getInt64("poll_after_seconds")).isEqualTo(20L);
        assertThat(value.getString("cancel_url")).isNull();
        // Microsecond ISO text: the Timestamp holds the millisecond, created_at_raw the exact text.
        assertThat(time(value, "created_at")).isEqualTo("2026-11-28T15:22:49.173Z");
        assertThat(value.getString("created_at_raw")).isEqualTo("2026-11-28T15:22:49.173300+00:00");
        assertThat(time(value, "completed_at")).isEqualTo("2026-11-28T15:22:50.557Z");
        assertThat(value.get("started_at")).isNull();
        assertThat(value.get("started_at_raw")).isNull();
        // Unix seconds.
        assertThat(time(value, "expires_at")).isEqualTo(Instant.ofEpochSecond(1795880278).toString());
        // "4" becomes 4, reported as a coercion.
        assertThat(value.getFloat64("seconds")).isEqualTo(4.0);
        assertThat(listener.events).containsExactly("coerced seconds");
        assertThat(value.getString("size")).isEqualTo("720x1280");
        assertThat(value.getArray("outputs")).isEmpty();
        assertThat(value.get("asset")).isNull();
        assertThat(value.get("webhook")).isNull();
        assertThat(value.get("error")).isNull();

        Struct billing = value.getStruct("billing");
        assertThat(billing.getString("currency")).isEqualTo("usd");
        assertThat(billing.getString("estimated_user_cost")).isEqualTo("0.20");
        assertThat(billing.get("estimated_user_cost_decimal")).isEqualTo(new BigDecimal("0.200000000"));
        assertThat(billing.get("settled_provider_cost_decimal")).isEqualTo(new BigDecimal("0.200000000"));
        assertThat(billing.getString("state")).isEqualTo("settled");
        assertThat(billing.getInt64("total_nanos")).isEqualTo(200_000_000L);
        assertThat(billing.getBoolean("charged")).isTrue();
        assertThat(time(billing, "billed_at")).isEqualTo("2026-11-28T15:22:52.557Z");
        assertThat(billing.getString("billed_at_raw")).isEqualTo("2026-11-28T15:22:52.557937+00:00");

        Struct usage = value.getStruct("usage");
        assertThat(usage.getFloat64("cost")).isEqualTo(0.2);
        assertThat(usage.get("cost_decimal")).isEqualTo(new BigDecimal("0.200000000"));
        assertThat(usage.getFloat64("cost_usd")).isEqualTo(0.2);
        assertThat(usage.getFloat64("output_video_seconds")).isEqualTo(4.0);
        assertThat(usage.getBoolean("is_byok")).isFalse();
        Struct pricing = usage.getStruct("pricing_breakdown");
        assertThat(pricing.getInt64("total_nanos")).isEqualTo(200_000_000L);
        assertThat(pricing.getString("total_usd_str")).isEqualTo("0.200000000");
        assertThat(pricing.get("total_usd_str_decimal")).isEqualTo(new BigDecimal("0.200000000"));
        // The nanos and the decimal agree: scale 9 is the nano resolution.
        assertThat(((BigDecimal) pricing.get("total_usd_str_decimal")).unscaledValue().longValueExact())
                .isEqualTo(pricing.getInt64("total_nanos"));

        // costUsd has its own typed field since version 2, beside cost_usd (the gateway writes both, equal).
        assertThat(usage.getFloat64("costUsd")).isEqualTo(0.2);
        assertThat(usage.get("costUsd_decimal")).isEqualTo(new BigDecimal("0.200000000"));
        assertThat(usage.getFloat64("cost_usd")).isEqualTo(usage.getFloat64("costUsd"));
        assertThat(value.getString(VideoSchemas.UNKNOWN_FIELDS)).isNull();
    }

    @Test
    void codeShapeFailedVideoWithWebhookAttempts() {
        Struct value = new VideoConverter(ConversionListener.NO_OP).toStruct(ApiFixtures.video(CODE_TERMINAL,
                "G-01M8HC0ZDZJFJ7QDR2050NVBR1"));

        assertThat(value.getString("status")).isEqualTo("failed");
        assertThat(value.getFloat64("seconds")).isEqualTo(8.0);
        assertThat(time(value, "created_at")).isEqualTo("2026-11-28T15:22:50.175Z");
        assertThat(value.get("expires_at")).isNull();
        Struct billing = value.getStruct("billing");
        assertThat(billing.getString("state")).isEqualTo("void");
        assertThat(billing.getString("settled_user_cost")).isEqualTo("0.00");
        assertThat(billing.get("settled_user_cost_decimal")).isEqualTo(new BigDecimal("0.000000000"));
        assertThat(billing.getInt64("estimated_nanos")).isEqualTo(400_000_000L);

        Struct webhook = value.getStruct("webhook");
        assertThat(webhook.getString("endpoint_id")).isEqualTo("whep_5b4f18c8fdcf");
        assertThat(webhook.getString("url")).isNull();
        assertThat(webhook.<String>getArray("events"))
                .containsExactly("job.status_changed", "job.progress", "video.completed", "video.failed");
        Struct delivery = webhook.getStruct("delivery");
        assertThat(delivery.getInt64("total_attempts")).isEqualTo(2L);
        assertThat(delivery.<String>getArray("delivered_event_types"))
                .containsExactly("video.failed", "video.status_changed:queued:failed");
        assertThat(delivery.getString("last_attempt_status")).isEqualTo("delivered");
        assertThat(time(delivery, "last_attempt_at")).isEqualTo("2026-11-28T15:22:50.857Z");
        assertThat(delivery.get("next_retry_at")).isNull();

        List<Struct> attempts = webhook.getArray("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).getString("delivery_key")).isEqualTo("video.status_changed:queued:failed");
        assertThat(attempts.get(0).getString("status")).isEqualTo("delivered");
        assertThat(attempts.get(0).getInt64("attempt_number")).isEqualTo(1L);
        assertThat(attempts.get(0).getInt64("max_attempts")).isEqualTo(4L);
        assertThat(time(attempts.get(0), "tried_at")).isEqualTo("2026-11-28T15:22:50.857Z");
        assertThat(attempts.get(0).getInt64("response_status")).isEqualTo(200L);
        assertThat(attempts.get(1).getString("event_type")).isEqualTo("video.failed");
        assertThat(value.getStruct("usage").getFloat64("costUsd")).isEqualTo(0.0);
        assertThat(value.getString(VideoSchemas.UNKNOWN_FIELDS)).isNull();
    }

    @Test
    void codeShapeInProgressVideoKeepsTheStatusAlias() {
        Struct value = new VideoConverter(ConversionListener.NO_OP).toStruct(ApiFixtures.video(CODE_MIXED,
                "G-01M8HC0SJ4G588FPPVJJX8SA41"));

        // The gateway sends the alias in_progress; it is kept as sent.
        assertThat(value.getString("status")).isEqualTo("in_progress");
        assertThat(value.getString("lifecycle_status")).isEqualTo("running");
        assertThat(value.get("next_webhook_retry_at")).isNull();
        assertThat(value.getStruct("webhook").getStruct("delivery").getInt64("pending_retries")).isZero();
    }

    @Test
    void codeShapeVideoWithAPendingWebhookRetry() {
        Struct value = new VideoConverter(ConversionListener.NO_OP).toStruct(ApiFixtures.video(CODE_COMPLETED,
                "G-01M8HC0SJ4G588FPPVJJX8SA41"));

        assertThat(value.getString("status")).isEqualTo("completed");
        assertThat(value.getFloat64("seconds")).isEqualTo(12.0);
        assertThat(time(value, "next_webhook_retry_at")).isEqualTo("2026-11-28T15:23:50.857Z");
        Struct delivery = value.getStruct("webhook").getStruct("delivery");
        assertThat(delivery.getInt64("pending_retries")).isEqualTo(1L);
        assertThat(time(delivery, "next_retry_at")).isEqualTo("2026-11-28T15:23:50.857Z");
        assertThat(delivery.getString("last_attempt_status")).isEqualTo("scheduled_retry");
        assertThat(delivery.getInt64("last_response_status")).isEqualTo(502L);
        List<Struct> attempts = value.getStruct("webhook").getArray("attempts");
        assertThat(attempts).extracting(attempt -> attempt.getString("status"))
                .containsExactly("delivered", "delivered", "scheduled_retry");
    }

    @Test
    void docsShapeVideo() {
        RecordingListener listener = new RecordingListener();
        Struct value = new VideoConverter(listener).toStruct(ApiFixtures.video(DOCS, "G-01M8H99GQ1540YTHR8W1STSVVM"));

        assertThat(listener.events).isEmpty();
        assertThat(value.getString(VideoSchemas.UNKNOWN_FIELDS)).isNull();
        assertThat(value.getString("request_id")).isEqualTo("G-01M8H99GQ1540YTHR8W1STSVVM");
        assertThat(value.getString("session_id")).isNull();
        // Unix seconds in the docs shape; the raw companion keeps the number's text.
        assertThat(time(value, "created_at")).isEqualTo(Instant.ofEpochSecond(1795876504).toString());
        assertThat(value.getString("created_at_raw")).isEqualTo("1795876504");
        assertThat(time(value, "started_at")).isEqualTo(Instant.ofEpochSecond(1795876505).toString());
        assertThat(time(value, "completed_at")).isEqualTo(Instant.ofEpochSecond(1795876545).toString());
        assertThat(value.getFloat64("seconds")).isEqualTo(8.0);
        assertThat(value.getBoolean("audio")).isFalse();
        assertThat(value.getString("progress_source")).isEqualTo("estimated");

        Struct asset = value.getStruct("asset");
        assertThat(asset.getString("id")).isEqualTo("ast_01M8H99GQ1540YTHR8W1STSVVM");
        assertThat(asset.getInt64("bytes")).isEqualTo(4_035_836L);
        assertThat(asset.getInt64("width")).isEqualTo(720L);
        assertThat(asset.getInt64("height")).isEqualTo(1280L);
        assertThat(asset.getFloat64("duration_seconds")).isEqualTo(8.0);

        List<Struct> outputs = value.getArray("outputs");
        assertThat(outputs).hasSize(1);
        assertThat(outputs.get(0).getInt64("index")).isZero();
        assertThat(outputs.get(0).getBoolean("bytes_available")).isTrue();
        assertThat(time(outputs.get(0), "expires_at")).isEqualTo(Instant.ofEpochSecond(1795880145).toString());

        Struct billing = value.getStruct("billing");
        // Currency kept as sent: the docs say USD where the code says usd.
        assertThat(billing.getString("currency")).isEqualTo("USD");
        assertThat(billing.getString("estimated_provider_cost")).isEqualTo("0.363636");
        assertThat(billing.get("estimated_provider_cost_decimal")).isEqualTo(new BigDecimal("0.363636000"));
        assertThat(billing.get("settled_user_cost_decimal")).isEqualTo(new BigDecimal("0.400000000"));
        assertThat(billing.get("state")).isNull();
        assertThat(time(billing, "billed_at")).isEqualTo("2026-11-28T14:35:47Z");
        assertThat(billing.getString("billed_at_raw")).isEqualTo("2026-11-28T14:35:47Z");

        Struct webhook = value.getStruct("webhook");
        assertThat(webhook.get("endpoint_id")).isNull();
        assertThat(webhook.getStruct("delivery").getString("last_error_message"))
                .isEqualTo("Webhook returned HTTP 502");
        List<Struct> attempts = webhook.getArray("attempts");
        assertThat(attempts).hasSize(4);
        Struct failed = attempts.get(2);
        assertThat(failed.getString("id")).isEqualTo("video.completed:1:2026-11-28T14:35:45.589Z");
        assertThat(failed.get("delivered_at")).isNull();
        assertThat(time(failed, "next_retry_at")).isEqualTo("2026-11-28T14:36:45.589Z");
        assertThat(failed.getInt64("response_status")).isEqualTo(502L);
        assertThat(failed.getString("response_body_preview")).isEqualTo("<html>502 Bad Gateway</html>");
        assertThat(failed.get("status")).isNull();

        Struct usage = value.getStruct("usage");
        assertThat(usage.getFloat64("cost")).isEqualTo(0.4);
        assertThat(usage.get("cost_decimal")).isEqualTo(new BigDecimal("0.400000000"));
        assertThat(usage.get("pricing_breakdown")).isNull();
        assertThat(value.get("error")).isNull();
        assertThat(value.get("last_webhook_progress")).isNull();
        assertThat(time(value, "last_webhook_dispatched_at")).isEqualTo("2026-11-28T14:36:45.589Z");
    }

    /** GET /v1/videos/{id} of an OpenAI job: epoch times and quality (gateway routes/v1/data/videos.get-by-id.ts). */
    @Test
    void byIdShapeOfAnOpenAiJobKeepsQualityAndCostUsdTyped() {
        RecordingListener listener = new RecordingListener();
        ObjectNode video = ApiFixtures.MAPPER.createObjectNode().put("id", "G-01M8HC0YEN2WFMXATTV07J870S")
                .put("object", "video").put("status", "completed").put("created_at", 1795879370)
                .put("completed_at", 1795879470).put("quality", "high").put("seconds", "8");
        video.putObject("usage").put("cost_usd", 0.4).put("costUsd", 0.4);

        Struct value = new VideoConverter(listener).toStruct(video);

        value.validate();
        assertThat(value.getString("quality")).isEqualTo("high");
        assertThat(value.getStruct("usage").getFloat64("costUsd")).isEqualTo(0.4);
        assertThat(value.getStruct("usage").get("costUsd_decimal")).isEqualTo(new BigDecimal("0.400000000"));
        assertThat(value.getString(VideoSchemas.UNKNOWN_FIELDS)).isNull();
        assertThat(listener.events).containsExactly("coerced seconds");
    }

    /** A provider's own usage may carry costUsd alone, or unlike cost_usd: both are kept as sent. */
    @Test
    void costUsdAndCostUsdAreKeptApartWhenTheyDiffer() {
        ObjectNode video = ApiFixtures.MAPPER.createObjectNode().put("id", "G-01M8HC0YEN2WFMXATTV07J870S");
        video.putObject("usage").put("costUsd", -0.05);

        Struct usage = new VideoConverter(new RecordingListener()).toStruct(video).getStruct("usage");

        assertThat(usage.getFloat64("costUsd")).isEqualTo(-0.05);
        assertThat(usage.get("cost_usd")).isNull();
    }

    @Test
    void theCompleteVideoUsesEveryFieldWithoutAnyEvent() {
        RecordingListener listener = new RecordingListener();
        Struct value = new VideoConverter(listener).toStruct(ApiFixtures.completeVideo());

        value.validate();
        assertThat(listener.events).isEmpty();
        assertThat(value.getString(VideoSchemas.UNKNOWN_FIELDS)).isNull();
        assertThat(value.getString(VideoSchemas.RAW_VALUES)).isNull();
        assertThat(value.getStruct("error").getString("code")).isEqualTo("content_policy_violation");
        assertThat(value.getStruct("billing").get("settled_user_cost_decimal"))
                .isEqualTo(new BigDecimal("0.400000000"));
        assertThat(value.getString("started_at_raw")).isEqualTo("1795879370");
        assertThat(value.getString("quality")).isEqualTo("standard");
        assertThat(value.getStruct("usage").getFloat64("costUsd")).isEqualTo(0.4);
    }

    private static String time(Struct struct, String field) {
        Date date = (Date) struct.get(field);
        return date == null ? null : date.toInstant().toString();
    }

    private static JsonNode json(String text) {
        try {
            return ApiFixtures.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
