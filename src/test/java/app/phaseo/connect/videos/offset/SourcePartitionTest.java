package app.phaseo.connect.videos.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.model.VideoStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partition names the workspace and the protocol, and recognises only itself. */
class SourcePartitionTest {

    @Test
    void shouldNameTheWorkspaceAndTheProtocol() {
        assertThat(SourcePartition.of("studio-a")).containsOnly(Map.entry("workspace", "studio-a"), Map.entry("protocol", "1"));
    }

    @Test
    void shouldMatchItselfAlsoAfterAJsonRoundTrip() {
        Map<String, ?> partition = SourcePartition.of("studio-a");
        Map<String, Object> numericProtocol = new HashMap<>(partition);
        numericProtocol.put("protocol", 1L);

        assertThat(SourcePartition.matches(partition, "studio-a")).isTrue();
        assertThat(SourcePartition.matches(OffsetCodecTest.throughJsonConverter(new HashMap<>(partition)), "studio-a")).isTrue();
        assertThat(SourcePartition.matches(numericProtocol, "studio-a")).isTrue();
    }

    @Test
    void shouldNotMatchAnotherWorkspaceProtocolOrShape() {
        Map<String, Object> otherProtocol = new HashMap<>(SourcePartition.of("studio-a"));
        otherProtocol.put("protocol", "2");
        Map<String, Object> noProtocol = new HashMap<>(SourcePartition.of("studio-a"));
        noProtocol.remove("protocol");

        assertThat(SourcePartition.matches(SourcePartition.of("studio-b"), "studio-a")).isFalse();
        assertThat(SourcePartition.matches(otherProtocol, "studio-a")).isFalse();
        assertThat(SourcePartition.matches(noProtocol, "studio-a")).isFalse();
        assertThat(SourcePartition.matches(Map.of("filename", "/tmp/x"), "studio-a")).isFalse();
        assertThat(SourcePartition.matches(null, "studio-a")).isFalse();
    }

    @Test
    void shouldKeepOffsetValuesImmutableAndComplete() {
        List<TrackedJob> jobs = new ArrayList<>(List.of(new TrackedJob("G-1", 1, VideoStatus.QUEUED, false, 1, 1, 1, 0)));
        CaptureOffset offset = new CaptureOffset(1, ApiMode.WINDOW, null, Long.MIN_VALUE, null, BackfillState.DONE, 0, 0, jobs);
        jobs.clear();

        assertThat(offset.jobs()).hasSize(1);
        assertThatThrownBy(() -> offset.jobs().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new CaptureOffset(1, null, null, 0, null, BackfillState.DONE, 0, 0, List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CaptureOffset(1, ApiMode.WINDOW, null, 0, null, null, 0, 0, List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TrackedJob(null, 1, VideoStatus.QUEUED, false, 1, 1, 1, 0))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TrackedJob("G-1", 1, null, false, 1, 1, 1, 0))
                .isInstanceOf(NullPointerException.class);
    }
}
