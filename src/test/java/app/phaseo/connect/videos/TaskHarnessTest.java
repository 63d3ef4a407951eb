package app.phaseo.connect.videos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The task harness decides what a task test sees: its waits, its give-up rules and the API states it samples. */
class TaskHarnessTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

    private PhaseoSimulator simulator() {
        // The states this test samples come from its own disabling; the gateway's flickering errors would add others.
        return PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(clock).seed(3).noFlicker()
                .profile(LifecycleProfile.fast()).preexisting(5, Duration.ofHours(1)).build().start();
    }

    @Test
    void pollUntilFailsNamingTheLimitAndTheRequestsWhenTheConditionNeverHolds() throws Exception {
        try (PhaseoSimulator sim = simulator();
             TaskHarness h = TaskHarness.started(clock, sim, TaskHarness.props(sim), (Map<String, ?>) null)) {
            Instant start = clock.instant();

            assertThatThrownBy(() -> h.pollUntil(() -> false, Duration.ofSeconds(30)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("PT30S").hasMessageContaining("requests");
            assertThat(Duration.between(start, clock.instant())).as("virtual time only")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void theBoundedPollUntilAnswersFalseAtItsPollBudget() throws Exception {
        try (PhaseoSimulator sim = simulator();
             TaskHarness h = TaskHarness.started(clock, sim, TaskHarness.props(sim), (Map<String, ?>) null)) {
            assertThat(h.pollUntil(() -> false, Duration.ofHours(1), 3)).isFalse();
            assertThat(h.polls).isEqualTo(3);
            assertThat(h.pollUntil(() -> h.records.size() >= 5, Duration.ofMinutes(5), 1_000)).isTrue();
        }
    }

    @Test
    void samplesEachChangeOfTheApiStateOnce() throws Exception {
        try (PhaseoSimulator sim = simulator();
             TaskHarness h = TaskHarness.started(clock, sim, TaskHarness.props(sim), (Map<String, ?>) null)) {
            h.pollFor(Duration.ofSeconds(10));
            sim.disable("video_api_temporarily_disabled");
            h.pollFor(Duration.ofMinutes(2));
            sim.disable(null);
            h.pollFor(Duration.ofMinutes(10));

            assertThat(h.apiStates).containsExactly("OK", "DISABLED:video_api_temporarily_disabled", "OK");
            assertThat(h.longAttribute("FailedRequests")).isPositive();
        }
    }

    @Test
    void closeAfterStopDoesNotStopTwiceAndAttributesAreEmptyOnceUnregistered() throws Exception {
        try (PhaseoSimulator sim = simulator()) {
            TaskHarness h = TaskHarness.started(clock, sim, TaskHarness.props(sim), (Map<String, ?>) null);
            h.poll();
            assertThat(h.attribute("ApiState")).isEqualTo("OK");

            h.stop();
            h.close();

            assertThat(h.attribute("ApiState")).isEmpty();
            assertThat(h.longAttribute("FailedRequests")).isEqualTo(-1);
        }
    }
}
