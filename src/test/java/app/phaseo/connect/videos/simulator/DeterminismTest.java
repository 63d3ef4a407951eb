package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Same seed, same clock, same workload: same ids and same versions; ids sort by creation time. */
class DeterminismTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");
    private static final Pattern ID = Pattern.compile("G-[0-9A-HJKMNP-TV-Z]{26}");

    private static PhaseoSimulator simulator(long seed, MutableClock clock) {
        return PhaseoSimulator.builder().clock(clock).seed(seed).preexisting(20, Duration.ofHours(1))
                .workload(Workload.steady(2, Duration.ofMinutes(1), 9)).build();
    }

    @Test
    void sameSeedGivesTheSameIdsAndVersions() {
        MutableClock clockA = new MutableClock(T0);
        MutableClock clockB = new MutableClock(T0);
        PhaseoSimulator a = simulator(1234, clockA);
        PhaseoSimulator b = simulator(1234, clockB);
        String runtimeA = a.createJob();
        String runtimeB = b.createJob();
        clockA.advance(Duration.ofMinutes(30));
        clockB.advance(Duration.ofMinutes(30));

        assertThat(runtimeA).isEqualTo(runtimeB);
        assertThat(a.jobIds()).hasSize(141).containsExactlyElementsOf(b.jobIds());
        for (String id : a.jobIds()) {
            assertThat(a.versions(id)).as(id).isEqualTo(b.versions(id));
        }
        assertThat(a.workspaceId()).isEqualTo(b.workspaceId());
    }

    @Test
    void anotherSeedGivesOtherJobs() {
        PhaseoSimulator a = simulator(1234, new MutableClock(T0));
        PhaseoSimulator b = simulator(4321, new MutableClock(T0));

        assertThat(a.jobIds()).doesNotContainAnyElementsOf(b.jobIds());
    }

    @Test
    void idsAreUlidsThatSortByCreationTime() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = simulator(77, clock);
        clock.advance(Duration.ofMinutes(2));
        List<String> ids = new ArrayList<>(sim.jobIds());

        for (String id : ids) {
            assertThat(id).matches(ID);
            String createdAt = sim.render(id).get("created_at").asText();
            Instant created = Instant.parse(createdAt.replace("+00:00", "Z"));
            assertThat(Ulid.time(id.substring(2))).isEqualTo(created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
        List<String> byId = new ArrayList<>(ids);
        byId.sort(null);
        assertThat(byId).containsExactlyElementsOf(ids);
    }
}
