package app.phaseo.connect.videos.schema;

import app.phaseo.connect.videos.model.TimeParser;
import app.phaseo.connect.videos.model.JsonTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.phaseo.connect.videos.schema.FieldRules.Kind;
import app.phaseo.connect.videos.schema.FieldRules.Rule;

/**
 * Converts a video object of the Phaseo API (parsed JSON) into a {@code Struct} of {@link VideoSchemas#VALUE}, or of
 * {@link VideoSchemas#VALUE_ZONED} for {@link TimestampFormat#ISO_ZONED} (the same conversion; a parsed time is
 * written as ISO-8601 UTC text instead of a {@code Date}, and everything else, raw and companion handling included,
 * is identical).
 *
 * <p>Whatever the object holds, the conversion returns a valid Struct and never throws. Per value:
 * <ul>
 *   <li>of the expected type: stored;</li>
 *   <li>absent or {@code null}: {@code null};</li>
 *   <li>of another type but convertible without loss ({@code "8"} for a number, a number or boolean for a string,
 *       {@code "true"} for a boolean, {@code 8.0} for an integer, unix seconds as a string for a time): converted,
 *       and reported to {@link ConversionListener#coercedValue};</li>
 *   <li>anything else: {@code null} in the typed field, the value kept as sent in the field's companion or in
 *       {@code raw_values}, and reported to {@link ConversionListener#rawValueKept};</li>
 *   <li>a field the schema does not know: kept in {@code unknown_fields}, reported to {@link
 *       ConversionListener#unknownField}.</li>
 * </ul>
 * {@code id} is the only required field: if the API sends none, the empty string stands in (reported as raw kept).
 *
 * <p>Instances are immutable and thread-safe. The field tables are built once; a conversion is one pass over the
 * JSON fields, with no regular expressions, no reflection and no exceptions. Nested Structs and lists are put into
 * their parent while still empty, then filled: {@code Struct.put} validates the value it is given, recursively, so
 * putting a filled child would validate everything below it again at each level (that was most of the cost).
 */
public final class VideoConverter {

    /** The rules of each value schema, built once: one per {@link TimestampFormat}. */
    private static final Map<TimestampFormat, FieldRules> RULES = rulesByFormat();

    private final FieldRules video;
    private final Field videoId;
    private final ConversionListener listener;

    /**
     * A converter to {@link VideoSchemas#VALUE} (Connect {@code Timestamp} times) that reports what it had to do to
     * {@code listener} ({@link ConversionListener#NO_OP} if none).
     */
    public VideoConverter(ConversionListener listener) {
        this(TimestampFormat.CONNECT, listener);
    }

