package app.phaseo.connect.videos;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.capture.CycleSummary;
import app.phaseo.connect.videos.metrics.PhaseoTaskMetrics;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.testkit.LogCapture;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureLogTest {

    private static CycleSummary cycle(long n) {
        return new CycleSummary(n, ApiBehavior.CURSOR, List.of(), 1, 0, 0, 0, true, false, false, false, 10, 5);
    }

    @Test
    void aBurstOfEvictionsIsOneWarningPerCycleAndEveryEvictionIsCounted() {
        PhaseoTaskMetrics metrics = new PhaseoTaskMetrics(Clock.systemUTC());
        CaptureLog captureLog = new CaptureLog(metrics);
        try (LogCapture logs = LogCapture.of(CaptureLog.class.getName())) {
            for (int i = 0; i < 5_000; i++) {
                captureLog.onStateEvicted("G-" + i);
            }
            captureLog.onCycle(cycle(1));
            captureLog.onCycle(cycle(2));
            captureLog.onStateEvicted("G-last");
            captureLog.onCycle(cycle(3));

            List<String> warnings = logs.lines().stream().filter(l -> l.startsWith("WARN")).toList();
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0)).contains("More jobs in flight than state.max.jobs; stopped remembering G-0 "
                    + "(5000 jobs this cycle");
            assertThat(warnings.get(1)).contains("stopped remembering G-last (1 jobs this cycle");
        }
        assertThat(metrics.getStateEvictions()).isEqualTo(5_001);
    }
}
