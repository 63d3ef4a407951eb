package app.phaseo.connect.videos.capture.window;

import app.phaseo.connect.videos.capture.LiveResult;
import app.phaseo.connect.videos.capture.Switch;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the window reads of one cycle found.
 *
 * @param switchTo         present when a listing went on past a window: the API keeps a full history
 * @param windows          windows read, as status lists
 * @param members          ids listed by this cycle's window reads
 * @param scanned          whether at least one window read ended
 * @param overflow         whether a window that cannot be split could not prove it missed nothing
 * @param terminalOverflow whether such a window held terminal statuses: a job believed in flight may have finished unseen
 * @param inFlightUnproven whether a window of one in-flight status could not be proven: intermediate states may have been skipped
 * @param partial          whether a read stopped after the first page of an unchanged window
 * @param split            whether a window was split
 * @param sawEveryJob      whether a complete root window held fewer rows than a window can: every job of the filter was seen
 * @param lastUnfilteredId last id of the unfiltered listing read newest first from the top, or null
 */
record WindowRead(Optional<Switch> switchTo, List<String> windows, Set<String> members, boolean scanned, boolean overflow,
                  boolean terminalOverflow, boolean inFlightUnproven, boolean partial, boolean split, boolean sawEveryJob,
                  String lastUnfilteredId) implements LiveResult {

    WindowRead {
        windows = List.copyOf(windows);
    }
}
