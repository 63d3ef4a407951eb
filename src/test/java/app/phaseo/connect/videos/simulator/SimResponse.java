package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An answer before it is written: a JSON body (still editable, so faults can pad it) or raw
 * bytes, with a status and extra headers.
 *
 * @param status HTTP status
 * @param json the JSON body, or null when {@code raw} is the body
 * @param raw the raw body with its {@code contentType}, or null
 * @param contentType the body's media type
 * @param headers extra headers
 */
record SimResponse(int status, ObjectNode json, byte[] raw, String contentType, Map<String, String> headers) {

    static final String JSON = "application/json";

    SimResponse {
        headers = Map.copyOf(headers);
    }

    static SimResponse json(int status, ObjectNode body) {
        return new SimResponse(status, body, null, JSON, Map.of());
    }

    static SimResponse text(int status, String contentType, String body) {
        return new SimResponse(status, null, body.getBytes(StandardCharsets.UTF_8), contentType, Map.of());
    }

    SimResponse withHeader(String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return new SimResponse(status, json, raw, contentType, all);
    }
}
