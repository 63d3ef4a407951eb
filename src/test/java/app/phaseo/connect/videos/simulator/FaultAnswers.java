package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;

/** What each {@link Fault} does to an answer. */
final class FaultAnswers {

    static final String PADDING_FIELD = "x_simulator_padding";
    static final String HTML_PAGE = "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
            + "<body><h1>Checking your browser before accessing api.phaseo.app</h1></body></html>";

    private FaultAnswers() {
    }

    /** The answer of a fault that replaces the API's answer. */
    static SimResponse replacement(Fault fault, String requestId) {
        switch (fault.kind()) {
            case TOO_MANY_REQUESTS: {
                SimResponse r = ErrorBodies.tooManyRequests(requestId);
                return fault.duration() == null ? r : r.withHeader("Retry-After", Long.toString(ceilSeconds(fault)));
            }
            case SERVER_ERROR_PLAIN_TEXT:
                return ErrorBodies.internalServerError();
            case BAD_GATEWAY:
                return ErrorBodies.badGateway(requestId);
            case SERVICE_UNAVAILABLE:
                return ErrorBodies.serviceUnavailable(requestId).withHeader("Retry-After", "1");
            case NOT_IMPLEMENTED:
                return ErrorBodies.notImplemented(fault.reason());
            case UNAUTHORIZED:
                return ErrorBodies.unauthorised(fault.reason(), requestId);
            case FORBIDDEN:
                return ErrorBodies.forbidden(requestId);
            case NOT_SUPPORTED:
                return ErrorBodies.notSupported(requestId);
            case NOT_READY:
                return ErrorBodies.notReady(requestId);
            case EMPTY_BODY:
                return new SimResponse(200, null, new byte[0], SimResponse.JSON, Map.of());
            case HTML:
                return SimResponse.text(200, "text/html; charset=UTF-8", HTML_PAGE);
            case WRONG_SHAPE:
                return SimResponse.json(200, wrongShape(requestId));
            default:
                throw new IllegalArgumentException(fault + " does not replace the answer");
        }
    }

    /** Pads a JSON answer for {@link Fault#hugeBody(int)} (before it is serialised). */
    static void pad(SimResponse response, Fault fault) {
        if (response.json() != null) {
            char[] padding = new char[fault.bytes()];
            Arrays.fill(padding, 'x');
            response.json().put(PADDING_FIELD, new String(padding));
        }
    }

    /** The first half of the body, for {@link Fault#malformedJson()}: never valid JSON. */
    static byte[] cut(byte[] body) {
        return Arrays.copyOf(body, Math.max(1, body.length / 2));
    }

    private static long ceilSeconds(Fault fault) {
        long millis = fault.duration().toMillis();
        return (millis + 999) / 1000;
    }

    private static ObjectNode wrongShape(String requestId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("object", "list");
        ObjectNode data = body.putObject("data");
        data.put("id", requestId);
        data.put("object", "video");
        body.putNull("first_id");
        body.putNull("last_id");
        body.put("has_more", false);
        return body;
    }
}
