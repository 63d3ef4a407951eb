package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway's error answers: one flat JSON shape
 * {@code {error, reason?, message?, …, status_code, error_type, error_origin}} (fixtures
 * {@code error-*.json}), except the plain-text 500.
 */
final class ErrorBodies {

    static final String TEMPORARILY_DISABLED = "video_api_temporarily_disabled";
    static final String FEATURE_DISABLED = "video_api_feature_disabled";
    static final String INTERNAL_SERVER_ERROR_TEXT = "Internal Server Error";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ErrorBodies() {
    }

    static SimResponse unauthorised(String reason, String requestId) {
        ObjectNode e = NODES.objectNode();
        e.put("error", "unauthorised");
        e.put("reason", reason);
        e.put("request_id", requestId);
        tail(e, 401, "user", "user");
        e.put("generation_id", requestId);
        return SimResponse.json(401, e);
    }

    static SimResponse notFound(String reason, String requestId, String workspaceId, String videoId) {
        ObjectNode e = NODES.objectNode();
        e.put("error", "not_found");
        e.put("reason", reason);
        e.put("request_id", requestId);
        e.put("workspace_id", workspaceId);
        if (videoId != null) {
            e.put("video_id", videoId);
        }
        tail(e, 404, "user", "user");
        e.put("generation_id", requestId);
        return SimResponse.json(404, e);
    }

    /** 501 {@code not_implemented_yet}, with the fixtures' bodies for the two known reasons. */
    static SimResponse notImplemented(String reason) {
        ObjectNode e = NODES.objectNode();
        e.put("error", "not_implemented_yet");
        e.put("reason", reason);
        if (TEMPORARILY_DISABLED.equals(reason)) {
            e.put("message", "Video endpoints are temporarily disabled while the public contract is finalized.");
        } else {
            e.put("message", "Video API access is not enabled for this workspace.");
            e.put("feature_gate", "gateway_video_api");
        }
        tail(e, 501, "user", "user");
        return SimResponse.json(501, e);
    }

    static SimResponse invalidRequest(String reason, String message, String requestId) {
        return simple(400, "invalid_request", reason, message, requestId, "user", "user");
    }

    static SimResponse tooManyRequests(String requestId) {
        return simple(429, "rate_limited", "too_many_requests", "Too many requests, retry later.",
                requestId, "user", "gateway");
    }

    static SimResponse forbidden(String requestId) {
        return simple(403, "forbidden", "workspace_access_denied",
                "This key may not read videos of this workspace.", requestId, "user", "user");
    }

    static SimResponse methodNotAllowed(String requestId) {
        return simple(405, "method_not_allowed", "method_not_allowed",
                "The simulator serves GET only.", requestId, "user", "user");
    }

    static SimResponse notSupported(String requestId) {
        return simple(400, "not_supported", "video_status_unsupported",
                "Status polling is not supported for this video's provider.", requestId, "user", "user");
    }

    static SimResponse notReady(String requestId) {
        return simple(409, "not_ready", "atlas_prediction_id_missing",
                "The provider's job id is not known yet.", requestId, "user", "user");
    }

    static SimResponse badGateway(String requestId) {
        return simple(502, "upstream_error", "upstream_unavailable",
                "The upstream service did not answer.", requestId, "upstream", "upstream");
    }

    static SimResponse serviceUnavailable(String requestId) {
        return simple(503, "service_unavailable", "gateway_overloaded",
                "The gateway is overloaded, retry later.", requestId, "gateway", "gateway");
    }

    static SimResponse internalServerError() {
        return SimResponse.text(500, "text/plain; charset=UTF-8", INTERNAL_SERVER_ERROR_TEXT);
    }

    private static SimResponse simple(int status, String error, String reason, String message,
                                      String requestId, String type, String origin) {
        ObjectNode e = NODES.objectNode();
        e.put("error", error);
        e.put("reason", reason);
        e.put("message", message);
        e.put("request_id", requestId);
        tail(e, status, type, origin);
        return SimResponse.json(status, e);
    }

    private static void tail(ObjectNode e, int status, String type, String origin) {
        e.put("status_code", status);
        e.put("error_type", type);
        e.put("error_origin", origin);
    }
}
