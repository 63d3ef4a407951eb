package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The presets live as promised, and the knobs are validated. */
class ProfilesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    private static Instant timeOf(List<JobVersion> versions, EventType type) {
        return versions.stream().filter(v -> v.eventType() == type).findFirst().orElseThrow().time();
    }

    @Test
    void fastProfileLivesAWholeLifecycleInAFewSeconds() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).seed(2)
                .profile(LifecycleProfile.fast()).workload(Workload.burst(100, T0)).build();
        clock.advance(Duration.ofSeconds(20));

        for (String id : sim.jobIds()) {
            List<JobVersion> versions = sim.versions(id);
            Duration toTerminal = Duration.between(versions.get(0).time(), timeOf(versions, EventType.TERMINAL));
            assertThat(toTerminal).isBetween(Duration.ofMillis(100), Duration.ofSeconds(3));
            if (sim.isBillingStuck(id)) {
                assertThat(sim.isFinal(id)).isFalse();
                assertThat(versions).noneMatch(v -> v.stable().get("billing").has("billed_at"));
                continue;
            }
            Duration toSettled = Duration.between(versions.get(0).time(),
                    versions.stream().filter(v -> v.stable().get("billing").has("billed_at")).findFirst().orElseThrow().time());
            assertThat(toSettled).isLessThanOrEqualTo(Duration.ofMillis(3800));
            assertThat(sim.isFinal(id)).isTrue();
        }
    }

    @Test
    void loadTestProfileChangesEachJobAboutEightTimesInFifteenSeconds() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).seed(8).profile(LifecycleProfile.loadTest())
                .workload(Workload.steady(2, Duration.ofSeconds(60), 8)).build();
        clock.advance(Duration.ofSeconds(90));

        double changes = 0;
        int terminalInTime = 0;
        for (String id : sim.jobIds()) {
            List<JobVersion> versions = sim.versions(id);
            Instant created = versions.get(0).time();
            changes += versions.stream().filter(v -> !v.time().isAfter(created.plusSeconds(15))).count();
            if (!timeOf(versions, EventType.TERMINAL).isAfter(created.plusSeconds(15))) {
                terminalInTime++;
            }
        }
        int jobs = sim.jobIds().size();
        assertThat(jobs).isEqualTo(120);
        assertThat(changes / jobs).isBetween(7.0, 9.0);
        assertThat(terminalInTime).isEqualTo(jobs);
    }

    @Test
    void theBilledMarkIsALaterMeaningfulVersionInBothShapes() {
        for (SimBehavior behavior : SimBehavior.values()) {
            MutableClock clock = new MutableClock(T0);
            PhaseoSimulator sim = PhaseoSimulator.builder().behavior(behavior).clock(clock)
                    .profile(LifecycleProfile.fast().toBuilder().stuckBillingRate(0).build()).build();
            String id = sim.createJob();
            clock.advance(Duration.ofSeconds(20));

            List<JobVersion> versions = sim.versions(id);
            JobVersion billed = versions.stream()
                    .filter(v -> v.eventType() == EventType.BILLED).findFirst().orElseThrow();
            assertThat(billed.meaningful()).as(behavior.name()).isTrue();
            assertThat(billed.time()).as(behavior.name()).isAfter(timeOf(versions, EventType.TERMINAL));
        }
    }

    @Test
    void knobsShapeTheMixAndAreValidated() {
        MutableClock clock = new MutableClock(T0);
        LifecycleProfile onlyFailures = LifecycleProfile.fast().toBuilder()
                .terminalWeights(0, 1, 0, 0).webhookPresenceRate(0).build();
        PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).profile(onlyFailures)
                .workload(Workload.burst(30, T0)).build();
        clock.advance(Duration.ofSeconds(10));

        assertThat(sim.jobIds()).allSatisfy(id -> {
            assertThat(sim.render(id).get("status").asText()).isEqualTo("failed");
            assertThat(sim.render(id).has("webhook")).isFalse();
        });
        assertThatThrownBy(() -> LifecycleProfile.builder().maxAttempts(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry delays");
        assertThatThrownBy(() -> LifecycleProfile.builder().webhookDispatchDelay(Duration.ofSeconds(10)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LifecycleProfile.builder().webhookFailureRate(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LifecycleProfile.builder().terminalWeights(0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
