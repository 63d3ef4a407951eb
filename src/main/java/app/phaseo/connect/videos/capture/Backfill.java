package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.client.SortOrder;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.offset.BackfillState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streams the history once, a budget of pages per cycle so live changes are not held up.
 *
 * <p>Documented behaviour: pages down the full history from the backfill cursor ({@code last_id}),
 * moving the cursor row by row so that any committed offset resumes exactly after the last record.
 * Window behaviour: no history lies beyond the windows, but each status has its own window of
 * recently updated jobs, so the backfill reads every single-status window once (within one cycle:
 * at most two pages each), says that older history is unreachable, and is done.
 */
final class Backfill implements Work {

    private final StatusWindow root;
    private Deque<StatusWindow> leaves;
    private WindowScan current;
    private int pages;
    private long streamed;

    Backfill(StatusWindow root) {
        this.root = root;
    }

    @Override
    public boolean step(CycleContext ctx) {
        CaptureState state = ctx.state;
        if (state.backfill() == BackfillState.DONE) {
            return true;
        }
        if (ctx.settings.backfillMode() == BackfillMode.NONE) {
            state.backfill(BackfillState.DONE);
            return true;
        }
        if (state.mode() == ApiBehavior.CURSOR) {
            return cursorPage(ctx);
        }
        return windowStep(ctx);
    }

    private boolean cursorPage(CycleContext ctx) {
        CaptureState state = ctx.state;
        if (state.backfill() == BackfillState.PENDING) {
            return true; // the head scan starts it below the first page it reads
        }
        VideoPage page;
        try {
            page = ctx.list(StatusWindow.all(), state.lastId(), SortOrder.DESC);
        } catch (PhaseoApiException e) {
            if (e.kind() != ErrorKind.BAD_REQUEST) {
                throw e;
            }
            // The cursor job vanished and the API refuses the cursor: history below it is out of reach.
            ctx.listener.onBackfillCursorRejected(state.lastId(), e.getMessage());
            finish(ctx, false);
            return true;
        }
        pages++;
        for (ObjectNode row : page.data()) {
            if (ctx.beforeBackfillSince(row)) {
                finish(ctx, false);
                return true;
            }
            state.lastId(row.get("id").textValue());
            ChangeDetector.Result result = ctx.observe(row, false);
            if (result.change() != null) {
                streamed++;
            }
        }
        if (!page.hasMore() || page.data().isEmpty()) {
            finish(ctx, false);
            return true;
        }
        return pages >= ctx.settings.backfillPagesPerCycle();
    }

    /** Reads the single-status windows one request at a time; bounded (two pages each), so not budgeted. */
    private boolean windowStep(CycleContext ctx) {
        if (leaves == null) {
            if (ctx.sawEveryJob) {
                finish(ctx, false);
                return true;
            }
            ctx.state.backfill(BackfillState.RUNNING);
            leaves = new ArrayDeque<>(root.leaves());
        }
        if (current == null) {
            current = WindowScan.history(leaves.poll());
        }
        int before = ctx.records;
        boolean done = current.step(ctx);
        streamed += ctx.records - before;
        if (done && current.result() == WindowScan.Result.SWITCHED_TO_CURSOR) {
            // A status listing went on past a window: the API keeps a full history after all. The
            // backfill goes on through the cursor, below what the unfiltered listing showed.
            current = null;
            leaves = null;
            ctx.state.lastId(ctx.lastUnfilteredId);
            ctx.state.backfill(BackfillState.RUNNING);
            return true;
        }
        if (done) {
            current = null;
            if (leaves.isEmpty()) {
                finish(ctx, true);
                return true;
            }
        }
        return false;
    }

    private void finish(CycleContext ctx, boolean beyondWindowUnreachable) {
        ctx.state.backfill(BackfillState.DONE);
        ctx.listener.onBackfillDone(streamed, beyondWindowUnreachable);
    }
}