    /** A converter to {@link VideoSchemas#value(TimestampFormat)}, reporting to {@code listener}. */
    public VideoConverter(TimestampFormat timestamps, ConversionListener listener) {
        this.video = RULES.get(Objects.requireNonNull(timestamps, "timestamps"));
        this.videoId = video.schema().field("id");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    private static Map<TimestampFormat, FieldRules> rulesByFormat() {
        Map<TimestampFormat, FieldRules> rules = new EnumMap<>(TimestampFormat.class);
        for (TimestampFormat format : TimestampFormat.values()) {
            rules.put(format, FieldRules.of(VideoSchemas.value(format)));
        }
        return rules;
    }

    /** The schema of every Struct this converter returns. */
    public Schema schema() {
        return video.schema();
    }

    /**
     * The video as a JSON object, for callers holding a {@code JsonNode}: anything else (an array, a string, null)
     * is not a video, and gives a {@code DataException} that says what it was.
     */
    public static ObjectNode requireObject(JsonNode video) {
        if (video == null || !video.isObject()) {
            throw new DataException("A Phaseo video must be a JSON object, got "
                    + (video == null ? "nothing" : JsonTypes.describe(video)));
        }
        return (ObjectNode) video;
    }

    /** The record value of {@code video}; see the class comment for how each value is treated. */
    public Struct toStruct(ObjectNode video) {
        if (video == null) {
            throw new DataException("A Phaseo video must be a JSON object, got nothing");
        }
        Conversion conversion = new Conversion(listener);
        Struct value = new Struct(this.video.schema());
        conversion.fill(this.video, video, value);
        if (value.get(videoId) == null) {
            value.put(videoId, "");
            if (!video.hasNonNull("id")) {
                listener.rawValueKept("id", "missing: the empty string stands in");
            }
        }
        if (conversion.unknown != null) {
            value.put(VideoSchemas.UNKNOWN_FIELDS, JsonText.write(conversion.unknown));
        }
        if (conversion.raw != null) {
            value.put(VideoSchemas.RAW_VALUES, JsonText.write(conversion.raw));
        }
        return value;
    }

    /** The state of one conversion: where it is in the object, and what it set aside. */
    private static final class Conversion {

        /** Deeper than any object of the schema (webhook.attempts[i] is 2). */
        private static final int MAX_DEPTH = 8;

        private final ConversionListener listener;
        private final TimeParser times = new TimeParser();
        private final String[] names = new String[MAX_DEPTH];
        private final int[] indexes = new int[MAX_DEPTH];
        private int depth;

        /** unknown_fields and raw_values, created on first use. */
        private ObjectNode unknown;
        private ObjectNode raw;

        Conversion(ConversionListener listener) {
            this.listener = listener;
        }

        /** Fills {@code struct}, a new Struct of {@code rules.schema()}, from the JSON object. */
        void fill(FieldRules rules, ObjectNode json, Struct struct) {
            for (Map.Entry<String, JsonNode> entry : json.properties()) {
                Rule rule = rules.rule(entry.getKey());
                JsonNode value = entry.getValue();
                if (rule == null) {
                    keepUnknown(entry.getKey(), value);
                } else if (!value.isNull()) {
                    convert(rule, value, struct);
                }
            }
        }

        private void convert(Rule rule, JsonNode value, Struct struct) {
            String name = rule.name();
            switch (rule.kind()) {
                case STRING:
                    String text = text(value, name, -1);
                    put(struct, rule.field(), text);
                    if (rule.decimal() != null && text != null) {
                        BigDecimal money = Numbers.money(text);
                        put(struct, rule.decimal(), money);
                        if (money == null) {
                            listener.rawValueKept(path(name, -1), "not a decimal that fits Decimal(38, 9); the "
                                    + "string field keeps it");
                        }
                    }
                    break;
                case INT64:
                    put(struct, rule.field(), int64(value, name));
                    break;
                case FLOAT64:
                    Double number = float64(value, name);
                    put(struct, rule.field(), number);
                    if (rule.decimal() != null) {
                        moneyOfNumber(rule, value, number, struct);
                    }
                    break;
                case BOOLEAN:
                    put(struct, rule.field(), bool(value, name));
                    break;
                case TIME:
                case ZONED_TIME:
                    time(rule, value, struct);
                    break;
                case STRING_ARRAY:
                    stringArray(rule, value, struct);
                    break;
                case STRUCT:
                    if (value.isObject()) {
                        Struct child = new Struct(rule.nested().schema());
                        struct.put(rule.field(), child);
                        enter(name, -1);
                        fill(rule.nested(), (ObjectNode) value, child);
                        exit();
                    } else {
                        keepRaw(name, -1, value, "expected an object, got " + JsonTypes.describe(value));
                    }
                    break;
                case STRUCT_ARRAY:
                    structArray(rule, value, struct);
                    break;
                case ERROR:
                    error(rule, value, struct);
                    break;
                default:
                    throw new IllegalStateException("Unhandled kind " + rule.kind());
            }
        }

        /** A string: a number or a boolean becomes its JSON text (lossless); an array or object is kept raw. */
        private String text(JsonNode value, String name, int index) {
            if (value.isTextual()) {
                return value.textValue();
            }
            if (value.isNumber()) {
                String text = Numbers.text(value);
                if (text != null) {
                    listener.coercedValue(path(name, index));
                    return text;
                }
                keepRaw(name, index, value, "not a finite number");
                return null;
            }
            if (value.isBoolean()) {
                listener.coercedValue(path(name, index));
                return value.booleanValue() ? "true" : "false";
            }
            keepRaw(name, index, value, "expected a string, got " + JsonTypes.describe(value));
            return null;
        }

        /** An integer: {@code 8.0} and {@code "8"} are coerced; fractions, out-of-range and the rest kept raw. */
        private Long int64(JsonNode value, String name) {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return value.longValue();
            }
            BigDecimal exact = null;
            if (value.isNumber()) {
                exact = Numbers.exact(value);
            } else if (value.isTextual() && Numbers.isPlainDecimal(value.textValue())) {
                exact = Numbers.parsePlainDecimal(value.textValue());
            }
            Long result = exact == null ? null : Numbers.exactLong(exact);
            if (result != null) {
                listener.coercedValue(path(name, -1));
                return result;
            }
            String why = exact != null ? "not an integer in the int64 range"
                    : "expected an integer, got " + JsonTypes.describe(value)
                            + (value.isTextual() ? " that is not a plain number" : "");
            keepRaw(name, -1, value, why);
            return null;
        }

        /**
         * A double: any finite JSON double; an integer or a string such as {@code "4.5"} when the double reads back
         * as the same number (integers up to 2^53, decimals up to about 15 digits).
         */
        private Double float64(JsonNode value, String name) {
            if (value.isDouble() || value.isFloat()) {
                double number = value.doubleValue();
                if (Double.isFinite(number)) {
                    return number;
                }
                keepRaw(name, -1, value, "not a finite number");
                return null;
            }
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                Double exact = Numbers.exactDouble(value.longValue());
                if (exact != null) {
                    return exact;
                }
            } else if (value.isNumber()) {
                Double exact = Numbers.exactDouble(Numbers.exact(value));
                if (exact != null) {
                    return exact;
                }
            } else if (value.isTextual() && Numbers.isPlainDecimal(value.textValue())) {
                Double exact = Numbers.exactDouble(Numbers.parsePlainDecimal(value.textValue()));
                if (exact != null) {
                    listener.coercedValue(path(name, -1));
                    return exact;
                }
            } else {
                keepRaw(name, -1, value, "expected a number, got " + JsonTypes.describe(value)
                        + (value.isTextual() ? " that is not a plain number" : ""));
                return null;
            }
            keepRaw(name, -1, value, "more digits than a double holds");
            return null;
        }

