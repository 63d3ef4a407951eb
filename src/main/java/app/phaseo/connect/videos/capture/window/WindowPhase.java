package app.phaseo.connect.videos.capture.window;

import app.phaseo.connect.videos.capture.CycleContext;
import app.phaseo.connect.videos.capture.LiveResult;
import app.phaseo.connect.videos.capture.Read;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.capture.Switch;
import app.phaseo.connect.videos.model.VideoStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The window part of a cycle: reads the windows the {@link WindowSchedule} says are due, the most
 * overdue first and choosing again after every read, so that a hot window read often is not held
 * up behind quiet ones; one request per step. A window whose read cannot prove that no change was
 * missed is split into narrower windows, which are read in the same cycle; a single-status window
 * that still cannot prove it is an overflow, reported and read again as soon as possible. The
 * phase ends when nothing is due, or after a poll interval's worth of reads, so the rest of the
 * cycle (follow, backfill, pruning) runs even in a long burst.
 */
final class WindowPhase implements Read<LiveResult> {

    private final WindowSchedule schedule;
    private final RequestBudget budget;
    private final long startedAt;
    /** Windows that must be read in this cycle (the parts of a window just split). */
    private final Deque<WindowSlot> queue = new ArrayDeque<>();
    private WindowSlot slot;
    private WindowScan current;
    private long readStart;

    private final List<String> windows = new ArrayList<>();
    private final Set<String> members = new HashSet<>();
    private Switch switchTo;
    private boolean scanned;
    private boolean overflow;
    private boolean terminalOverflow;
    private boolean inFlightUnproven;
    private boolean partial;
    private boolean split;
    private boolean sawEveryJob;
    private String lastUnfilteredId;

    WindowPhase(WindowSchedule schedule, RequestBudget budget, long now) {
        this.schedule = schedule;
        this.budget = budget;
        this.startedAt = now;
    }

    @Override
    public WindowRead outcome() {
        return new WindowRead(Optional.ofNullable(switchTo), windows, members, scanned, overflow, terminalOverflow,
                inFlightUnproven, partial, split, sawEveryJob, lastUnfilteredId);
    }

    /**
     * The next window to read: a part of a window just split, else the most overdue one, if any is
     * due and the request budget allows a read (a split window's parts wait for the budget too: they
     * inherit their parent's watermark and lose nothing by waiting but what a read could have caught).
     */
    private WindowSlot next(CycleContext ctx) {
        long now = ctx.clock().millis();
        if (!budget.available(now)) {
            return null;
        }
        if (!queue.isEmpty()) {
            return queue.poll();
        }
        if (now - startedAt >= ctx.settings().pollInterval().toMillis()) {
            return null;
        }
        List<WindowSlot> due = schedule.due(now);
        return due.isEmpty() ? null : due.get(0);
    }

    /** Starts reading the next window; false when none is to be read. */
    private boolean begin(CycleContext ctx) {
        slot = next(ctx);
        if (slot == null) {
            return false;
        }
        readStart = ctx.clock().millis();
        boolean idleShortcut = schedule.single() && slot.parent == null;
        current = (idleShortcut ? WindowScan.stoppingWhenIdle(slot.window, slot.members, slot.memory)
                : WindowScan.whole(slot.window, slot.members)).seenBefore(slot.watermark);
        windows.add(slot.window.toString());
        return true;
    }

    @Override
    public boolean step(CycleContext ctx) {
        if (current == null && !begin(ctx)) {
            return true;
        }
        if (!budget.available(ctx.clock().millis())) {
            // The budget ran out in the middle of a read: drop it (nothing proven, the window stays
            // due) rather than go over poll.pressure.max.requests.per.minute.
            members.addAll(current.listed());
            current = null;
            return true;
        }
        boolean over = current.step(ctx);
        budget.spend(ctx.clock().millis());
        if (current.lastUnfilteredId() != null) {
            lastUnfilteredId = current.lastUnfilteredId();
        }
        if (!over) {
            return false;
        }
        WindowScan done = current;
        current = null;
        members.addAll(done.listed());
        long now = ctx.clock().millis();
        scanned = true;
        switch (done.result()) {
            case SWITCHED_TO_CURSOR:
                switchTo = done.switchTo();
                return true;
            case PARTIAL:
                partial = true;
                schedule.afterPartialRead(slot, readStart);
                break;
            default:
                settle(ctx, done, now);
                break;
        }
        return false;
    }

    private void settle(CycleContext ctx, WindowScan done, long now) {
        int windowRows = ctx.settings().windowRows();
        if (slot.window.equals(schedule.root()) && done.sawWholeFilter(windowRows)) {
            sawEveryJob = true;
        }
        WindowScan.Memory memory = done.memory(ctx);
        if (done.proves(ctx, slot.watermark)) {
            schedule.afterRead(slot, readStart, now, done.changedRows(), true, done.listed(), memory);
            if (schedule.tooHot(slot, now - readStart)) {
                split = true;
                ctx.listener().onWindowSplit(slot.window);
                schedule.split(slot, now);
            }
            return;
        }
        if (slot.window.split().isEmpty() && !holdsTerminal(slot.window)) {
            // A window of one in-flight status: the gateway bumps every job in flight each minute
            // without a visible change (the reconciler's claim and its provider-poll bookkeeping), so
            // it can hold no anchor and cannot be proven once full. Final states never live here;
            // what it may skip are intermediate states, which are best effort anyway (docs/CAPTURE.md).
            schedule.afterRead(slot, readStart, now, done.changedRows(), true, done.listed(), memory);
            inFlightUnproven = true;
            ctx.listener().onWindowUnproven(slot.window);
            return;
        }
        List<WindowSlot> parts = schedule.split(slot, now);
        if (parts.isEmpty()) {
            overflow = true;
            if (holdsTerminal(slot.window)) {
                terminalOverflow = true;
            }
            ctx.listener().onWindowOverflow(slot.window);
            schedule.afterRead(slot, readStart, now, done.changedRows(), false, done.listed(), memory);
            return;
        }
        split = true;
        ctx.listener().onWindowSplit(slot.window);
        for (int i = parts.size() - 1; i >= 0; i--) {
            queue.addFirst(parts.get(i));
        }
    }

    private static boolean holdsTerminal(StatusWindow window) {
        return window.statuses().stream().anyMatch(VideoStatus::isTerminal);
    }
}
