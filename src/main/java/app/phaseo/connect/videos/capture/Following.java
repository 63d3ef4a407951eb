package app.phaseo.connect.videos.capture;

/** Which remembered jobs that are not final, and were not visible this cycle, are read by id. */
public enum Following {
    /** Every one, each on its own timer: nothing else surfaces changes of older jobs (the documented behaviour). */
    SCHEDULED,
    /** Those last seen queued or processing: a live read could not prove it missed nothing of them. */
    IN_FLIGHT,
    /** None: the live read surfaced every change. */
    NONE;

    /**
     * Whether a job read by id is fingerprinted in the list's shape: under the window behaviour
     * (the only one that follows {@link #IN_FLIGHT}) the job is listed again later, and the list
     * sends {@code outputs: []} and {@code asset: null} where a read by id of an OpenAI job fills them.
     */
    public boolean fingerprintsInListShape() {
        return this == IN_FLIGHT;
    }
}
