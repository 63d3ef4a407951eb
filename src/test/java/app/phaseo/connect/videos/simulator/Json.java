package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON trees as a client sees them. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * The tree a default {@link ObjectMapper} parses from {@code node}'s serialisation (an int is
     * an IntNode, a decimal a DoubleNode…), so that ground truth equals what clients read.
     */
    static ObjectNode asParsed(ObjectNode node) {
        try {
            return (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot round-trip a JSON tree", e);
        }
    }
}
