package app.phaseo.connect.videos.schema;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schemas of the records this connector writes, built once and shared by every record.
 *
 * <p>The value schema describes the whole video object of the Phaseo API (docs shape and gateway-code shape, see
 * docs/SCHEMA.md). Its conventions, which {@link VideoConverter} relies on, are:
 * <ul>
 *   <li>Every field is optional except {@code id}; absent and {@code null} both become {@code null}.</li>
 *   <li>{@code <name>_decimal}: a {@code Decimal(38, 9)} companion of the money field {@code <name>}, which keeps the
 *       API's own value (a decimal string, or a JSON number for {@code usage.cost*}).</li>
 *   <li>{@code <name>_raw}: the text of the time field {@code <name>} exactly as sent, for the times the API sends
 *       with more than millisecond precision (a {@code Timestamp} holds milliseconds).</li>
 *   <li>{@code unknown_fields}: fields this schema does not know, as a JSON object keyed by path.</li>
 *   <li>{@code raw_values}: values that did not fit their typed field and have no companion to live in, as a JSON
 *       object keyed by path.</li>
 * </ul>
 * docs/SCHEMA.md explains the choices and the evolution rules.
 */
public final class VideoSchemas {

    /** Namespace of every named schema of this connector. */
    public static final String NAMESPACE = "app.phaseo.connect.videos";

    /**
     * Version of {@link #VALUE} and {@link #VALUE_FLAT} (and of their {@link TimestampFormat#ISO_ZONED} twins
     * {@link #VALUE_ZONED} and {@link #VALUE_FLAT_ZONED}); docs/SCHEMA.md says when it moves.
     */
    public static final int VERSION = 2;

    /** Scale of every money {@code Decimal}: nine places, the API's nano-unit resolution. */
    public static final int MONEY_SCALE = 9;

    /** Precision declared for every money {@code Decimal}: 38 digits, so 29 before the point. */
    public static final int MONEY_PRECISION = 38;

    /** Parameter naming a Decimal's precision, as read by the Avro converters (Confluent's and Apicurio's). */
    public static final String DECIMAL_PRECISION_PARAMETER = "connect.decimal.precision";

    /** Suffix of a money field's {@code Decimal} companion. */
    public static final String DECIMAL_SUFFIX = "_decimal";

    /** Suffix of a time field's raw-text companion. */
    public static final String RAW_SUFFIX = "_raw";

    /** Name of the top-level field that keeps the fields this schema does not know. */
    public static final String UNKNOWN_FIELDS = "unknown_fields";

    /** Name of the top-level field that keeps the values that did not fit their typed field. */
    public static final String RAW_VALUES = "raw_values";

    private static final String STATUS_VALUES = "Known values: queued, processing, completed, failed, cancelled, "
            + "expired. Kept as sent: the gateway also accepts the aliases pending (= queued), running and "
            + "in_progress (= processing), complete, success and succeeded (= completed), error (= failed) and "
            + "canceled (= cancelled), and may send them.";

    private static final String ATTEMPT_STATUS_VALUES =
            "Known values: delivered, scheduled_retry, failed_permanently. Kept as sent.";

    /** An API asset: the stored video file. */
    public static final Schema ASSET = SchemaBuilder.struct()
            .name(NAMESPACE + ".VideoAsset")
            .optional()
            .doc("The stored video file, once the job has produced one; null before that.")
            .field("id", string("Asset id (ast_...)."))
            .field("mime_type", string("MIME type of the file, e.g. video/mp4."))
            .field("bytes", int64("Size of the file in bytes."))
            .field("sha256", string("SHA-256 of the file, lower-case hex."))
            .field("width", int64("Width in pixels."))
            .field("height", int64("Height in pixels."))
            .field("duration_seconds", float64("Duration of the file in seconds (a number; may be fractional)."))
            .build();