        /** The Decimal companion of a money field sent as a JSON number (usage.cost). */
        private void moneyOfNumber(Rule rule, JsonNode value, Double number, Struct struct) {
            BigDecimal exact = null;
            if (value.isNumber()) {
                exact = Numbers.exact(value);
            } else if (value.isTextual() && Numbers.isPlainDecimal(value.textValue())) {
                exact = Numbers.parsePlainDecimal(value.textValue());
            }
            BigDecimal money = exact == null ? null : Numbers.money(exact);
            put(struct, rule.decimal(), money);
            if (money == null && number != null) {
                listener.rawValueKept(path(rule.name(), -1), "does not fit Decimal(38, 9); the number field keeps it");
            }
        }

        /** A boolean: {@code "true"} and {@code "false"} are coerced; the rest is kept raw. */
        private Boolean bool(JsonNode value, String name) {
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isTextual() && ("true".equals(value.textValue()) || "false".equals(value.textValue()))) {
                listener.coercedValue(path(name, -1));
                return Boolean.valueOf(value.textValue());
            }
            keepRaw(name, -1, value, "expected a boolean, got " + JsonTypes.describe(value));
            return null;
        }

        /**
         * A time (see {@link TimeParser}). With a {@code _raw} companion, the text as sent goes there and a value
         * that is not a time needs no other home; without one, it goes to raw_values, and so does a time finer than
         * a millisecond.
         */
        private void time(Rule rule, JsonNode value, Struct struct) {
            String name = rule.name();
            if (value.isContainerNode()) {
                keepRaw(name, -1, value, "expected a time, got " + JsonTypes.describe(value));
                return;
            }
            if (rule.raw() != null) {
                String text = value.isTextual() ? value.textValue() : value.isNumber() ? Numbers.text(value) : null;
                put(struct, rule.raw(), text != null ? text : value.asText());
            }
            if (!times.parse(value)) {
                if (rule.raw() != null) {
                    listener.rawValueKept(path(name, -1), times.problem() + "; " + name + VideoSchemas.RAW_SUFFIX
                            + " keeps it");
                } else {
                    keepRaw(name, -1, value, times.problem());
                }
                return;
            }
            put(struct, rule.field(), rule.kind() == Kind.ZONED_TIME ? ZonedTimestamps.format(times.millis())
                    : new Date(times.millis()));
            if (times.truncated() && rule.raw() == null) {
                keepRaw(name, -1, value, "finer than a millisecond; the time field holds it to the millisecond");
            } else if (times.coercion() != null) {
                listener.coercedValue(path(name, -1));
            }
        }

        /**
         * For an array value, a new empty list, already put into {@code struct}; for anything else, null (and the
         * value kept raw).
         */
        private <T> List<T> newList(Rule rule, JsonNode value, Struct struct) {
            if (!value.isArray()) {
                keepRaw(rule.name(), -1, value, "expected an array, got " + JsonTypes.describe(value));
                return null;
            }
            List<T> list = new ArrayList<>(value.size());
            struct.put(rule.field(), list);
            return list;
        }

        private void stringArray(Rule rule, JsonNode value, Struct struct) {
            String name = rule.name();
            List<String> list = newList(rule, value, struct);
            if (list == null) {
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (element.isNull()) {
                    keepRaw(name, i, element, "null element left out");
                    continue;
                }
                String text = text(element, name, i);
                if (text != null) {
                    list.add(text);
                }
            }
        }

        private void structArray(Rule rule, JsonNode value, Struct struct) {
            String name = rule.name();
            List<Struct> list = newList(rule, value, struct);
            if (list == null) {
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (element.isObject()) {
                    Struct child = new Struct(rule.nested().schema());
                    list.add(child);
                    enter(name, i);
                    fill(rule.nested(), (ObjectNode) element, child);
                    exit();
                } else {
                    keepRaw(name, i, element, "expected an object element, got " + JsonTypes.describe(element)
                            + "; left out");
                }
            }
        }

        /**
         * The error, normalised: from an object, code is its code, else error, else reason; message its message;
         * type its type, else error_type. A string is the message. raw always holds the JSON text, so nothing in
         * the error needs reporting except a value that is neither an object nor a string.
         */
        private void error(Rule rule, JsonNode value, Struct struct) {
            Struct error = new Struct(rule.field().schema());
            struct.put(rule.field(), error);
            if (value.isObject()) {
                error.put("code", firstScalar(value, "code", "error", "reason"));
                error.put("message", firstScalar(value, "message"));
                error.put("type", firstScalar(value, "type", "error_type"));
            } else if (value.isTextual()) {
                error.put("message", value.textValue());
            } else {
                listener.rawValueKept(path(rule.name(), -1), "expected an object or a string, got "
                        + JsonTypes.describe(value) + "; raw keeps it");
            }
            error.put("raw", JsonText.write(value));
        }

        /** The text of the first of the named members that is a string, number or boolean. */
        private static String firstScalar(JsonNode object, String... names) {
            for (String name : names) {
                JsonNode member = object.get(name);
                if (member != null && member.isValueNode() && !member.isNull()) {
                    String text = member.isNumber() ? Numbers.text(member) : member.asText();
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        }

        /**
         * Sets a field unless the value is null: a new Struct's fields are already null, and {@code Struct.put}
         * would reject a null for the required {@code id} (the caller fills in the empty string instead).
         */
        private static void put(Struct struct, Field field, Object value) {
            if (value != null) {
                struct.put(field, value);
            }
        }

        private void keepUnknown(String name, JsonNode value) {
            String path = path(name, -1);
            if (unknown == null) {
                unknown = JsonText.newObject();
            }
            unknown.set(path, value);
            listener.unknownField(path);
        }

        private void keepRaw(String name, int index, JsonNode value, String reason) {
            String path = path(name, index);
            if (raw == null) {
                raw = JsonText.newObject();
            }
            raw.set(path, value);
            listener.rawValueKept(path, reason);
        }

        private void enter(String name, int index) {
            names[depth] = name;
            indexes[depth] = index;
            depth++;
        }

        private void exit() {
            depth--;
        }

        /** The path of field {@code name} (element {@code index} of it if not -1) in the current object. */
        private String path(String name, int index) {
            StringBuilder path = new StringBuilder(48);
            for (int level = 0; level < depth; level++) {
                appendSegment(path, names[level], indexes[level]);
                path.append('.');
            }
            appendSegment(path, name, index);
            return path.toString();
        }

        private static void appendSegment(StringBuilder path, String name, int index) {
            path.append(name);
            if (index >= 0) {
                path.append('[').append(index).append(']');
            }
        }
    }
}
