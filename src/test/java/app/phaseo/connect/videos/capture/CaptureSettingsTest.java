package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link CaptureSettings} is built by name, and its builder starts where the config does. */
class CaptureSettingsTest {

    private static PhaseoVideosConfig config(Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(PhaseoVideosConfig.API_KEY, "test-key");
        props.putAll(overrides);
        return new PhaseoVideosConfig(props);
    }

    @Test
    void theBuilderStartsAtTheConfigDefaults() {
        assertThat(CaptureSettings.builder().build())
                .as("rule: a builder left alone gives what a config left alone gives")
                .isEqualTo(CaptureSettings.from(config(Map.of())));
    }

    @Test
    void fromReadsEveryKeyIntoItsNamedSetting() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(PhaseoVideosConfig.POLL_INTERVAL, "7000");
        props.put(PhaseoVideosConfig.API_BEHAVIOR, "cursor");
        props.put(PhaseoVideosConfig.STATUS_FILTER, "completed");
        props.put(PhaseoVideosConfig.FOLLOW_ON_WINDOW_OVERFLOW, "true");
        props.put(PhaseoVideosConfig.TOMBSTONES, "true");
        props.put(PhaseoVideosConfig.BACKFILL_MODE, "since");
        props.put(PhaseoVideosConfig.BACKFILL_SINCE, "2026-01-01T00:00:00Z");
        props.put(PhaseoVideosConfig.BACKFILL_PAGES, "3");
        props.put(PhaseoVideosConfig.PRESSURE_MAX_REQUESTS, "42");

        CaptureSettings s = CaptureSettings.from(config(props));

        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.behavior()).isEqualTo(ApiBehavior.CURSOR);
        assertThat(s.statusFilter()).isEqualTo(Set.of(VideoStatus.COMPLETED));
        assertThat(s.followOnWindowOverflow()).isTrue();
        assertThat(s.tombstones()).isTrue();
        assertThat(s.backfillMode()).isEqualTo(BackfillMode.SINCE);
        assertThat(s.backfillSinceMillis()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(s.backfillPagesPerCycle()).isEqualTo(3);
        assertThat(s.pressureMaxRequestsPerMinute()).isEqualTo(42);
    }

    @Test
    void toBuilderChangesOnlyWhatItIsTold() {
        CaptureSettings base = CaptureSettings.from(config(Map.of(PhaseoVideosConfig.PAGE_SIZE, "37")));

        CaptureSettings changed = base.toBuilder().followOnWindowOverflow(true).build();

        assertThat(base.toBuilder().build()).as("rule: an untouched copy is equal").isEqualTo(base);
        assertThat(changed.followOnWindowOverflow()).isTrue();
        assertThat(changed.toBuilder().followOnWindowOverflow(false).build()).isEqualTo(base);
    }
}