    /** One element of {@code outputs[]}. */
    public static final Schema OUTPUT = SchemaBuilder.struct()
            .name(NAMESPACE + ".VideoOutput")
            .doc("One downloadable output of the job.")
            .field("index", int64("Position of the output, from 0."))
            .field("mime_type", string("MIME type of the output, e.g. video/mp4."))
            .field("bytes_available", bool("Whether the bytes can be fetched from content_url."))
            .field("content_url", string("URL of the bytes (needs the API key)."))
            .field("download_url", string("Pre-signed download URL. Volatile: re-signed on every request."))
            .field("expires_at", timestamp("When download_url stops working. Volatile: moves on every request."))
            .build();

    /** The billing state of a job. */
    public static final Schema BILLING;

    /** The webhook delivery summary of {@code webhook.delivery}. */
    public static final Schema WEBHOOK_DELIVERY = SchemaBuilder.struct()
            .name(NAMESPACE + ".WebhookDelivery")
            .optional()
            .doc("Summary of the webhook deliveries for this job.")
            .field("total_attempts", int64("Number of delivery attempts so far."))
            .field("delivered_events", int64("Number of events delivered."))
            .field("delivered_event_types", stringArray("Delivery keys of the events delivered, e.g. "
                    + "video.completed or video.status_changed:queued:in_progress."))
            .field("pending_retries", int64("Number of deliveries waiting for a retry; the job is not final while "
                    + "this is above 0."))
            .field("next_retry_at", timestamp("When the next retry is due."))
            .field("last_attempt_at", timestamp("When the last attempt was made."))
            .field("last_attempt_status", string("Outcome of the last attempt. " + ATTEMPT_STATUS_VALUES))
            .field("last_response_status", int64("HTTP status the endpoint answered last."))
            .field("last_delivered_at", timestamp("When an event was last delivered."))
            .field("last_failure_at", timestamp("When an attempt last failed."))
            .field("last_error_message", string("Error of the last failed attempt."))
            .build();

    /** One element of {@code webhook.attempts[]}. */
    public static final Schema WEBHOOK_ATTEMPT = SchemaBuilder.struct()
            .name(NAMESPACE + ".WebhookAttempt")
            .doc("One webhook delivery attempt.")
            .field("id", string("Attempt id: delivery key, attempt number and time."))
            .field("delivery_key", string("The event delivered, e.g. video.completed or "
                    + "video.status_changed:in_progress:completed."))
            .field("event_type", string("Event type, e.g. video.status_changed, video.completed, video.failed, "
                    + "video.expired."))
            .field("status", string("Outcome of the attempt. " + ATTEMPT_STATUS_VALUES))
            .field("attempt_number", int64("1 for the first attempt."))
            .field("max_attempts", int64("Attempts allowed for this delivery (4 today)."))
            .field("tried_at", timestamp("When the attempt was made."))
            .field("delivered_at", timestamp("When the event was delivered; null if this attempt failed."))
            .field("next_retry_at", timestamp("When the next attempt is due, if one is scheduled."))
            .field("response_status", int64("HTTP status the endpoint answered."))
            .field("error_message", string("Why the attempt failed."))
            .field("response_body_preview", string("Start of the endpoint's response body."))
            .build();

    /** The webhook configuration and delivery history of a job. */
    public static final Schema WEBHOOK = SchemaBuilder.struct()
            .name(NAMESPACE + ".VideoWebhook")
            .optional()
            .doc("Webhook configuration and delivery history of the job; null when the job has none.")
            .field("endpoint_id", string("Id of the webhook endpoint (whep_...)."))
            .field("url", string("Endpoint URL, when the API reveals it."))
            .field("events", stringArray("Event types the endpoint subscribes to, e.g. job.status_changed, "
                    + "video.completed."))
            .field("has_secret", bool("Whether the endpoint has a signing secret."))
            .field("delivery", WEBHOOK_DELIVERY)
            .field("attempts", SchemaBuilder.array(WEBHOOK_ATTEMPT).optional()
                    .doc("Delivery attempts, oldest first. An element that is not an object is left out and kept "
                            + "in raw_values.")
                    .build())
            .build();

