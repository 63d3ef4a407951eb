package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.offset.ApiMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the next cycle starts: the poll interval, sooner after a cycle under pressure. */
class CadenceTest {

    private static final long STARTED = 1_795_876_504_000L;

    private static CycleSummary summary(boolean pressure) {
        return new CycleSummary(7, ApiMode.WINDOW, List.of("all"), 2, 0, 150, 200, !pressure, pressure, false, pressure,
                300, 1_234);
    }

    @Test
    void shouldStartThePollIntervalAfterTheStartOfTheLastCycle() {
        Cadence cadence = new Cadence(Duration.ofSeconds(5), Duration.ofSeconds(1));

        assertThat(cadence.nextStart(STARTED, summary(false))).isEqualTo(STARTED + 5_000);
        assertThat(cadence.nextStart(STARTED, null)).as("before any cycle ended").isEqualTo(STARTED + 5_000);
    }

    @Test
    void shouldStartSoonerAfterACycleUnderPressure() {
        Cadence cadence = new Cadence(Duration.ofSeconds(5), Duration.ofSeconds(1));

        assertThat(cadence.nextStart(STARTED, summary(true))).isEqualTo(STARTED + 1_000);
        assertThat(new Cadence(Duration.ofSeconds(5), Duration.ZERO).nextStart(STARTED, summary(true))).isEqualTo(STARTED);
    }

    @Test
    void shouldNeverWaitLongerUnderPressureThanWithout() {
        Cadence slowPressure = new Cadence(Duration.ofSeconds(5), Duration.ofSeconds(30));
        Cadence equal = new Cadence(Duration.ofSeconds(5), Duration.ofSeconds(5));

        assertThat(slowPressure.nextStart(STARTED, summary(true))).isEqualTo(STARTED + 5_000);
        assertThat(equal.nextStart(STARTED, summary(true))).isEqualTo(STARTED + 5_000);
    }
}
