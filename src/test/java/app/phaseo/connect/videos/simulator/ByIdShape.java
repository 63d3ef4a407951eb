package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * GATEWAY_CODE's {@code GET /v1/videos/{id}} shape for OpenAI jobs, which differs from the list's
 * ({@code apps/api/src/routes/v1/data/videos.get-by-id.ts}: the OpenAI branch passes OpenAI's own
 * status JSON through {@code enrichVideoPayloadWithJobMetrics} and {@code toPublicVideoResponse},
 * and {@code videos.helpers/public.ts} keeps a numeric {@code created_at}/{@code completed_at}/
 * {@code expires_at} from the payload): epoch-second {@code created_at}, {@code completed_at}
 * (the provider's, never rewritten) and {@code expires_at}, a {@code quality}, and for completed
 * jobs a filled {@code asset} and {@code outputs[]} where the list sends {@code null} and {@code []}.
 * Other providers come back in the list's shape.
 */
final class ByIdShape {

    /** OpenAI keeps a finished video's content for a day. */
    static final long OPENAI_EXPIRY_SECONDS = 24 * 3600;
    static final String QUALITY = "standard";

    private ByIdShape() {
    }

    /** {@code listShaped} turned into the by-id shape when the job is an OpenAI one; else as is. */
    static ObjectNode apply(JobSpec spec, JobState state, ObjectNode listShaped) {
        if (!spec.openai()) {
            return listShaped;
        }
        ObjectNode v = listShaped;
        v.put("created_at", spec.createdAt().getEpochSecond());
        Instant done = state.providerCompletedAt;
        v.put("completed_at", done == null ? null : done.getEpochSecond());
        v.put("expires_at", done == null ? null : done.getEpochSecond() + OPENAI_EXPIRY_SECONDS);
        v.put("quality", QUALITY);
        if (state.status == SimStatus.COMPLETED) {
            ObjectNode asset = v.putObject("asset");
            asset.put("id", "ast_" + spec.id().substring(2));
            asset.put("mime_type", "video/mp4");
            asset.put("bytes", spec.assetBytes());
            asset.put("sha256", spec.assetSha256());
            asset.put("width", spec.width());
            asset.put("height", spec.height());
            asset.put("duration_seconds", spec.seconds());
            ObjectNode output = v.putArray("outputs").addObject();
            output.put("index", 0);
            output.put("mime_type", "video/mp4");
            output.put("bytes_available", spec.hasContentUrl());
            output.put("content_url", VideoRenderer.contentUrl(spec.id()));
        }
        return v;
    }
}