    /** The pricing breakdown of {@code usage.pricing_breakdown}. */
    public static final Schema PRICING_BREAKDOWN;

    /** The usage of a job. */
    public static final Schema USAGE;

    /** The normalised error of a failed job. */
    public static final Schema ERROR = SchemaBuilder.struct()
            .name(NAMESPACE + ".VideoError")
            .optional()
            .doc("Why the job failed, normalised from an object, a string or absent (null).")
            .field("code", string("Error code: the object's code, else its error, else its reason; null for a "
                    + "plain-string error."))
            .field("message", string("Human-readable message: the object's message, or the string itself."))
            .field("type", string("Error type: the object's type, else its error_type."))
            .field("raw", string("The error exactly as sent, as JSON text (a string error keeps its quotes)."))
            .build();

    static {
        SchemaBuilder billing = SchemaBuilder.struct()
                .name(NAMESPACE + ".VideoBilling")
                .optional()
                .doc("Billing of the job. It keeps changing after the job ends: state goes estimated, pending, then "
                        + "settled or void, and billed_at is set last.")
                .field("currency", string("Currency of the cost strings, as sent (usd or USD have both been seen: "
                        + "compare case-insensitively)."));
        money(billing, "estimated_provider_cost", "Estimated provider cost, as the API's decimal string (2 or 6 places).");
        money(billing, "estimated_user_cost", "Estimated cost to the user, as the API's decimal string (2 or 6 places).");
        money(billing, "settled_provider_cost", "Settled provider cost, as the API's decimal string; null until settled.");
        money(billing, "settled_user_cost", "Settled cost to the user, as the API's decimal string; null until settled.");
        billing.field("state", string("Billing state. Known values: estimated, pending, settled, void; settled and "
                        + "void are final."))
                .field("billable", bool("Whether the job is billable."))
                .field("total_nanos", int64("Total charged, in billionths of the currency unit."))
                .field("estimated_nanos", int64("Estimated cost, in billionths of the currency unit."))
                .field("reserved_nanos", int64("Amount held when the job started, in billionths of the currency "
                        + "unit."))
                .field("reservation_id", string("Id of the hold on the balance."))
                .field("reservation_status", string("State of the hold. Known values (gateway core/video-finalization.ts): "
                        + "held, captured, released, not_found, zero_cost, capture_failed, release_failed, "
                        + "charged_reservation_not_found, released_and_charged_actual, released_<status>."))
                .field("charge_reason", string("Why the hold was charged or not. Known values (gateway "
                        + "core/video-finalization.ts): captured, released, not_found, already_billed, zero_cost, "
                        + "capture_failed, release_failed, missing_model, missing_seconds, "
                        + "charged_reservation_not_found, released_and_charged_actual, released_<status>."))
                .field("charged", bool("Whether the user was charged."));
        time(billing, "billed_at", "When the billing settled.", true);
        BILLING = billing.build();

        SchemaBuilder pricing = SchemaBuilder.struct()
                .name(NAMESPACE + ".VideoPricingBreakdown")
                .optional()
                .doc("Exact price of the job.")
                .field("total_nanos", int64("Total price, in billionths of a US dollar."));
        money(pricing, "total_usd_str", "Total price in US dollars, as the API's decimal string (9 places).");
        PRICING_BREAKDOWN = pricing.build();

        SchemaBuilder usage = SchemaBuilder.struct()
                .name(NAMESPACE + ".VideoUsage")
                .optional()
                .doc("Usage and price of the job as the API reports it.");
        moneyNumber(usage, "cost", "Cost of the job, as the API's JSON number.");
        moneyNumber(usage, "cost_usd", "Cost of the job in US dollars, as the API's JSON number.");
        moneyNumber(usage, "costUsd", "The API's usage.costUsd (camelCase), as its JSON number (since version 2). "
                + "The gateway writes it together with cost_usd, the same value floored at 0, when it settles the cost "
                + "(core/video-finalization.ts); a provider's own usage may carry it alone, or a different value.");
        usage.field("output_video_seconds", float64("Seconds of video produced and billed."))
                .field("pricing_breakdown", PRICING_BREAKDOWN)
                .field("is_byok", bool("Whether the job ran on the user's own provider key."));
        USAGE = usage.build();
    }

