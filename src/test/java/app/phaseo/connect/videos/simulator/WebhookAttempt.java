package app.phaseo.connect.videos.simulator;

import java.time.Instant;

/**
 * One webhook delivery attempt, immutable once made (a later retry is a new attempt).
 *
 * @param deliveryKey e.g. {@code video.status_changed:queued:in_progress} or {@code video.completed}
 * @param eventType {@code video.status_changed} or {@code video.<terminal>}
 * @param attemptNumber 1-based
 * @param maxAttempts attempts allowed for this delivery
 * @param triedAt when the attempt was made
 * @param delivered whether the endpoint accepted it
 * @param responseStatus the endpoint's HTTP status, null when no request could be sent
 * @param errorMessage why it failed, null when delivered
 * @param nextRetryAt when the next attempt is due, null when none will be made
 */
record WebhookAttempt(String deliveryKey, String eventType, int attemptNumber, int maxAttempts,
                      Instant triedAt, boolean delivered, Integer responseStatus, String errorMessage,
                      Instant nextRetryAt) {

    /** The code shape's attempt {@code status}. */
    String status() {
        if (delivered) {
            return "delivered";
        }
        return nextRetryAt != null ? "scheduled_retry" : "failed_permanently";
    }

    String responseBodyPreview() {
        if (delivered) {
            return "ok";
        }
        return responseStatus != null ? "<html>" + responseStatus + " Bad Gateway</html>" : null;
    }

    String id() {
        return deliveryKey + ":" + attemptNumber + ":" + Times.isoMillis(triedAt);
    }
}
