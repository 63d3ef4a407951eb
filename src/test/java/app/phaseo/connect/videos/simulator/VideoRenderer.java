package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Renders a job in one API shape, as served at {@code requestTime}. */
interface VideoRenderer {

    String API_BASE = "https://api.phaseo.app/v1";

    ObjectNode render(JobSpec spec, JobState state, Instant requestTime);

    /** The job's polling URL (always on the public host, so renders do not depend on the port). */
    static String pollingUrl(String id) {
        return API_BASE + "/videos/" + id;
    }

    static String contentUrl(String id) {
        return pollingUrl(id) + "/content";
    }

    static String websocketUrl(String id) {
        return "wss://api.phaseo.app/v1/async/video/" + id + "/ws";
    }

    /**
     * A copy of {@code video} without the fields re-signed on every request: {@code download_url}
     * and {@code expires_at}, at the top level and in {@code outputs[]}.
     */
    static ObjectNode withoutVolatileFields(ObjectNode video) {
        ObjectNode copy = video.deepCopy();
        copy.remove("download_url");
        copy.remove("expires_at");
        JsonNode outputs = copy.get("outputs");
        if (outputs != null && outputs.isArray()) {
            for (JsonNode output : outputs) {
                if (output instanceof ObjectNode) {
                    ((ObjectNode) output).remove("download_url");
                    ((ObjectNode) output).remove("expires_at");
                }
            }
        }
        return copy;
    }
}