    /** The value schema: one video job. */
    public static final Schema VALUE = buildValue();

    /** The value schema flattened for sinks that cannot take nesting; see {@link SchemaFlattener}. */
    public static final Schema VALUE_FLAT = SchemaFlattener.flatten(VALUE, NAMESPACE + ".VideoFlat",
            "One Phaseo video job, flattened: each nested field is a top-level field named parent_child, and "
                    + "each array is a string of JSON text.");

    /**
     * {@link #VALUE} with every time field as ISO-8601 UTC text ({@code io.debezium.time.ZonedTimestamp}), for
     * {@code value.timestamp.format=iso-zoned}. A schema of its own name ({@code VideoZoned}; each nested struct that
     * holds a time is renamed {@code <name>Zoned} too), so a name always means one layout; same fields, same order,
     * same version.
     */
    public static final Schema VALUE_ZONED = zonedStruct(VALUE, VALUE.doc() + " Times are ISO-8601 text in UTC "
            + "(io.debezium.time.ZonedTimestamp), written with value.timestamp.format=iso-zoned.");

    /** {@link #VALUE_ZONED} flattened. */
    public static final Schema VALUE_FLAT_ZONED = SchemaFlattener.flatten(VALUE_ZONED, NAMESPACE + ".VideoFlatZoned",
            VALUE_FLAT.doc() + " Times are ISO-8601 text in UTC (io.debezium.time.ZonedTimestamp), written with "
                    + "value.timestamp.format=iso-zoned.");

    /** Suffix of the name of a struct schema whose times are zoned text. */
    static final String ZONED_NAME_SUFFIX = "Zoned";

    /** The key schema: the video id. */
    public static final Schema KEY = SchemaBuilder.struct()
            .name(NAMESPACE + ".VideoKey")
            .version(VERSION)
            .doc("Key of a Phaseo video job record: its id, so all changes of a job land in one partition, in order.")
            .field("id", SchemaBuilder.string().doc("Video id (G- followed by a 26-character ULID).").build())
            .build();

    private VideoSchemas() {
    }

    /** The nested value schema for {@code format}: {@link #VALUE} or {@link #VALUE_ZONED}. */
    public static Schema value(TimestampFormat format) {
        return format == TimestampFormat.ISO_ZONED ? VALUE_ZONED : VALUE;
    }

    /** The flat value schema for {@code format}: {@link #VALUE_FLAT} or {@link #VALUE_FLAT_ZONED}. */
    public static Schema valueFlat(TimestampFormat format) {
        return format == TimestampFormat.ISO_ZONED ? VALUE_FLAT_ZONED : VALUE_FLAT;
    }

    /** The key of the record for the video {@code id}. */
    public static Struct key(String id) {
        return new Struct(KEY).put("id", id);
    }

