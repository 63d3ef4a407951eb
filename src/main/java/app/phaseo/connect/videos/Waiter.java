package app.phaseo.connect.videos;

/**
 * A wait that {@code stop()} can cut short at once, from another thread.
 */
final class Waiter implements Sleeper {

    private boolean woken;

    /** Waits up to {@code millis}, or until {@link #wakeUp()}; returns early on either. */
    @Override
    public synchronized void sleep(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!woken) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    @Override
    public synchronized void wakeUp() {
        woken = true;
        notifyAll();
    }
}
