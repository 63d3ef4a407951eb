package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.capture.cursor.CursorListing;
import app.phaseo.connect.videos.capture.window.WindowListing;
import app.phaseo.connect.videos.client.VideosApi;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.offset.BackfillState;
import app.phaseo.connect.videos.offset.TrackedJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change-capture stage: runs scan cycles against the API, one request per {@link #step()},
 * and hands back the changes to write, each with the offset that is valid once it is stored.
 *
 * <p>A cycle is: the live read of the {@link Listing} in use (window behaviour: the status windows
 * that are due; documented behaviour: the head of the history down to the high-water mark), then
 * following by id what the listing asks for, then a slice of the backfill, then pruning the state.
 * Each part hands the next what it found through its {@link Read#outcome()}. Only the engine
 * switches between the listings: a read that finds the API behaving otherwise says so, and the
 * rest of the cycle runs under the other listing. What carries over between cycles in memory only
 * (window plans, follow timers, the retired cache) is an optimisation: a restarted task rebuilds it
 * and loses nothing.
 */
public final class CaptureEngine {

    /** What one step produced; {@code summary} is set when the step ended the cycle. */
    public record Step(List<Change> changes, CycleSummary summary) {
        public boolean cycleDone() {
            return summary != null;
        }
    }

    private enum Stage { LIVE, FOLLOW, BACKFILL, DONE }

    private final VideosApi api;
    private final CaptureSettings settings;
    private final CaptureState state;
    private final CaptureListener listener;
    private final Clock clock;
    private final ChangeDetector detector;
    private final Fingerprinter fingerprinter;
    private final Map<String, FollowRound.Timer> followTimers = new HashMap<>();
    private final Listing window;
    private final Listing cursor;
    private Listing listing;
    private long lastCycleStart = Long.MIN_VALUE;

    private CycleContext cycle;
    private Stage stage;
    private Work work;
    private Read<LiveResult> liveRead;
    private Read<Optional<Switch>> backfillRead;
    /** The listing whose live read began the cycle in progress. */
    private Listing liveListing;
    private LiveResult live;

    public CaptureEngine(VideosApi api, CaptureSettings settings, CaptureState state, CaptureListener listener,
                         Clock clock) {
        this.api = api;
        this.settings = settings;
        this.state = state;
        this.listener = listener;
        this.clock = clock;
        this.detector = new ChangeDetector(settings.statusFilter());
        this.fingerprinter = new Fingerprinter(settings.volatileFields());
        if (settings.behavior() != ApiBehavior.AUTO && state.mode() != settings.behavior()) {
            state.mode(settings.behavior()); // the user's plan overrides what an earlier run detected
        }
        this.window = new WindowListing(settings, state, clock.millis());
        this.cursor = new CursorListing(settings, state);
        this.listing = state.mode() == ApiBehavior.CURSOR ? cursor : window;
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
        liveListing = listing;
        liveRead = listing.live(lastCycleStart);
        live = null;
        backfillRead = null;
        work = liveRead;
        stage = Stage.LIVE;
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
        while (stage != Stage.DONE && !ctx.requestMade) {
            if (work == null || work.step(ctx)) {
                advance(ctx);
            }
        }
        List<Change> changes = new ArrayList<>(ctx.out);
        ctx.out.clear();
        if (stage != Stage.DONE) {
            return new Step(changes, null);
        }
        cycle = null;
        CycleSummary summary = new CycleSummary(state.cycle(), state.mode(), live.windows(),
                ctx.listRequests, ctx.getRequests, ctx.records, ctx.observed, !live.overflow() && !live.partial(),
                live.overflow(), live.partial(), live.overflow() || live.split() || listing.underPressure(),
                state.trackedCount(), clock.millis() - ctx.startedAt);
        listener.onCycle(summary);
        return new Step(changes, summary);
    }

    /** Ends the part of the cycle that just finished and begins the next, with what it found. */
    private void advance(CycleContext ctx) {
        switch (stage) {
            case LIVE:
                live = liveRead.outcome();
                live.switchTo().ifPresent(this::switchTo);
                work = new FollowRound(followTimers, listing.following(live));
                stage = Stage.FOLLOW;
                break;
            case FOLLOW:
                backfillRead = backfillDue() ? listing.backfill(live) : null;
                work = backfillRead;
                stage = Stage.BACKFILL;
                break;
            default:
                if (backfillRead != null) {
                    backfillRead.outcome().ifPresent(this::switchTo);
                }
                finish();
                work = null;
                stage = Stage.DONE;
                break;
        }
    }

    /** The only place the listing behaviour changes while the task runs. */
    private void switchTo(Switch found) {
        state.mode(found.to());
        listener.onModeDetected(found.to(), found.evidence());
        listing = found.to() == ApiBehavior.CURSOR ? cursor : window;
    }

    private boolean backfillDue() {
        if (state.backfill() == BackfillState.DONE) {
            return false;
        }
        if (settings.backfillMode() == BackfillMode.NONE) {
            state.backfill(BackfillState.DONE);
            return false;
        }
        return true;
    }

    /** Drops the cycle in progress after a failed request; what it already emitted stays valid. */
    public void abortCycle() {
        cycle = null;
        work = null;
        liveRead = null;
        backfillRead = null;
        live = null;
        stage = null;
    }

    private void finish() {
        liveListing.endCycle(live, clock.millis());
        listing.forgettable(live).forEach(state::retire);
        keepWithinStateMaxJobs();
        // A final job waiting for its confirmation read is retired from the offsets; the follow round drops
        // its timer once read, or once the state no longer remembers the job.
        followTimers.entrySet().removeIf(e -> state.tracked(e.getKey()) == null && !e.getValue().confirming);
    }

    /** When the next cycle is due: at once before the first, else as the listing in use says. */
    public long nextDueAt() {
        long now = clock.millis();
        return lastCycleStart == Long.MIN_VALUE ? now : listing.nextDueAt(lastCycleStart, now);
    }

    /**
     * Keeps the state under {@code state.max.jobs}: final jobs first, then finished ones waiting for
     * billing (both stay in the retired cache), then the oldest.
     */
    private void keepWithinStateMaxJobs() {
        int excess = state.trackedCount() - settings.stateMaxJobs();
        if (excess <= 0) {
            return;
        }
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