    private static Schema buildValue() {
        SchemaBuilder value = SchemaBuilder.struct()
                .name(NAMESPACE + ".Video")
                .version(VERSION)
                .doc("One Phaseo video generation job, as GET /v1/videos and GET /v1/videos/{id} return it, with "
                        + "types normalised and nothing dropped.")
                .field("id", SchemaBuilder.string().doc("Video id (G- followed by a 26-character ULID). Never null; "
                        + "the empty string if the API sent none.").build())
                .field("object", string("Object type; always video."))
                .field("status", string("Job status. " + STATUS_VALUES))
                .field("lifecycle_status", string("Internal lifecycle status the gateway code also sends. Known "
                        + "values: pending, running, completed, failed, cancelled, expired."))
                .field("output_access", string("How the output can be fetched. Known values: both, bytes, "
                        + "signed_url."))
                .field("progress", int64("Progress in percent, 0 to 100."))
                .field("progress_source", string("Where progress comes from. Known values: none, estimated, "
                        + "provider."))
                .field("polling_url", string("URL to poll this job."))
                .field("websocket_url", string("WebSocket URL that streams this job's events."))
                .field("cancel_url", string("URL to cancel this job, while it can be cancelled."))
                .field("poll_after_seconds", int64("Seconds the API asks clients to wait between polls."))
                .field("model", string("Model that generates the video, e.g. sora-2."))
                .field("provider", string("Provider that runs the model, e.g. openai, google-vertex."))
                .field("request_id", string("Id of the request that created the job."))
                .field("session_id", string("Session id given when the job was created."))
                .field("generation_id", string("Generation id (today the same as id)."))
                .field("native_video_id", string("The provider's own id for the job."));
        time(value, "created_at", "When the job was created.", true);
        time(value, "started_at", "When the provider started the job.", true);
        time(value, "completed_at", "When the job reached a terminal status. Today's gateway rewrites it when a "
                + "finished job is fetched by id.", false);
        time(value, "expires_at", "When the output stops being available. Volatile: moves on every request.", false);
        value.field("seconds", float64("Requested duration in seconds (sent as a number or a string such as \"8\")."))
                .field("size", string("Resolution as WIDTHxHEIGHT, e.g. 720x1280."))
                .field("quality", string("Quality the provider reports, e.g. standard or high (since version 2). Sent "
                        + "by GET /v1/videos/{id} for OpenAI jobs only; null in the list."))
                .field("audio", bool("Whether the video has audio."))
                .field("prompt", string("The prompt, when the API returns it."))
                .field("remixed_from_video_id", string("Id of the video this one remixes."))
                .field("content_url", string("URL of the bytes (needs the API key)."))
                .field("download_url", string("Pre-signed download URL. Volatile: re-signed on every request."))
                .field("asset", ASSET)
                .field("outputs", SchemaBuilder.array(OUTPUT).optional()
                        .doc("Downloadable outputs. An element that is not an object is left out and kept in "
                                + "raw_values.")
                        .build())
                .field("billing", BILLING)
                .field("webhook", WEBHOOK);
        time(value, "next_webhook_retry_at", "When the next webhook retry is due.", false);
        value.field("last_webhook_progress", int64("Progress (percent) last sent by webhook."));
        time(value, "last_webhook_progress_at", "When progress was last sent by webhook.", false);
        time(value, "last_webhook_dispatched_at", "When a webhook was last dispatched.", false);
        value.field("usage", USAGE)
                .field("error", ERROR)
                .field(UNKNOWN_FIELDS, string("Fields this schema does not know, kept as a JSON object whose keys are "
                        + "their paths (e.g. usage.provider_units, webhook.attempts[0].new_field) and whose values are as "
                        + "sent; null when there are none."))
                .field(RAW_VALUES, string("Values that did not fit their typed field (wrong type, out of range, "
                        + "unparseable, or a time finer than milliseconds) and have no companion field, kept as a "
                        + "JSON object whose keys are their paths and whose values are as sent; null when there are "
                        + "none."));
        return value.build();
    }

    /** {@code struct} with its times zoned, renamed {@code <name>Zoned}, with {@code doc}. */
    private static Schema zonedStruct(Schema struct, String doc) {
        SchemaBuilder builder = SchemaBuilder.struct().name(struct.name() + ZONED_NAME_SUFFIX).doc(doc);
        if (struct.version() != null) {
            builder.version(struct.version());
        }
        if (struct.isOptional()) {
            builder.optional();
        }
        for (org.apache.kafka.connect.data.Field field : struct.fields()) {
            builder.field(field.name(), zoned(field.schema()));
        }
        return builder.build();
    }

