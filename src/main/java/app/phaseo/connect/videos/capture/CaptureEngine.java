package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.client.VideosApi;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoIds;
import app.phaseo.connect.videos.offset.BackfillState;
import app.phaseo.connect.videos.offset.TrackedJob;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The change-capture stage: runs scan cycles against the API, one request per {@link #step()},
 * and hands back the changes to write, each with the offset that is valid once it is stored.
 *
 * <p>A cycle is: the live scan (window behaviour: the planned status windows, split further in the
 * same cycle when one cannot prove that nothing was missed; documented behaviour: the head of the
 * history down to the high-water mark), then following jobs that are not final and were not
 * visible, then a slice of the backfill, then pruning the state. What carries over between cycles
 * in memory only (window plans, follow timers, the retired cache) is an optimisation: a restarted
 * task rebuilds it and loses nothing.
 */
public final class CaptureEngine {

    /** Final jobs kept per status, in windows: see {@link #finalJobsOutOfReach()}. */
    static final int RETAIN_PER_WINDOW = 2;


    /** What one step produced; {@code summary} is set when the step ended the cycle. */
    public record Step(List<Change> changes, CycleSummary summary) {
        public boolean cycleDone() {
            return summary != null;
        }
    }

    private final VideosApi api;
    private final CaptureSettings settings;
    private final CaptureState state;
    private final CaptureListener listener;
    private final Clock clock;
    private final ChangeDetector detector;
    private final Fingerprinter fingerprinter;
    private final StatusWindow root;

    private final Map<String, FollowRound.Timer> followTimers = new HashMap<>();
    private final WindowSchedule schedule;
    private final RequestBudget budget;
    private long lastCycleStart = Long.MIN_VALUE;

    private CycleContext cycle;
    private Deque<Work> works;
    private WindowPhase windowPhase;

    public CaptureEngine(VideosApi api, CaptureSettings settings, CaptureState state, CaptureListener listener,
                         Clock clock) {
        this.api = api;
        this.settings = settings;
        this.state = state;
        this.listener = listener;
        this.clock = clock;
        this.detector = new ChangeDetector(settings.statusFilter());
        this.fingerprinter = new Fingerprinter(settings.volatileFields());
        this.root = StatusWindow.of(settings.statusFilter());
        // After a restart the remembered jobs are the best guess of the last reads' window members.
        Set<String> members = new HashSet<>();
        for (TrackedJob job : state.trackedJobs()) {
            members.add(job.id());
        }
        this.schedule = new WindowSchedule(root, settings, state.watermark(), members, clock.millis());
        this.budget = new RequestBudget(settings.pressureMaxRequestsPerMinute());
        if (settings.behavior() != ApiBehavior.AUTO && state.mode() != settings.behavior()) {
            state.mode(settings.behavior()); // the user's plan overrides what an earlier run detected
        }
    }

    public CaptureState state() {
        return state;
    }

    public boolean inCycle() {
        return cycle != null;
    }

    /** Begins a cycle; the next {@link #step()} calls carry it out. */
    public void startCycle() {
        state.nextCycle();
        lastCycleStart = clock.millis();
        cycle = new CycleContext(api, settings, state, detector, fingerprinter, listener, clock);
        works = new ArrayDeque<>();
        windowPhase = null;
        if (state.mode() == ApiBehavior.CURSOR) {
            works.add(new HeadScan());
        } else {
            windowPhase = new WindowPhase(schedule, budget, lastCycleStart);
            works.add(windowPhase);
        }
        works.add(new FollowRound(followTimers));
        works.add(new Backfill(root));
        works.add(this::finish);
    }

    /**
     * Carries the cycle on until one API request was made or the cycle ended. An API failure
     * propagates; the caller then calls {@link #abortCycle()} and retries later.
     */
    public Step step() {
        if (cycle == null) {
            throw new IllegalStateException("no cycle in progress");
        }
        CycleContext ctx = cycle;
        ctx.requestMade = false;
        while (!works.isEmpty() && !ctx.requestMade) {
            if (works.peek().step(ctx)) {
                works.poll();
            }
        }
        List<Change> changes = new ArrayList<>(ctx.out);
        ctx.out.clear();
        if (!works.isEmpty()) {
            return new Step(changes, null);
        }
        cycle = null;
        CycleSummary summary = new CycleSummary(state.cycle(), state.mode(), List.copyOf(ctx.windowsUsed),
                ctx.listRequests, ctx.getRequests, ctx.records, ctx.observed, !ctx.overflow && !ctx.partial,
                ctx.overflow, ctx.partial, underPressure(ctx),
                state.trackedCount(), clock.millis() - ctx.startedAt);
        listener.onCycle(summary);
        return new Step(changes, summary);
    }

    /**
     * Whether more jobs change than one window holds: a window was split or overflowed this cycle,
     * or the plan still reads split windows (it merges back only after quiet cycles).
     */
    private boolean underPressure(CycleContext ctx) {
        return ctx.overflow || (windowPhase != null && windowPhase.split()) || (state.mode() != ApiBehavior.CURSOR && !schedule.single());
    }

    /** Drops the cycle in progress after a failed request; what it already emitted stays valid. */
    public void abortCycle() {
        cycle = null;
        works = null;
        windowPhase = null;
    }

    private boolean finish(CycleContext ctx) {
        if (windowPhase != null && ctx.windowsScanned && !windowPhase.switchedToCursor()) {
            schedule.mergeQuietParts(clock.millis());
            long watermark = schedule.watermark();
            if (watermark != Long.MAX_VALUE && watermark != state.watermark()) {
                state.watermark(watermark);
            }
            rememberNewestJob(ctx);
        }
        prune(ctx);
        followTimers.keySet().removeIf(id -> state.tracked(id) == null);
        return true;
    }

    /**
     * When the next cycle is due: under the window behaviour, when the first window is due (each
     * window's reads follow its own change rate); under the documented behaviour, a poll interval
     * after the start of the last cycle, or at once while a backfill is running: its page budget
     * per cycle already keeps live changes from waiting, and pausing a poll interval between
     * budgets held a backfill to 200 jobs/s (BENCHMARKS.md, "End to end").
     */
    public long nextDueAt() {
        if (state.mode() == ApiBehavior.CURSOR || lastCycleStart == Long.MIN_VALUE) {
            if (lastCycleStart == Long.MIN_VALUE || state.backfill() == BackfillState.RUNNING) {
                return clock.millis();
            }
            return lastCycleStart + settings.pollInterval().toMillis();
        }
        long due = Math.min(schedule.nextDueAt(), lastCycleStart + settings.pollInterval().toMillis());
        return Math.max(due, budget.nextFreeAt(clock.millis()));
    }

    /** Keeps {@code first_id} at the newest job seen, so a later switch to the cursor behaviour has a mark. */
    private void rememberNewestJob(CycleContext ctx) {
        String newest = null;
        long newestCreated = state.firstCreated();
        for (String id : ctx.windowMembers) {
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
     * status window can list any more, under the window behaviour: per status,
     * all but the {@link #RETAIN_PER_WINDOW} windows' worth most recently seen, and never one the
     * last read of a window listed (a listing longer than a window, before the connector knows the
     * API keeps a full history, would otherwise show it again after a restart). A final job in
     * reach stays remembered in the offsets, so that reading a status window after a restart (when
     * the in-memory retired cache is empty) does not write it again; one out of reach comes back
     * only by changing, which deserves a record anyway. Twice a window, because the order in which
     * the connector saw jobs can differ from the order the server updated them. A terminal job whose
     * billing is stuck comes back into its window every minute (the reconciler's claim) and then
     * is remembered again, unchanged; a change of it (its {@code billed_at} at last) is a record
     * anyway. So stuck jobs cannot grow the offsets beyond two windows per status either.
     */
    private List<String> finalJobsOutOfReach() {
        Map<app.phaseo.connect.videos.model.VideoStatus, List<TrackedJob>> finalByStatus = new HashMap<>();
        for (TrackedJob job : state.trackedJobs()) {
            if (job.status().isTerminal()) {
                finalByStatus.computeIfAbsent(job.status(), k -> new ArrayList<>()).add(job);
            }
        }
        int keep = RETAIN_PER_WINDOW * settings.windowRows();
        Set<String> listed = schedule.listed();
        List<String> out = new ArrayList<>();
        for (List<TrackedJob> jobs : finalByStatus.values()) {
            if (jobs.size() > keep) {
                jobs.sort((a, b) -> Long.compare(b.stateSince(), a.stateSince()));
                for (TrackedJob job : jobs.subList(keep, jobs.size())) {
                    if (!listed.contains(job.id())) {
                        out.add(job.id());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Forgets final jobs that can no longer show unchanged: under the window behaviour those no
     * status window can list, under the documented behaviour those below the high-water mark.
     * Then keeps the state under {@code state.max.jobs}.
     */
    private void prune(CycleContext ctx) {
        List<String> retire = new ArrayList<>();
        if (state.mode() == ApiBehavior.CURSOR) {
            long mark = state.firstCreated();
            // A running backfill will read the jobs below its cursor again: keep those remembered
            // until it passes them (they were seen before the API turned out to have a history).
            boolean backfilling = state.backfill() == BackfillState.RUNNING;
            long cursor = backfilling && state.lastId() != null ? VideoIds.creationMillis(state.lastId()) : ApiTimes.NONE;
            for (TrackedJob job : state.trackedJobs()) {
                if (job.isFinal() && !job.id().equals(state.firstId())) {
                    long created = VideoIds.creationMillis(job.id());
                    boolean belowMark = mark != ApiTimes.NONE && created != ApiTimes.NONE && created <= mark;
                    // A backfill with no cursor yet starts from the top and reads every job again.
                    boolean aheadOfBackfill = backfilling && (cursor == ApiTimes.NONE || created < cursor);
                    if (belowMark && !aheadOfBackfill) {
                        retire.add(job.id());
                    }
                }
            }
        } else if (ctx.windowsScanned) {
            retire.addAll(finalJobsOutOfReach());
        }
        retire.forEach(state::retire);
        int excess = state.trackedCount() - settings.stateMaxJobs();
        if (excess > 0) {
            // Final jobs first, then finished ones waiting for billing (both stay in the retired cache), then the oldest.
            for (TrackedJob job : state.trackedByAge()) {
                if (excess <= 0) {
                    break;
                }
                if (job.isFinal()) {
                    state.retire(job.id());
                    excess--;
                }
            }
            for (TrackedJob job : state.trackedByAge()) {
                if (excess <= 0) {
                    break;
                }
                if (job.status().isTerminal() && state.tracked(job.id()) != null) {
                    state.retire(job.id());
                    excess--;
                }
            }
            for (TrackedJob job : state.trackedByAge()) {
                if (excess <= 0) {
                    break;
                }
                state.forget(job.id());
                listener.onStateEvicted(job.id());
                excess--;
            }
        }
    }
}
