package app.phaseo.connect.videos.capture.cursor;

import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.ChangeDetector;
import app.phaseo.connect.videos.capture.CycleContext;
import app.phaseo.connect.videos.capture.Read;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.capture.Switch;
import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.client.SortOrder;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.offset.BackfillState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The backfill under the documented behaviour: pages down the full history from the backfill
 * cursor ({@code last_id}), a budget of pages per cycle so live changes are not held up, moving the
 * cursor row by row so that any committed offset resumes exactly after the last record.
 */
final class CursorBackfill implements Read<Optional<Switch>> {

    private int pages;
    private long streamed;

    @Override
    public Optional<Switch> outcome() {
        return Optional.empty();
    }

    @Override
    public boolean step(CycleContext ctx) {
        CaptureState state = ctx.state();
        if (state.backfill() != BackfillState.RUNNING) {
            return true; // pending: the head scan starts it below the first page it reads; or done
        }
        VideoPage page;
        try {
            page = ctx.list(StatusWindow.all(), state.lastId(), SortOrder.DESC);
        } catch (PhaseoApiException e) {
            if (e.kind() != ErrorKind.BAD_REQUEST) {
                throw e;
            }
            // The cursor job vanished and the API refuses the cursor: history below it is out of reach.
            ctx.listener().onBackfillCursorRejected(state.lastId(), e.getMessage());
            finish(ctx);
            return true;
        }
        pages++;
        for (ObjectNode row : page.data()) {
            if (ctx.beforeBackfillSince(row)) {
                finish(ctx);
                return true;
            }
            state.lastId(row.get("id").textValue());
            ChangeDetector.Result result = ctx.observe(row, false);
            if (result.change() != null) {
                streamed++;
            }
        }
        if (!page.hasMore() || page.data().isEmpty()) {
            finish(ctx);
            return true;
        }
        return pages >= ctx.settings().backfillPagesPerCycle();
    }

    private void finish(CycleContext ctx) {
        ctx.state().backfill(BackfillState.DONE);
        ctx.listener().onBackfillDone(streamed, false);
    }
}