    /** The {@link TimestampFormat#ISO_ZONED} form of a field schema: the same schema when it holds no time. */
    private static Schema zoned(Schema schema) {
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            if (!schema.isOptional()) {
                throw new IllegalStateException("Every time field is optional");
            }
            return ZonedTimestamps.optional(schema.doc() + " Written as ISO-8601 text in UTC to the millisecond, e.g. "
                    + "2026-12-05T23:10:00.123Z (io.debezium.time.ZonedTimestamp).");
        }
        if (!holdsTime(schema)) {
            return schema;
        }
        if (schema.type() == Schema.Type.STRUCT) {
            return zonedStruct(schema, schema.doc());
        }
        SchemaBuilder array = SchemaBuilder.array(zoned(schema.valueSchema())).doc(schema.doc());
        if (schema.isOptional()) {
            array.optional();
        }
        return array.build();
    }

    private static boolean holdsTime(Schema schema) {
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return true;
        }
        if (schema.type() == Schema.Type.STRUCT) {
            return schema.fields().stream().anyMatch(field -> holdsTime(field.schema()));
        }
        return schema.type() == Schema.Type.ARRAY && holdsTime(schema.valueSchema());
    }

    private static void money(SchemaBuilder struct, String name, String doc) {
        struct.field(name, string(doc + " Kept as sent; see " + name + DECIMAL_SUFFIX + " for a typed value."));
        struct.field(name + DECIMAL_SUFFIX, decimal(name));
    }

    private static void moneyNumber(SchemaBuilder struct, String name, String doc) {
        struct.field(name, float64(doc + " See " + name + DECIMAL_SUFFIX + " for an exact typed value."));
        struct.field(name + DECIMAL_SUFFIX, decimal(name));
    }

    private static void time(SchemaBuilder struct, String name, String doc, boolean keepRaw) {
        String parsing = " Parsed from unix seconds or an ISO-8601 string; kept to the millisecond.";
        if (keepRaw) {
            struct.field(name, timestamp(doc + parsing + " " + name + RAW_SUFFIX + " keeps the exact text."));
            struct.field(name + RAW_SUFFIX, string("The " + name + " value exactly as sent (the API sends "
                    + "microseconds, e.g. 2026-11-28T15:22:49.173300+00:00; a number keeps its JSON text)."));
        } else {
            struct.field(name, timestamp(doc + parsing));
        }
    }

    private static Schema decimal(String of) {
        return Decimal.builder(MONEY_SCALE)
                .optional()
                .parameter(DECIMAL_PRECISION_PARAMETER, Integer.toString(MONEY_PRECISION))
                .doc(of + " as an exact Decimal(" + MONEY_PRECISION + ", " + MONEY_SCALE + "); null if absent, or if "
                        + "the value is not a plain decimal number that fits (then " + of + " still holds it).")
                .build();
    }

    private static Schema string(String doc) {
        return SchemaBuilder.string().optional().doc(doc).build();
    }

    private static Schema int64(String doc) {
        return SchemaBuilder.int64().optional().doc(doc).build();
    }

    private static Schema float64(String doc) {
        return SchemaBuilder.float64().optional().doc(doc).build();
    }

    private static Schema bool(String doc) {
        return SchemaBuilder.bool().optional().doc(doc).build();
    }

    private static Schema timestamp(String doc) {
        return Timestamp.builder().optional().doc(doc).build();
    }

    private static Schema stringArray(String doc) {
        return SchemaBuilder.array(SchemaBuilder.string().doc("One element.").build())
                .optional()
                .doc(doc + " An element that is not a string is coerced to its JSON text if it is a number or a "
                        + "boolean, else left out and kept in raw_values.")
                .build();
    }
}
