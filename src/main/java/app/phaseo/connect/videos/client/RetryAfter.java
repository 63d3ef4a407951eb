package app.phaseo.connect.videos.client;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's {@code Retry-After}: parsing it, and never letting it make us wait too long.
 *
 * <p>The header holds either a number of seconds ({@code 120}) or an HTTP date
 * ({@code Wed, 21 Oct 2026 07:28:00 GMT}). A server may send a huge or a past value; {@link #clamp}
 * keeps the wait between zero and a cap the caller chooses.
 */
public final class RetryAfter {

    /** More digits than this overflow a long; such a value just means "a very long time". */
    private static final int MAX_SECONDS_DIGITS = 18;

    private RetryAfter() {
    }

    /**
     * Parses a {@code Retry-After} header value.
     *
     * @param headerValue the raw value, or null when the header is absent
     * @param clock the clock "now" is read from, for the HTTP-date form
     * @return the wait (zero for a date in the past), or empty when absent or unreadable
     */
    public static Optional<Duration> parse(String headerValue, Clock clock) {
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        String value = headerValue.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (value.length() > MAX_SECONDS_DIGITS) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
            }
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            ZonedDateTime until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), until.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The requested wait, but at least zero and at most {@code cap}. */
    public static Duration clamp(Duration requested, Duration cap) {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(cap, "cap");
        if (requested.isNegative()) {
            return Duration.ZERO;
        }
        return requested.compareTo(cap) > 0 ? cap : requested;
    }

    /**
     * How long to wait before retrying after a retriable failure: the longer of the server's
     * {@code Retry-After} (clamped to {@code cap}) and the next backoff step. The backoff step
     * is always taken, so a server that keeps answering {@code Retry-After: 0} still meets a
     * growing wait instead of a tight loop.
     */
    public static Duration delayFor(PhaseoApiException failure, Backoff backoff, Duration cap) {
        Duration fromBackoff = backoff.next();
        Optional<Duration> fromServer = failure.retryAfter().map(wait -> clamp(wait, cap));
        if (fromServer.isPresent() && fromServer.get().compareTo(fromBackoff) > 0) {
            return fromServer.get();
        }
        return fromBackoff;
    }
}
