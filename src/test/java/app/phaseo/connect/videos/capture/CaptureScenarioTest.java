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

class CaptureScenarioTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    private static void report(CaptureHarness h, TopicAudit.Report report, long t0) {
        int lists = h.cycles.stream().mapToInt(CycleSummary::listRequests).sum();
        int gets = h.cycles.stream().mapToInt(CycleSummary::getRequests).sum();
        System.out.println(report + "\n  cycles " + h.cycles.size() + " lists " + lists + " gets " + gets + " overflow "
                + h.cycles.stream().filter(CycleSummary::overflow).count() + " partial "
                + h.cycles.stream().filter(CycleSummary::partial).count() + " wall ms " + (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void burstLargerThanTheWindowOnTheGateway() {
        long t0 = System.nanoTime();
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(app.phaseo.connect.videos.simulator.ApiBehavior.GATEWAY_CODE)
                .clock(clock).seed(2).profile(LifecycleProfile.loadTest())
                .workload(Workload.steady(1, Duration.ofMinutes(3), 2).plus(Workload.burst(400, T0.plusSeconds(60))))
                .build().start();
        try (CaptureHarness h = new CaptureHarness(clock, sim, CaptureHarness.settings(ApiBehavior.AUTO, BackfillMode.ALL, Set.of()), 2, 200)) {
            h.runFor(Duration.ofMinutes(5));
            TopicAudit.Report report = TopicAudit.audit(h.written(), sim, Set.of());
            report(h, report, t0);
            for (int i = 55; i < 75 && i < h.cycles.size(); i++) System.out.println("C " + h.cycles.get(i));
            if (!report.missingFinal().isEmpty()) {
                String id = report.missingFinal().get(0);
                for (var v : sim.versions(id)) System.out.println("V " + v.number() + " " + v.time() + " " + v.eventType() + " final=" + v.isFinal() + " " + v.stable().path("status") + " billing=" + v.stable().path("billing").path("state") + " att=" + v.stable().path("webhook").path("delivery").path("total_attempts"));
                for (Change c : h.topic) if (c.id().equals(id)) System.out.println("R " + c.kind() + " " + java.time.Instant.ofEpochMilli(c.timestamp()) + " " + c.video().path("status") + " billing=" + c.video().path("billing").path("state")+ " att=" + c.video().path("webhook").path("delivery").path("total_attempts"));
            }
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(sim.sideEffectCount()).isZero();
        }
    }

    @Test
    void documentedBehaviourWithHistory() {
        long t0 = System.nanoTime();
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
            report(h, report, t0);
            assertThat(report.clean()).as(report.toString()).isTrue();
        }
    }
}
