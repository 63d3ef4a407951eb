package app.phaseo.connect.videos.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decides a job's whole life at creation, from {@code (seed, stream, index)} alone: its
 * {@link JobSpec} and its schedule of events. The same inputs always give the same job.
 */
final class JobFactory {

    private static final String[][] PROVIDERS = {
        // provider, model, weight (in tenths)
        {"openai", "sora-2", "4"},
        {"google-vertex", "veo-3.0-fast-generate-001", "2"},
        {"google-ai-studio", "veo-3.1-generate-preview", "2"},
        {"byteplus", "seedance-1-0-pro-250528", "2"},
    };
    private static final int[] SECONDS = {4, 8, 12};
    private static final String[] SIZES = {"720x1280", "1280x720", "1920x1080"};
    private static final long[] PRICE_PER_SECOND_NANOS = {50_000_000L, 100_000_000L, 150_000_000L};
    private static final List<List<String>> ENDPOINT_EVENTS = List.of(
            List.of(),
            List.of("job.status_changed", "job.progress", "video.completed", "video.failed"),
            List.of("job.status_changed", "job.completed", "job.failed", "job.cancelled", "job.expired"));
    private static final String BARE_WEBHOOK_URL = "https://hooks.example.com/phaseo/video";
    private static final String[][] FAILURES = {
        {"provider_error", "The provider failed to generate the video."},
        {"content_policy_violation", "The request was rejected by the provider's content policy."},
        {"generation_timeout", "The provider did not finish the video in time."},
    };
    /** Why marking a completed job billed can be postponed for good ({@code finalizeVideoJob}). */
    private static final String[] STUCK_COMPLETED =
        {"missing_model", "missing_seconds", "capture_failed", "gateway_request_not_found"};
    /** Why marking a failed, cancelled or expired job billed can be postponed for good. */
    private static final String[] STUCK_VOIDED = {"release_failed", "gateway_request_not_found"};
    /** The stuck reason that leaves billing settled (or void): only the gateway request sync failed. */
    static final String SYNC_NOT_FOUND = "gateway_request_not_found";
    /** A seed stream of its own, so the gateway behaviours do not shift the older draws. */
    private static final long GATEWAY_DRAWS = 0x6A7E;
    private static final SimStatus[] TERMINALS =
        {SimStatus.COMPLETED, SimStatus.FAILED, SimStatus.CANCELLED, SimStatus.EXPIRED};

    private final long seed;
    private final LifecycleProfile profile;
    /** The cron-drained outbox shared by every job, or null when the profile sends attempts directly. */
    private final WebhookOutbox outbox;

    JobFactory(long seed, LifecycleProfile profile) {
        this.seed = seed;
        this.profile = profile;
        this.outbox = profile.webhookOutbox()
                ? new WebhookOutbox(profile.cronPeriod(), profile.webhookDeliveriesPerRun()) : null;
    }

    /**
     * The job number {@code index} of seed stream {@code stream}, created at {@code base}:
     * exactly then when {@code exact}, else at a random microsecond of that millisecond.
     */
    Job create(long stream, long index, Instant base, boolean exact) {
        Random rng = new Random(Seeds.derive(seed, stream, index));
        Random gateway = new Random(Seeds.derive(Seeds.derive(seed, stream, index), GATEWAY_DRAWS, 0));
        int jitterMicros = rng.nextInt(1000);
        Instant createdAt = exact
                ? base.truncatedTo(ChronoUnit.MICROS)
                : base.truncatedTo(ChronoUnit.MICROS).minus(jitterMicros, ChronoUnit.MICROS);
        String id = "G-" + Ulid.next(createdAt, rng);
        JobSpec spec = spec(id, createdAt, rng, gateway);
        // Jobs finished before the start are history: their attempts did not compete for slots.
        List<JobEvent> schedule = schedule(spec, rng, stream != Seeds.PREEXISTING);
        maybeDelete(schedule, spec, stream != Seeds.RUNTIME, gateway);
        return new Job(spec, schedule);
    }

