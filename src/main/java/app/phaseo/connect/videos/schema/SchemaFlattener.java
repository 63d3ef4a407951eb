package app.phaseo.connect.videos.schema;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Flattens the nested value schema for sinks that cannot take nesting (JDBC and most CSV-like sinks).
 *
 * <p>Rules: a nested Struct's fields become top-level fields named {@code parent_child} (recursively, so
 * {@code webhook.delivery.next_retry_at} becomes {@code webhook_delivery_next_retry_at}); every array becomes an
 * optional string holding JSON text, because those sinks take no arrays either. The JSON text of an array uses the
 * plain values of {@link PlainValues} (times as epoch milliseconds, or as their ISO-8601 text with
 * {@link TimestampFormat#ISO_ZONED}; decimals as strings). Logical types (Timestamp, Decimal, ZonedTimestamp) are kept
 * as they are.
 *
 * <p>The plan is built once from the schema; flattening a record is then a walk over precomputed steps.
 */
final class SchemaFlattener {

    /** One field of the nested schema and what it becomes in the flat one. */
    private record Step(Field source, Field target, List<Step> children) {
    }

    private final Schema nested;
    private final Schema flat;
    private final List<Step> plan;

    private SchemaFlattener(Schema nested, Schema flat, List<Step> plan) {
        this.nested = nested;
        this.flat = flat;
        this.plan = plan;
    }

    /** The flat form of {@code schema}, with the given name and doc and the same version. */
    static Schema flatten(Schema schema, String name, String doc) {
        SchemaBuilder builder = SchemaBuilder.struct().name(name).version(schema.version()).doc(doc);
        addFields(builder, schema, "", "");
        return builder.build();
    }

    /** A flattener from {@code nested} to {@code flat}, which must be {@code flatten(nested, ...)}. */
    static SchemaFlattener between(Schema nested, Schema flat) {
        return new SchemaFlattener(nested, flat, planFor(nested, flat, ""));
    }

    Schema flatSchema() {
        return flat;
    }

    /** The flat record of a record of the nested schema. */
    Struct flatten(Struct value) {
        if (value.schema() != nested) {
            throw new IllegalArgumentException("Expected a record of " + nested.name() + ", got "
                    + value.schema().name());
        }
        Struct out = new Struct(flat);
        copy(plan, value, out);
        return out;
    }

    private static void copy(List<Step> steps, Struct from, Struct to) {
        for (Step step : steps) {
            Object value = from.get(step.source());
            if (step.children() != null) {
                if (value != null) {
                    copy(step.children(), (Struct) value, to);
                }
            } else if (value != null && step.source().schema().type() == Schema.Type.ARRAY) {
                to.put(step.target(), JsonText.write(PlainValues.of(step.source().schema(), value)));
            } else {
                to.put(step.target(), value);
            }
        }
    }

    private static void addFields(SchemaBuilder builder, Schema struct, String prefix, String pathPrefix) {
        for (Field field : struct.fields()) {
            String name = prefix + field.name();
            Schema schema = field.schema();
            if (builder.field(name) != null) {
                throw new IllegalStateException("Flattening gives two fields named " + name);
            }
            if (schema.type() == Schema.Type.STRUCT) {
                addFields(builder, schema, name + "_", pathPrefix + field.name() + ".");
            } else if (schema.type() == Schema.Type.ARRAY) {
                builder.field(name, SchemaBuilder.string().optional()
                        .doc(schema.doc() + " Flattened: the array as JSON text (times as "
                                + (holdsZonedTime(schema) ? "ISO-8601 UTC text" : "epoch milliseconds")
                                + ", decimals as strings); see " + pathPrefix + field.name() + " in the nested schema.")
                        .build());
            } else {
                builder.field(name, schema);
            }
        }
    }

    private static boolean holdsZonedTime(Schema schema) {
        if (ZonedTimestamps.is(schema)) {
            return true;
        }
        if (schema.type() == Schema.Type.STRUCT) {
            return schema.fields().stream().anyMatch(field -> holdsZonedTime(field.schema()));
        }
        return schema.type() == Schema.Type.ARRAY && holdsZonedTime(schema.valueSchema());
    }

    private static List<Step> planFor(Schema struct, Schema flat, String prefix) {
        List<Step> steps = new ArrayList<>();
        for (Field field : struct.fields()) {
            String name = prefix + field.name();
            if (field.schema().type() == Schema.Type.STRUCT) {
                steps.add(new Step(field, null, planFor(field.schema(), flat, name + "_")));
            } else {
                steps.add(new Step(field, flat.field(name), null));
            }
        }
        return List.copyOf(steps);
    }
}
