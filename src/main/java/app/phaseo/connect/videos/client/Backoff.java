package app.phaseo.connect.videos.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter, for transient failures.
 *
 * <p>The n-th wait (counting from 0) is drawn uniformly from
 * {@code [base * (1 - jitter), base]} where {@code base = min(max, initial * multiplier^n)}. So
 * waits grow, never exceed {@code max}, and tasks that failed together do not retry in lockstep.
 * Call {@link #reset()} after a success.
 *
 * <p>The random generator is injected, so a seeded one gives the same waits in every test run.
 * Not thread-safe: one instance per retry loop.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double multiplier;
    private final double jitter;
    private final RandomGenerator random;
    private int attempts;

    /**
     * @param initial the first base wait, positive
     * @param max the largest wait, at least {@code initial}
     * @param multiplier growth per attempt, at least 1
     * @param jitter fraction of the base wait that may be taken off at random, 0 (none) to 1 (full jitter)
     * @param random source of the jitter
     */
    public Backoff(Duration initial, Duration max, double multiplier, double jitter, RandomGenerator random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is shorter than initial backoff " + initial);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be at least 1, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("backoff jitter must be between 0 and 1, was " + jitter);
        }
        this.multiplier = multiplier;
        this.jitter = jitter;
    }

    /** Doubling waits from {@code initial} up to {@code max}, each shortened by up to half at random. */
    public static Backoff exponential(Duration initial, Duration max, RandomGenerator random) {
        return new Backoff(initial, max, 2.0, 0.5, random);
    }

    /** The wait before the next retry; counts one attempt. */
    public Duration next() {
        double maxNanos = max.toNanos();
        double base = Math.min(maxNanos, initial.toNanos() * Math.pow(multiplier, attempts));
        double wait = base - base * jitter * random.nextDouble();
        if (attempts < Integer.MAX_VALUE) {
            attempts++;
        }
        return Duration.ofMillis(Math.round(wait / 1_000_000.0));
    }

    /** Starts again from {@code initial}: call it after a success. */
    public void reset() {
        attempts = 0;
    }

    /** How many waits {@link #next()} has handed out since the last reset. */
    public int attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return "Backoff{initial=" + initial + ", max=" + max + ", multiplier=" + multiplier + ", jitter=" + jitter
                + ", attempts=" + attempts + "}";
    }
}
