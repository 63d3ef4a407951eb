package app.phaseo.connect.videos.capture;

import java.time.Duration;

/**
 * When the next cycle starts: {@code poll.interval.ms} after the start of the previous one, or
 * sooner ({@code poll.pressure.interval.ms}) after a cycle whose windows were under pressure
 * (split or overflowing): the gateway keeps only the most recent changes, so during a burst
 * reading sooner is what keeps changes from being pushed out unseen.
 */
public record Cadence(Duration pollInterval, Duration pressureInterval) {

    /** Epoch ms at which the next cycle should start. */
    public long nextStart(long cycleStartedAt, CycleSummary finished) {
        Duration wait = finished != null && finished.pressure() && pressureInterval.compareTo(pollInterval) < 0
                ? pressureInterval : pollInterval;
        return cycleStartedAt + wait.toMillis();
    }
}
