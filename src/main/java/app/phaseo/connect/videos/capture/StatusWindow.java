package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.model.VideoStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One list window of the gateway: the jobs whose status is in a set (all jobs when the set is
 * empty). Today's gateway lists, per status filter, only the 101 most recently updated jobs, so
 * splitting one window into windows of fewer statuses sees more recent changes (docs/CAPTURE.md, "What the API shows").
 */
public final class StatusWindow {

    static final Set<VideoStatus> ACTIVE = EnumSet.of(VideoStatus.QUEUED, VideoStatus.PROCESSING);
    static final Set<VideoStatus> TERMINAL =
            EnumSet.of(VideoStatus.COMPLETED, VideoStatus.FAILED, VideoStatus.CANCELLED, VideoStatus.EXPIRED);

    private final Set<VideoStatus> statuses;

    private StatusWindow(Set<VideoStatus> statuses) {
        this.statuses = statuses.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
    }

    /** The window of the given statuses; an empty set means every job. */
    public static StatusWindow of(Set<VideoStatus> statuses) {
        return new StatusWindow(statuses);
    }

    public static StatusWindow all() {
        return new StatusWindow(Set.of());
    }

    /** The values for the API's {@code status} parameter; empty for the unfiltered window. */
    public List<String> apiStatuses() {
        return statuses.stream().map(VideoStatus::apiName).collect(Collectors.toList());
    }

    /** The statuses of this window; all of them when it is unfiltered. */
    public Set<VideoStatus> statuses() {
        return statuses.isEmpty() ? union(ACTIVE, TERMINAL) : statuses;
    }

    public boolean contains(VideoStatus status) {
        return statuses.isEmpty() || statuses.contains(status);
    }

    public boolean isAll() {
        return statuses.isEmpty();
    }

    /**
     * Windows of fewer statuses that together hold the same jobs: the single-status windows.
     * Empty when this window cannot be split. (Going straight to single statuses, rather than
     * through active + terminal first, matters in a burst: the wave of completions that follows
     * a wave of starts would overflow a shared terminal window before a second split could help.)
     */
    public List<StatusWindow> split() {
        Set<VideoStatus> set = statuses.isEmpty() ? union(ACTIVE, TERMINAL) : statuses;
        return set.size() > 1 ? leaves() : List.of();
    }

    /** The single-status windows inside this one. */
    public List<StatusWindow> leaves() {
        Set<VideoStatus> set = statuses.isEmpty() ? union(ACTIVE, TERMINAL) : statuses;
        List<StatusWindow> leaves = new ArrayList<>();
        for (VideoStatus status : set) {
            leaves.add(of(EnumSet.of(status)));
        }
        return leaves;
    }

    private static Set<VideoStatus> union(Set<VideoStatus> a, Set<VideoStatus> b) {
        Set<VideoStatus> result = EnumSet.copyOf(a);
        result.addAll(b);
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusWindow && ((StatusWindow) other).statuses.equals(statuses);
    }

    @Override
    public int hashCode() {
        return statuses.hashCode();
    }

    @Override
    public String toString() {
        return statuses.isEmpty() ? "all" : String.join(",", apiStatuses());
    }
}
