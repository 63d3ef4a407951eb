package app.phaseo.connect.videos.metrics;

/** The task metrics visible over JMX, under {@code app.phaseo.connect:type=phaseo-videos-task,connector=…,task=…}. */
public interface PhaseoTaskMetricsMBean {

    /** {@code OK}, {@code DISABLED}, {@code BACKING_OFF} or {@code RATE_LIMITED}. */
    String getApiState();

    /** The API's reason for the current state (e.g. {@code video_api_temporarily_disabled}), or empty. */
    String getApiStateReason();

    long getListRequests();

    long getGetRequests();

    long getFailedRequests();

    long getRetries();

    long getRecordsProduced();

    long getCycles();

    /** Epoch ms of the last successful API answer, or 0. */
    long getLastSuccessEpochMs();

    /** Milliseconds since the capture was last proven complete (every change up to then seen). */
    long getCaptureLagMs();

    long getWindowOverflows();

    long getWindowSplits();

    long getCursorRestarts();

    long getStaleObservations();

    long getFollowRequests();

    long getFollowedJobsGone();

    long getFollowExpired();

    long getStateEvictions();

    /** Jobs remembered in the offsets after the last cycle. */
    long getTrackedJobs();

    long getUnknownFields();

    long getCoercedValues();

    long getRawKeptValues();
}
