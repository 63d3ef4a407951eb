package app.phaseo.connect.videos.capture;

/** Which remembered jobs that are not final, and were not visible this cycle, are read by id. */
public enum Following {
    /** Every one, each on its own timer: nothing else surfaces changes of older jobs (the documented behaviour). */
    SCHEDULED,
    /** Those last seen queued or processing: a live read could not prove it missed nothing of them. */
    IN_FLIGHT,
    /** None: the live read surfaced every change. */
    NONE
}
