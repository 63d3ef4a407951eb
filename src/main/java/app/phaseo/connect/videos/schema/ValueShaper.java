package app.phaseo.connect.videos.schema;

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
 * JSON with flattening is refused: the API's own text has nothing to flatten.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ValueShaper {

    private static final SchemaFlattener FLATTENER = SchemaFlattener.between(VideoSchemas.VALUE,
            VideoSchemas.VALUE_FLAT);

    private final ValueFormat format;
    private final boolean flatten;
    private final VideoConverter converter;

    /**
     * @throws IllegalArgumentException for {@code JSON} with {@code flatten}
     */
    public ValueShaper(ValueFormat format, boolean flatten, ConversionListener listener) {
        this.format = Objects.requireNonNull(format, "format");
        if (format == ValueFormat.JSON && flatten) {
            throw new IllegalArgumentException("Flattening applies to the STRUCT and MAP value formats, not to JSON, "
                    + "which is the API's own text");
        }
        this.flatten = flatten;
        this.converter = new VideoConverter(listener);
    }

    /** The schema of every value this shaper gives: null for MAP (schemaless). */
    public Schema valueSchema() {
        switch (format) {
            case JSON:
                return Schema.STRING_SCHEMA;
            case MAP:
                return null;
            default:
                return flatten ? VideoSchemas.VALUE_FLAT : VideoSchemas.VALUE;
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
            value = FLATTENER.flatten(value);
        }
        if (format == ValueFormat.MAP) {
            return new SchemaAndValue(null, PlainValues.ofStruct(value));
        }
        return new SchemaAndValue(value.schema(), value);
    }
}
