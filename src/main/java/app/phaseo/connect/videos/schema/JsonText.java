package app.phaseo.connect.videos.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes JSON text for the conversion: compact, and without ever throwing.
 *
 * <p>Values kept raw are written back inside a wrapper object ({@code {"path": value}}), so they are one level deeper
 * than the parser let them be; the writer therefore allows more nesting than Jackson's default of 1000.
 */
final class JsonText {

    /** Deepest nesting written: the parser's default limit (1000) plus room for the wrappers. */
    static final int MAX_WRITE_DEPTH = 1_100;

    private static final ObjectWriter WRITER = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_WRITE_DEPTH).build())
            .build())
            .writer();

    private JsonText() {
    }

    /** A new empty object node, for the values collected during one conversion. */
    static ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * The JSON text of {@code value}: a {@code JsonNode} or a plain value (see {@link PlainValues}). A value that
     * cannot be written (only a tree nested deeper than {@link #MAX_WRITE_DEPTH}, which no parser with default
     * limits produces) gives a JSON string that says why, rather than an exception.
     */
    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return "\"unwritable JSON value: " + e.getClass().getSimpleName() + "\"";
        }
    }
}
