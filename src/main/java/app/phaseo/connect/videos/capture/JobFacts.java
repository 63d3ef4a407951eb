package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoIds;
import app.phaseo.connect.videos.model.VideoStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The lifecycle facts of one observed job, read leniently from whatever shape the API sent.
 *
 * <p>A job is <b>final</b> when nothing the gateway still plans can change it (docs/CAPTURE.md,
 * "Final jobs"): its status is terminal, its billing is closed (settled or void; in the docs shape,
 * which has no {@code state}, a {@code billed_at}, {@code charged=true} or a captured/released
 * reservation) <b>and</b> marked billed ({@code billing.billed_at}: the gateway writes it after
 * settling or voiding, and until then claims the job every minute), no webhook retry is pending, and
 * no terminal webhook delivery is still queued in the outbox (subscribed, with no attempt yet).
 * Until then it can still change and is remembered.
 *
 * @param status          normalised status
 * @param billingRank     0 while estimated/held, 1 while pending, 2 once closed (or no billing at all)
 * @param billingVoid     whether billing closed as void (nothing charged)
 * @param billed          whether the gateway marked the job billed: {@code billing.billed_at} set, or no
 *                        billing object, or (docs shape, no {@code state}) billing closed
 * @param webhookPending  whether a webhook retry is still scheduled, or a terminal delivery is queued unattempted
 * @param webhookAttempts attempts made so far
 * @param lastAttemptDelivered outcome of the latest attempt, or null when unknown or none
 * @param progress        0..100
 * @param createdMillis   creation time from the id's ULID, else from {@code created_at}, else {@link ApiTimes#NONE}
 * @param eventMillis     latest time among the fields that mark a change, or {@link ApiTimes#NONE}
 * @param nextRetryMillis when the next webhook retry is due, or {@link ApiTimes#NONE}
 */
public record JobFacts(VideoStatus status, int billingRank, boolean billingVoid, boolean billed, boolean webhookPending,
                       int webhookAttempts, Boolean lastAttemptDelivered, int progress, long createdMillis,
                       long eventMillis, long nextRetryMillis) {

    public boolean isFinal() {
        return status.isTerminal() && billingRank == 2 && billed && !webhookPending;
    }

    /**
     * Whether every later update of this job shows: marked billed, so the reconciler's claim (which
     * bumps {@code updated_at} of unbilled rows only) never touches it. DELETE still can (docs/CAPTURE.md).
     */
    public boolean immuneToClaim() {
        return billed && status.isTerminal();
    }

    /**
     * Lifecycle progress packed into one int that only grows as a job moves on: stage, then
     * billing, then webhook attempts, then progress. -1 when the status is unknown (never compared).
     */
    public int rank() {
        if (status == VideoStatus.UNKNOWN) {
            return -1;
        }
        int billing = billingRank == 2 && billed ? 3 : billingRank;
        return (status.stage() << 17) | (billing << 15) | (Math.min(webhookAttempts, 255) << 7) | Math.min(progress, 127);
    }

    static int stageOf(int rank) {
        return rank < 0 ? -1 : rank >>> 17;
    }

    static int billingRankOf(int rank) {
        return rank < 0 ? -1 : (rank >>> 15) & 3;
    }

    static int attemptsOf(int rank) {
        return rank < 0 ? -1 : (rank >>> 7) & 255;
    }

    /** Reads the facts of one video object. Never throws. */
    public static JobFacts of(String id, JsonNode video) {
        VideoStatus status = VideoStatus.fromWire(text(video.get("status")));
        JsonNode billing = video.get("billing");
        int billingRank = billingRank(billing);
        boolean billingVoid = billingRank == 2 && isVoid(billing);

        JsonNode webhook = video.get("webhook");
        JsonNode delivery = webhook == null ? null : webhook.get("delivery");
        JsonNode attempts = webhook == null ? null : webhook.get("attempts");
        long nextRetry = earliest(ApiTimes.toMillis(field(delivery, "next_retry_at")),
                ApiTimes.toMillis(video.get("next_webhook_retry_at")));
        boolean pending = intValue(field(delivery, "pending_retries")) > 0 || nextRetry != ApiTimes.NONE
                || terminalDeliveryQueued(status, webhook);
        int attemptCount = Math.max(intValue(field(delivery, "total_attempts")),
                attempts != null && attempts.isArray() ? attempts.size() : 0);

        long created = VideoIds.creationMillis(id);
        if (created == ApiTimes.NONE) {
            created = ApiTimes.toMillis(video.get("created_at"));
        }
        long event = latest(
                ApiTimes.toMillis(video.get("created_at")),
                ApiTimes.toMillis(video.get("started_at")),
                ApiTimes.toMillis(video.get("completed_at")),
                ApiTimes.toMillis(field(billing, "billed_at")),
                ApiTimes.toMillis(field(delivery, "last_attempt_at")),
                ApiTimes.toMillis(video.get("last_webhook_dispatched_at")),
                ApiTimes.toMillis(video.get("last_webhook_progress_at")));
        int progress = Math.max(0, Math.min(100, intValue(video.get("progress"))));
        return new JobFacts(status, billingRank, billingVoid, billed(billing, billingRank), pending, attemptCount,
                lastAttemptDelivered(delivery, attempts), progress, created, event, nextRetry);
    }

    private static int billingRank(JsonNode billing) {
        if (billing == null || !billing.isObject()) {
            return 2; // nothing to settle
        }
        String state = lower(text(billing.get("state")));
        if (state != null) {
            switch (state) {
                case "settled": case "void": case "voided": case "refunded": case "waived": case "captured": case "released":
                    return 2;
                case "pending": case "settling":
                    return 1;
                case "estimated": case "reserved": case "held":
                    return 0;
                default:
                    break; // an unknown state: fall back to the other hints
            }
        }
        String reservation = lower(text(billing.get("reservation_status")));
        if (billing.hasNonNull("billed_at") || "captured".equals(reservation) || "released".equals(reservation)
                || "voided".equals(reservation) || "cancelled".equals(reservation)) {
            return 2;
        }
        JsonNode charged = billing.get("charged");
        if (charged != null && charged.isBoolean() && charged.booleanValue()) {
            return 2;
        }
        return 0;
    }

    private static boolean billed(JsonNode billing, int billingRank) {
        if (billing == null || !billing.isObject()) {
            return true;
        }
        if (billing.hasNonNull("billed_at")) {
            return true;
        }
        // The docs shape has no state; when it has no billing mark either, closed is all it can say. A
        // billed_at shown null is a mark still to come.
        return !billing.has("state") && !billing.has("billed_at") && billingRank == 2;
    }

    /**
     * A terminal delivery still in the outbox: the gateway queues it with the terminal write and
     * the once-a-minute cron attempts it later; until then the job shows no trace of it but its
     * webhook subscription ({@code core/async-notifications.ts}: {@code events} lists
     * {@code job.<phase>} or {@code video.<phase>}; each attempt names its {@code event_type} and
     * {@code delivery_key}, {@code status_changed:<from>:<to>} for a status change).
     */
    static boolean terminalDeliveryQueued(VideoStatus status, JsonNode webhook) {
        if (!status.isTerminal() || !isSubscription(webhook)) {
            return false;
        }
        String phase = status.apiName();
        JsonNode events = webhook.get("events");
        // An empty list means every event (docs/GATEWAY-BEHAVIOUR.md section 1); no list at all, the gateway's
        // default events, which are the terminal ones (core/webhook-endpoints.ts normalizeWebhookEndpointEvents).
        boolean everyEvent = events != null && events.isArray() && events.isEmpty();
        boolean defaults = events == null || !events.isArray();
        boolean terminalSubscribed = everyEvent || defaults || contains(events, "job." + phase)
                || contains(events, "video." + phase);
        boolean changeSubscribed = everyEvent || contains(events, "job.status_changed") || contains(events, "video.status_changed");
        Tried tried = tried(webhook, phase);
        return (terminalSubscribed && !tried.terminal()) || (changeSubscribed && !tried.change());
    }

    /** A destination shown, or a signing secret: the job's webhook is a subscription. */
    private static boolean isSubscription(JsonNode webhook) {
        if (webhook == null || !webhook.isObject()) {
            return false;
        }
        JsonNode secret = webhook.get("has_secret");
        boolean signed = secret != null && secret.isBoolean() && secret.booleanValue();
        return text(webhook.get("url")) != null || text(webhook.get("endpoint_id")) != null || signed;
    }

    /** Whether the terminal event and the status change into {@code phase} were attempted. */
    private record Tried(boolean terminal, boolean change) {
    }

    private static Tried tried(JsonNode webhook, String phase) {
        boolean terminal = false;
        boolean change = false;
        JsonNode attempts = webhook.get("attempts");
        if (attempts != null && attempts.isArray()) {
            for (JsonNode attempt : attempts) {
                String type = lower(text(attempt.get("event_type")));
                String key = lower(text(attempt.get("delivery_key")));
                if (type == null) {
                    continue;
                }
                if (type.endsWith("." + phase)) {
                    terminal = true;
                } else if (type.endsWith(".status_changed") && key != null && key.endsWith(":" + phase)) {
                    change = true;
                }
            }
        }
        JsonNode delivered = field(webhook.get("delivery"), "delivered_event_types");
        if (delivered != null && delivered.isArray()) {
            for (JsonNode key : delivered) {
                String k = lower(text(key));
                if (k != null && (k.equals(phase) || k.endsWith("." + phase))) {
                    terminal = true;
                } else if (k != null && k.startsWith("status_changed") && k.endsWith(":" + phase)) {
                    change = true;
                }
            }
        }
        return new Tried(terminal, change);
    }

    private static boolean contains(JsonNode array, String value) {
        if (array == null || !array.isArray()) {
            return false;
        }
        for (JsonNode item : array) {
            if (value.equalsIgnoreCase(text(item))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVoid(JsonNode billing) {
        if (billing == null || !billing.isObject()) {
            return false;
        }
        String state = lower(text(billing.get("state")));
        if (state != null) {
            return state.equals("void") || state.equals("voided") || state.equals("released") || state.equals("waived");
        }
        String reservation = lower(text(billing.get("reservation_status")));
        JsonNode charged = billing.get("charged");
        return "released".equals(reservation) || "voided".equals(reservation) || "cancelled".equals(reservation)
                || (charged != null && charged.isBoolean() && !charged.booleanValue());
    }

    private static Boolean lastAttemptDelivered(JsonNode delivery, JsonNode attempts) {
        String lastStatus = lower(text(field(delivery, "last_attempt_status")));
        if (lastStatus != null) {
            return lastStatus.equals("delivered") || lastStatus.equals("succeeded") || lastStatus.equals("success");
        }
        if (attempts != null && attempts.isArray() && attempts.size() > 0) {
            JsonNode last = attempts.get(attempts.size() - 1);
            String status = lower(text(last.get("status")));
            if (status != null) {
                return status.equals("delivered");
            }
            return last.hasNonNull("delivered_at");
        }
        return null;
    }

    private static JsonNode field(JsonNode node, String name) {
        return node == null || !node.isObject() ? null : node.get(name);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static int intValue(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isNumber()) {
            return node.asInt();
        }
        if (node.isTextual()) {
            try {
                return (int) Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static long latest(long... values) {
        long max = ApiTimes.NONE;
        for (long v : values) {
            if (v > max) {
                max = v;
            }
        }
        return max;
    }

    private static long earliest(long a, long b) {
        if (a == ApiTimes.NONE) {
            return b;
        }
        if (b == ApiTimes.NONE) {
            return a;
        }
        return Math.min(a, b);
    }
}
