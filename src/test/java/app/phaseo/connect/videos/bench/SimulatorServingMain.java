package app.phaseo.connect.videos.bench;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import java.time.Duration;

/** {@code SimulatorServingMain [jobs] [passes]}: the documented simulator's serving rate over a history of that size. */
public final class SimulatorServingMain {

    private SimulatorServingMain() {
    }

    public static void main(String[] args) {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        BenchOutput out = new BenchOutput("simulator");
        long t0 = System.nanoTime();
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.DOCUMENTED).seed(17)
                .preexisting(jobs, Duration.ofDays(30)).build().start()) {
            out.line("simulator with %d jobs built and started in %.1f s", jobs, (System.nanoTime() - t0) / 1e9);
            for (int i = 1; i <= passes; i++) {
                SimulatorServing.Pass pass = SimulatorServing.pass(sim, 100);
                out.line("pass %d: %d pages, %d jobs in %.1f s: %.0f jobs/s, %.1f MB/s of JSON (load %.2f)", i, pass.pages(),
                        pass.jobs(), pass.seconds(), pass.jobsPerSecond(), pass.megabytesPerSecond(), BenchOutput.load());
            }
        }
    }
}
