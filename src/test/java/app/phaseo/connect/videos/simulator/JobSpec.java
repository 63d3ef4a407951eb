package app.phaseo.connect.videos.simulator;

import java.time.Instant;

/**
 * What is decided about a job when it is created and never changes: identity, model,
 * pricing, output access, webhook configuration and how it will end.
 *
 * @param id {@code G-} + ULID
 * @param createdAt creation time (microsecond precision)
 * @param provider public provider id
 * @param model model id
 * @param nativeVideoId the provider's own id
 * @param seconds video length
 * @param secondsAsString whether the code shape renders {@code seconds} as a string
 * @param promptFields whether the code shape has {@code prompt}/{@code remixed_from_video_id}
 * @param size e.g. {@code 720x1280}
 * @param outputAccess {@code both}, {@code signed_url} or {@code bytes}
 * @param byok bring-your-own-key
 * @param costNanos the user cost in nano-dollars
 * @param processingWire the code shape's wire name of processing ({@code processing}/{@code in_progress})
 * @param terminal how the job ends
 * @param webhook the webhook, null for none
 * @param errorCode for failed jobs, the error code, else null
 * @param errorMessage for failed jobs, the message, else null
 * @param codeErrorAsString whether the code shape carries {@code error} as a string (else absent)
 * @param assetBytes size of the video file
 * @param assetSha256 checksum of the video file
 * @param stuckReason why marking the job billed is postponed at every finalization, for good
 *     ({@code missing_model}, {@code missing_seconds}, {@code capture_failed}, {@code release_failed},
 *     {@code gateway_request_not_found}), or null when it is billed normally
 */
record JobSpec(String id, Instant createdAt, String provider, String model, String nativeVideoId,
               int seconds, boolean secondsAsString, boolean promptFields, String size,
               String outputAccess, boolean byok, long costNanos, String processingWire,
               SimStatus terminal, WebhookSpec webhook, String errorCode, String errorMessage,
               boolean codeErrorAsString, long assetBytes, String assetSha256, String stuckReason) {

    int width() {
        return Integer.parseInt(size.substring(0, size.indexOf('x')));
    }

    int height() {
        return Integer.parseInt(size.substring(size.indexOf('x') + 1));
    }

    /** An OpenAI job: GET by id polls OpenAI and answers in OpenAI's shape. */
    boolean openai() {
        return "openai".equals(provider);
    }

    boolean hasContentUrl() {
        return !"signed_url".equals(outputAccess);
    }

    boolean hasDownloadUrl() {
        return !"bytes".equals(outputAccess);
    }
}
