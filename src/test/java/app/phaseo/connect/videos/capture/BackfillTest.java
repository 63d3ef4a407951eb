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
 * The rules of {@link Backfill}, each against {@link FakeVideosApi}: the documented history paged
 * down from the cursor within a page budget per cycle, the cursor moved row by row, the end of the
 * history or of the requested period, a refused cursor; under the window behaviour each
 * single-status window read once, and the switch to the cursor when a listing turns out to be a
 * full history.
 */
class BackfillTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final FakeVideosApi api = new FakeVideosApi();
    private final List<String> events = new ArrayList<>();
    private final CaptureListener listener = new CaptureListener() {
        @Override
        public void onBackfillDone(long jobs, boolean historyBeyondWindowUnreachable) {
            events.add("done " + jobs + " beyond-window-unreachable=" + historyBeyondWindowUnreachable);
        }

        @Override
        public void onBackfillCursorRejected(String cursor, String message) {
            events.add("rejected " + cursor);
        }
    };
    private final CaptureState state = CaptureState.resume(CaptureOffset.initial(T0.toEpochMilli()), 10_000);

    private static CaptureSettings settings(ApiBehavior behavior, BackfillMode mode, long sinceMillis, int pagesPerCycle) {
        return CaptureSettings.builder()
                .behavior(behavior)
                .stateMaxJobs(2_000)
                .backfillMode(mode)
                .backfillSinceMillis(sinceMillis)
                .backfillPagesPerCycle(pagesPerCycle)
                .build();
    }

    private static final CaptureSettings CURSOR = settings(ApiBehavior.CURSOR, BackfillMode.ALL, ApiTimes.NONE, 2);

    private CycleContext context(CaptureSettings settings) {
        return new CycleContext(api, settings, state, new ChangeDetector(Set.of()),
                new Fingerprinter(settings.volatileFields()), listener, clock);
    }

    /** {@code n} finished jobs of the given status, created a minute apart, oldest first; returns their ids. */
    private List<String> history(int n, String status, int firstNumber) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = FakeVideosApi.id(T0.minus(Duration.ofDays(2)).toEpochMilli() + (firstNumber + i) * 60_000L,
                    firstNumber + i);
            api.put("completed".equals(status) ? FakeVideosApi.finished(id) : FakeVideosApi.video(id, status, 0, "void"));
            ids.add(id);
        }
        return ids;
    }

    /** One cycle's share of the backfill: steps until it yields; returns the cycle's context. */
    private CycleContext cycle(CaptureSettings settings) {
        CycleContext ctx = context(settings);
        Backfill backfill = new Backfill(StatusWindow.all());
        int steps = 0;
        while (!backfill.step(ctx)) {
            assertThat(++steps).as("a backfill slice ends").isLessThan(1_000);
        }
        return ctx;
    }

    private void cursorAt(String id) {
        state.mode(ApiBehavior.CURSOR);
        state.lastId(id);
        state.backfill(BackfillState.RUNNING);
    }

    @Test
    void theDocumentedHistoryIsPagedDownWithinThePageBudgetMovingTheCursorRowByRow() {
        List<String> ids = history(251, "completed", 0);
        cursorAt(ids.get(250)); // the head scan wrote the newest job
        List<String> older = new ArrayList<>(ids.subList(0, 250));
        Collections.reverse(older);

        CycleContext first = cycle(CURSOR);
        assertThat(api.lists()).as("rule: at most backfill.pages.per.cycle pages per cycle").isEqualTo(2);
        assertThat(first.out).extracting(Change::id).as("rule: the history below the cursor, newest first")
                .containsExactlyElementsOf(older.subList(0, 200));
        assertThat(first.out).allSatisfy(c -> assertThat(c.offset().lastId()).as("rule: each record's offset resumes after it")
                .isEqualTo(c.id()));
        assertThat(state.lastId()).as("rule: the cursor is the last row streamed").isEqualTo(older.get(199));
        assertThat(state.backfill()).isEqualTo(BackfillState.RUNNING);
        assertThat(api.requests()).as("rule: pages continue after the cursor").first().asString()
                .contains("after=" + ids.get(250));

        CycleContext second = cycle(CURSOR);
        assertThat(second.out).extracting(Change::id).containsExactlyElementsOf(older.subList(200, 250));
        assertThat(state.backfill()).as("rule: a page without more ends the backfill").isEqualTo(BackfillState.DONE);
        assertThat(events).as("rule: the end is reported once, with the count of this run")
                .containsExactly("done 50 beyond-window-unreachable=false");

        cycle(CURSOR);
        assertThat(api.lists()).as("rule: a finished backfill makes no request").isEqualTo(3);
    }

    @Test
    void theBackfillStopsAtTheFirstJobOlderThanBackfillSince() {
        List<String> ids = history(50, "completed", 0);
        cursorAt(ids.get(49));
        long since = VideoIds.creationMillis(ids.get(30));

        CycleContext ctx = cycle(settings(ApiBehavior.CURSOR, BackfillMode.SINCE, since, 2));

        List<String> wanted = new ArrayList<>(ids.subList(30, 49));
        Collections.reverse(wanted);
        assertThat(ctx.out).extracting(Change::id).as("rule: only jobs created at or after backfill.since")
                .containsExactlyElementsOf(wanted);
        assertThat(state.backfill()).as("rule: the first older job ends the backfill").isEqualTo(BackfillState.DONE);
    }

    @Test
    void aRefusedCursorEndsTheBackfillAndIsReported() {
        List<String> ids = history(5, "completed", 0);
        cursorAt(ids.get(4));
        api.failNext(new PhaseoApiException(ErrorKind.BAD_REQUEST, "invalid cursor", null, 400, "invalid_after", null, null,
                null));

        cycle(CURSOR);

        assertThat(events).as("rule: a 400 on the cursor is reported and ends the backfill")
                .containsExactly("rejected " + ids.get(4), "done 0 beyond-window-unreachable=false");
        assertThat(state.backfill()).isEqualTo(BackfillState.DONE);
    }

    @Test
    void anyOtherFailurePropagatesAndKeepsTheCursor() {
        List<String> ids = history(5, "completed", 0);
        cursorAt(ids.get(4));
        api.failNext(new PhaseoApiException(ErrorKind.SERVER_ERROR, "bad gateway", null, 502, null, null, null, null));

        assertThatThrownBy(() -> cycle(CURSOR)).as("rule: only a refused cursor is handled by the backfill")
                .isInstanceOf(PhaseoApiException.class).hasMessage("bad gateway");
        assertThat(state.lastId()).as("rule: a failed page leaves the cursor where it was").isEqualTo(ids.get(4));
        assertThat(state.backfill()).isEqualTo(BackfillState.RUNNING);
    }

    @Test
    void nothingIsReadBeforeTheHeadScanStartsTheCursor() {
        history(5, "completed", 0);
        state.mode(ApiBehavior.CURSOR);

        cycle(CURSOR);

        assertThat(api.requests()).as("rule: a pending cursor backfill waits for the head scan").isEmpty();
        assertThat(state.backfill()).isEqualTo(BackfillState.PENDING);
    }

    @Test
    void backfillModeNoneReadsNothingAndIsDone() {
        history(5, "completed", 0);
        state.mode(ApiBehavior.CURSOR);

        cycle(settings(ApiBehavior.CURSOR, BackfillMode.NONE, ApiTimes.NONE, 2));

        assertThat(api.requests()).as("rule: backfill.mode=none makes no request").isEmpty();
        assertThat(state.backfill()).as("rule: backfill.mode=none is done at once").isEqualTo(BackfillState.DONE);
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
        Backfill backfill = new Backfill(StatusWindow.all());
        int steps = 0;
        while (!backfill.step(ctx)) {
            steps++;
        }
        out.addAll(ctx.out);

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
        ctx.sawEveryJob = true;

        new Backfill(StatusWindow.all()).step(ctx);

        assertThat(api.requests()).as("rule: a root window with room to spare held every job: nothing to backfill").isEmpty();
        assertThat(events).containsExactly("done 0 beyond-window-unreachable=false");
    }

    @Test
    void aStatusListingLongerThanAWindowSwitchesTheBackfillToTheCursor() {
        List<String> ids = history(350, "completed", 0); // a full history: no window limit
        state.mode(ApiBehavior.AUTO);
        CycleContext ctx = context(settings(ApiBehavior.AUTO, BackfillMode.ALL, ApiTimes.NONE, 2));
        ctx.lastUnfilteredId = ids.get(250); // where this cycle's unfiltered listing ended
        Backfill backfill = new Backfill(StatusWindow.all());
        int steps = 0;
        while (!backfill.step(ctx)) {
            assertThat(++steps).isLessThan(100);
        }

        assertThat(state.mode()).as("rule: a listing past a window is a full history").isEqualTo(ApiBehavior.CURSOR);
        assertThat(state.lastId()).as("rule: the cursor backfill goes on below the unfiltered listing")
                .isEqualTo(ids.get(250));
        assertThat(state.backfill()).isEqualTo(BackfillState.RUNNING);
        assertThat(events).as("not done: it goes on through the cursor").isEmpty();
    }
}
