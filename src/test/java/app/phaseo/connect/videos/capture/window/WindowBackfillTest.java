package app.phaseo.connect.videos.capture.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.capture.CaptureListener;
import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.Change;
import app.phaseo.connect.videos.capture.ChangeDetector;
import app.phaseo.connect.videos.capture.CycleContext;
import app.phaseo.connect.videos.capture.FakeVideosApi;
import app.phaseo.connect.videos.capture.Fingerprinter;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.capture.Switch;
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
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link WindowBackfill}, each against {@link FakeVideosApi}: each single-status window
 * read once, nothing read when the live read already held every job, and a switch to the cursor
 * when a listing turns out to be a full history.
 */
class WindowBackfillTest extends app.phaseo.connect.videos.capture.BackfillFixture {


    /** What a cycle's window reads found, as far as the backfill asks: whether they held every job, where the unfiltered listing ended. */
    private static WindowRead live(boolean sawEveryJob, String lastUnfilteredId) {
        return new WindowRead(Optional.empty(), List.of(), Set.of(), true, false, false, false, false, false, sawEveryJob,
                lastUnfilteredId);
    }

    @Test
    void underTheWindowBehaviourEachSingleStatusWindowIsReadOnceAndOlderHistoryIsReportedUnreachable() {
        api.windowRows(101);
        List<String> expected = new ArrayList<>();
        expected.addAll(history(20, "failed", 0));
        expected.addAll(history(10, "cancelled", 100));
        List<String> completed = history(150, "completed", 200);
        expected.addAll(completed.subList(49, 150)); // the 101 most recently updated
        state.mode(ApiBehavior.WINDOW);
        CaptureSettings window = settings(ApiBehavior.WINDOW, BackfillMode.ALL, ApiTimes.NONE, 2);

        List<Change> out = new ArrayList<>();
        CycleContext ctx = context(window);
        WindowBackfill backfill = new WindowBackfill(StatusWindow.all(), live(false, null));
        int steps = 0;
        while (!backfill.step(ctx)) {
            steps++;
        }
        out.addAll(ctx.changes());
        assertThat(backfill.outcome()).as("rule: windows that end within a window do not switch").isEmpty();

        assertThat(api.requests()).as("rule: every single-status window once (two pages at most)").containsExactly(
                "list status=queued after=null order=desc", "list status=processing after=null order=desc",
                "list status=completed after=null order=desc", "list status=completed after=" + completed.get(50)
                        + " order=desc",
                "list status=failed after=null order=desc", "list status=cancelled after=null order=desc",
                "list status=expired after=null order=desc");
        assertThat(steps).as("rule: one request per step").isEqualTo(6);
        assertThat(out).extracting(Change::id).as("every job the windows list, once")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(events).as("rule: the history beyond the windows is reported unreachable")
                .containsExactly("done " + expected.size() + " beyond-window-unreachable=true");
        assertThat(state.backfill()).isEqualTo(BackfillState.DONE);
    }

    @Test
    void underTheWindowBehaviourNothingIsReadWhenTheListingShowedEveryJob() {
        history(20, "completed", 0);
        state.mode(ApiBehavior.WINDOW);
        CycleContext ctx = context(settings(ApiBehavior.WINDOW, BackfillMode.ALL, ApiTimes.NONE, 2));

        new WindowBackfill(StatusWindow.all(), live(true, null)).step(ctx);

        assertThat(api.requests()).as("rule: a root window with room to spare held every job: nothing to backfill").isEmpty();
        assertThat(events).containsExactly("done 0 beyond-window-unreachable=false");
    }

    @Test
    void aStatusListingLongerThanAWindowSwitchesTheBackfillToTheCursor() {
        List<String> ids = history(350, "completed", 0); // a full history: no window limit
        state.mode(ApiBehavior.AUTO);
        CycleContext ctx = context(settings(ApiBehavior.AUTO, BackfillMode.ALL, ApiTimes.NONE, 2));
        // where this cycle's unfiltered listing ended
        WindowBackfill backfill = new WindowBackfill(StatusWindow.all(), live(false, ids.get(250)));
        int steps = 0;
        while (!backfill.step(ctx)) {
            assertThat(++steps).isLessThan(100);
        }

        assertThat(backfill.outcome()).as("rule: a listing past a window is a full history: the read says switch")
                .map(Switch::to).contains(ApiBehavior.CURSOR);
        assertThat(state.mode()).as("rule: the read writes no mode; the engine switches").isEqualTo(ApiBehavior.AUTO);
        assertThat(state.lastId()).as("rule: the cursor backfill goes on below the unfiltered listing")
                .isEqualTo(ids.get(250));
        assertThat(state.backfill()).isEqualTo(BackfillState.RUNNING);
        assertThat(events).as("not done: it goes on through the cursor").isEmpty();
    }
}
