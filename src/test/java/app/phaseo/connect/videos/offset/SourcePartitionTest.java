package app.phaseo.connect.videos.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.capture.Change;
import app.phaseo.connect.videos.capture.ChangeKind;
import app.phaseo.connect.videos.config.KeyFormat;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.record.RecordFactory;
import app.phaseo.connect.videos.schema.ConversionListener;
import app.phaseo.connect.videos.schema.ValueFormat;
import app.phaseo.connect.videos.schema.ValueShaper;
import app.phaseo.connect.videos.testkit.TaskContexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The partition names the workspace and the protocol, recognises only itself, and has the same bytes in every JVM. */
class SourcePartitionTest {

    /** What the worker stores the partition of workspace studio-a under, in every JVM. */
    static final String STORAGE_KEY = "[\"connector\",{\"workspace\":\"studio-a\",\"protocol\":\"1\"}]";

    /**
     * Prints, in child JVMs, the storage key of studio-a's partition as built, then as a record
     * carries it to the worker (through {@link RecordFactory}).
     */
    public static void main(String[] args) {
        Map<String, String> partition = SourcePartition.of("studio-a");
        RecordFactory factory = new RecordFactory("videos", partition, KeyFormat.STRING,
                new ValueShaper(ValueFormat.STRUCT, false, ConversionListener.NO_OP), new OffsetCodec());
        SourceRecord tombstone = factory.toRecord(new Change("G-1", null, ChangeKind.DELETED, VideoStatus.COMPLETED,
                VideoStatus.COMPLETED, List.of("video.deleted"), true, 0, 0, CaptureOffset.initial(0)));
        System.out.println(TaskContexts.storageKey(partition));
        System.out.println(TaskContexts.storageKey(tombstone.sourcePartition()));
    }

    @Test
    void shouldSerializeInOneFixedOrder() {
        assertThat(TaskContexts.storageKey(SourcePartition.of("studio-a"))).isEqualTo(STORAGE_KEY);
        assertThat(SourcePartition.of("studio-a").keySet()).containsExactly("workspace", "protocol");
    }

    /**
     * Connect finds an offset by the serialized partition, so its bytes must not depend on anything
     * that changes between JVMs ({@code Map.of} iteration order does). Four fresh JVMs, one answer.
     */
    @Test
    void shouldSerializeTheSameInEveryNewJvm() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < 4; i++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SourcePartitionTest.class.getName()).redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(child.waitFor()).as("child JVM %s said: %s", i, out).isZero();
            assertThat(out.lines()).as("storage keys in child JVM %s: as built, then as a record carries it", i)
                    .containsExactly(STORAGE_KEY, STORAGE_KEY);
        }
    }

    @Test
    void shouldLookUpTheFixedOrderFirstThenTheOrderEarlierVersionsAlsoWrote() {
        List<Map<String, String>> keys = SourcePartition.lookupKeys("studio-a");

        assertThat(keys).extracting(TaskContexts::storageKey).containsExactly(STORAGE_KEY,
                "[\"connector\",{\"protocol\":\"1\",\"workspace\":\"studio-a\"}]");
        assertThat(keys).allSatisfy(k -> assertThat(SourcePartition.matches(k, "studio-a")).isTrue());
    }

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
        CaptureOffset offset = new CaptureOffset(1, ApiBehavior.WINDOW, null, Long.MIN_VALUE, null, BackfillState.DONE, 0, 0, jobs);
        jobs.clear();

        assertThat(offset.jobs()).hasSize(1);
        assertThatThrownBy(() -> offset.jobs().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new CaptureOffset(1, null, null, 0, null, BackfillState.DONE, 0, 0, List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CaptureOffset(1, ApiBehavior.WINDOW, null, 0, null, null, 0, 0, List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TrackedJob(null, 1, VideoStatus.QUEUED, false, 1, 1, 1, 0))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TrackedJob("G-1", 1, null, false, 1, 1, 1, 0))
                .isInstanceOf(NullPointerException.class);
    }
}
