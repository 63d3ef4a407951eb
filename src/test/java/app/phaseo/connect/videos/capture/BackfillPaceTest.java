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
        try (PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(app.phaseo.connect.videos.simulator.ApiBehavior.DOCUMENTED).clock(clock).seed(9)
                .preexisting(3_500, Duration.ofDays(2)).workload(Workload.none()).build().start();
             CaptureHarness h = new CaptureHarness(clock, sim, settings, 9, 20)) {
            List<Long> starts = new ArrayList<>();
            while (h.engine().state().backfill() != BackfillState.DONE && starts.size() < 10) {
                starts.add(clock.millis());
                h.cycle();
            }
            starts.add(clock.millis());

            // 35 pages, 10 a cycle: four cycles, each a head page and its budget, with no poll interval between.
            assertThat(starts).hasSize(5);
            assertThat(h.topic).hasSize(3_500);
            for (int i = 1; i < 4; i++) {
                assertThat(starts.get(i) - starts.get(i - 1)).as("cycle %d after cycle %d", i + 1, i)
                        .isLessThan(settings.pollInterval().toMillis() / 4);
            }
            assertThat(starts.get(4) - starts.get(3)).as("the first cycle after the backfill")
                    .isGreaterThanOrEqualTo(settings.pollInterval().toMillis());
        }
    }
}
