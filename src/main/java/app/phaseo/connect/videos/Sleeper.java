package app.phaseo.connect.videos;

/** How the task waits between cycles; tests swap in virtual time. */
interface Sleeper {

    /** Waits up to {@code millis}; returns early when {@link #wakeUp()} is called. */
    void sleep(long millis) throws InterruptedException;

    /** Ends any wait at once, now and for good (the task is stopping). */
    void wakeUp();
}
