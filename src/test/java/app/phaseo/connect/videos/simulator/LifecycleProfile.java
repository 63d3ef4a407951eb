package app.phaseo.connect.videos.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How jobs live: how long they queue and process, how their billing settles, how their
 * webhooks are delivered and retried, and how their terminal statuses are mixed.
 *
 * <p>Use a preset ({@link #realistic()}, {@link #fast()}, {@link #loadTest()}), optionally
 * adjusted through {@link #toBuilder()}, or build one from scratch with {@link #builder()}.
 * Instances are immutable.
 */
public final class LifecycleProfile {

    private final Duration queueMin;
    private final Duration queueMax;
    private final Duration processingMin;
    private final Duration processingMax;
    private final int progressTicks;
    private final Duration billingPendingDelay;
    private final Duration billingSettleMin;
    private final Duration billingSettleMax;
    private final Duration webhookDispatchDelay;
    private final List<Duration> retryDelays;
    private final int maxAttempts;
    private final double[] terminalWeights;
    private final double webhookPresenceRate;
    private final double webhookFailureRate;
    private final double directTerminalRate;
    private final boolean reconciler;
    private final Duration cronPeriod;
    private final int reconcileLimit;
    private final boolean webhookOutbox;
    private final int webhookDeliveriesPerRun;
    private final double stuckBillingRate;
    private final double deletedRate;

    private LifecycleProfile(Builder b) {
        this.queueMin = b.queueMin;
        this.queueMax = b.queueMax;
        this.processingMin = b.processingMin;
        this.processingMax = b.processingMax;
        this.progressTicks = b.progressTicks;
        this.billingPendingDelay = b.billingPendingDelay;
        this.billingSettleMin = b.billingSettleMin;
        this.billingSettleMax = b.billingSettleMax;
        this.webhookDispatchDelay = b.webhookDispatchDelay;
        this.retryDelays = List.copyOf(b.retryDelays);
        this.maxAttempts = b.maxAttempts;
        this.terminalWeights = b.terminalWeights.clone();
        this.webhookPresenceRate = b.webhookPresenceRate;
        this.webhookFailureRate = b.webhookFailureRate;
        this.directTerminalRate = b.directTerminalRate;
        this.reconciler = b.reconciler;
        this.cronPeriod = b.cronPeriod;
        this.reconcileLimit = b.reconcileLimit;
        this.webhookOutbox = b.webhookOutbox;
        this.webhookDeliveriesPerRun = b.webhookDeliveriesPerRun;
        this.stuckBillingRate = b.stuckBillingRate;
        this.deletedRate = b.deletedRate;
    }

    /**
     * As in production: queued for seconds, processing 30–120 s with four progress ticks,
     * billing settled 2–5 s after the terminal status, webhook retries at +1, +5, +15 min.
     */
    public static LifecycleProfile realistic() {
        return builder()
                .queueDelay(Duration.ofSeconds(1), Duration.ofSeconds(10))
                .processing(Duration.ofSeconds(30), Duration.ofSeconds(120))
                .progressTicks(4)
                .billingPendingDelay(Duration.ofMillis(500))
                .billingSettleDelay(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .webhookDispatchDelay(Duration.ofMillis(300))
                .retryDelays(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15))
                .maxAttempts(4)
                .build();
    }

    /**
     * For integration tests and the demo: a whole lifecycle in about 1–5 s, webhook retries
     * at about +1, +3, +6 s, the gateway's cron (reconciler and webhook outbox) every second
     * instead of every minute. No job is stuck before its billing mark and none is deleted:
     * these tests wait for every job to be final, and a stuck job never is (stuck jobs and
     * deletions are exercised by {@link #realistic()}, the randomized capture worlds and the
     * capture scenario tests). The reconciler's claims, the outbox and the flickering errors stay on.
     */
    public static LifecycleProfile fast() {
        return builder()
                .queueDelay(Duration.ofMillis(100), Duration.ofMillis(400))
                .processing(Duration.ofMillis(500), Duration.ofMillis(2500))
                .progressTicks(3)
                .billingPendingDelay(Duration.ofMillis(100))
                .billingSettleDelay(Duration.ofMillis(250), Duration.ofMillis(800))
                .webhookDispatchDelay(Duration.ofMillis(50))
                .retryDelays(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6))
                .maxAttempts(4)
                .cronPeriod(Duration.ofSeconds(1))
                .stuckBillingRate(0)
                .deletedRate(0)
                .build();
    }

    /**
     * For benchmarks: each job changes about eight times in about 15 s (with
     * {@code Workload.steady(2, ...)}: two new jobs a second).
     */
    public static LifecycleProfile loadTest() {
        return builder()
                .queueDelay(Duration.ofMillis(500), Duration.ofMillis(1500))
                .processing(Duration.ofSeconds(9), Duration.ofSeconds(11))
                .progressTicks(3)
                .billingPendingDelay(Duration.ofMillis(500))
                .billingSettleDelay(Duration.ofMillis(1500), Duration.ofMillis(2500))
                .webhookDispatchDelay(Duration.ofMillis(200))
                .retryDelays(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6))
                .maxAttempts(4)
                .webhookPresenceRate(0.5)
                .webhookFailureRate(0.1)
                .build();
    }

    /** A builder with the {@link #realistic()} timings' defaults for the mix and rates. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this profile. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.queueMin = queueMin;
        b.queueMax = queueMax;
        b.processingMin = processingMin;
        b.processingMax = processingMax;
        b.progressTicks = progressTicks;
        b.billingPendingDelay = billingPendingDelay;
        b.billingSettleMin = billingSettleMin;
        b.billingSettleMax = billingSettleMax;
        b.webhookDispatchDelay = webhookDispatchDelay;
        b.retryDelays = retryDelays;
        b.maxAttempts = maxAttempts;
        b.terminalWeights = terminalWeights.clone();
        b.webhookPresenceRate = webhookPresenceRate;
        b.webhookFailureRate = webhookFailureRate;
        b.directTerminalRate = directTerminalRate;
        b.reconciler = reconciler;
        b.cronPeriod = cronPeriod;
        b.reconcileLimit = reconcileLimit;
        b.webhookOutbox = webhookOutbox;
        b.webhookDeliveriesPerRun = webhookDeliveriesPerRun;
        b.stuckBillingRate = stuckBillingRate;
        b.deletedRate = deletedRate;
        return b;
    }

    Duration queueMin() {
        return queueMin;
    }

    Duration queueMax() {
        return queueMax;
    }

    Duration processingMin() {
        return processingMin;
    }

    Duration processingMax() {
        return processingMax;
    }

    int progressTicks() {
        return progressTicks;
    }

    Duration billingPendingDelay() {
        return billingPendingDelay;
    }

    Duration billingSettleMin() {
        return billingSettleMin;
    }

    Duration billingSettleMax() {
        return billingSettleMax;
    }

    Duration webhookDispatchDelay() {
        return webhookDispatchDelay;
    }

    /** The delay before retry n (index 0: after the first failed attempt). */
    List<Duration> retryDelays() {
        return retryDelays;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** Weights of completed, failed, cancelled, expired, in that order. */
    double[] terminalWeights() {
        return terminalWeights.clone();
    }

    double webhookPresenceRate() {
        return webhookPresenceRate;
    }

    double webhookFailureRate() {
        return webhookFailureRate;
    }

    double directTerminalRate() {
        return directTerminalRate;
    }

    boolean reconciler() {
        return reconciler;
    }

    /** The gateway cron's period: the reconciler and the webhook outbox run once per period. */
    Duration cronPeriod() {
        return cronPeriod;
    }

    int reconcileLimit() {
        return reconcileLimit;
    }

    boolean webhookOutbox() {
        return webhookOutbox;
    }

    /** Deliveries the outbox attempts per cron run, one after another. */
    int webhookDeliveriesPerRun() {
        return webhookDeliveriesPerRun;
    }

    double stuckBillingRate() {
        return stuckBillingRate;
    }

    double deletedRate() {
        return deletedRate;
    }

    /** The latest a generated deletion comes after {@link #billingSettleMax()} past the terminal status. */
    Duration deletionDelayMax() {
        return cronPeriod.multipliedBy(5);
    }

    /** The longest a job can take from creation to its last scheduled event. */
    Duration longestLifecycle() {
        Duration retries = Duration.ZERO;
        for (int i = 0; i < maxAttempts - 1; i++) {
            retries = retries.plus(retryDelays.get(i));
        }
        Duration webhooks = webhookDispatchDelay.plus(retries);
        if (webhookOutbox) {
            // Each attempt waits for the next cron run.
            webhooks = webhooks.plus(cronPeriod.multipliedBy(maxAttempts)).plus(Reconciler.DRAIN_OFFSET);
        }
        Duration afterTerminal = billingSettleMax.plus(deletionDelayMax());
        if (webhooks.compareTo(afterTerminal) > 0) {
            afterTerminal = webhooks;
        }
        return queueMax.plus(processingMax).plus(afterTerminal);
    }

    /** Builds a {@link LifecycleProfile}; every setter validates its argument. */
    public static final class Builder {
        private Duration queueMin = Duration.ofSeconds(1);
        private Duration queueMax = Duration.ofSeconds(10);
        private Duration processingMin = Duration.ofSeconds(30);
        private Duration processingMax = Duration.ofSeconds(120);
        private int progressTicks = 4;
        private Duration billingPendingDelay = Duration.ofMillis(500);
        private Duration billingSettleMin = Duration.ofSeconds(2);
        private Duration billingSettleMax = Duration.ofSeconds(5);
        private Duration webhookDispatchDelay = Duration.ofMillis(300);
        private List<Duration> retryDelays =
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
        private int maxAttempts = 4;
        private double[] terminalWeights = {0.80, 0.10, 0.05, 0.05};
        private double webhookPresenceRate = 0.7;
        private double webhookFailureRate = 0.15;
        private double directTerminalRate = 0.3;
        private boolean reconciler = true;
        private Duration cronPeriod = Duration.ofMinutes(1);
        private int reconcileLimit = 1000;
        private boolean webhookOutbox = true;
        private int webhookDeliveriesPerRun = WebhookOutbox.MAX_DELIVERIES_PER_RUN;
        private double stuckBillingRate = 0.03;
        private double deletedRate = 0.02;

        private Builder() {
        }

        /**
         * Whether the gateway's reconciler cron runs (default on): every {@link #cronPeriod} it
         * claims up to {@link #reconcileLimit} rows with {@code billed_at} null, oldest
         * {@code updated_at} first, bumping them all at one instant, then re-finalizes the
         * terminal ones and bumps the claimed ones again. Off: no claim, no re-finalization.
         */
        public Builder reconciler(boolean on) {
            this.reconciler = on;
            return this;
        }

        /** The gateway cron's period ({@code wrangler.toml} {@code crons = ["* * * * *"]}: one minute). */
        public Builder cronPeriod(Duration period) {
            checkPositive(period, "cronPeriod");
            if (period.toMillis() < 10 * Reconciler.WRITE_SPACING.toMillis()) {
                throw new IllegalArgumentException("cronPeriod must be at least "
                        + Reconciler.WRITE_SPACING.multipliedBy(10) + ": " + period);
            }
            this.cronPeriod = period;
            return this;
        }

        /** Rows claimed per cron run ({@code VIDEO_RECONCILIATION_LIMIT}, default 1,000). */
        public Builder reconcileLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("reconcileLimit must be at least 1: " + limit);
            }
            this.reconcileLimit = limit;
            return this;
        }

        /**
         * Whether webhook attempts go through the outbox the cron drains (default on: each
         * attempt, the first included, waits for the next cron run). Off: attempts at the
         * dispatch delay and the retry delays exactly.
         */
        public Builder webhookOutbox(boolean on) {
            this.webhookOutbox = on;
            return this;
        }

        /**
         * Deliveries the outbox attempts per cron run, one after another (default 100, the
         * gateway's {@code maxDeliveries}); the rest wait for the next run.
         */
        public Builder webhookDeliveriesPerRun(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("webhookDeliveriesPerRun must be at least 1: " + max);
            }
            this.webhookDeliveriesPerRun = max;
            return this;
        }

        /**
         * Share of jobs whose billing mark is postponed at every finalization, for good
         * ({@code missing_model}, {@code missing_seconds}, {@code capture_failed},
         * {@code release_failed}, no gateway request row): they are never billed, never final,
         * and the reconciler rewrites their {@code completed_at} at every run. Default 0.03.
         */
        public Builder stuckBillingRate(double rate) {
            this.stuckBillingRate = checkRate(rate, "stuckBillingRate");
            return this;
        }

        /**
         * Share of completed and failed jobs of the workload and the pre-existing jobs that the user
         * deletes some time after they finish (default 0.02). Jobs made by {@code createJob()}
         * are never deleted by themselves.
         */
        public Builder deletedRate(double rate) {
            this.deletedRate = checkRate(rate, "deletedRate");
            return this;
        }

        /** Turns off every gateway behaviour beyond the plain lifecycle: reconciler, outbox, stuck jobs, deletions. */
        public Builder plainLifecycle() {
            return reconciler(false).webhookOutbox(false).stuckBillingRate(0).deletedRate(0);
        }

        /** Time spent {@code queued}, drawn uniformly in [min, max]. */
        public Builder queueDelay(Duration min, Duration max) {
            checkRange(min, max, "queueDelay");
            this.queueMin = min;
            this.queueMax = max;
            return this;
        }

        /** Time from processing start to the terminal status, drawn uniformly in [min, max]. */
        public Builder processing(Duration min, Duration max) {
            checkRange(min, max, "processing");
            if (min.isZero()) {
                throw new IllegalArgumentException("processing must take some time");
            }
            this.processingMin = min;
            this.processingMax = max;
            return this;
        }

        /** How many times progress rises while processing. */
        public Builder progressTicks(int ticks) {
            if (ticks < 0 || ticks > 98) {
                throw new IllegalArgumentException("progressTicks must be in 0..98: " + ticks);
            }
            this.progressTicks = ticks;
            return this;
        }

        /**
         * Delay from the terminal status of a completed job to billing state {@code settled} (the
         * cost recorded; until then {@code pending}). Failed, cancelled and expired jobs are
         * {@code void} from the terminal write on.
         */
        public Builder billingPendingDelay(Duration delay) {
            checkPositive(delay, "billingPendingDelay");
            this.billingPendingDelay = delay;
            return this;
        }

        /**
         * Delay from the terminal status to {@code billing.billed_at} (the billed mark, a later write
         * than settled or void), drawn in [min, max]; a stuck job never gets it.
         */
        public Builder billingSettleDelay(Duration min, Duration max) {
            checkRange(min, max, "billingSettleDelay");
            this.billingSettleMin = min;
            this.billingSettleMax = max;
            return this;
        }

        /** Delay from a status change to the first webhook attempt about it. */
        public Builder webhookDispatchDelay(Duration delay) {
            checkPositive(delay, "webhookDispatchDelay");
            this.webhookDispatchDelay = delay;
            return this;
        }

        /** Delays between consecutive webhook attempts of one delivery (after attempt 1, 2, ...). */
        public Builder retryDelays(Duration... delays) {
            for (Duration d : delays) {
                checkPositive(d, "retryDelays");
            }
            this.retryDelays = List.of(delays);
            return this;
        }

        /** Attempts per webhook delivery, the first included. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** Relative weights of the terminal statuses. */
        public Builder terminalWeights(double completed, double failed, double cancelled, double expired) {
            double[] w = {completed, failed, cancelled, expired};
            double sum = 0;
            for (double v : w) {
                if (v < 0 || Double.isNaN(v)) {
                    throw new IllegalArgumentException("terminal weights must be >= 0");
                }
                sum += v;
            }
            if (sum <= 0) {
                throw new IllegalArgumentException("at least one terminal weight must be positive");
            }
            this.terminalWeights = w;
            return this;
        }

        /** Share of jobs that have a webhook at all. */
        public Builder webhookPresenceRate(double rate) {
            this.webhookPresenceRate = checkRate(rate, "webhookPresenceRate");
            return this;
        }

        /** Probability that one attempt to a healthy endpoint fails with HTTP 502. */
        public Builder webhookFailureRate(double rate) {
            this.webhookFailureRate = checkRate(rate, "webhookFailureRate");
            return this;
        }

        /** Share of failed, cancelled and expired jobs that end straight from {@code queued}. */
        public Builder directTerminalRate(double rate) {
            this.directTerminalRate = checkRate(rate, "directTerminalRate");
            return this;
        }

        /** The profile; fails when the timings would let a job look final before its last event. */
        public LifecycleProfile build() {
            if (retryDelays.size() < maxAttempts - 1) {
                throw new IllegalArgumentException("need " + (maxAttempts - 1)
                        + " retry delays for maxAttempts " + maxAttempts + ", got " + retryDelays.size());
            }
            if (billingPendingDelay.compareTo(billingSettleMin) >= 0) {
                throw new IllegalArgumentException("billingPendingDelay must be shorter than billingSettleDelay");
            }
            if (webhookDispatchDelay.compareTo(billingSettleMin) >= 0) {
                // Else a job would look final (terminal, settled, no pending retry) while its
                // first terminal webhook attempt is still to come.
                throw new IllegalArgumentException("webhookDispatchDelay must be shorter than billingSettleDelay");
            }
            return new LifecycleProfile(this);
        }

        private static void checkRange(Duration min, Duration max, String name) {
            Objects.requireNonNull(min, name);
            Objects.requireNonNull(max, name);
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException(name + " needs 0 <= min <= max: " + min + ", " + max);
            }
        }

        private static void checkPositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
        }

        private static double checkRate(double rate, String name) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1]: " + rate);
            }
            return rate;
        }
    }
}
