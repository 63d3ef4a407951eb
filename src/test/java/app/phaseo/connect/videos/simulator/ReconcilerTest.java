package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's reconciler cron: one claim a minute bumps every unbilled row at one instant
 * without changing what the API shows, then re-finalizes the terminal ones (a stuck job's
 * {@code completed_at} is rewritten every minute, for good).
 */
class ReconcilerTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");
    private static final Instant TICK = Instant.parse("2026-11-28T15:01:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private PhaseoSimulator sim;

    private void start(LifecycleProfile profile) {
        sim = PhaseoSimulator.builder().clock(clock).seed(61).noFlicker().profile(profile)
                .preexisting(150, Duration.ofMinutes(40)).build().start();
    }

    private static LifecycleProfile stuckOften() {
        return LifecycleProfile.realistic().toBuilder().stuckBillingRate(0.2).deletedRate(0).build();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private boolean unbilled(String id) {
        return !sim.render(id).get("billing").has("billed_at");
    }

    @Test
    void aClaimBumpsExactlyTheUnbilledRowsAtOneInstantAndTheWindowFollows() {
        start(stuckOften());
        clock.set(TICK.minusSeconds(5));
        List<String> inFlight = sim.createJobs(3);
        clock.set(TICK.minusMillis(1));
        Map<String, Instant> updatedBefore = new HashMap<>();
        Map<String, Integer> versionsBefore = new HashMap<>();
        for (String id : sim.jobIds()) {
            updatedBefore.put(id, sim.updatedAt(id));
            versionsBefore.put(id, sim.versions(id).size());
        }
        List<String> unbilled = sim.jobIds().stream().filter(this::unbilled).toList();
        assertThat(unbilled).containsAll(inFlight).hasSizeGreaterThan(inFlight.size());

        clock.set(TICK.plusMillis(1)); // after the claim, before the writes that follow it

        for (String id : sim.jobIds()) {
            if (unbilled.contains(id)) {
                assertThat(sim.updatedAt(id)).as(id).isEqualTo(TICK);
            } else {
                assertThat(sim.updatedAt(id)).as(id).isEqualTo(updatedBefore.get(id));
            }
            assertThat(sim.versions(id)).as("an invisible write is no version").hasSize(versionsBefore.get(id));
        }
        assertThat(sim.reconcilerClaimCount()).isEqualTo(unbilled.size());
        List<String> served = new SimHttp(sim).all("limit=100");
        assertThat(served).containsAll(unbilled).containsExactlyElementsOf(WindowModel.window(sim, 101));
    }

    @Test
    void aStuckJobGetsItsCompletedAtRewrittenEveryMinuteAndIsNeverFinal() {
        start(stuckOften());
        String stuck = sim.jobIds().stream().filter(sim::isBillingStuck).findFirst().orElseThrow();
        String billed = sim.jobIds().stream().filter(id -> !sim.isBillingStuck(id)).findFirst().orElseThrow();
        String billedCompletedAt = sim.render(billed).get("completed_at").asText();
        assertThat(sim.isFinal(billed)).isTrue();

        List<String> rewrites = new ArrayList<>();
        for (int minute = 1; minute <= 3; minute++) {
            clock.set(T0.plus(Duration.ofMinutes(minute)).plusMillis(500));
            rewrites.add(sim.render(stuck).get("completed_at").asText());
            assertThat(sim.isFinal(stuck)).isFalse();
            assertThat(sim.render(stuck).get("billing").has("billed_at")).isFalse();
        }

        assertThat(rewrites).containsExactly(
                "2026-11-28T15:01:00.100Z", "2026-11-28T15:02:00.100Z", "2026-11-28T15:03:00.100Z");
        List<JobVersion> versions = sim.versions(stuck);
        assertThat(versions.subList(versions.size() - 3, versions.size()))
                .allSatisfy(v -> assertThat(v.eventType()).isEqualTo(EventType.REFINALIZED))
                .allSatisfy(v -> assertThat(v.isFinal()).isFalse());
        assertThat(sim.render(billed).get("completed_at").asText()).isEqualTo(billedCompletedAt);
        assertThat(sim.updatedAt(stuck)).isEqualTo(Instant.parse("2026-11-28T15:03:00.200Z"));
    }

    @Test
    void aClaimTakesAtMostTheLimitTerminalRowsFirstThenOldestUpdated() {
        start(stuckOften().toBuilder().reconcileLimit(4).build());
        clock.set(TICK.minusSeconds(5));
        List<String> inFlight = sim.createJobs(2);
        clock.set(TICK.minusMillis(1));
        List<String> expected = sim.jobIds().stream().filter(this::unbilled)
                .sorted(Comparator.comparing((String id) -> inFlight.contains(id))
                        .thenComparing(sim::updatedAt).thenComparing(id -> id))
                .limit(4).toList();

        clock.set(TICK.plusMillis(1));

        assertThat(sim.jobIds().stream().filter(id -> sim.updatedAt(id).equals(TICK)))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sim.reconcilerClaimCount()).isEqualTo(4);
    }

    @Test
    void switchedOffNothingIsClaimedOrRewritten() {
        start(stuckOften().toBuilder().reconciler(false).build());
        String stuck = sim.jobIds().stream().filter(sim::isBillingStuck).findFirst().orElseThrow();
        Instant updated = sim.updatedAt(stuck);
        String completedAt = sim.render(stuck).get("completed_at").asText();

        clock.set(T0.plus(Duration.ofMinutes(5)));

        assertThat(sim.reconcilerClaimCount()).isZero();
        assertThat(sim.updatedAt(stuck)).isEqualTo(updated);
        assertThat(sim.render(stuck).get("completed_at").asText()).isEqualTo(completedAt);
        assertThat(sim.isFinal(stuck)).as("stuck is never final, cron or not").isFalse();
    }
}
