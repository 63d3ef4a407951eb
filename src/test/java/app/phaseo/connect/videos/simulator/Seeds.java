package app.phaseo.connect.videos.simulator;

/** Derives independent, reproducible seeds from the simulator seed (SplitMix64 finaliser). */
final class Seeds {

    /** Seed stream of the jobs that existed before the simulator started. */
    static final long PREEXISTING = 1;
    /** Seed stream of the jobs of the {@link Workload}. */
    static final long WORKLOAD = 2;
    /** Seed stream of the jobs created through {@code createJob()}. */
    static final long RUNTIME = 3;
    /** Seed stream of request ids of error bodies. */
    static final long REQUESTS = 4;
    /** Seed stream of the workspace id. */
    static final long WORKSPACE = 5;
    /** Seed stream of the flickering errors. */
    static final long FLICKER = 6;

    private Seeds() {
    }

    static long derive(long seed, long stream, long index) {
        return mix(mix(mix(seed) ^ stream * 0x9E3779B97F4A7C15L) ^ index);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
