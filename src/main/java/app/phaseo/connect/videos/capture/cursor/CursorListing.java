package app.phaseo.connect.videos.capture.cursor;

import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.Following;
import app.phaseo.connect.videos.capture.Listing;
import app.phaseo.connect.videos.capture.LiveResult;
import app.phaseo.connect.videos.capture.Read;
import app.phaseo.connect.videos.capture.Switch;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoIds;
import app.phaseo.connect.videos.offset.BackfillState;
import app.phaseo.connect.videos.offset.TrackedJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documented behaviour (full history, newest first, stable cursor): each cycle reads the head
 * of the history down to the high-water mark, follows every job that is not final on its own timer
 * (nothing else surfaces changes of older jobs), and pages the backfill down from its cursor.
 */
public final class CursorListing implements Listing {

    private final CaptureSettings settings;
    private final CaptureState state;

    public CursorListing(CaptureSettings settings, CaptureState state) {
        this.settings = settings;
        this.state = state;
    }

    @Override
    public Read<LiveResult> live(long now) {
        return new HeadScan();
    }

    @Override
    public Following following(LiveResult live) {
        return Following.SCHEDULED;
    }

    @Override
    public Read<Optional<Switch>> backfill(LiveResult live) {
        return new CursorBackfill();
    }

    @Override
    public void endCycle(LiveResult live, long now) {
        // the head scan moved the mark itself, once the gap was closed
    }

    /**
     * Final jobs below the high-water mark: the head scan never reads them again. A running
     * backfill will, below its cursor: those stay remembered until it passes them (they were seen
     * before the API turned out to have a history).
     */
    @Override
    public List<String> forgettable(LiveResult live) {
        List<String> retire = new ArrayList<>();
        long mark = state.firstCreated();
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
        return retire;
    }

    /**
     * A poll interval after the start of the last cycle, or at once while a backfill is running: its
     * page budget per cycle already keeps live changes from waiting, and pausing a poll interval
     * between budgets held a backfill to 200 jobs/s (BENCHMARKS.md, "End to end").
     */
    @Override
    public long nextDueAt(long lastCycleStart, long now) {
        if (state.backfill() == BackfillState.RUNNING) {
            return now;
        }
        return lastCycleStart + settings.pollInterval().toMillis();
    }

    @Override
    public boolean underPressure() {
        return false;
    }
}
