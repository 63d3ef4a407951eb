package app.phaseo.connect.videos.capture.window;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code perMinute} window-read requests in any sliding minute ({@code
 * poll.pressure.max.requests.per.minute}): under a flood the windows are read as often as the
 * schedule asks, up to this bound, and no further. Memory only; a restarted task starts with a
 * full budget.
 */
final class RequestBudget {

    static final long MINUTE = 60_000;

    private final int perMinute;
    private final Deque<Long> spent = new ArrayDeque<>();

    RequestBudget(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be positive, was " + perMinute);
        }
        this.perMinute = perMinute;
    }

    /** Whether a request may be made at {@code now}. */
    boolean available(long now) {
        expire(now);
        return spent.size() < perMinute;
    }

    void spend(long now) {
        expire(now);
        spent.addLast(now);
    }

    /** The first moment a request may be made again: {@code now} when one is available. */
    long nextFreeAt(long now) {
        expire(now);
        return spent.size() < perMinute ? now : spent.peekFirst() + MINUTE;
    }

    private void expire(long now) {
        while (!spent.isEmpty() && spent.peekFirst() + MINUTE <= now) {
            spent.pollFirst();
        }
    }
}
