package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code webhook} object of both shapes: configuration, {@code delivery} summary and
 * {@code attempts[]}; the code shape adds {@code endpoint_id} and the attempt statuses.
 */
final class WebhookRendering {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WebhookRendering() {
    }

    static ObjectNode render(WebhookSpec spec, JobState state, boolean codeShape) {
        ObjectNode webhook = NODES.objectNode();
        if (codeShape) {
            webhook.put("endpoint_id", spec.endpointId());
        }
        webhook.put("url", spec.url());
        ArrayNode events = webhook.putArray("events");
        spec.events().forEach(events::add);
        webhook.put("has_secret", spec.hasSecret());
        webhook.set("delivery", delivery(state, codeShape));
        ArrayNode attempts = webhook.putArray("attempts");
        for (WebhookAttempt a : state.attempts) {
            attempts.add(attempt(a, codeShape));
        }
        return webhook;
    }

    /** The time of the last attempt, or null. */
    static Instant lastDispatchedAt(JobState state) {
        List<WebhookAttempt> attempts = state.attempts;
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).triedAt();
    }

    private static ObjectNode delivery(JobState state, boolean codeShape) {
        List<WebhookAttempt> attempts = state.attempts;
        TreeSet<String> delivered = new TreeSet<>();
        Instant lastDelivered = null;
        WebhookAttempt lastFailure = null;
        for (WebhookAttempt a : attempts) {
            if (a.delivered()) {
                delivered.add(a.deliveryKey());
                lastDelivered = a.triedAt();
            } else {
                lastFailure = a;
            }
        }
        WebhookAttempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        ObjectNode d = NODES.objectNode();
        d.put("total_attempts", attempts.size());
        d.put("delivered_events", delivered.size());
        ArrayNode types = d.putArray("delivered_event_types");
        delivered.forEach(types::add);
        d.put("pending_retries", state.pendingRetries());
        d.put("next_retry_at", Times.isoMillis(state.nextRetryAt()));
        d.put("last_attempt_at", last == null ? null : Times.isoMillis(last.triedAt()));
        if (codeShape) {
            d.put("last_attempt_status", last == null ? null : last.status());
        }
        d.put("last_response_status", last == null ? null : last.responseStatus());
        d.put("last_delivered_at", Times.isoMillis(lastDelivered));
        d.put("last_failure_at", lastFailure == null ? null : Times.isoMillis(lastFailure.triedAt()));
        d.put("last_error_message", lastFailure == null ? null : lastFailure.errorMessage());
        return d;
    }

    private static ObjectNode attempt(WebhookAttempt a, boolean codeShape) {
        ObjectNode n = NODES.objectNode();
        n.put("id", a.id());
        n.put("delivery_key", a.deliveryKey());
        n.put("event_type", a.eventType());
        if (codeShape) {
            n.put("status", a.status());
        }
        n.put("attempt_number", a.attemptNumber());
        n.put("max_attempts", a.maxAttempts());
        n.put("tried_at", Times.isoMillis(a.triedAt()));
        n.put("delivered_at", a.delivered() ? Times.isoMillis(a.triedAt()) : null);
        n.put("next_retry_at", Times.isoMillis(a.nextRetryAt()));
        n.put("response_status", a.responseStatus());
        n.put("error_message", a.errorMessage());
        n.put("response_body_preview", a.responseBodyPreview());
        return n;
    }
}
