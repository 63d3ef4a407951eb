package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Random;

/**
 * Rows closer to the size a production workspace serves (a 100-row page of about 400 KB), for
 * benchmarks over HTTP: under the load benchmark's young jobs a page grows from about 220 KB to
 * 250–300 KB, up to 370 KB; off by default ({@link PhaseoSimulator.Builder#largeRows}). The plain
 * simulator leaves two free-text fields short that the gateway fills:
 * <ul>
 *   <li>{@code prompt} of OpenAI jobs: the user's prompt, copied from the provider's video object
 *       ({@code apps/api/src/routes/v1/data/videos.helpers/public.ts}, {@code prompt: normalizeText(payload.prompt)});
 *       the plain simulator sends null. Here 600–2,400 characters, as detailed video prompts run.</li>
 *   <li>{@code webhook.attempts[].response_body_preview}: the first 500 bytes of the receiver's answer,
 *       kept for every attempt, delivered or not ({@code apps/api/src/core/async-notifications.ts},
 *       {@code readResponsePreview(response, 500)}); the plain simulator sends "ok" or a one-line
 *       error page. Here every preview is at that 500-character cap (an HTML error page or a
 *       JSON acknowledgement, cut).</li>
 * </ul>
 * Both are drawn from the job's id and the attempt's id, so every render of a version is the same.
 */
final class LargeRows implements VideoRenderer {

    static final int PREVIEW_CAP = 500;
    private static final String[] WORDS = {"a", "slow", "cinematic", "dolly", "shot", "of", "the", "harbor", "at",
        "dawn", "golden", "light", "mist", "over", "water", "fishing", "boats", "gulls", "camera", "pans", "left",
        "to", "reveal", "old", "lighthouse", "35mm", "film", "grain", "shallow", "depth", "field", "soft", "wind",
        "waves", "crash", "against", "rocks", "warm", "color", "grade", "handheld", "close-up", "sailor", "coiling",
        "rope", "ambient", "sound", "distant", "bell", "no", "text", "overlays"};
    private static final String ERROR_PAGE = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>502 Bad Gateway"
            + "</title><style>body{font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,"
            + "sans-serif;margin:0;padding:2rem;color:#222;background:#fafafa}h1{font-size:1.5rem}</style></head>"
            + "<body><h1>502 Bad Gateway</h1><p>The upstream server returned an invalid response while handling "
            + "your request. Please try again later. If the problem persists, contact the site operator.</p><hr>"
            + "<p>Request ID: ";
    private static final String ACK = "{\"received\":true,\"status\":\"accepted\",\"handler\":\"video-events\","
            + "\"queued_at\":\"2026-01-01T00:00:00.000Z\",\"processing\":{\"mode\":\"async\",\"queue\":\"webhooks-video\","
            + "\"partition\":3},\"meta\":{\"service\":\"media-pipeline\",\"region\":\"eu-west-1\",\"version\":\"4.18.2\"},"
            + "\"trace\":\"";

    private final VideoRenderer shape;

    LargeRows(VideoRenderer shape) {
        this.shape = shape;
    }

    @Override
    public ObjectNode render(JobSpec spec, JobState state, Instant requestTime) {
        ObjectNode v = shape.render(spec, state, requestTime);
        if (v.has("prompt")) {
            v.put("prompt", prompt(spec.id()));
        }
        JsonNode attempts = v.path("webhook").path("attempts");
        for (JsonNode attempt : attempts) {
            if (attempt instanceof ObjectNode a && a.hasNonNull("response_body_preview")) {
                a.put("response_body_preview", preview(a.path("id").asText(), a.path("response_status").asInt()));
            }
        }
        return v;
    }

    static String prompt(String id) {
        Random random = new Random(id.hashCode());
        int length = 600 + random.nextInt(1_801);
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
        }
        return text.substring(0, length).trim();
    }

    static String preview(String attemptId, int responseStatus) {
        StringBuilder body = new StringBuilder(responseStatus >= 200 && responseStatus < 300 ? ACK : ERROR_PAGE);
        Random random = new Random(attemptId.hashCode());
        while (body.length() < PREVIEW_CAP) {
            body.append(Integer.toHexString(random.nextInt()));
        }
        return body.substring(0, PREVIEW_CAP);
    }
}
