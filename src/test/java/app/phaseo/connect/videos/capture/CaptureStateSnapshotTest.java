package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.offset.TrackedJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Each snapshot holds exactly the jobs remembered when it was taken, in their order, however the state
 * changed afterwards: snapshots keep edits rather than copies, and start a new base now and then.
 */
class CaptureStateSnapshotTest {

    private static TrackedJob job(String id, long fingerprint, boolean isFinal) {
        return new TrackedJob(id, fingerprint, isFinal ? VideoStatus.COMPLETED : VideoStatus.PROCESSING, isFinal,
                1_000 + fingerprint, 1_000, 1_000 + fingerprint, 5);
    }

    @Test
    void shouldHoldTheJobsOfTheMomentItWasTaken() {
        SplittableRandom random = new SplittableRandom(3);
        List<TrackedJob> initial = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            initial.add(job("G-" + i, i, false));
        }
        CaptureOffset start = new CaptureOffset(1, app.phaseo.connect.videos.model.ApiBehavior.CURSOR, null, Long.MIN_VALUE,
                null, app.phaseo.connect.videos.offset.BackfillState.DONE, Long.MIN_VALUE, 0, initial);
        CaptureState state = CaptureState.resume(start, 100);
        Map<String, TrackedJob> expected = new LinkedHashMap<>();
        initial.forEach(j -> expected.put(j.id(), j));

        List<CaptureOffset> snapshots = new ArrayList<>();
        List<List<TrackedJob>> truths = new ArrayList<>();
        for (int step = 0; step < 5_000; step++) {
            String id = "G-" + random.nextInt(300);
            switch (random.nextInt(4)) {
                case 0:
                    state.retire(id);
                    expected.remove(id);
                    break;
                case 1:
                    state.forget(id);
                    expected.remove(id);
                    break;
                default:
                    TrackedJob next = job(id, random.nextLong(1_000_000), random.nextBoolean());
                    state.track(next);
                    expected.put(id, next);
            }
            if (random.nextInt(3) == 0) {
                snapshots.add(state.snapshot());
                truths.add(List.copyOf(expected.values()));
            }
        }

        for (int i = snapshots.size() - 1; i >= 0; i--) {
            assertThat(snapshots.get(i).jobs()).as("snapshot %d", i).containsExactlyElementsOf(truths.get(i));
        }
        assertThat(List.copyOf(state.trackedJobs())).containsExactlyElementsOf(expected.values());
    }

    @Test
    void shouldEncodeTheSameOffsetFromAnotherThread() throws Exception {
        CaptureState state = CaptureState.resume(CaptureOffset.initial(0), 10);
        for (int i = 0; i < 200; i++) {
            state.track(job("G-" + i, i, i % 2 == 0));
        }
        CaptureOffset offset = state.snapshot();
        List<TrackedJob> truth = List.copyOf(state.trackedJobs());
        state.forget("G-3");
        state.track(job("G-999", 9, false));
        OffsetCodec codec = new OffsetCodec();
        Map<String, Object> map = codec.toMap(offset);

        Map<String, Object> encoded = CompletableFuture.supplyAsync(() -> new LinkedHashMap<>(map)).get();

        assertThat(codec.fromMap(encoded).jobs()).containsExactlyElementsOf(truth);
        assertThat(codec.fromMap(encoded)).isEqualTo(offset);
    }
}
