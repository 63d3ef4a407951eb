package app.phaseo.connect.videos.capture.cursor;

import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.CycleContext;
import app.phaseo.connect.videos.capture.LiveResult;
import app.phaseo.connect.videos.capture.Read;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.capture.Switch;
import app.phaseo.connect.videos.client.SortOrder;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.offset.BackfillState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The live part of a cycle under the documented behaviour (full history, newest first, stable
 * cursor): reads from the top until it meets the newest job it already knew (the high-water mark,
 * {@code first_id}), so every new job is seen however many arrived. Rows below the mark that the
 * page carries anyway are looked at when the connector remembers the job: still followed, or
 * final and retired from the offsets (a reconciler claim that took a job just before its billing
 * mark rewrites its {@code completed_at} just after, and nothing else would show that). The mark
 * moves only once the gap is closed, so a restart in the middle re-reads the gap rather than
 * skipping it.
 */
final class HeadScan implements Read<LiveResult> {

    /** A head scan reads no windows, splits nothing and never finds another behaviour. */
    static final LiveResult OUTCOME = new LiveResult() {
        @Override
        public Optional<Switch> switchTo() {
            return Optional.empty();
        }

        @Override
        public List<String> windows() {
            return List.of();
        }

        @Override
        public boolean overflow() {
            return false;
        }

        @Override
        public boolean partial() {
            return false;
        }

        @Override
        public boolean split() {
            return false;
        }
    };

    private String after;
    private ObjectNode newHead;
    private boolean reached;

    @Override
    public LiveResult outcome() {
        return OUTCOME;
    }

    @Override
    public boolean step(CycleContext ctx) {
        CaptureState state = ctx.state();
        VideoPage page = ctx.list(StatusWindow.all(), after, SortOrder.DESC);
        if (newHead == null && !page.data().isEmpty()) {
            newHead = page.data().get(0);
        }
        if (state.firstId() == null) {
            return firstEverPage(ctx, page);
        }
        for (ObjectNode row : page.data()) {
            String id = row.get("id").textValue();
            if (!reached && isAtOrBelowMark(state, id, row)) {
                reached = true;
            }
            if (!reached) {
                ctx.observe(row, false);
            } else if (state.remembered(id) != null) {
                ctx.observe(row, false);
            }
        }
        if (!reached && page.hasMore() && !page.data().isEmpty()) {
            after = page.lastId();
            return false;
        }
        if (newHead != null) {
            String id = newHead.get("id").textValue();
            state.head(id, CycleContext.createdMillis(newHead));
        }
        return true;
    }

    /** The first page ever read: it sets the mark, and the backfill continues below it. */
    private boolean firstEverPage(CycleContext ctx, VideoPage page) {
        CaptureState state = ctx.state();
        boolean backfillOff = ctx.settings().backfillMode() == BackfillMode.NONE;
        for (ObjectNode row : page.data()) {
            ctx.observe(row, ctx.silentFor(row));
        }
        if (newHead != null) {
            state.head(newHead.get("id").textValue(), CycleContext.createdMillis(newHead));
        }
        if (state.backfill() == BackfillState.PENDING) {
            boolean more = page.hasMore() && !backfillOff && !page.data().isEmpty();
            state.lastId(page.lastId());
            state.backfill(more ? BackfillState.RUNNING : BackfillState.DONE);
        }
        return true;
    }

    private static boolean isAtOrBelowMark(CaptureState state, String id, ObjectNode row) {
        if (id.equals(state.firstId())) {
            return true;
        }
        long created = CycleContext.createdMillis(row);
        return state.firstCreated() != ApiTimes.NONE && created != ApiTimes.NONE && created < state.firstCreated();
    }
}
