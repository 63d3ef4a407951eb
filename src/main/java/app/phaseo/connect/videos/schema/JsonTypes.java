package app.phaseo.connect.videos.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Names JSON types in messages. */
final class JsonTypes {

    private JsonTypes() {
    }

    /** "a string", "a number", "a boolean", "an array", "an object", "null" or "a binary value". */
    static String describe(JsonNode value) {
        switch (value.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case NULL:
            case MISSING:
                return "null";
            default:
                return "a binary value";
        }
    }
}
