package app.phaseo.connect.videos.capture.window;

import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.StatusWindow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which status windows to read, and when. Each window is read when it is expected to have filled
 * to {@link #FILL_TARGET} of its rows since its last read (its own change rate tells), at most
 * every {@code poll.interval.ms} and at least {@code poll.pressure.interval.ms} apart. A window
 * that cannot prove it missed nothing, or would fill faster than it can be read, is split into
 * single-status windows, each with its own rows; windows
 * whose changes would fit their parent again are merged back. Every window keeps its own
 * watermark (the end of its last proven read), so reading a hot window often and a quiet one
 * rarely keeps the proof intact: a change to a job is seen by the next read of the window of the
 * job's current status.
 */
final class WindowSchedule {

    /** Read a window when it is expected to hold this share of changed rows. */
    static final double FILL_TARGET = 0.5;
    /** Split before reading when a window would fill past this share between two closest reads. */
    static final double SPLIT_AT = 0.75;
    /** While split, no window waits longer than this many shortest gaps. */
    static final int PRESSURE_MAX_GAP = 2;
    /** Merge children back after this many reads in a row that would fit the parent. */
    static final int MERGE_AFTER = 3;

    private final StatusWindow root;
    private final CaptureSettings settings;
    private final List<WindowSlot> slots = new ArrayList<>();

    WindowSchedule(StatusWindow root, CaptureSettings settings, long watermark, Set<String> members, long now) {
        this.root = root;
        this.settings = settings;
        slots.add(new WindowSlot(root, null, watermark, members, now));
    }

    StatusWindow root() {
        return root;
    }

    /** Whether the plan is the root window alone. */
    boolean single() {
        return slots.size() == 1;
    }

    /** The windows due by {@code now}, the most overdue first. */
    List<WindowSlot> due(long now) {
        long slack = Math.min(200, settings.pressureInterval().toMillis() / 2);
        return slots.stream().filter(s -> s.dueAt <= now + slack)
                .sorted((a, b) -> Long.compare(a.dueAt, b.dueAt)).collect(Collectors.toList());
    }

    long nextDueAt() {
        long next = Long.MAX_VALUE;
        for (WindowSlot slot : slots) {
            next = Math.min(next, slot.dueAt);
        }
        return next;
    }

    /** The watermark of the whole plan: every change before it is proven seen in every window. */
    long watermark() {
        long min = Long.MAX_VALUE;
        for (WindowSlot slot : slots) {
            min = Math.min(min, slot.watermark);
        }
        return min;
    }

    /** Records a complete read and schedules the next one. */
    void afterRead(WindowSlot slot, long readStart, long readEnd, int changedRows, boolean proven, Set<String> listed,
                   WindowScan.Memory memory) {
        long gap = slot.lastReadStart == Long.MIN_VALUE ? settings.pollInterval().toMillis()
                : Math.max(1, readStart - slot.lastReadStart);
        double rate = changedRows / (double) gap;
        slot.ratePerMilli = slot.lastReadStart == Long.MIN_VALUE ? rate : (slot.ratePerMilli + rate) / 2;
        slot.lastReadStart = readStart;
        // A proven read shows every change made before it started; one made while its pages were
        // read may have been missed, so the next read must prove back to this read's start. A
        // baseline (first) read or an overflow starts afresh from the read's end: what came
        // before is history, or a gap already reported.
        slot.watermark = proven && slot.watermark != Long.MIN_VALUE ? readStart : readEnd;
        slot.members = listed;
        slot.memory = memory;
        // An overflowed window is read again after the gap its rate asks for, not at once: a window
        // the gateway's invisible writes keep unprovable (more unbilled finished jobs than it holds,
        // all bumped every minute) would otherwise be re-read back to back, at many times the calm
        // request rate, for no gain: what a read catches is what changed since the last one.
        slot.dueAt = proven ? readStart + nextGap(slot) : readEnd + nextGap(slot);
    }

    /** An idle read of the first page only: nothing to learn but that the window is quiet. */
    void afterPartialRead(WindowSlot slot, long readStart) {
        slot.ratePerMilli = slot.ratePerMilli / 2;
        slot.lastReadStart = readStart;
        slot.dueAt = readStart + settings.pollInterval().toMillis();
    }

    /**
     * The gap to the next read. While the plan is split (a burst is on), no window waits longer
     * than {@link #PRESSURE_MAX_GAP} times the shortest gap: a burst moves on from status to status
     * (queued, processing, then a wave of completions and settlements), and a window quiet a
     * moment ago can be the busiest one a few seconds later, faster than its own rate can tell.
     */
    private long nextGap(WindowSlot slot) {
        long poll = settings.pollInterval().toMillis();
        long least = Math.min(poll, settings.pressureInterval().toMillis());
        long most = slots.size() > 1 ? Math.min(poll, PRESSURE_MAX_GAP * least) : poll;
        if (slot.ratePerMilli <= 0) {
            return most;
        }
        double ideal = FILL_TARGET * settings.windowRows() / slot.ratePerMilli;
        return (long) Math.max(least, Math.min(most, ideal));
    }

    /**
     * Whether the window fills so fast that even reads {@code poll.pressure.interval.ms} apart
     * would let it overflow: then it is split ahead of time.
     */
    boolean tooHot(WindowSlot slot, long readDuration) {
        long least = Math.min(settings.pollInterval().toMillis(), settings.pressureInterval().toMillis());
        return !slot.window.split().isEmpty()
                && slot.ratePerMilli * (least + readDuration) > SPLIT_AT * settings.windowRows();
    }

    /**
     * Replaces a window by its narrower parts, which inherit its watermark, its members and its
     * rate share, and are due at once. Empty when the window cannot be split.
     */
    List<WindowSlot> split(WindowSlot slot, long now) {
        List<StatusWindow> parts = slot.window.split();
        List<WindowSlot> children = new ArrayList<>();
        if (parts.isEmpty()) {
            return children;
        }
        int at = slots.indexOf(slot);
        slots.remove(at);
        for (StatusWindow part : parts) {
            WindowSlot child = new WindowSlot(part, slot.window, slot.watermark, slot.members, now);
            child.ratePerMilli = slot.ratePerMilli / parts.size();
            children.add(child);
        }
        slots.addAll(at, children);
        return children;
    }

    /**
     * Merges the parts of the root window back into it once their changes would all fit it again,
     * for {@link #MERGE_AFTER} reads in a row: fewer requests once a burst is over. A split goes
     * straight to single-status windows, which cannot split again, so a split plan is always the
     * complete set of the root's parts.
     */
    void mergeQuietParts(long now) {
        if (single()) {
            return;
        }
        double total = slots.stream().mapToDouble(s -> s.ratePerMilli).sum();
        boolean fits = total * settings.pollInterval().toMillis() < FILL_TARGET * settings.windowRows();
        for (WindowSlot slot : slots) {
            slot.quietReads = fits ? slot.quietReads + 1 : 0;
        }
        if (slots.stream().allMatch(s -> s.quietReads >= MERGE_AFTER)) {
            mergeIntoRoot(now);
        }
    }

    private void mergeIntoRoot(long now) {
        long watermark = Long.MAX_VALUE;
        Set<String> members = new HashSet<>();
        double rate = 0;
        long due = Long.MAX_VALUE;
        for (WindowSlot part : slots) {
            watermark = Math.min(watermark, part.watermark);
            members.addAll(part.members);
            rate += part.ratePerMilli;
            due = Math.min(due, part.dueAt);
        }
        slots.clear();
        WindowSlot merged = new WindowSlot(root, null, watermark, members, Math.max(now, due));
        merged.ratePerMilli = rate;
        slots.add(merged);
    }

    /** Every id the last read of each window listed. */
    Set<String> listed() {
        Set<String> listed = new HashSet<>();
        for (WindowSlot slot : slots) {
            if (slot.members != null) {
                listed.addAll(slot.members);
            }
        }
        return listed;
    }
}
