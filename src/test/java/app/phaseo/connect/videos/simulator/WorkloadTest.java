package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jobs appear when the clock reaches their creation time; pre-existing and runtime jobs. */
class WorkloadTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    @Test
    void steadyWorkloadMaterialisesJobsAsTheClockPasses() {
        MutableClock clock = new MutableClock(T0);
        try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock)
                .workload(Workload.steady(2, Duration.ofSeconds(10), 4)).build().start()) {
            SimHttp http = new SimHttp(sim);
            assertThat(sim.jobIds()).hasSizeLessThanOrEqualTo(1);
            clock.advance(Duration.ofSeconds(5));
            assertThat(sim.jobIds()).hasSizeBetween(9, 11);
            assertThat(http.ok("/videos?limit=100").get("data")).hasSize(sim.jobIds().size());
            clock.advance(Duration.ofHours(1));
            assertThat(sim.jobIds()).hasSize(20);
        }
    }

    @Test
    void workloadsCanStartLaterAndAddUp() {
        MutableClock clock = new MutableClock(T0);
        Workload workload = Workload.steady(1, Duration.ofSeconds(10), 4, T0.plusSeconds(60))
                .plus(Workload.burst(5, T0.plusSeconds(20)))
                .plus(Workload.none());
        PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).workload(workload).build();

        clock.set(T0.plusSeconds(19));
        assertThat(sim.jobIds()).isEmpty();
        clock.set(T0.plusSeconds(20));
        assertThat(sim.jobIds()).hasSize(5);
        clock.set(T0.plusSeconds(59));
        assertThat(sim.jobIds()).hasSize(5);
        clock.set(T0.plusSeconds(71));
        assertThat(sim.jobIds()).hasSize(15);
    }

    @Test
    void preexistingJobsAreFinalAndCreatedBeforeTheStart() {
        MutableClock clock = new MutableClock(T0);
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.DOCUMENTED).clock(clock)
                .profile(LifecycleProfile.realistic().toBuilder().deletedRate(0).build())
                .preexisting(60, Duration.ofHours(2)).build().start()) {
            assertThat(sim.jobIds()).hasSize(60).allSatisfy(id -> {
                // Finished long ago: final unless their billing is stuck for good.
                assertThat(sim.isFinal(id)).isEqualTo(!sim.isBillingStuck(id));
                long created = sim.render(id).get("created_at").asLong();
                assertThat(created).isBetween(T0.minus(Duration.ofHours(2)).getEpochSecond(), T0.getEpochSecond() - 1);
            });
            assertThat(new SimHttp(sim).all("limit=25")).hasSize(60);
        }
    }

    @Test
    void runtimeCallsCreateAndDeleteJobsNow() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).build();

        List<String> ids = sim.createJobs(3);
        String one = sim.createJob();

        assertThat(sim.jobIds()).containsExactly(ids.get(0), ids.get(1), ids.get(2), one);
        assertThat(sim.versions(one)).singleElement().satisfies(v -> {
            assertThat(v.eventType()).isEqualTo(EventType.CREATED);
            assertThat(v.time()).isEqualTo(T0);
            assertThat(v.stable().get("status").asText()).isEqualTo("queued");
            assertThat(v.stable().get("billing").get("reservation_status").asText()).isEqualTo("held");
        });
        assertThat(sim.deleteJob("G-NOPE")).isFalse();
        assertThat(sim.deleteJob(one)).isTrue();
        assertThat(sim.isDeleted(one)).isTrue();
        // Deleted but not billed: the gateway still claims and finalizes it, so not final.
        assertThat(sim.isFinal(one)).isFalse();
    }

    @Test
    void stateIsComputedFromTheClockOnEveryRead() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).profile(LifecycleProfile.fast()).build();
        String id = sim.createJob();

        clock.set(T0.plusSeconds(60));
        String later = sim.render(id).get("status").asText();
        clock.set(T0.plusMillis(1));

        assertThat(later).isIn("completed", "failed", "cancelled", "expired");
        assertThat(sim.render(id).get("status").asText()).isEqualTo("queued");
    }
}
