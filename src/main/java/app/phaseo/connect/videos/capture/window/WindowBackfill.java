package app.phaseo.connect.videos.capture.window;

import app.phaseo.connect.videos.capture.CycleContext;
import app.phaseo.connect.videos.capture.Read;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.capture.Switch;
import app.phaseo.connect.videos.offset.BackfillState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The backfill under the window behaviour: no history lies beyond the windows, but each status has
 * its own window of recently updated jobs, so it reads every single-status window once (within one
 * cycle: at most two pages each), says that older history is unreachable, and is done. Skipped when
 * the cycle's root window already held every job of the filter. If a status listing goes on past a
 * window, the API keeps a full history after all: the read ends with a switch, and the backfill
 * goes on through the cursor, below what the unfiltered listing showed.
 */
final class WindowBackfill implements Read<Optional<Switch>> {

    private final StatusWindow root;
    private final WindowRead live;
    private Deque<StatusWindow> leaves;
    private WindowScan current;
    private long streamed;
    private Switch switchTo;

    /** @param live what this cycle's window reads found */
    WindowBackfill(StatusWindow root, WindowRead live) {
        this.root = root;
        this.live = live;
    }

    @Override
    public Optional<Switch> outcome() {
        return Optional.ofNullable(switchTo);
    }

    /** Reads the single-status windows one request at a time; bounded (two pages each), so not budgeted. */
    @Override
    public boolean step(CycleContext ctx) {
        if (leaves == null) {
            if (live.sawEveryJob()) {
                finish(ctx, false);
                return true;
            }
            ctx.state().backfill(BackfillState.RUNNING);
            leaves = new ArrayDeque<>(root.leaves());
        }
        if (current == null) {
            current = WindowScan.history(leaves.poll());
        }
        int before = ctx.records();
        boolean done = current.step(ctx);
        streamed += ctx.records() - before;
        if (done && current.result() == WindowScan.Result.SWITCHED_TO_CURSOR) {
            switchTo = current.switchTo();
            current = null;
            leaves = null;
            ctx.state().lastId(live.lastUnfilteredId());
            ctx.state().backfill(BackfillState.RUNNING);
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
        ctx.state().backfill(BackfillState.DONE);
        ctx.listener().onBackfillDone(streamed, beyondWindowUnreachable);
    }
}
