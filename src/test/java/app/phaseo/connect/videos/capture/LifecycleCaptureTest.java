package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.ApiBehavior;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.TopicAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleCaptureTest {

    @Test
    void capturesEveryFinalStateOfASteadyLoadOnTheGatewayWindow() {
        long t0 = System.nanoTime();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(app.phaseo.connect.videos.simulator.ApiBehavior.GATEWAY_CODE)
                .clock(clock).seed(1).profile(LifecycleProfile.loadTest())
                .workload(Workload.steady(2, Duration.ofMinutes(3), 1))
                .build().start();
        try (CaptureHarness h = new CaptureHarness(clock, sim, CaptureHarness.settings(ApiBehavior.AUTO, BackfillMode.ALL, Set.of()), 1, 200)) {
            h.runFor(Duration.ofMinutes(4));
            TopicAudit.Report report = TopicAudit.audit(h.written(), sim, Set.of());
            System.out.println(report);

            int lists = h.cycles.stream().mapToInt(CycleSummary::listRequests).sum();
            int gets = h.cycles.stream().mapToInt(CycleSummary::getRequests).sum();
            System.out.println("cycles " + h.cycles.size() + " lists " + lists + " gets " + gets + " overflow "
                    + h.cycles.stream().filter(CycleSummary::overflow).count() + " partial " + h.cycles.stream().filter(CycleSummary::partial).count());
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(report.finalJobs()).isGreaterThan(300);
            assertThat(sim.sideEffectCount()).isZero();
            System.out.println("wall ms " + (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
