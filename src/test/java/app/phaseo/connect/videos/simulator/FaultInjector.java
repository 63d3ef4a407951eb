package app.phaseo.connect.videos.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Scripts misbehaviour: a FIFO queue of faults for the next requests, and optionally a seeded
 * random fault rate for the requests the queue does not cover. Every request to the simulator
 * (whatever its route) takes at most one fault. Thread-safe.
 */
public final class FaultInjector {

    private final Deque<Fault> queue = new ArrayDeque<>();
    private Random random;
    private double probability;
    private List<Fault> choices = List.of();

    /** The next request gets {@code fault}. */
    public synchronized FaultInjector next(Fault fault) {
        return next(fault, 1);
    }

    /** The next {@code times} requests (after those already queued) get {@code fault}. */
    public synchronized FaultInjector next(Fault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative: " + times);
        }
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
        return this;
    }

    /**
     * From now on, each request the queue does not cover gets, with {@code probability}, one of
     * {@code choices} picked uniformly; the draws are reproducible from {@code seed}.
     */
    public synchronized FaultInjector random(double probability, long seed, Fault... choices) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
        }
        if (choices.length == 0 && probability > 0) {
            throw new IllegalArgumentException("need at least one fault to choose from");
        }
        this.random = new Random(seed);
        this.probability = probability;
        this.choices = List.of(choices);
        return this;
    }

    /** No more faults: empties the queue and stops random faults. */
    public synchronized void clear() {
        queue.clear();
        random = null;
        choices = List.of();
    }

    /** How many queued faults are still waiting for a request. */
    public synchronized int queued() {
        return queue.size();
    }

    /** The fault of the request arriving now, or null. */
    synchronized Fault take() {
        Fault fault = queue.pollFirst();
        if (fault != null) {
            return fault;
        }
        if (random != null && random.nextDouble() < probability) {
            return choices.get(random.nextInt(choices.size()));
        }
        return null;
    }
}
