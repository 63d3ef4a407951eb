package app.phaseo.connect.videos.simulator;

import java.util.List;

/**
 * A job's webhook configuration: either a registered endpoint (with a signing secret) or a bare
 * URL without a secret, whose every attempt fails with "Webhook signing secret is required".
 *
 * @param endpointId {@code whep_…} for a registered endpoint, else null
 * @param url the bare URL, else null
 * @param events subscribed event types; empty means all
 * @param hasSecret whether deliveries can be signed (a bare URL has none)
 */
record WebhookSpec(String endpointId, String url, List<String> events, boolean hasSecret) {

    static final String NO_SECRET_ERROR = "Webhook signing secret is required";
    static final String HTTP_502_ERROR = "Webhook returned HTTP 502";

    WebhookSpec {
        events = List.copyOf(events);
    }

    /**
     * Whether a delivery of {@code eventType} ({@code video.status_changed}, {@code video.completed}…)
     * is subscribed: {@code job.x} and {@code video.x} name the same event.
     */
    boolean subscribes(String eventType) {
        if (events.isEmpty()) {
            return true;
        }
        String suffix = eventType.substring(eventType.indexOf('.') + 1);
        return events.contains("video." + suffix) || events.contains("job." + suffix);
    }
}
