package app.phaseo.connect.videos.capture.window;

import app.phaseo.connect.videos.capture.ChangeDetector;
import app.phaseo.connect.videos.capture.CycleContext;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.capture.Switch;
import app.phaseo.connect.videos.client.SortOrder;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoIds;
import app.phaseo.connect.videos.offset.BackfillState;
import app.phaseo.connect.videos.offset.TrackedJob;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one list window completely, one request per {@link #step}, and works out whether it proves
 * that no change was missed since the previous cycle.
 *
 * <p>The proof (see docs/CAPTURE.md): the gateway lists the {@code R} most recently
 * updated jobs of a status filter. If a row {@code J} of the window is unchanged since a state first
 * seen at time {@code s}, and no write that changes nothing visible can have touched it since, then
 * {@code J} was last updated at or before {@code s}, and every job updated after {@code J} ranks
 * above it and is in the window. So when {@code s} is at or before the watermark (the start of the
 * last proven read), every change since the watermark is visible now. Such an <b>anchor</b> must be:
 * unchanged since before the watermark, listed by the previous read of the window, and immune to the
 * gateway's invisible writes (terminal with {@code billing.billed_at} set: the reconciler's claim
 * bumps unbilled rows only). A DELETE still bumps a row invisibly, so {@value #MIN_ANCHORS} anchors
 * are required: one deleted row cannot fake the proof. A listing that ended in its first page with
 * fewer than {@code R} rows held every job of its filter at that instant (a listing of several
 * pages proves nothing by its count: a job updated between two requests pushes a row out of the
 * later page). Otherwise the window may have overflowed, and the caller splits it.
 *
 * <p>Pages are followed with {@code after=last_id}; when a page restarts at the top (its cursor fell
 * out of the window between two requests), the tail is read once in ascending order instead.
 */
final class WindowScan {

    enum Result { COMPLETE, PARTIAL, INCOMPLETE, SWITCHED_TO_CURSOR }

    /** Anchors a proof needs: a DELETE bumps a billed row invisibly, so one anchor alone could be a deleted job. */
    static final int MIN_ANCHORS = 2;

    /** Which rule proved a read, or why none did; named in test failures and debug logs. */
    enum Proof {
        /** The first read of a window: nothing before it to prove. */
        BASELINE,
        /** The listing ended in one page with fewer rows than a window holds: every job of the filter. */
        COUNT,
        /** Enough rows immune to invisible writes, listed last time, unchanged since before the watermark. */
        ANCHORS,
        /** Not proven: the read did not end (partial, incomplete, switched). */
        NOT_COMPLETE,
        /** Not proven: too few anchors. */
        NO_ANCHOR;

        boolean proven() {
            return this == BASELINE || this == COUNT || this == ANCHORS;
        }
    }

    /** What is remembered of a window between cycles, in memory. */
    record Memory(List<String> firstPageIds, boolean tailAllFinal, long fullScanAt) {
    }

    private enum Phase { FIRST, NEXT, TAIL }

    private final StatusWindow window;
    private final boolean mayStopAfterFirstPage;
    private final boolean backfill;
    private final Memory memory;
    private final Set<String> previousMembers;

    private final List<String> ids = new ArrayList<>();
    private final Set<String> idSet = new HashSet<>();
    private final List<String> firstPageIds = new ArrayList<>();
    private boolean tailAllFinal = true;
    private boolean firstPageUnchanged = true;
    /** stateSince of every anchor candidate: immune, unchanged, listed by the previous read. */
    private final List<Long> anchorSinces = new ArrayList<>();
    private boolean endedInFirstPage;
    private int changedRows;
    private Phase phase = Phase.FIRST;
    private String after;
    private int pages;
    private int rowsAfterFirstPage;
    private Result result;
    /** Last id of the newest-first unfiltered listing read from the top, or null. */
    private String lastUnfilteredId;
    private Switch switchTo;

    /**
     * A live read of the whole window.
     *
     * @param previousMembers ids the previous read of the window listed (anchors must be among them)
     */
    static WindowScan whole(StatusWindow window, Set<String> previousMembers) {
        return new WindowScan(window, false, false, null, previousMembers);
    }

    /**
     * A live read that may end after its first page when that page is unchanged and identical to
     * what the previous full read left ({@code memory}, may be null): the idle shortcut.
     */
    static WindowScan stoppingWhenIdle(StatusWindow window, Set<String> previousMembers, Memory memory) {
        return new WindowScan(window, true, false, memory, previousMembers);
    }

    /** A one-off read of history for the backfill: no proof, no memory, not a window member. */
    static WindowScan history(StatusWindow window) {
        return new WindowScan(window, false, true, null, Set.of());
    }

    private WindowScan(StatusWindow window, boolean mayStopAfterFirstPage, boolean backfill, Memory memory,
                       Set<String> previousMembers) {
        this.window = window;
        this.mayStopAfterFirstPage = mayStopAfterFirstPage;
        this.backfill = backfill;
        this.memory = memory;
        this.previousMembers = previousMembers;
    }

    /**
     * Sets the time before which this window's proven reads saw every visible change: its watermark
     * from the last proven read, possibly one stored in the offset before a restart. A finished,
     * billed job (every later change of it carries a time: a webhook attempt) that the state does
     * not remember (a restart lost the in-memory cache of finished jobs the offset no longer holds),
     * whose latest change-marking time is older than that (less
     * {@link #RELIST_MARGIN_MILLIS}) but not older than the connector's first start, was written
     * already: it is back in the window only through a write nobody can see (a DELETE keeps it
     * listed and bumps it), so it is remembered again without a record. Without this, a restart
     * followed by such a bump repeated the job's last record. A change from before the first start
     * was never seen by a window read (history beyond the window), so such a job is written.
     */
    WindowScan seenBefore(long watermark) {
        this.relistHorizon = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - RELIST_MARGIN_MILLIS;
        return this;
    }

    /** How far before the watermark a change must be to count as seen: server times are written a little after they are taken. */
    static final long RELIST_MARGIN_MILLIS = 60_000;

    private long relistHorizon = Long.MIN_VALUE;

    StatusWindow window() {
        return window;
    }

    Result result() {
        return result;
    }

    int rowCount() {
        return ids.size();
    }

    /** Rows that were new or changed since they were last seen. */
    int changedRows() {
        return changedRows;
    }

    /** The switch this read found (a listing longer than a window), or null. */
    Switch switchTo() {
        return switchTo;
    }

    /** Last id of the unfiltered listing read newest first from the top, or null (a filtered window, nothing read). */
    String lastUnfilteredId() {
        return lastUnfilteredId;
    }

    /** The ids this read listed. */
    Set<String> listed() {
        return new HashSet<>(ids);
    }

    /** Does one request; true when the scan is over. */
    boolean step(CycleContext ctx) {
        switch (phase) {
            case FIRST:
                return firstPage(ctx);
            case NEXT:
                return nextPage(ctx);
            default:
                return tail(ctx);
        }
    }

    private boolean firstPage(CycleContext ctx) {
        VideoPage page = ctx.list(window, null, SortOrder.DESC);
        pages = 1;
        process(ctx, page.data(), true);
        if (window.isAll() && !page.data().isEmpty()) {
            lastUnfilteredId = page.lastId();
        }
        if (!page.hasMore() || page.data().isEmpty()) {
            endedInFirstPage = true;
            return finish(Result.COMPLETE);
        }
        if (mayStopAfterFirstPage && canStopAfterFirstPage(ctx)) {
            return finish(Result.PARTIAL);
        }
        after = page.lastId();
        phase = Phase.NEXT;
        return false;
    }

    private boolean nextPage(CycleContext ctx) {
        VideoPage page = ctx.list(window, after, SortOrder.DESC);
        for (ObjectNode row : page.data()) {
            if (idSet.contains(row.get("id").textValue())) {
                // A continuation never repeats a row: the page restarted from the top.
                ctx.listener().onCursorRestart(window);
                phase = Phase.TAIL;
                return false;
            }
        }
        pages++;
        process(ctx, page.data(), false);
        rowsAfterFirstPage += page.data().size();
        // Whatever the churn, a window never holds more than windowRows - 1 rows after its first page's
        // cursor: reaching windowRows there with more to come means the listing is a full history.
        if (rowsAfterFirstPage >= ctx.settings().windowRows() && page.hasMore()) {
            if (ctx.settings().behavior() == ApiBehavior.AUTO) {
                switchTo = new Switch(ApiBehavior.CURSOR, "the listing went on past " + ctx.settings().windowRows()
                        + " rows, so it is a full history, not a window");
                if (!backfill) {
                    handOverToCursor(ctx, page);
                }
                return finish(Result.SWITCHED_TO_CURSOR);
            }
            if (!backfill && (ctx.settings().behavior() != ApiBehavior.WINDOW || pages > maxPages(ctx))) {
                return finish(Result.INCOMPLETE);
            }
        }
        if (window.isAll()) {
            lastUnfilteredId = page.lastId();
        }
        if (!page.hasMore() || page.data().isEmpty()) {
            return finish(Result.COMPLETE);
        }
        after = page.lastId();
        return false;
    }

    private boolean tail(CycleContext ctx) {
        VideoPage page = ctx.list(window, null, SortOrder.ASC);
        List<ObjectNode> fresh = new ArrayList<>();
        for (ObjectNode row : page.data()) {
            if (!idSet.contains(row.get("id").textValue())) {
                fresh.add(row);
            }
        }
        process(ctx, fresh, false);
        // The first page (newest first) and one page oldest first cover a window of up to two pages.
        boolean covered = !page.hasMore() || 2 * ctx.settings().pageSize() >= ctx.settings().windowRows();
        return finish(covered ? Result.COMPLETE : Result.INCOMPLETE);
    }

    /**
     * Under the documented behaviour the rows read so far are the top of the history. The head
     * mark stays where the window scans left it (the newest job they saw), so the next head scan
     * reads down to it and meets every job created since; without one, the newest row read is the
     * mark. History now turns out to be reachable, so the backfill (re)starts below the last row read.
     */
    private void handOverToCursor(CycleContext ctx, VideoPage lastPage) {
        if (ctx.state().firstId() == null) {
            String newest = firstPageIds.get(0);
            ctx.state().head(newest, VideoIds.creationMillis(newest));
        }
        if (ctx.settings().backfillMode() != BackfillMode.NONE
                && ctx.state().backfill() != BackfillState.RUNNING) {
            ctx.state().lastId(lastPage.lastId());
            ctx.state().backfill(BackfillState.RUNNING);
        }
    }

    private int maxPages(CycleContext ctx) {
        return ctx.settings().windowRows() / ctx.settings().pageSize() + 2;
    }

    private void process(CycleContext ctx, List<ObjectNode> rows, boolean firstPage) {
        for (ObjectNode row : rows) {
            String id = row.get("id").textValue();
            if (!idSet.add(id)) {
                continue;
            }
            ids.add(id);
            boolean silent = backfill ? ctx.beforeBackfillSince(row) : ctx.silentFor(row);
            ChangeDetector.Result r = ctx.observe(row, silent, backfill ? Long.MIN_VALUE : relistHorizon);
            boolean unchanged = r.outcome() == ChangeDetector.Outcome.UNCHANGED;
            if (!unchanged) {
                changedRows++;
            }
            if (firstPage) {
                firstPageIds.add(id);
                firstPageUnchanged &= unchanged;
            } else {
                TrackedJob now = ctx.state().tracked(id);
                tailAllFinal &= now != null && now.isFinal();
            }
            if (unchanged && previousMembers.contains(id) && ctx.state().tracked(id) != null
                    && r.facts().immuneToClaim()) {
                anchorSinces.add(r.previous().stateSince());
            }
        }
    }

    /**
     * An unchanged first page, identical to last time, with nothing in flight elsewhere and a final
     * tail, means the rest of the window can only hold a change of a job believed final: safe to
     * leave for the periodic full scan.
     */
    private boolean canStopAfterFirstPage(CycleContext ctx) {
        long fullScanEvery = ctx.settings().fullScanInterval().toMillis();
        if (memory == null || fullScanEvery <= 0 || !firstPageUnchanged || !memory.tailAllFinal()
                || !memory.firstPageIds().equals(firstPageIds) || ctx.clock().millis() - memory.fullScanAt() >= fullScanEvery) {
            return false;
        }
        for (TrackedJob job : ctx.state().trackedJobs()) {
            if (!job.isFinal() && window.contains(job.status()) && !idSet.contains(job.id())) {
                return false;
            }
        }
        return true;
    }

    private boolean finish(Result outcome) {
        this.result = outcome;
        return true;
    }

    /** Whether this complete scan proves every change since {@code watermark} visible. */
    boolean proves(CycleContext ctx, long watermark) {
        return proof(ctx.settings().windowRows(), watermark).proven();
    }

    /** The rule that proves this read since {@code watermark}, or why none does. */
    Proof proof(int windowRows, long watermark) {
        if (result != Result.COMPLETE) {
            return Proof.NOT_COMPLETE;
        }
        if (watermark == Long.MIN_VALUE) {
            return Proof.BASELINE;
        }
        if (sawWholeFilter(windowRows)) {
            return Proof.COUNT;
        }
        int anchors = 0;
        for (long since : anchorSinces) {
            if (since <= watermark) {
                anchors++;
            }
        }
        return anchors >= MIN_ANCHORS ? Proof.ANCHORS : Proof.NO_ANCHOR;
    }

    /**
     * Whether the listing held every job of the filter: it ended in its first page, with fewer rows
     * than a window holds. A longer listing proves nothing by its count (a job updated between two
     * requests pushes the last row of the window out of the later page).
     */
    boolean sawWholeFilter(int windowRows) {
        return result == Result.COMPLETE && endedInFirstPage && ids.size() < windowRows;
    }

    /** What to remember of this scan for the next cycle; null when it did not read the whole window. */
    Memory memory(CycleContext ctx) {
        return result == Result.COMPLETE ? new Memory(List.copyOf(firstPageIds), tailAllFinal, ctx.clock().millis()) : null;
    }
}