    private JobSpec spec(String id, Instant createdAt, Random rng, Random gateway) {
        String[] provider = pickProvider(rng);
        int seconds = SECONDS[rng.nextInt(SECONDS.length)];
        String size = SIZES[rng.nextInt(SIZES.length)];
        double accessDraw = rng.nextDouble();
        String access = accessDraw < 0.8 ? "both" : accessDraw < 0.9 ? "signed_url" : "bytes";
        boolean byok = rng.nextDouble() < 0.2;
        long cost = seconds * PRICE_PER_SECOND_NANOS[rng.nextInt(PRICE_PER_SECOND_NANOS.length)];
        String processingWire = rng.nextBoolean() ? "processing" : "in_progress";
        SimStatus terminal = pickTerminal(rng);
        WebhookSpec webhook = webhook(rng);
        String[] failure = FAILURES[rng.nextInt(FAILURES.length)];
        boolean errorAsString = rng.nextBoolean();
        long bytes = seconds * (300_000L + rng.nextInt(1_100_000));
        String sha = hex(rng, 64);
        boolean openai = "openai".equals(provider[0]);
        String nativeId = nativeId(provider[0], provider[1], rng);
        boolean stuck = gateway.nextDouble() < profile.stuckBillingRate();
        String[] reasons = terminal == SimStatus.COMPLETED ? STUCK_COMPLETED : STUCK_VOIDED;
        String stuckReason = reasons[gateway.nextInt(reasons.length)];
        return new JobSpec(id, createdAt, provider[0], provider[1], nativeId,
                seconds, openai, openai, size, access, byok, cost, processingWire, terminal, webhook,
                terminal == SimStatus.FAILED ? failure[0] : null,
                terminal == SimStatus.FAILED ? failure[1] : null,
                errorAsString, bytes, sha, stuck ? stuckReason : null);
    }

    /**
     * Some finished jobs of generated workloads are deleted later (the DELETE route,
     * {@code apps/api/src/routes/v1/data/videos.ts}, accepts completed and failed jobs only).
     */
    private void maybeDelete(List<JobEvent> schedule, JobSpec spec, boolean generated, Random gateway) {
        boolean draw = gateway.nextDouble() < profile.deletedRate();
        long delayMillis = (long) (gateway.nextDouble() * profile.deletionDelayMax().toMillis());
        if (!generated || !draw
                || (spec.terminal() != SimStatus.COMPLETED && spec.terminal() != SimStatus.FAILED)) {
            return;
        }
        Instant terminalAt = null;
        for (JobEvent e : schedule) {
            if (e.type() == EventType.TERMINAL) {
                terminalAt = e.time();
            }
        }
        schedule.add(new JobEvent.Deleted(terminalAt.plus(profile.billingSettleMax()).plusMillis(1 + delayMillis)));
        schedule.sort((a, b) -> a.time().compareTo(b.time()));
    }

    private List<JobEvent> schedule(JobSpec spec, Random rng, boolean booked) {
        List<JobEvent> events = new ArrayList<>();
        Instant created = spec.createdAt();
        events.add(new JobEvent.Created(created));
        Instant queuedUntil = created.plus(between(rng, profile.queueMin(), profile.queueMax()));
        boolean direct = spec.terminal() != SimStatus.COMPLETED && rng.nextDouble() < profile.directTerminalRate();
        Instant terminalAt;
        if (direct) {
            terminalAt = queuedUntil;
        } else {
            events.add(new JobEvent.Started(queuedUntil));
            Duration processing = between(rng, profile.processingMin(), profile.processingMax());
            int ticks = profile.progressTicks();
            for (int i = 1; i <= ticks; i++) {
                Instant at = queuedUntil.plus(processing.multipliedBy(i).dividedBy(ticks + 1));
                events.add(new JobEvent.Progress(at, Math.max(1, Math.min(99, 100 * i / (ticks + 1)))));
            }
            terminalAt = queuedUntil.plus(processing);
        }
        // video-finalization.ts finalizeVideoJob: status and finalizedAt first (billing void in that
        // same write for failed/cancelled/expired, pending for completed), then the cost (settled),
        // then markVideoJobBilled (billed_at), unless marking billed is postponed.
        String stuck = spec.stuckReason();
        boolean costRecorded = stuck == null || SYNC_NOT_FOUND.equals(stuck);
        events.add(new JobEvent.Terminal(terminalAt, spec.terminal(), costRecorded ? null : stuck));
        Instant settleAt = terminalAt.plus(between(rng, profile.billingSettleMin(), profile.billingSettleMax()));
        if (spec.terminal() == SimStatus.COMPLETED && costRecorded) {
            events.add(new JobEvent.Billing(terminalAt.plus(profile.billingPendingDelay()), JobState.Billing.SETTLED));
        }
        if (stuck == null) {
            events.add(new JobEvent.Billed(settleAt));
        }
        if (spec.webhook() != null) {
            Duration dispatch = profile.webhookDispatchDelay();
            String terminal = spec.terminal().wire();
            if (!direct) {
                deliver(events, spec.webhook(), "video.status_changed:queued:in_progress", "video.status_changed",
                        queuedUntil.plus(dispatch), rng, booked);
            }
            String from = direct ? "queued" : "in_progress";
            deliver(events, spec.webhook(), "video.status_changed:" + from + ":" + terminal, "video.status_changed",
                    terminalAt.plus(dispatch), rng, booked);
            deliver(events, spec.webhook(), "video." + terminal, "video." + terminal, terminalAt.plus(dispatch), rng,
                    booked);
        }
        events.sort((a, b) -> a.time().compareTo(b.time())); // stable: ties keep their order
        return events;
    }

