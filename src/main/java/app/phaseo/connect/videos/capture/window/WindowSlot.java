package app.phaseo.connect.videos.capture.window;

import app.phaseo.connect.videos.capture.StatusWindow;
import java.util.Set;

/**
 * One status window of the current plan and what is known of it between reads (memory only).
 */
final class WindowSlot {

    final StatusWindow window;
    /** The window this one was split from, or null for the root. */
    final StatusWindow parent;
    /** End of the last read that proved every change of this window seen (epoch ms), or MIN before any. */
    long watermark;
    /** Ids listed by the last complete read: an anchor must have been listed before too. */
    Set<String> members;
    /** First page and tail of the last complete read, for the idle shortcut. */
    WindowScan.Memory memory;
    /** Changed rows per millisecond, smoothed over reads. */
    double ratePerMilli;
    long lastReadStart = Long.MIN_VALUE;
    long dueAt;
    /** Consecutive reads that would have fitted the parent window (for merging back). */
    int quietReads;

    WindowSlot(StatusWindow window, StatusWindow parent, long watermark, Set<String> members, long dueAt) {
        this.window = window;
        this.parent = parent;
        this.watermark = watermark;
        this.members = members;
        this.dueAt = dueAt;
    }

    @Override
    public String toString() {
        return window.toString();
    }
}
