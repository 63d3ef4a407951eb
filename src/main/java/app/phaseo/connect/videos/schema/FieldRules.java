package app.phaseo.connect.videos.schema;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;

/**
 * How to convert each JSON field of one object of the video, precomputed from a Struct schema of {@link
 * VideoSchemas} so that converting a record is one hash lookup per JSON field.
 *
 * <p>The rules follow from the schema and its naming conventions, so a field added to the schema is converted
 * without touching the converter: the schema type gives the kind of conversion (a Connect {@code Timestamp} or a
 * zoned-timestamp string, {@link TimestampFormat}, makes a time); a sibling {@code <name>_decimal}
 * makes {@code <name>} a money field; a sibling {@code <name>_raw} keeps a time's text. Companion fields and the
 * top-level {@code unknown_fields} and {@code raw_values} have no rule: no JSON field fills them directly, so a
 * JSON field of that name is an unknown field.
 */
final class FieldRules {

    /** The kinds of conversion, one for each type of field in the schema. */
    enum Kind {
        STRING, INT64, FLOAT64, BOOLEAN, TIME, ZONED_TIME, STRING_ARRAY, STRUCT, STRUCT_ARRAY, ERROR
    }

    /**
     * The rule for the JSON field {@code name}.
     *
     * @param field    the Struct field it fills
     * @param decimal  the {@code _decimal} companion, or null
     * @param raw      the {@code _raw} companion, or null
     * @param nested   the rules of the object (STRUCT) or of each element (STRUCT_ARRAY), else null
     */
    record Rule(String name, Kind kind, Field field, Field decimal, Field raw, FieldRules nested) {
    }

    private final Schema schema;
    /** By JSON field name; a plain HashMap (slightly faster here than Map.copyOf), never changed after build. */
    private final Map<String, Rule> rules;

    private FieldRules(Schema schema, Map<String, Rule> rules) {
        this.schema = schema;
        this.rules = rules;
    }

    /** The Struct schema these rules fill. */
    Schema schema() {
        return schema;
    }

    /** The rule for the JSON field {@code name}, or null if the schema does not know it. */
    Rule rule(String name) {
        return rules.get(name);
    }

    /** Number of JSON fields known. */
    int size() {
        return rules.size();
    }

    /**
     * The rules for a top-level value schema of {@link VideoSchemas} ({@link VideoSchemas#value}); fails on a field
     * type it cannot convert.
     */
    static FieldRules of(Schema struct) {
        return of(struct, true);
    }

    private static FieldRules of(Schema struct, boolean topLevel) {
        Map<String, Rule> rules = new HashMap<>();
        for (Field field : struct.fields()) {
            if (isCompanion(struct, field) || (topLevel && isBookkeeping(field))) {
                continue;
            }
            Schema schema = field.schema();
            Field decimal = struct.field(field.name() + VideoSchemas.DECIMAL_SUFFIX);
            Field raw = struct.field(field.name() + VideoSchemas.RAW_SUFFIX);
            Kind kind = kindOf(field);
            FieldRules nested = null;
            if (kind == Kind.STRUCT) {
                nested = of(schema, false);
            } else if (kind == Kind.STRUCT_ARRAY) {
                nested = of(schema.valueSchema(), false);
            }
            boolean time = kind == Kind.TIME || kind == Kind.ZONED_TIME;
            rules.put(field.name(), new Rule(field.name(), kind, field, decimal, time ? raw : null,
                    nested));
        }
        return new FieldRules(struct, rules);
    }

    private static Kind kindOf(Field field) {
        Schema schema = field.schema();
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return Kind.TIME;
        }
        if (ZonedTimestamps.is(schema)) {
            return Kind.ZONED_TIME;
        }
        if (VideoSchemas.ERROR.name().equals(schema.name())) {
            return Kind.ERROR;
        }
        switch (schema.type()) {
            case STRING:
                return Kind.STRING;
            case INT64:
                return Kind.INT64;
            case FLOAT64:
                return Kind.FLOAT64;
            case BOOLEAN:
                return Kind.BOOLEAN;
            case STRUCT:
                return Kind.STRUCT;
            case ARRAY:
                Schema element = schema.valueSchema();
                if (element.type() == Schema.Type.STRING) {
                    return Kind.STRING_ARRAY;
                }
                if (element.type() == Schema.Type.STRUCT) {
                    return Kind.STRUCT_ARRAY;
                }
                break;
            default:
                break;
        }
        throw new IllegalStateException("No conversion for field " + field.name() + " of type " + schema.type());
    }

    /** {@code x_decimal} beside a field {@code x}, or {@code x_raw} beside a time field {@code x}. */
    private static boolean isCompanion(Schema struct, Field field) {
        String name = field.name();
        if (name.endsWith(VideoSchemas.DECIMAL_SUFFIX) && Decimal.LOGICAL_NAME.equals(field.schema().name())) {
            return struct.field(name.substring(0, name.length() - VideoSchemas.DECIMAL_SUFFIX.length())) != null;
        }
        if (name.endsWith(VideoSchemas.RAW_SUFFIX)) {
            Field base = struct.field(name.substring(0, name.length() - VideoSchemas.RAW_SUFFIX.length()));
            return base != null && (Timestamp.LOGICAL_NAME.equals(base.schema().name())
                    || ZonedTimestamps.is(base.schema()));
        }
        return false;
    }

    /** {@code unknown_fields} and {@code raw_values} of the top-level schema, filled by the converter itself. */
    private static boolean isBookkeeping(Field field) {
        return VideoSchemas.UNKNOWN_FIELDS.equals(field.name()) || VideoSchemas.RAW_VALUES.equals(field.name());
    }
}