    /** The attempts of one delivery: retried after failures until delivered or out of attempts. */
    private void deliver(List<JobEvent> events, WebhookSpec webhook, String key, String eventType,
                         Instant firstAttempt, Random rng, boolean booked) {
        if (!webhook.subscribes(eventType)) {
            return;
        }
        int max = profile.maxAttempts();
        Instant at = drained(firstAttempt, booked);
        for (int n = 1; n <= max; n++) {
            boolean failed = rng.nextDouble() < profile.webhookFailureRate() || !webhook.hasSecret();
            if (!failed) {
                events.add(new JobEvent.Webhook(new WebhookAttempt(key, eventType, n, max, at, true, 200, null, null)));
                return;
            }
            Instant next = n < max ? at.plus(profile.retryDelays().get(n - 1)) : null;
            WebhookAttempt attempt = webhook.hasSecret()
                    ? new WebhookAttempt(key, eventType, n, max, at, false, 502, WebhookSpec.HTTP_502_ERROR, next)
                    : new WebhookAttempt(key, eventType, n, max, at, false, null, WebhookSpec.NO_SECRET_ERROR, next);
            events.add(new JobEvent.Webhook(attempt));
            if (next == null) {
                return;
            }
            at = drained(next, booked);
        }
    }

    /**
     * When a delivery due at {@code due} is attempted: with the outbox, at the next drain by the
     * cron ({@code apps/api/src/core/async-notifications.ts}, drained from
     * {@code apps/api/src/scheduled/index.ts}) that has a free slot, when {@code booked}; without the
     * outbox, exactly then.
     */
    private Instant drained(Instant due, boolean booked) {
        if (outbox == null) {
            return due;
        }
        return booked ? outbox.book(due) : outbox.unbooked(due);
    }

    private WebhookSpec webhook(Random rng) {
        boolean present = rng.nextDouble() < profile.webhookPresenceRate();
        boolean endpoint = rng.nextDouble() < 0.85;
        List<String> events = ENDPOINT_EVENTS.get(rng.nextInt(ENDPOINT_EVENTS.size()));
        String endpointId = "whep_" + hex(rng, 12);
        if (!present) {
            return null;
        }
        return endpoint
                ? new WebhookSpec(endpointId, null, events, true)
                : new WebhookSpec(null, BARE_WEBHOOK_URL, List.of("video.completed", "video.failed"), false);
    }

    private SimStatus pickTerminal(Random rng) {
        double[] weights = profile.terminalWeights();
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double draw = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0 && weights[i] > 0) {
                return TERMINALS[i];
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return TERMINALS[i];
            }
        }
        throw new IllegalStateException("no positive terminal weight");
    }

    private static String[] pickProvider(Random rng) {
        int draw = rng.nextInt(10);
        for (String[] p : PROVIDERS) {
            draw -= Integer.parseInt(p[2]);
            if (draw < 0) {
                return p;
            }
        }
        return PROVIDERS[0];
    }

    private static String nativeId(String provider, String model, Random rng) {
        switch (provider) {
            case "openai":
                return "video_" + hex(rng, 24);
            case "google-vertex":
                return "projects/p/locations/us-central1/publishers/google/models/" + model + "/operations/"
                        + hex(rng, 8) + "-" + hex(rng, 4) + "-4" + hex(rng, 3) + "-8" + hex(rng, 3) + "-" + hex(rng, 12);
            case "google-ai-studio":
                return "models/" + model + "/operations/" + hex(rng, 12);
            default:
                return "cgt-" + (100_000_000_000_000_000L + (long) (rng.nextDouble() * 899_999_999_999_999_999L));
        }
    }

    private static Duration between(Random rng, Duration min, Duration max) {
        long span = max.toMillis() - min.toMillis();
        return min.plusMillis(span <= 0 ? 0 : (long) (rng.nextDouble() * (span + 1)));
    }

    static String hex(Random rng, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(rng.nextInt(16), 16));
        }
        return sb.toString();
    }
}
