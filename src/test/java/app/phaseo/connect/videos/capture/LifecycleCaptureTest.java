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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The load of the API-cost goal, as a regression guard in virtual time: 2 new jobs a second, each
 * changing about eight times in 15 s. With the default settings every final state is captured,
 * at no more than 34 requests a minute (twice what a generic HTTP source polls while capturing a
 * quarter of the final states). BENCHMARKS.md has the measured figures.
 */
class LifecycleCaptureTest {

    @ParameterizedTest
    @EnumSource(app.phaseo.connect.videos.simulator.ApiBehavior.class)
    void everyFinalStateAtTwoJobsASecondWithinTheRequestBudget(app.phaseo.connect.videos.simulator.ApiBehavior behavior) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        Duration load = Duration.ofMinutes(3);
        PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(behavior).clock(clock).seed(1).profile(LifecycleProfile.loadTest())
                .workload(Workload.steady(2, load, 1))
                .build().start();
        try (CaptureHarness h = new CaptureHarness(clock, sim, CaptureHarness.settings(ApiBehavior.AUTO, BackfillMode.ALL, Set.of()), 1, 250)) {
            h.runFor(load);
            long requests = sim.stats().total();
            h.runFor(Duration.ofMinutes(1));

            TopicAudit.Report report = TopicAudit.audit(h.written(), sim, Set.of());
            assertThat(report.clean()).as("%s%n%s", report, h.storyOfFirstProblem(report)).isTrue();
            assertThat(report.finalJobs()).isEqualTo(360);
            assertThat(requests / (double) load.toMinutes()).as("requests per minute under load").isLessThanOrEqualTo(34);
            assertThat(sim.sideEffectCount()).isZero();
        }
    }
}
