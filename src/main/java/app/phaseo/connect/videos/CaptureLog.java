package app.phaseo.connect.videos;

import app.phaseo.connect.videos.capture.CaptureListener;
import app.phaseo.connect.videos.capture.CycleSummary;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.metrics.PhaseoTaskMetrics;
import app.phaseo.connect.videos.model.ApiBehavior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what the capture stage reports and forwards it to the metrics. One INFO line per cycle at
 * most (only when the cycle wrote records or something was off), lifecycle events at INFO,
 * possible data loss at WARN, the rest at DEBUG.
 */
final class CaptureLog implements CaptureListener {

    private static final Logger log = LoggerFactory.getLogger(CaptureLog.class);

    private final PhaseoTaskMetrics metrics;
    /**
     * Evictions are reported once per cycle, not once per job: a burst of new jobs beyond state.max.jobs
     * would otherwise write one WARN line for each of thousands of jobs.
     */
    private long evictedThisCycle;
    private String firstEvicted;

    CaptureLog(PhaseoTaskMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onRequest(String route) {
        metrics.onRequest(route);
    }

    @Override
    public void onCursorRestart(StatusWindow window) {
        metrics.onCursorRestart(window);
        log.debug("A page of window '{}' restarted from the top (its cursor left the window); reading the tail instead",
                window);
    }

    @Override
    public void onWindowSplit(StatusWindow window) {
        metrics.onWindowSplit(window);
        log.info("Window '{}' changed almost completely since the last scan; reading narrower status windows", window);
    }

    @Override
    public void onWindowOverflow(StatusWindow window) {
        metrics.onWindowOverflow(window);
        log.warn("Window overflow: every row of window '{}' changed since the last scan, so changes may have been "
                + "pushed out before they could be read. Jobs still in flight are fetched by id. If this repeats, "
                + "lower poll.interval.ms.", window);
    }

    @Override
    public void onStaleObservation(String id) {
        metrics.onStaleObservation(id);
        log.debug("Ignored a stale read of {} (older than the state already written)", id);
    }

    @Override
    public void onFollow(String id) {
        metrics.onFollow(id);
    }

    @Override
    public void onFollowedJobGone(String id) {
        metrics.onFollowedJobGone(id);
        log.info("Job {} answered 404 (deleted or no longer owned); no longer followed", id);
    }

    @Override
    public void onFollowExpired(String id) {
        metrics.onFollowExpired(id);
        log.warn("Job {} is still not final after follow.max.age.ms; no longer followed (its next change still "
                + "produces a record if it shows in a window)", id);
    }

    @Override
    public void onStateEvicted(String id) {
        metrics.onStateEvicted(id);
        if (evictedThisCycle == 0) {
            firstEvicted = id;
        }
        evictedThisCycle++;
    }

    @Override
    public void onModeDetected(ApiBehavior mode, String evidence) {
        log.info("The Phaseo API lists videos with the {} behaviour: {}", mode == ApiBehavior.CURSOR
                ? "documented (full history, stable cursor)" : "gateway (window of recently updated jobs)", evidence);
    }

    @Override
    public void onBackfillCursorRejected(String cursor, String message) {
        log.warn("The API refused the backfill cursor after {} ({}); history older than it is not streamed", cursor,
                message);
    }

    @Override
    public void onBackfillDone(long jobs, boolean beyondWindowUnreachable) {
        if (beyondWindowUnreachable) {
            log.info("Backfill done: {} jobs streamed from the status windows. History older than the windows is not "
                    + "reachable: today's API lists only the most recently updated jobs of each status. Older jobs "
                    + "appear when they change.", jobs);
        } else {
            log.info("Backfill done: {} jobs streamed from the history", jobs);
        }
    }

    @Override
    public void onCycle(CycleSummary s) {
        metrics.onCycle(s);
        if (evictedThisCycle > 0) {
            log.warn("More jobs in flight than state.max.jobs; stopped remembering {} ({} jobs this cycle, the "
                    + "longest remembered first; their next change still produces a record if it shows in a window)",
                    firstEvicted, evictedThisCycle);
            evictedThisCycle = 0;
            firstEvicted = null;
        }
        if (s.records() > 0 || s.overflow() || s.getRequests() > 0) {
            log.info("Cycle {}: {} records from {} jobs seen, {} list + {} get requests, windows {}, {} jobs remembered, {} ms{}",
                    s.cycle(), s.records(), s.observed(), s.listRequests(), s.getRequests(), s.windows(), s.tracked(),
                    s.durationMillis(), s.overflow() ? ", OVERFLOW" : "");
        } else {
            log.debug("Cycle {}: nothing changed ({} list requests, {} ms)", s.cycle(), s.listRequests(), s.durationMillis());
        }
    }
}
