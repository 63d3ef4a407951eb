package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.TopicAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaptureScenarioTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");


    /**
     * 400 jobs created at the same instant, each changing about eight times in 15 s: their
     * completions and settlements come faster than even single-status windows read every half
     * second can hold (the gateway lists 101 rows per window). Some final states are then out of
     * reach of any connector; what matters is that none is lost silently: every missing final
     * state falls right before an overflow the connector reported.
     */
    @Test
    void aBurstBeyondWhatTheApiListsIsReportedNotSilentlyLost() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(app.phaseo.connect.videos.simulator.ApiBehavior.GATEWAY_CODE)
                .clock(clock).seed(2).profile(LifecycleProfile.loadTest())
                .workload(Workload.steady(1, Duration.ofMinutes(3), 2).plus(Workload.burst(400, T0.plusSeconds(60))))
                .build().start();
        try (CaptureHarness h = new CaptureHarness(clock, sim, CaptureHarness.settings(ApiBehavior.AUTO, BackfillMode.ALL, Set.of()), 2, 200)) {
            h.runFor(Duration.ofMinutes(5));
            TopicAudit.Report report = TopicAudit.audit(h.written(), sim, Set.of());
            assertThat(report.duplicates()).isEmpty();
            assertThat(report.outOfOrder()).isEmpty();
            assertThat(report.unmatched()).isEmpty();
            assertThat(report.missingFinal().size()).as("most final states are still captured").isLessThan(report.finalJobs() / 10);
            for (String id : report.missingFinal()) {
                var versions = sim.versions(id);
                java.time.Instant lost = versions.get(versions.size() - 1).time();
                assertThat(h.overflows).as("an overflow reported within 5 s after the final state of %s (%s)", id, lost)
                        .anySatisfy(o -> assertThat(o.getKey()).isBetween(lost, lost.plusSeconds(5)));
            }
            assertThat(sim.sideEffectCount()).isZero();
        }
    }

    @Test
    void documentedBehaviourWithHistory() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(app.phaseo.connect.videos.simulator.ApiBehavior.DOCUMENTED)
                .clock(clock).seed(3).profile(LifecycleProfile.loadTest())
                .preexisting(1500, Duration.ofDays(3))
                .workload(Workload.steady(2, Duration.ofMinutes(3), 3).plus(Workload.burst(400, T0.plusSeconds(60))))
                .build().start();
        try (CaptureHarness h = new CaptureHarness(clock, sim, CaptureHarness.settings(ApiBehavior.AUTO, BackfillMode.ALL, Set.of()), 3, 200)) {
            h.runFor(Duration.ofMinutes(5));
            TopicAudit.Report report = TopicAudit.audit(h.written(), sim, Set.of());
            assertThat(report.clean()).as(report.toString()).isTrue();
        }
    }
}
