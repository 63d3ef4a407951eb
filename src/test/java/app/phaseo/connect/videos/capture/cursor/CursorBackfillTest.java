package app.phaseo.connect.videos.capture.cursor;

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
 * The rules of {@link CursorBackfill}, each against {@link FakeVideosApi}: the documented history
 * paged down from the cursor within a page budget per cycle, the cursor moved row by row, the end of
 * the history or of the requested period, a refused cursor.
 */
class CursorBackfillTest extends app.phaseo.connect.videos.capture.BackfillFixture {


    /** One cycle's share of the backfill: steps until it yields; returns the cycle's context. */
    private CycleContext cycle(CaptureSettings settings) {
        CycleContext ctx = context(settings);
        CursorBackfill backfill = new CursorBackfill();
        int steps = 0;
        while (!backfill.step(ctx)) {
            assertThat(++steps).as("a backfill slice ends").isLessThan(1_000);
        }
        assertThat(backfill.outcome()).as("rule: the history of a full listing never switches").isEmpty();
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
        assertThat(first.changes()).extracting(Change::id).as("rule: the history below the cursor, newest first")
                .containsExactlyElementsOf(older.subList(0, 200));
        assertThat(first.changes()).allSatisfy(c -> assertThat(c.offset().lastId()).as("rule: each record's offset resumes after it")
                .isEqualTo(c.id()));
        assertThat(state.lastId()).as("rule: the cursor is the last row streamed").isEqualTo(older.get(199));
        assertThat(state.backfill()).isEqualTo(BackfillState.RUNNING);
        assertThat(api.requests()).as("rule: pages continue after the cursor").first().asString()
                .contains("after=" + ids.get(250));

        CycleContext second = cycle(CURSOR);
        assertThat(second.changes()).extracting(Change::id).containsExactlyElementsOf(older.subList(200, 250));
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
        assertThat(ctx.changes()).extracting(Change::id).as("rule: only jobs created at or after backfill.since")
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
}
