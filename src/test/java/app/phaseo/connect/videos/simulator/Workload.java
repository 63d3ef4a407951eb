package app.phaseo.connect.videos.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * When jobs are created, decided up front: an immutable, reproducible list of creation times.
 * The simulator materialises each job lazily, once its clock reaches the creation time.
 */
public final class Workload {

    private final List<Part> parts;

    private Workload(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** No job is ever created by itself. */
    public static Workload none() {
        return new Workload(List.of());
    }

    /**
     * About {@code jobsPerSecond} jobs a second for {@code duration}, starting when the
     * simulator starts; each creation time falls at a seeded random point of its own slot.
     */
    public static Workload steady(double jobsPerSecond, Duration duration, long seed) {
        return new Workload(List.of(new Steady(jobsPerSecond, duration, seed, null)));
    }

    /** Like {@link #steady(double, Duration, long)}, starting at {@code start}. */
    public static Workload steady(double jobsPerSecond, Duration duration, long seed, Instant start) {
        return new Workload(List.of(new Steady(jobsPerSecond, duration, seed,
                Objects.requireNonNull(start, "start"))));
    }

    /** {@code jobs} jobs created at the same instant {@code at}. */
    public static Workload burst(int jobs, Instant at) {
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be >= 0: " + jobs);
        }
        return new Workload(List.of(new Burst(jobs, Objects.requireNonNull(at, "at"))));
    }

    /** Both workloads at once. */
    public Workload plus(Workload other) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(other.parts);
        return new Workload(all);
    }

    /** All creation times, in order, for a simulator started at {@code simulatorStart}. */
    List<Instant> creationTimes(Instant simulatorStart) {
        List<Instant> times = new ArrayList<>();
        for (Part part : parts) {
            part.addTimes(simulatorStart, times);
        }
        times.sort(null);
        return times;
    }

    private interface Part {
        void addTimes(Instant simulatorStart, List<Instant> out);
    }

    private static final class Steady implements Part {
        private final double rate;
        private final Duration duration;
        private final long seed;
        private final Instant start;

        Steady(double rate, Duration duration, long seed, Instant start) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("jobsPerSecond must be positive: " + rate);
            }
            if (Objects.requireNonNull(duration, "duration").isNegative()) {
                throw new IllegalArgumentException("duration must not be negative: " + duration);
            }
            this.rate = rate;
            this.duration = duration;
            this.seed = seed;
            this.start = start;
        }

        @Override
        public void addTimes(Instant simulatorStart, List<Instant> out) {
            Instant from = start != null ? start : simulatorStart;
            long jobs = Math.round(rate * duration.toNanos() / 1e9);
            if (jobs == 0) {
                return;
            }
            long slotNanos = duration.toNanos() / jobs;
            Random random = new Random(seed);
            for (long i = 0; i < jobs; i++) {
                long jitter = slotNanos <= 1 ? 0 : (long) (random.nextDouble() * slotNanos);
                out.add(from.plusNanos(i * slotNanos + jitter));
            }
        }
    }

    private static final class Burst implements Part {
        private final int jobs;
        private final Instant at;

        Burst(int jobs, Instant at) {
            this.jobs = jobs;
            this.at = at;
        }

        @Override
        public void addTimes(Instant simulatorStart, List<Instant> out) {
            for (int i = 0; i < jobs; i++) {
                out.add(at);
            }
        }
    }
}
