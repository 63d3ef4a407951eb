package app.phaseo.connect.videos.schema;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Gives a video the shape of record value the connector is configured for: a {@link ValueFormat} and, for the
 * typed formats, optional flattening.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>format</th><th>flatten</th><th>schema</th><th>value</th></tr>
 *   <tr><td>STRUCT</td><td>no</td><td>{@link VideoSchemas#VALUE}</td><td>nested {@code Struct}</td></tr>
 *   <tr><td>STRUCT</td><td>yes</td><td>{@link VideoSchemas#VALUE_FLAT}</td><td>flat {@code Struct}; arrays as
 *       JSON text</td></tr>
 *   <tr><td>MAP</td><td>no</td><td>none</td><td>nested {@code Map} of plain JSON values</td></tr>
 *   <tr><td>MAP</td><td>yes</td><td>none</td><td>flat {@code Map}, keys as in VALUE_FLAT</td></tr>
 *   <tr><td>JSON</td><td>no</td><td>{@code Schema.STRING_SCHEMA}</td><td>the API's JSON, as compact text</td></tr>
 * </table>
 * JSON with flattening is refused: the API's own text has nothing to flatten. With {@link TimestampFormat#ISO_ZONED}
 * the schemas are {@link VideoSchemas#VALUE_ZONED} and {@link VideoSchemas#VALUE_FLAT_ZONED}, and MAP values hold
 * times as the same ISO-8601 text; JSON with it is refused too.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ValueShaper {

    /** The flattener of each value schema, built once: one per {@link TimestampFormat}. */
    private static final Map<TimestampFormat, SchemaFlattener> FLATTENERS = flattenersByFormat();

    private final ValueFormat format;
    private final boolean flatten;
    private final VideoConverter converter;
    private final SchemaFlattener flattener;

    /**
     * A shaper with Connect {@code Timestamp} times ({@link TimestampFormat#CONNECT}).
     *
     * @throws IllegalArgumentException for {@code JSON} with {@code flatten}
     */
    public ValueShaper(ValueFormat format, boolean flatten, ConversionListener listener) {
        this(format, flatten, TimestampFormat.CONNECT, listener);
    }

    /**
     * A shaper whose times are written as {@code timestamps} says (STRUCT and MAP; JSON keeps the API's text).
     *
     * @throws IllegalArgumentException for {@code JSON} with {@code flatten}, or with times other than CONNECT
     */
    public ValueShaper(ValueFormat format, boolean flatten, TimestampFormat timestamps, ConversionListener listener) {
        this.format = Objects.requireNonNull(format, "format");
        Objects.requireNonNull(timestamps, "timestamps");
        if (format == ValueFormat.JSON && flatten) {
            throw new IllegalArgumentException("Flattening applies to the STRUCT and MAP value formats, not to JSON, "
                    + "which is the API's own text");
        }
        if (format == ValueFormat.JSON && timestamps != TimestampFormat.CONNECT) {
            throw new IllegalArgumentException("A timestamp format applies to the STRUCT and MAP value formats, not to "
                    + "JSON, which is the API's own text");
        }
        this.flatten = flatten;
        this.converter = new VideoConverter(timestamps, listener);
        this.flattener = FLATTENERS.get(timestamps);
    }

    private static Map<TimestampFormat, SchemaFlattener> flattenersByFormat() {
        Map<TimestampFormat, SchemaFlattener> flatteners = new EnumMap<>(TimestampFormat.class);
        for (TimestampFormat format : TimestampFormat.values()) {
            flatteners.put(format, SchemaFlattener.between(VideoSchemas.value(format), VideoSchemas.valueFlat(format)));
        }
        return flatteners;
    }

    /** The schema of every value this shaper gives: null for MAP (schemaless). */
    public Schema valueSchema() {
        switch (format) {
            case JSON:
                return Schema.STRING_SCHEMA;
            case MAP:
                return null;
            default:
                return flatten ? flattener.flatSchema() : converter.schema();
        }
    }

    /** The record value of {@code video}, with its schema. Never throws for a non-null object. */
    public SchemaAndValue shape(ObjectNode video) {
        if (format == ValueFormat.JSON) {
            VideoConverter.requireObject(video);
            return new SchemaAndValue(Schema.STRING_SCHEMA, JsonText.write(video));
        }
        Struct value = converter.toStruct(video);
        if (flatten) {
            value = flattener.flatten(value);
        }
        if (format == ValueFormat.MAP) {
            return new SchemaAndValue(null, PlainValues.ofStruct(value));
        }
        return new SchemaAndValue(value.schema(), value);
    }
}
