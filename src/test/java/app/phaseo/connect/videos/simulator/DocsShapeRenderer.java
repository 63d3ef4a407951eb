package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The published docs' shape ({@code fixtures/api/list-docs-shape.json}): unix-seconds times,
 * {@code USD} 6-decimal costs without a billing {@code state}, {@code asset} and
 * {@code outputs[]} for completed jobs, {@code error} null or an object, and every field
 * present (null when unknown).
 */
final class DocsShapeRenderer implements VideoRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final UrlSigner signer;

    DocsShapeRenderer(UrlSigner signer) {
        this.signer = signer;
    }

    @Override
    public ObjectNode render(JobSpec spec, JobState state, Instant requestTime) {
        String id = spec.id();
        boolean completed = state.status == SimStatus.COMPLETED;
        UrlSigner.Signed signed = completed && spec.hasDownloadUrl()
                ? signer.sign(VideoRenderer.contentUrl(id), id, requestTime) : null;
        String contentUrl = spec.hasContentUrl() ? VideoRenderer.contentUrl(id) : null;

        ObjectNode v = NODES.objectNode();
        v.put("id", id);
        v.put("object", "video");
        v.put("model", spec.model());
        v.put("provider", spec.provider());
        v.put("polling_url", VideoRenderer.pollingUrl(id));
        v.put("websocket_url", VideoRenderer.websocketUrl(id));
        v.putNull("cancel_url");
        v.put("request_id", id);
        v.putNull("session_id");
        v.put("generation_id", id);
        v.put("native_video_id", spec.nativeVideoId());
        v.put("created_at", Times.epochSeconds(spec.createdAt()));
        v.put("started_at", Times.epochSeconds(state.startedAt));
        v.put("completed_at", Times.epochSeconds(state.completedAt));
        v.put("status", state.status == SimStatus.PROCESSING ? "in_progress" : state.status.wire());
        v.put("output_access", spec.outputAccess());
        v.put("poll_after_seconds", 20);
        v.put("seconds", spec.seconds());
        v.put("size", spec.size());
        v.put("audio", false);
        v.put("content_url", contentUrl);
        v.put("download_url", signed == null ? null : signed.url());
        v.put("expires_at", signed == null ? null : signed.expiresAt());
        v.put("progress", state.progress);
        v.put("progress_source", "estimated");
        if (completed) {
            v.set("asset", asset(spec));
            ObjectNode output = v.putArray("outputs").addObject();
            output.put("index", 0);
            output.put("mime_type", "video/mp4");
            output.put("bytes_available", true);
            output.put("content_url", contentUrl);
            output.put("download_url", signed == null ? null : signed.url());
            output.put("expires_at", signed == null ? null : signed.expiresAt());
        } else {
            v.putNull("asset");
            v.putArray("outputs");
        }
        v.set("billing", billing(spec, state));
        if (spec.webhook() != null) {
            v.set("webhook", WebhookRendering.render(spec.webhook(), state, false));
        } else {
            v.putNull("webhook");
        }
        v.put("next_webhook_retry_at", Times.isoMillis(state.nextRetryAt()));
        v.putNull("last_webhook_progress");
        v.putNull("last_webhook_progress_at");
        v.put("last_webhook_dispatched_at", Times.isoMillis(WebhookRendering.lastDispatchedAt(state)));
        ObjectNode usage = v.putObject("usage");
        usage.put("cost", Money.number(state.billing == JobState.Billing.VOID ? 0 : spec.costNanos()));
        usage.put("is_byok", spec.byok());
        if (state.status == SimStatus.FAILED) {
            ObjectNode error = v.putObject("error");
            error.put("code", spec.errorCode());
            error.put("message", spec.errorMessage());
            error.put("type", "video_generation_error");
        } else {
            v.putNull("error");
        }
        return v;
    }

    private static ObjectNode asset(JobSpec spec) {
        ObjectNode a = NODES.objectNode();
        a.put("id", "ast_" + spec.id().substring(2));
        a.put("mime_type", "video/mp4");
        a.put("bytes", spec.assetBytes());
        a.put("sha256", spec.assetSha256());
        a.put("width", spec.width());
        a.put("height", spec.height());
        a.put("duration_seconds", spec.seconds());
        return a;
    }

    private static ObjectNode billing(JobSpec spec, JobState state) {
        JobState.Billing phase = state.billing;
        long user = spec.costNanos();
        long provider = Money.providerShare(user);
        boolean settled = phase == JobState.Billing.SETTLED;
        ObjectNode b = NODES.objectNode();
        b.put("currency", "USD");
        b.put("estimated_provider_cost", Money.fixed(provider, 6));
        b.put("estimated_user_cost", Money.fixed(user, 6));
        b.put("settled_provider_cost", phase.closed() ? Money.fixed(settled ? provider : 0, 6) : null);
        b.put("settled_user_cost", phase.closed() ? Money.fixed(settled ? user : 0, 6) : null);
        b.put("billable", phase != JobState.Billing.VOID);
        b.put("total_nanos", phase.closed() ? (Long) (settled ? user : 0L) : null);
        b.put("estimated_nanos", user);
        b.put("reserved_nanos", user);
        b.put("reservation_id", "video_hold:" + spec.id());
        b.put("reservation_status", BillingFields.reservationStatus(phase));
        b.put("charge_reason", BillingFields.chargeReason(state));
        b.put("charged", BillingFields.charged(phase));
        b.put("billed_at", Times.isoSeconds(state.billedAt));
        return b;
    }
}
