package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.ApiBehavior;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.simulator.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The gateway's writes that move a job up the window without changing what the API shows (the
 * reconciler's claim, DELETE), against the window proof.
 */
class InvisibleWritesScenarioTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    /**
     * 205 completed jobs wait for {@code billed_at} (the claim bumps them every minute); the 101 last
     * updated fill the window. One of them, X, is billed (its final write), then the claim bumps
     * every unbilled row at one instant: X, which the claim skips, falls out of the window, below
     * 101 rows that look unchanged since before the last proven read. Counting those rows as anchors
     * proves the read and loses X's final state in silence; the read must instead not count as
     * proven, and the loss (if the connector could not catch X in time) be reported.
     */
    @Test
    void aClaimFloodingTheWindowBetweenTwoReadsIsNeverASilentLoss() {
        MutableClock clock = new MutableClock(T0);
        ScriptedVideosApi api = new ScriptedVideosApi(clock, Duration.ofMillis(50));
        List<String> older = new ArrayList<>();
        for (int i = 0; i < 104; i++) {
            older.add(api.createCompleted(false));
            clock.advance(Duration.ofMillis(10));
        }
        String x = api.createCompleted(false);
        clock.advance(Duration.ofMillis(10));
        for (int i = 0; i < 100; i++) {
            api.createCompleted(false);
            clock.advance(Duration.ofMillis(10));
        }
        api.at(T0.plusSeconds(20), () -> api.bill(x));
        api.at(T0.plusSeconds(20).plusMillis(100), api::claim);
        try (CaptureHarness h = new CaptureHarness(clock, api, CaptureHarness.settings(ApiBehavior.WINDOW, BackfillMode.ALL, Set.of()))) {
            h.runFor(Duration.ofSeconds(40));
            boolean billedWritten = h.topic.stream().anyMatch(c -> c.id().equals(x) && c.video() != null
                    && c.video().path("billing").hasNonNull("billed_at"));
            Instant billedAt = T0.plusSeconds(20);
            boolean reported = h.overflows.stream().anyMatch(o -> !o.getKey().isBefore(billedAt));
            assertThat(billedWritten || reported)
                    .as("X's billed (final) state is written, or its loss reported as an overflow; overflows: %s", h.overflows)
                    .isTrue();
        }
    }
}
