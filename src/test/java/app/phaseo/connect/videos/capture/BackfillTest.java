package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoIds;
import app.phaseo.connect.videos.offset.BackfillState;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.simulator.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's part of the backfill, against {@link FakeVideosApi}: {@code backfill.mode=none} reads
 * nothing under either listing behaviour, and a backfill that finds a full history switches the
 * engine to the cursor. The backfills themselves are tested beside them ({@code CursorBackfillTest},
 * {@code WindowBackfillTest}).
 */
class BackfillTest extends BackfillFixture {


    /** Runs one whole cycle of the engine. */
    private void runCycle(CaptureEngine engine) {
        engine.startCycle();
        int steps = 0;
        while (!engine.step().cycleDone()) {
            assertThat(++steps).as("a cycle ends").isLessThan(1_000);
        }
    }

    @Test
    void backfillModeNoneReadsNothingAndIsDone() {
        history(5, "completed", 0);
        CaptureEngine engine = new CaptureEngine(api, settings(ApiBehavior.WINDOW, BackfillMode.NONE, ApiTimes.NONE, 2),
                state, listener, clock);

        runCycle(engine);

        assertThat(api.requests()).as("rule: backfill.mode=none reads nothing beyond the live window")
                .containsExactly("list status= after=null order=desc");
        assertThat(state.backfill()).as("rule: backfill.mode=none is done at once").isEqualTo(BackfillState.DONE);
        assertThat(events).as("rule: nothing was streamed, so nothing is reported").isEmpty();
    }

    @Test
    void aLiveReadThatFindsAFullHistorySwitchesTheEngineAndTheBackfillGoesOnThroughTheCursor() {
        List<String> ids = history(600, "completed", 0); // a full history: no window limit
        List<String> modes = new ArrayList<>();
        CaptureListener watching = new CaptureListener() {
            @Override
            public void onModeDetected(ApiBehavior mode, String evidence) {
                modes.add(mode + ": " + evidence);
            }
        };
        CaptureEngine engine = new CaptureEngine(api, settings(ApiBehavior.AUTO, BackfillMode.ALL, ApiTimes.NONE, 2),
                state, watching, clock);

        runCycle(engine);

        assertThat(state.mode()).as("rule: the engine switches on the read's word").isEqualTo(ApiBehavior.CURSOR);
        assertThat(modes).as("rule: the switch is reported once, with its evidence").singleElement().asString()
                .startsWith("CURSOR: the listing went on past 101 rows");
        assertThat(state.backfill()).as("rule: the backfill goes on through the cursor").isEqualTo(BackfillState.RUNNING);
        int read = (int) api.lists();
        assertThat(api.requests().subList(read - 2, read)).as("rule: the rest of the cycle pages the history below the window read")
                .allSatisfy(r -> assertThat(r).startsWith("list status= after=G-").endsWith("order=desc"));
        assertThat(ids).contains(state.lastId());
    }
}
