package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.offset.BackfillState;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Under the documented behaviour a backfill reads its page budget per cycle, and the next cycle follows at
 * once until it is done; then cycles are a poll interval apart again.
 */
class BackfillPaceTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void shouldRunBackfillCyclesBackToBackThenWaitThePollInterval() {
        MutableClock clock = new MutableClock(T0);
        CaptureSettings settings = CaptureHarness.settings(ApiBehavior.CURSOR, BackfillMode.ALL, Set.of());
        // No flickering errors: this test is about the pace of a backfill that succeeds. With the simulator's
        // default flicker (a 401 db_error or 501 gate, one request in 200 each) a failed request aborts a
        // cycle and the retry one second later is an extra cycle (seed 9: six starts instead of five).
        // Waiting after a failure is tested on its own (PacerTest, the task tests).
        try (PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(app.phaseo.connect.videos.simulator.SimBehavior.DOCUMENTED).clock(clock).seed(9).noFlicker()
                .preexisting(3_500, Duration.ofDays(2)).workload(Workload.none()).build().start();
             CaptureHarness h = new CaptureHarness(clock, sim, settings, 9, 20)) {
            List<Long> starts = new ArrayList<>();
            while (h.engine().state().backfill() != BackfillState.DONE && starts.size() < 10) {
                starts.add(clock.millis());
                h.cycle();
            }
            starts.add(clock.millis());

            // 35 pages, 10 a cycle: four cycles, each a head page and its budget, with no poll interval between.
            assertThat(h.retried).as("failed requests retried").isEmpty();
            assertThat(starts).hasSize(5);
            // The documented API drops deleted jobs from the list (2 % of finished jobs by default): the backfill
            // reads every job it still lists, one record each (seed 9: 3,425, still 35 pages).
            long listed = sim.jobIds().stream().filter(id -> !sim.isDeleted(id)).count();
            assertThat(listed).as("jobs the documented API lists").isBetween(3_401L, 3_500L);
            assertThat(h.topic).hasSize((int) listed);
            for (int i = 1; i < 4; i++) {
                assertThat(starts.get(i) - starts.get(i - 1)).as("cycle %d after cycle %d", i + 1, i)
                        .isLessThan(settings.pollInterval().toMillis() / 4);
            }
            assertThat(starts.get(4) - starts.get(3)).as("the first cycle after the backfill")
                    .isGreaterThanOrEqualTo(settings.pollInterval().toMillis());
        }
    }
}
