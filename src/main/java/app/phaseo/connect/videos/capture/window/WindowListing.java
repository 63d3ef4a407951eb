package app.phaseo.connect.videos.capture.window;

import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.Following;
import app.phaseo.connect.videos.capture.Listing;
import app.phaseo.connect.videos.capture.LiveResult;
import app.phaseo.connect.videos.capture.Read;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.capture.Switch;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoIds;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.TrackedJob;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's behaviour (a window of the most recently updated jobs per status filter): each
 * cycle reads the status windows the {@link WindowSchedule} says are due, split further in the same
 * cycle when one cannot prove that nothing was missed. Reads by id only after a read that could not
 * be proven, and only when asked for ({@code follow.on.window.overflow}). The plan, its watermarks
 * and the request budget live in memory between cycles; a restarted task rebuilds them and loses nothing.
 */
public final class WindowListing implements Listing {

    /** Final jobs kept per status, in windows: see {@link #forgettable}. */
    static final int RETAIN_PER_WINDOW = 2;

    private final CaptureSettings settings;
    private final CaptureState state;
    private final StatusWindow root;
    private final WindowSchedule schedule;
    private final RequestBudget budget;

    public WindowListing(CaptureSettings settings, CaptureState state, long now) {
        this.settings = settings;
        this.state = state;
        this.root = StatusWindow.of(settings.statusFilter());
        // After a restart the remembered jobs are the best guess of the last reads' window members.
        Set<String> members = new HashSet<>();
        for (TrackedJob job : state.trackedJobs()) {
            members.add(job.id());
        }
        this.schedule = new WindowSchedule(root, settings, state.watermark(), members, now);
        this.budget = new RequestBudget(settings.pressureMaxRequestsPerMinute());
    }

    @Override
    public Read<LiveResult> live(long now) {
        return new WindowPhase(schedule, budget, now);
    }

    /**
     * Jobs last seen queued or processing, after an overflow or a read of an in-flight window that
     * could not be proven, and only when the terminal windows held (else a job may have finished
     * unseen, and a read by id re-finalizes a finished job).
     */
    @Override
    public Following following(LiveResult live) {
        WindowRead read = windowRead(live);
        boolean unproven = read.overflow() || read.inFlightUnproven();
        return settings.followOnWindowOverflow() && unproven && !read.terminalOverflow() ? Following.IN_FLIGHT : Following.NONE;
    }

    @Override
    public Read<Optional<Switch>> backfill(LiveResult live) {
        return new WindowBackfill(root, windowRead(live));
    }

    /**
     * After proven reads: merges quiet windows back, moves the state's watermark to the plan's, and
     * keeps {@code first_id} at the newest job seen, so a later switch to the cursor behaviour has a mark.
     */
    @Override
    public void endCycle(LiveResult live, long now) {
        WindowRead read = windowRead(live);
        if (!read.scanned() || read.switchTo().isPresent()) {
            return;
        }
        schedule.mergeQuietParts(now);
        long watermark = schedule.watermark();
        if (watermark != Long.MAX_VALUE && watermark != state.watermark()) {
            state.watermark(watermark);
        }
        rememberNewestJob(read.members());
    }

    private void rememberNewestJob(Set<String> members) {
        String newest = null;
        long newestCreated = state.firstCreated();
        for (String id : members) {
            long created = VideoIds.creationMillis(id);
            if (created != ApiTimes.NONE && (newestCreated == ApiTimes.NONE || created > newestCreated)) {
                newest = id;
                newestCreated = created;
            }
        }
        if (newest != null) {
            state.head(newest, newestCreated);
        }
    }

    /**
     * Finished jobs (terminal: final, or waiting for a billing mark that may never come) that no
     * status window can list any more: per status,
     * all but the {@link #RETAIN_PER_WINDOW} windows' worth most recently seen, and never one the
     * last read of a window listed (a listing longer than a window, before the connector knows the
     * API keeps a full history, would otherwise show it again after a restart). A final job in
     * reach stays remembered in the offsets, so that reading a status window after a restart (when
     * the in-memory retired cache is empty) does not write it again; one out of reach comes back
     * only by changing, which deserves a record anyway. Twice a window, because the order in which
     * the connector saw jobs can differ from the order the server updated them. A terminal job whose
     * billing is stuck comes back into its window every minute (the reconciler's claim) and then
     * is remembered again, unchanged; a change of it (its {@code billed_at} at last) is a record
     * anyway. So stuck jobs cannot grow the offsets beyond two windows per status either. Nothing
     * before a window read ended this cycle.
     *
     * <p>Nor a job whose final state is too recent for the relisting rule to cover after a restart
     * ({@link WindowScan#seenBefore}): that rule knows a relisted job was written only when its
     * change is more than {@link WindowScan#RELIST_MARGIN_MILLIS} older than the stored watermark.
     * A job deleted within that minute and relisted by the DELETE after a restart would otherwise be
     * written again. The state's first sight of it is compared against twice the margin, because
     * the server's times may run up to one margin ahead of the connector's clock.
     *
     * <p>Nor a finished job created before the connector first started (history its first reads
     * listed): the relisting rule cannot vouch for a change older than the first start (such a job
     * may lie beyond every window and never have been seen), so a DELETE of it after a restart
     * would write it again. These stay in the offsets for good: at most the windows' worth the
     * first reads listed, and the first to go when {@code state.max.jobs} is reached.
     */
    @Override
    public List<String> forgettable(LiveResult live) {
        List<String> out = new ArrayList<>();
        if (!windowRead(live).scanned()) {
            return out;
        }
        Map<VideoStatus, List<TrackedJob>> finalByStatus = new EnumMap<>(VideoStatus.class);
        for (TrackedJob job : state.trackedJobs()) {
            if (job.status().isTerminal()) {
                finalByStatus.computeIfAbsent(job.status(), k -> new ArrayList<>()).add(job);
            }
        }
        int keep = RETAIN_PER_WINDOW * settings.windowRows();
        Set<String> listed = schedule.listed();
        long relistCovers = state.watermark() == Long.MIN_VALUE
                ? Long.MIN_VALUE
                : state.watermark() - 2 * WindowScan.RELIST_MARGIN_MILLIS;
        for (List<TrackedJob> jobs : finalByStatus.values()) {
            if (jobs.size() > keep) {
                jobs.sort((a, b) -> Long.compare(b.stateSince(), a.stateSince()));
                for (TrackedJob job : jobs.subList(keep, jobs.size())) {
                    if (!listed.contains(job.id()) && job.stateSince() < relistCovers && !history(job)) {
                        out.add(job.id());
                    }
                }
            }
        }
        return out;
    }

    /** Whether the job was created before the connector first started. */
    private boolean history(TrackedJob job) {
        long created = VideoIds.creationMillis(job.id());
        return created != ApiTimes.NONE && created < state.start();
    }

    /**
     * When the first window is due (each window's reads follow its own change rate), at most a poll
     * interval after the last cycle started, and not before the request budget has room.
     */
    @Override
    public long nextDueAt(long lastCycleStart, long now) {
        long due = Math.min(schedule.nextDueAt(), lastCycleStart + settings.pollInterval().toMillis());
        return Math.max(due, budget.nextFreeAt(now));
    }

    @Override
    public boolean underPressure() {
        return !schedule.single();
    }

    private static WindowRead windowRead(LiveResult live) {
        if (live instanceof WindowRead read) {
            return read;
        }
        throw new IllegalStateException("a window listing continues only a cycle whose live read was of windows");
    }
}
