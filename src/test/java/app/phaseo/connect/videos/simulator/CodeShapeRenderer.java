package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The gateway code's shape ({@code fixtures/api/list-code-*.json}): ISO database
 * {@code created_at}, ISO-millis {@code completed_at}, {@code started_at} always null,
 * {@code seconds} a string for some providers, {@code usd} 2-decimal costs with a
 * {@code state}, {@code lifecycle_status}, {@code usage.costUsd}, and many null fields absent.
 */
final class CodeShapeRenderer implements VideoRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final UrlSigner signer;

    CodeShapeRenderer(UrlSigner signer) {
        this.signer = signer;
    }

    @Override
    public ObjectNode render(JobSpec spec, JobState state, Instant requestTime) {
        String id = spec.id();
        boolean completed = state.status == SimStatus.COMPLETED;
        UrlSigner.Signed signed = completed && spec.hasDownloadUrl()
                ? signer.sign(VideoRenderer.contentUrl(id), id, requestTime) : null;

        ObjectNode v = NODES.objectNode();
        v.put("id", id);
        v.put("object", "video");
        v.put("status", state.status == SimStatus.PROCESSING ? spec.processingWire() : state.status.wire());
        v.put("lifecycle_status", state.status.lifecycle());
        v.put("output_access", spec.outputAccess());
        v.put("progress", state.progress);
        v.put("progress_source", "none");
        v.put("polling_url", VideoRenderer.pollingUrl(id));
        v.put("websocket_url", VideoRenderer.websocketUrl(id));
        v.put("poll_after_seconds", 20);
        v.putNull("cancel_url");
        v.put("generation_id", id);
        v.put("native_video_id", spec.nativeVideoId());
        v.put("created_at", Times.isoMicrosDb(spec.createdAt()));
        v.put("expires_at", signed == null ? null : signed.expiresAt());
        v.putNull("started_at");
        v.put("completed_at", Times.isoMillis(state.completedAt));
        v.put("provider", spec.provider());
        v.put("model", spec.model());
        if (spec.secondsAsString()) {
            v.put("seconds", Integer.toString(spec.seconds()));
        } else {
            v.put("seconds", spec.seconds());
        }
        v.put("size", spec.size());
        if (spec.promptFields()) {
            v.putNull("prompt");
            v.putNull("remixed_from_video_id");
        }
        v.putNull("audio");
        v.putNull("asset");
        v.putArray("outputs");
        v.set("usage", usage(spec, state));
        v.set("billing", billing(spec, state));
        if (spec.webhook() != null) {
            v.set("webhook", WebhookRendering.render(spec.webhook(), state, true));
            if (state.nextRetryAt() != null) {
                v.put("next_webhook_retry_at", Times.isoMillis(state.nextRetryAt()));
            }
            Instant dispatched = WebhookRendering.lastDispatchedAt(state);
            if (dispatched != null) {
                v.put("last_webhook_dispatched_at", Times.isoMillis(dispatched));
            }
        }
        if (spec.hasContentUrl()) {
            v.put("content_url", VideoRenderer.contentUrl(id));
        }
        if (spec.hasDownloadUrl()) {
            v.put("download_url", signed == null ? null : signed.url());
        }
        if (state.status == SimStatus.FAILED && spec.codeErrorAsString()) {
            v.put("error", spec.errorMessage());
        }
        return v;
    }

    private static ObjectNode usage(JobSpec spec, JobState state) {
        long cost = state.billing == JobState.Billing.VOID ? 0 : spec.costNanos();
        ObjectNode u = NODES.objectNode();
        u.put("output_video_seconds", spec.seconds());
        u.put("cost_usd", Money.number(cost));
        u.put("costUsd", Money.number(cost));
        ObjectNode breakdown = u.putObject("pricing_breakdown");
        breakdown.put("total_nanos", cost);
        breakdown.put("total_usd_str", Money.fixed(cost, 9));
        u.put("cost", Money.number(cost));
        u.put("is_byok", spec.byok());
        return u;
    }

    private static ObjectNode billing(JobSpec spec, JobState state) {
        JobState.Billing phase = state.billing;
        long cost = spec.costNanos();
        ObjectNode b = NODES.objectNode();
        b.put("currency", "usd");
        b.put("estimated_provider_cost", Money.fixed(cost, 2));
        b.put("estimated_user_cost", Money.fixed(cost, 2));
        long settled = phase == JobState.Billing.SETTLED ? cost : 0;
        b.put("settled_provider_cost", phase.closed() ? Money.fixed(settled, 2) : null);
        b.put("settled_user_cost", phase.closed() ? Money.fixed(settled, 2) : null);
        b.put("state", phase.wire());
        b.put("billable", phase != JobState.Billing.VOID);
        b.put("total_nanos", phase.closed() ? settled : null);
        b.put("estimated_nanos", cost);
        b.put("reserved_nanos", cost);
        b.put("reservation_id", "video_hold:" + spec.id());
        b.put("reservation_status", BillingFields.reservationStatus(phase));
        b.put("charge_reason", BillingFields.chargeReason(state));
        b.put("charged", BillingFields.charged(phase));
        if (state.billedAt != null) {
            // videos.helpers/public.ts buildVideoBilling: present only once marked billed.
            b.put("billed_at", Times.isoMicrosDb(state.billedAt));
        }
        return b;
    }
}
