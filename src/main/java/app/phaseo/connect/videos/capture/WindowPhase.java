package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.model.VideoStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The window part of a cycle: scans the planned windows and, where one cannot prove that no change
 * was missed, splits it into narrower status windows in the same cycle (all → active + terminal →
 * single statuses). A single-status window that still cannot prove it is an overflow.
 */
final class WindowPhase implements Work {

    private final StatusWindow root;
    private final Deque<StatusWindow> queue;
    private final boolean mayStopAfterFirstPage;
    private final Map<StatusWindow, WindowScan.Memory> memories;
    private final Set<String> previousMembers;
    private final long watermark;
    private final List<StatusWindow> partition = new ArrayList<>();
    private WindowScan current;
    private boolean split;
    private boolean switchedToCursor;

    WindowPhase(StatusWindow root, List<StatusWindow> plan, Map<StatusWindow, WindowScan.Memory> memories,
                Set<String> previousMembers, long watermark) {
        this.root = root;
        this.queue = new ArrayDeque<>(plan);
        this.mayStopAfterFirstPage = plan.size() == 1;
        this.memories = memories;
        this.previousMembers = previousMembers;
        this.watermark = watermark;
    }

    @Override
    public boolean step(CycleContext ctx) {
        if (current == null) {
            if (queue.isEmpty()) {
                return true;
            }
            StatusWindow next = queue.poll();
            current = new WindowScan(next, mayStopAfterFirstPage && !split, false, memories.get(next), previousMembers);
            ctx.windowsUsed.add(next.toString());
        }
        if (!current.step(ctx)) {
            return false;
        }
        WindowScan done = current;
        current = null;
        ctx.windowsScanned = true;
        ctx.scanEndedAt = ctx.clock.millis();
        switch (done.result()) {
            case SWITCHED_TO_CURSOR:
                switchedToCursor = true;
                queue.clear();
                return true;
            case PARTIAL:
                ctx.partial = true;
                partition.add(done.window());
                break;
            default:
                WindowScan.Memory memory = done.memory(ctx);
                if (memory != null) {
                    memories.put(done.window(), memory);
                } else {
                    memories.remove(done.window());
                }
                if (done.result() == WindowScan.Result.COMPLETE && done.window().equals(root)
                        && done.rowCount() < ctx.settings.windowRows()) {
                    ctx.sawEveryJob = true;
                }
                if (done.proves(ctx, watermark)) {
                    partition.add(done.window());
                } else {
                    List<StatusWindow> parts = done.window().split();
                    if (parts.isEmpty()) {
                        ctx.overflow = true;
                        if (done.window().statuses().stream().anyMatch(VideoStatus::isTerminal)) {
                            ctx.terminalOverflow = true;
                        }
                        ctx.listener.onWindowOverflow(done.window());
                        partition.add(done.window());
                    } else {
                        split = true;
                        ctx.listener.onWindowSplit(done.window());
                        for (int i = parts.size() - 1; i >= 0; i--) {
                            queue.addFirst(parts.get(i));
                        }
                    }
                }
                break;
        }
        return queue.isEmpty();
    }

    /** The windows that, together, held every job at the end of the phase. */
    List<StatusWindow> partition() {
        return partition;
    }

    boolean split() {
        return split;
    }

    boolean switchedToCursor() {
        return switchedToCursor;
    }
}
