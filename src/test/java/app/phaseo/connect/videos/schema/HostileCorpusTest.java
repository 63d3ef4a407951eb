package app.phaseo.connect.videos.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A generated corpus of hostile videos: every field of the complete video replaced by every kind of wrong value,
 * unknown fields at every level, odd errors and ids. None may make the conversion throw, every result must be a
 * valid record, and each case asserts its own expected outcome: the typed value, the companion, the listener
 * events, and what lands in raw_values and unknown_fields.
 *
 * <p>The expectations come from the tables below, written from the documented rules, not from the converter.
 */
class HostileCorpusTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectNode BASE = ApiFixtures.completeVideo();
    private static final String HUGE_TEXT = "x".repeat(100_000);
    private static final String HUGE_INTEGER = "123456789012345678901234567890";
    private static final int DEEP = 900;

    /** How a field is converted, as the schema documents it. */
    enum Kind {
        STRING, MONEY_STRING, INT64, FLOAT64, MONEY_NUMBER, BOOLEAN, TIME, TIME_WITH_RAW, STRING_ARRAY, STRUCT,
        STRUCT_ARRAY
    }

    /** A hostile value; {@code MISSING} removes the field. */
    enum Mutation {
        MISSING(null),
        NULL(NullNode.getInstance()),
        TEXT(NODES.textNode("not-a-value")),
        EMPTY_TEXT(NODES.textNode("")),
        HUGE_TEXT(NODES.textNode(HostileCorpusTest.HUGE_TEXT)),
        NUMERIC_TEXT(NODES.textNode("42")),
        FRACTION_TEXT(NODES.textNode("4.5")),
        NAN_TEXT(NODES.textNode("NaN")),
        INFINITY_TEXT(NODES.textNode("-Infinity")),
        HEX_TEXT(NODES.textNode("0x1F")),
        EXPONENT_TEXT(NODES.textNode("1e3")),
        TRUE_TEXT(NODES.textNode("true")),
        BAD_DAY(NODES.textNode("2026-02-30T00:00:00Z")),
        BAD_MONTH(NODES.textNode("2026-13-01T00:00:00Z")),
        BAD_CLOCK(NODES.textNode("2026-11-28T25:61:00Z")),
        WORDS_DATE(NODES.textNode("yesterday")),
        DB_TIME(NODES.textNode("2026-11-28 15:22:49+00")),
        LOCAL_TIME(NODES.textNode("2026-11-28T15:22:49")),
        INTEGER(NODES.numberNode(12345)),
        NEGATIVE(NODES.numberNode(-7)),
        FRACTION(NODES.numberNode(1.5)),
        MILLIS(NODES.numberNode(1_795_876_504_000L)),
        LONG_MAX(NODES.numberNode(Long.MAX_VALUE)),
        HUGE_INTEGER(NODES.numberNode(new BigInteger(HostileCorpusTest.HUGE_INTEGER))),
        HUGE_DOUBLE(NODES.numberNode(1e300)),
        TINY_DOUBLE(NODES.numberNode(1e-12)),
        TRUE(NODES.booleanNode(true)),
        ARRAY(NODES.arrayNode().add(1).add("a")),
        EMPTY_ARRAY(NODES.arrayNode()),
        OBJECT(NODES.objectNode().put("a", 1)),
        DEEP_ARRAY(deepArray(DEEP)),
        DEEP_OBJECT(deepObject(DEEP));

        final JsonNode value;

        Mutation(JsonNode value) {
            this.value = value;
        }

        boolean isText() {
            return value != null && value.isTextual();
        }

        boolean isContainer() {
            return value != null && value.isContainerNode();
        }
    }

    /** A field of the video, by path (array fields through their first element). */
    record Target(String path, Kind kind, Schema schema) {
    }

    /** What a case must produce. */
    record Outcome(Object value, Object companion, List<String> events, Map<String, JsonNode> rawValues,
            Map<String, JsonNode> unknown) {

        static Outcome of(Object value) {
            return new Outcome(value, null, List.of(), Map.of(), Map.of());
        }

        Outcome companion(Object companion) {
            return new Outcome(value, companion, events, rawValues, unknown);
        }

        Outcome event(String event) {
            List<String> more = new ArrayList<>(events);
            more.add(event);
            return new Outcome(value, companion, more, rawValues, unknown);
        }

        Outcome rawValue(String path, JsonNode raw) {
            Map<String, JsonNode> more = new LinkedHashMap<>(rawValues);
            more.put(path, raw);
            return new Outcome(value, companion, events, more, unknown);
        }

        Outcome unknownField(String path, JsonNode field) {
            Map<String, JsonNode> more = new LinkedHashMap<>(unknown);
            more.put(path, field);
            return new Outcome(value, companion, events, rawValues, more).event("unknown " + path);
        }
    }

    @Test
    void theCorpusHasEnoughCases() {
        assertThat(targets()).hasSizeGreaterThan(95);
        assertThat((long) targets().size() * Mutation.values().length).isGreaterThan(3000);
    }

    @TestFactory
    Stream<DynamicTest> everyFieldWithEveryHostileValue() {
        return targets().stream().flatMap(target -> Stream.of(Mutation.values()).map(mutation ->
                dynamicTest(target.path() + " " + target.kind() + " <- " + mutation,
                        () -> check(target, mutation))));
    }

    @TestFactory
    Stream<DynamicTest> unknownFieldsAtEveryLevel() {
        List<String> objects = List.of("", "asset", "outputs[0]", "billing", "webhook", "webhook.delivery",
                "webhook.attempts[0]", "usage", "usage.pricing_breakdown");
        JsonNode newValue = NODES.objectNode().set("nested", NODES.arrayNode().add(1).add(2));
        Stream<DynamicTest> perLevel = objects.stream().map(object -> dynamicTest(
                "unknown field in " + (object.isEmpty() ? "the video" : object), () -> {
                    String path = object.isEmpty() ? "zz_new_field" : object + ".zz_new_field";
                    ObjectNode video = BASE.deepCopy();
                    set(video, path, newValue);
                    Result result = convert(video);
                    assertThat(result.listener.events).containsExactly("unknown " + path);
                    assertThat(result.unknown()).containsExactly(Map.entry(path, newValue));
                    assertThat(result.rawValues()).isEmpty();
                    // Everything known is still there.
                    assertThat(result.value.getString("id")).isEqualTo(BASE.get("id").asText());
                    assertThat(valueAt(result.value, "webhook.attempts[0].response_status")).isEqualTo(502L);
                }));
        Stream<DynamicTest> special = Stream.of(
                unknownCase("a null unknown field", "zz_null", NullNode.getInstance()),
                unknownCase("a field named like a companion", "created_at_raw", NODES.textNode("x")),
                unknownCase("a field named like a decimal companion", "billing.estimated_user_cost_decimal",
                        NODES.numberNode(1)),
                unknownCase("a field named unknown_fields", VideoSchemas.UNKNOWN_FIELDS, NODES.textNode("{}")),
                unknownCase("a field named raw_values", VideoSchemas.RAW_VALUES, NODES.numberNode(3)),
                unknownCase("a deep unknown field", "usage.zz_deep", deepObject(DEEP)),
                unknownCase("a huge unknown field", "billing.zz_huge", NODES.textNode(HUGE_TEXT)));
        return Stream.concat(perLevel, special);
    }

    @TestFactory
    Stream<DynamicTest> errorsOfEveryShape() {
        return Stream.of(
                errorCase("absent", null, null, null, null, false),
                errorCase("null", NullNode.getInstance(), null, null, null, false),
                errorCase("OpenAI-style object", json("{\"code\":\"moderation_blocked\",\"message\":\"Blocked\","
                        + "\"type\":\"invalid_request_error\"}"), "moderation_blocked", "Blocked",
                        "invalid_request_error", false),
                errorCase("gateway-style object", json("{\"error\":\"upstream_error\",\"reason\":\"timeout\","
                        + "\"message\":\"Provider timed out\",\"status_code\":502,\"error_type\":\"upstream\"}"),
                        "upstream_error", "Provider timed out", "upstream", false),
                errorCase("object with only a reason", json("{\"reason\":\"video_deleted\"}"), "video_deleted",
                        null, null, false),
                errorCase("object with a numeric code", json("{\"code\":500,\"message\":\"x\"}"), "500", "x", null,
                        false),
                errorCase("object with a nested message", json("{\"code\":\"c\",\"message\":{\"text\":\"m\"}}"),
                        "c", null, null, false),
                errorCase("object with a nested error", json("{\"error\":{\"code\":\"c\"}}"), null, null, null,
                        false),
                errorCase("empty object", json("{}"), null, null, null, false),
                errorCase("plain string", NODES.textNode("Generation failed"), null, "Generation failed", null,
                        false),
                errorCase("empty string", NODES.textNode(""), null, "", null, false),
                errorCase("huge string", NODES.textNode(HUGE_TEXT), null, HUGE_TEXT, null, false),
                errorCase("number", NODES.numberNode(42), null, null, null, true),
                errorCase("boolean", NODES.booleanNode(true), null, null, null, true),
                errorCase("array", json("[\"a\",1]"), null, null, null, true),
                errorCase("deep array", deepArray(DEEP), null, null, null, true));
    }

    @TestFactory
    Stream<DynamicTest> idsOfEveryShape() {
        return Stream.of(
                idCase("missing", null, "", List.of("raw id"), false),
                idCase("null", NullNode.getInstance(), "", List.of("raw id"), false),
                idCase("empty string", NODES.textNode(""), "", List.of(), false),
                idCase("number", NODES.numberNode(42), "42", List.of("coerced id"), false),
                idCase("boolean", NODES.booleanNode(false), "false", List.of("coerced id"), false),
                idCase("object", json("{\"id\":\"G-1\"}"), "", List.of("raw id"), true),
                idCase("array", json("[\"G-1\"]"), "", List.of("raw id"), true));
    }

    @Test
    void anEmptyObjectIsAValidRecordWithAnEmptyId() {
        Result result = convert(NODES.objectNode());
        assertThat(result.value.getString("id")).isEmpty();
        assertThat(result.listener.events).containsExactly("raw id");
        for (Field field : VideoSchemas.VALUE.fields()) {
            if (!field.name().equals("id")) {
                assertThat(result.value.get(field)).as(field.name()).isNull();
            }
        }
    }

    @Test
    void everyKnownFieldAsAnObjectAtOnceStillConverts() {
        ObjectNode video = NODES.objectNode();
        BASE.fieldNames().forEachRemaining(name -> video.set(name, NODES.objectNode().put("a", 1)));
        Result result = convert(video);
        assertThat(result.value.getString("id")).isEmpty();
        assertThat(result.rawValues()).containsKeys("created_at", "seconds", "outputs", "id");
        assertThat(result.unknown()).containsKeys("asset.a", "billing.a", "usage.a", "webhook.a");
        assertThat(result.value.getStruct("error").getString("raw")).isEqualTo("{\"a\":1}");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Expectations, from the rules documented in docs/SCHEMA.md and VideoConverter.

    private static Outcome expect(Target target, Mutation m) {
        String path = target.path();
        JsonNode v = m.value;
        if (m == Mutation.MISSING || m == Mutation.NULL) {
            return Outcome.of(null);
        }
        Outcome raw = Outcome.of(null).event("raw " + path).rawValue(path, v);
        switch (target.kind()) {
            case STRING:
                return m.isContainer() ? raw : text(m, path);
            case MONEY_STRING:
                if (m.isContainer()) {
                    return raw.companion(null);
                }
                Outcome string = text(m, path);
                BigDecimal money = money(m);
                return money != null ? string.companion(money) : string.companion(null).event("raw " + path);
            case INT64:
                return int64(m, path, raw);
            case FLOAT64:
                return float64(m, path, raw);
            case MONEY_NUMBER:
                Outcome number = float64(m, path, raw);
                BigDecimal exact = m.isContainer() || m == Mutation.TRUE ? null : money(m);
                if (m.isText() && exact == null) {
                    return number.companion(null);
                }
                if (exact == null && number.value() != null) {
                    return number.companion(null).event("raw " + path);
                }
                return number.companion(exact);
            case BOOLEAN:
                if (m == Mutation.TRUE) {
                    return Outcome.of(true);
                }
                return m == Mutation.TRUE_TEXT ? Outcome.of(true).event("coerced " + path) : raw;
            case TIME:
                return time(m, path, raw, false);
            case TIME_WITH_RAW:
                return time(m, path, raw, true);
            case STRING_ARRAY:
                switch (m) {
                    case ARRAY:
                        return Outcome.of(List.of("1", "a")).event("coerced " + path + "[0]");
                    case EMPTY_ARRAY:
                        return Outcome.of(List.of());
                    case DEEP_ARRAY:
                        return Outcome.of(List.of()).event("raw " + path + "[0]").rawValue(path + "[0]", v.get(0));
                    default:
                        return raw;
                }
            case STRUCT:
                Struct empty = new Struct(target.schema());
                switch (m) {
                    case OBJECT:
                        return Outcome.of(empty).unknownField(path + ".a", v.get("a"));
                    case DEEP_OBJECT:
                        return Outcome.of(empty).unknownField(path + ".d", v.get("d"));
                    default:
                        return raw;
                }
            case STRUCT_ARRAY:
                switch (m) {
                    case ARRAY:
                        return Outcome.of(List.of()).event("raw " + path + "[0]").event("raw " + path + "[1]")
                                .rawValue(path + "[0]", v.get(0)).rawValue(path + "[1]", v.get(1));
                    case EMPTY_ARRAY:
                        return Outcome.of(List.of());
                    case DEEP_ARRAY:
                        return Outcome.of(List.of()).event("raw " + path + "[0]").rawValue(path + "[0]", v.get(0));
                    default:
                        return raw;
                }
            default:
                throw new AssertionError(target.kind());
        }
    }

    /** A string field: text kept; numbers and booleans coerced to their JSON text. */
    private static Outcome text(Mutation m, String path) {
        if (m.isText()) {
            return Outcome.of(m.value.textValue());
        }
        String text;
        switch (m) {
            case INTEGER:
                text = "12345";
                break;
            case NEGATIVE:
                text = "-7";
                break;
            case FRACTION:
                text = "1.5";
                break;
            case MILLIS:
                text = "1795876504000";
                break;
            case LONG_MAX:
                text = "9223372036854775807";
                break;
            case HUGE_INTEGER:
                text = HUGE_INTEGER;
                break;
            case HUGE_DOUBLE:
                text = "1" + "0".repeat(300);
                break;
            case TINY_DOUBLE:
                text = "0.000000000001";
                break;
            case TRUE:
                text = "true";
                break;
            default:
                throw new AssertionError(m);
        }
        return Outcome.of(text).event("coerced " + path);
    }

    /** The Decimal(38, 9) of a value, or null if it is not a plain decimal that fits. */
    private static BigDecimal money(Mutation m) {
        switch (m) {
            case NUMERIC_TEXT:
                return new BigDecimal("42.000000000");
            case FRACTION_TEXT:
                return new BigDecimal("4.500000000");
            case INTEGER:
                return new BigDecimal("12345.000000000");
            case NEGATIVE:
                return new BigDecimal("-7.000000000");
            case FRACTION:
                return new BigDecimal("1.500000000");
            case MILLIS:
                return new BigDecimal("1795876504000.000000000");
            case LONG_MAX:
                return new BigDecimal("9223372036854775807.000000000");
            default:
                // Words, NaN, hex, exponents, booleans, 30 integer digits, 1e300 and 1e-12 do not fit.
                return null;
        }
    }

    private static Outcome int64(Mutation m, String path, Outcome raw) {
        switch (m) {
            case NUMERIC_TEXT:
                return Outcome.of(42L).event("coerced " + path);
            case INTEGER:
                return Outcome.of(12345L);
            case NEGATIVE:
                return Outcome.of(-7L);
            case MILLIS:
                return Outcome.of(1_795_876_504_000L);
            case LONG_MAX:
                return Outcome.of(Long.MAX_VALUE);
            default:
                return raw;
        }
    }

    private static Outcome float64(Mutation m, String path, Outcome raw) {
        switch (m) {
            case NUMERIC_TEXT:
                return Outcome.of(42.0).event("coerced " + path);
            case FRACTION_TEXT:
                return Outcome.of(4.5).event("coerced " + path);
            case INTEGER:
                return Outcome.of(12345.0);
            case NEGATIVE:
                return Outcome.of(-7.0);
            case FRACTION:
                return Outcome.of(1.5);
            case MILLIS:
                return Outcome.of(1.795876504e12);
            case HUGE_DOUBLE:
                return Outcome.of(1e300);
            case TINY_DOUBLE:
                return Outcome.of(1e-12);
            default:
                // LONG_MAX and HUGE_INTEGER have more digits than a double keeps.
                return raw;
        }
    }

    private static Outcome time(Mutation m, String path, Outcome raw, boolean withRaw) {
        Date parsed;
        boolean coerced = false;
        switch (m) {
            case NUMERIC_TEXT:
                parsed = new Date(42_000);
                coerced = true;
                break;
            case FRACTION_TEXT:
                parsed = new Date(4_500);
                coerced = true;
                break;
            case DB_TIME:
            case LOCAL_TIME:
                parsed = Date.from(Instant.parse("2026-11-28T15:22:49Z"));
                break;
            case INTEGER:
                parsed = new Date(12_345_000);
                break;
            case NEGATIVE:
                parsed = new Date(-7_000);
                break;
            case FRACTION:
                parsed = new Date(1_500);
                break;
            case MILLIS:
                parsed = new Date(1_795_876_504_000L);
                coerced = true;
                break;
            case TINY_DOUBLE:
                // 1e-12 seconds: floor to the millisecond, the exact value kept.
                Outcome truncated = Outcome.of(new Date(0));
                return withRaw ? truncated.companion("0.000000000001")
                        : truncated.event("raw " + path).rawValue(path, m.value);
            default:
                parsed = null;
        }
        if (!withRaw) {
            if (parsed == null) {
                return raw;
            }
            return coerced ? Outcome.of(parsed).event("coerced " + path) : Outcome.of(parsed);
        }
        if (m.isContainer()) {
            return raw.companion(null);
        }
        String text = m.isText() ? m.value.textValue() : text(m, path).value().toString();
        if (parsed == null) {
            return Outcome.of(null).companion(text).event("raw " + path);
        }
        Outcome outcome = Outcome.of(parsed).companion(text);
        return coerced ? outcome.event("coerced " + path) : outcome;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Running a case.

    private static void check(Target target, Mutation mutation) {
        ObjectNode video = BASE.deepCopy();
        set(video, target.path(), mutation.value);
        Result result = convert(video);
        Outcome expected = expect(target, mutation);

        assertThat(valueAt(result.value, target.path())).isEqualTo(expected.value());
        String companion = companionPath(target);
        if (companion != null) {
            assertThat(valueAt(result.value, companion)).as(companion).isEqualTo(expected.companion());
        }
        assertThat(result.listener.events).isEqualTo(expected.events());
        assertThat(result.listener.reasons).allSatisfy(reason -> assertThat(reason).isNotBlank());
        assertThat(result.rawValues()).isEqualTo(expected.rawValues());
        assertThat(result.unknown()).isEqualTo(expected.unknown());
    }

    private static DynamicTest unknownCase(String name, String path, JsonNode value) {
        return dynamicTest(name, () -> {
            ObjectNode video = BASE.deepCopy();
            set(video, path, value);
            Result result = convert(video);
            assertThat(result.listener.events).containsExactly("unknown " + path);
            assertThat(result.unknown()).containsExactly(Map.entry(path, value));
            assertThat(result.rawValues()).isEmpty();
        });
    }

    private static DynamicTest errorCase(String name, JsonNode error, String code, String message, String type,
            boolean reported) {
        return dynamicTest("error as " + name, () -> {
            ObjectNode video = BASE.deepCopy();
            set(video, "error", error);
            Result result = convert(video);
            Struct normalised = result.value.getStruct("error");
            if (error == null || error.isNull()) {
                assertThat(normalised).isNull();
                assertThat(result.listener.events).isEmpty();
                return;
            }
            assertThat(normalised.getString("code")).isEqualTo(code);
            assertThat(normalised.getString("message")).isEqualTo(message);
            assertThat(normalised.getString("type")).isEqualTo(type);
            // raw is always the error as sent, as JSON text: reading it back gives the same JSON.
            assertThat(ApiFixtures.MAPPER.readTree(normalised.getString("raw"))).isEqualTo(error);
            assertThat(result.listener.events).isEqualTo(reported ? List.of("raw error") : List.of());
            assertThat(result.rawValues()).isEmpty();
        });
    }

    private static DynamicTest idCase(String name, JsonNode id, String expected, List<String> events,
            boolean inRawValues) {
        return dynamicTest("id as " + name, () -> {
            ObjectNode video = BASE.deepCopy();
            set(video, "id", id);
            Result result = convert(video);
            assertThat(result.value.getString("id")).isEqualTo(expected);
            assertThat(result.listener.events).isEqualTo(events);
            assertThat(result.rawValues()).isEqualTo(inRawValues ? Map.of("id", id) : Map.of());
        });
    }

    private record Result(Struct value, RecordingListener listener) {

        Map<String, JsonNode> rawValues() {
            return entries(value.getString(VideoSchemas.RAW_VALUES));
        }

        Map<String, JsonNode> unknown() {
            return entries(value.getString(VideoSchemas.UNKNOWN_FIELDS));
        }

        private static Map<String, JsonNode> entries(String json) {
            Map<String, JsonNode> map = new LinkedHashMap<>();
            if (json != null) {
                json(json).properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
                assertThat(map).as("written only when not empty").isNotEmpty();
            }
            return map;
        }
    }

    private static Result convert(ObjectNode video) {
        RecordingListener listener = new RecordingListener();
        Struct value = new VideoConverter(listener).toStruct(video);
        value.validate();
        return new Result(value, listener);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Targets and paths.

    /** Every convertible field of the schema, found by walking it; companions and bookkeeping excluded. */
    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        addTargets(targets, VideoSchemas.VALUE, "");
        return targets;
    }

    private static void addTargets(List<Target> targets, Schema struct, String prefix) {
        for (Field field : struct.fields()) {
            String name = field.name();
            Schema schema = field.schema();
            String path = prefix + name;
            boolean hasDecimal = struct.field(name + VideoSchemas.DECIMAL_SUFFIX) != null;
            if (isCompanion(struct, name) || path.equals("id") || path.equals("error")
                    || path.equals(VideoSchemas.UNKNOWN_FIELDS) || path.equals(VideoSchemas.RAW_VALUES)) {
                continue;
            }
            if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
                boolean withRaw = struct.field(name + VideoSchemas.RAW_SUFFIX) != null;
                targets.add(new Target(path, withRaw ? Kind.TIME_WITH_RAW : Kind.TIME, schema));
                continue;
            }
            switch (schema.type()) {
                case STRING:
                    targets.add(new Target(path, hasDecimal ? Kind.MONEY_STRING : Kind.STRING, schema));
                    break;
                case INT64:
                    targets.add(new Target(path, Kind.INT64, schema));
                    break;
                case FLOAT64:
                    targets.add(new Target(path, hasDecimal ? Kind.MONEY_NUMBER : Kind.FLOAT64, schema));
                    break;
                case BOOLEAN:
                    targets.add(new Target(path, Kind.BOOLEAN, schema));
                    break;
                case STRUCT:
                    targets.add(new Target(path, Kind.STRUCT, schema));
                    addTargets(targets, schema, path + ".");
                    break;
                case ARRAY:
                    if (schema.valueSchema().type() == Schema.Type.STRUCT) {
                        targets.add(new Target(path, Kind.STRUCT_ARRAY, schema));
                        addTargets(targets, schema.valueSchema(), path + "[0].");
                    } else {
                        targets.add(new Target(path, Kind.STRING_ARRAY, schema));
                    }
                    break;
                default:
                    throw new AssertionError("Unexpected field type " + path);
            }
        }
    }

    private static boolean isCompanion(Schema struct, String name) {
        if (name.endsWith(VideoSchemas.DECIMAL_SUFFIX)) {
            Field field = struct.field(name);
            return Decimal.LOGICAL_NAME.equals(field.schema().name());
        }
        return name.endsWith(VideoSchemas.RAW_SUFFIX);
    }

    private static String companionPath(Target target) {
        switch (target.kind()) {
            case MONEY_STRING:
            case MONEY_NUMBER:
                return target.path() + VideoSchemas.DECIMAL_SUFFIX;
            case TIME_WITH_RAW:
                return target.path() + VideoSchemas.RAW_SUFFIX;
            default:
                return null;
        }
    }

    /** Sets (or removes, for null) the value at a path such as {@code webhook.attempts[0].tried_at}. */
    static void set(ObjectNode video, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        JsonNode node = video;
        for (int i = 0; i < segments.length - 1; i++) {
            node = child(node, segments[i]);
        }
        String last = segments[segments.length - 1];
        if (value == null) {
            ((ObjectNode) node).remove(last);
        } else {
            ((ObjectNode) node).set(last, value);
        }
    }

    private static JsonNode child(JsonNode node, String segment) {
        int bracket = segment.indexOf('[');
        if (bracket < 0) {
            return node.get(segment);
        }
        int index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
        return node.get(segment.substring(0, bracket)).get(index);
    }

    /** The Struct value at a path, or null if any step is missing. */
    static Object valueAt(Struct struct, String path) {
        Object node = struct;
        for (String segment : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            node = ((Struct) node).get(name);
            if (bracket >= 0 && node != null) {
                List<?> list = (List<?>) node;
                int index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
                node = index < list.size() ? list.get(index) : null;
            }
        }
        return node;
    }

    private static JsonNode deepArray(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 1; i < depth; i++) {
            ArrayNode next = NODES.arrayNode();
            current.add(next);
            current = next;
        }
        current.add(1);
        return root;
    }

    private static JsonNode deepObject(int depth) {
        ObjectNode root = NODES.objectNode();
        ObjectNode current = root;
        for (int i = 1; i < depth; i++) {
            current = current.putObject("d");
        }
        current.put("leaf", true);
        return root;
    }

    private static JsonNode json(String text) {
        try {
            return ApiFixtures.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
