package app.phaseo.connect.videos.metrics;

import app.phaseo.connect.videos.capture.CaptureListener;
import app.phaseo.connect.videos.capture.CycleSummary;
import app.phaseo.connect.videos.capture.StatusWindow;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of one task, written from the task thread and read over JMX from any thread.
 * Registered on the platform MBean server, which works on every Connect version.
 */
public final class PhaseoTaskMetrics implements PhaseoTaskMetricsMBean, CaptureListener {

    private static final Logger log = LoggerFactory.getLogger(PhaseoTaskMetrics.class);

    private final Clock clock;
    private final AtomicReference<ApiState> apiState = new AtomicReference<>(ApiState.OK);
    private final AtomicReference<String> apiStateReason = new AtomicReference<>("");
    private final LongAdder listRequests = new LongAdder();
    private final LongAdder getRequests = new LongAdder();
    private final LongAdder failedRequests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder cycles = new LongAdder();
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicLong provenAt = new AtomicLong();
    private final LongAdder overflows = new LongAdder();
    private final LongAdder splits = new LongAdder();
    private final LongAdder restarts = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder follows = new LongAdder();
    private final LongAdder gone = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder evicted = new LongAdder();
    private final AtomicLong tracked = new AtomicLong();
    private final LongAdder unknownFields = new LongAdder();
    private final LongAdder coerced = new LongAdder();
    private final LongAdder rawKept = new LongAdder();
    private ObjectName registeredName;

    public PhaseoTaskMetrics(Clock clock) {
        this.clock = clock;
        this.provenAt.set(clock.millis());
    }

    /** Registers the MBean; a failure (e.g. a duplicate name in tests) is logged, never fatal. */
    public void register(String connector, int task) {
        try {
            ObjectName name = new ObjectName("app.phaseo.connect:type=phaseo-videos-task,connector="
                    + ObjectName.quote(connector) + ",task=" + task);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
            registeredName = name;
        } catch (JMException | RuntimeException e) {
            log.warn("Could not register the task metrics MBean: {}", e.toString());
        }
    }

    public void unregister() {
        if (registeredName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredName);
            } catch (JMException | RuntimeException e) {
                log.debug("Could not unregister the task metrics MBean: {}", e.toString());
            }
            registeredName = null;
        }
    }

    // ---- written by the task -------------------------------------------------------------------

    public void apiState(ApiState state, String reason) {
        apiState.set(state);
        apiStateReason.set(reason == null ? "" : reason);
    }

    public void requestFailed() {
        failedRequests.increment();
    }

    public void retryScheduled() {
        retries.increment();
    }

    public void recordsProduced(int count) {
        records.add(count);
    }

    public void unknownField() {
        unknownFields.increment();
    }

    public void coercedValue() {
        coerced.increment();
    }

    public void rawKeptValue() {
        rawKept.increment();
    }

    // ---- CaptureListener -----------------------------------------------------------------------

    @Override
    public void onRequest(String route) {
        if ("get".equals(route)) {
            getRequests.increment();
        } else {
            listRequests.increment();
        }
        lastSuccess.set(clock.millis());
    }

    @Override
    public void onCursorRestart(StatusWindow window) {
        restarts.increment();
    }

    @Override
    public void onWindowSplit(StatusWindow window) {
        splits.increment();
    }

    @Override
    public void onWindowOverflow(StatusWindow window) {
        overflows.increment();
    }

    @Override
    public void onStaleObservation(String id) {
        stale.increment();
    }

    @Override
    public void onFollow(String id) {
        follows.increment();
    }

    @Override
    public void onFollowedJobGone(String id) {
        gone.increment();
    }

    @Override
    public void onFollowExpired(String id) {
        expired.increment();
    }

    @Override
    public void onStateEvicted(String id) {
        evicted.increment();
    }

    @Override
    public void onCycle(CycleSummary summary) {
        cycles.increment();
        tracked.set(summary.tracked());
        if (summary.covered()) {
            provenAt.set(clock.millis());
        }
    }

    // ---- MBean ---------------------------------------------------------------------------------

    @Override
    public String getApiState() {
        return apiState.get().name();
    }

    @Override
    public String getApiStateReason() {
        return apiStateReason.get();
    }

    @Override
    public long getListRequests() {
        return listRequests.sum();
    }

    @Override
    public long getGetRequests() {
        return getRequests.sum();
    }

    @Override
    public long getFailedRequests() {
        return failedRequests.sum();
    }

    @Override
    public long getRetries() {
        return retries.sum();
    }

    @Override
    public long getRecordsProduced() {
        return records.sum();
    }

    @Override
    public long getCycles() {
        return cycles.sum();
    }

    @Override
    public long getLastSuccessEpochMs() {
        return lastSuccess.get();
    }

    @Override
    public long getCaptureLagMs() {
        return Math.max(0, clock.millis() - provenAt.get());
    }

    @Override
    public long getWindowOverflows() {
        return overflows.sum();
    }

    @Override
    public long getWindowSplits() {
        return splits.sum();
    }

    @Override
    public long getCursorRestarts() {
        return restarts.sum();
    }

    @Override
    public long getStaleObservations() {
        return stale.sum();
    }

    @Override
    public long getFollowRequests() {
        return follows.sum();
    }

    @Override
    public long getFollowedJobsGone() {
        return gone.sum();
    }

    @Override
    public long getFollowExpired() {
        return expired.sum();
    }

    @Override
    public long getStateEvictions() {
        return evicted.sum();
    }

    @Override
    public long getTrackedJobs() {
        return tracked.get();
    }

    @Override
    public long getUnknownFields() {
        return unknownFields.sum();
    }

    @Override
    public long getCoercedValues() {
        return coerced.sum();
    }

    @Override
    public long getRawKeptValues() {
        return rawKept.sum();
    }
}
