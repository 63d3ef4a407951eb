package app.phaseo.connect.videos.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T15:00:00Z"), ZoneOffset.UTC);

    @Test
    void seconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anHttpDateInTheFuture() {
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 15:02:00 GMT", NOW)).contains(Duration.ofMinutes(2));
    }

    @Test
    void anHttpDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 14:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void aHugeNumberIsAVeryLongWaitNotAnOverflow() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).hasValueSatisfying(
                wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365 * 1000)));
        assertThat(RetryAfter.parse("9223372036854775807", NOW)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "soon", "-5", "1.5", "12s", "Sat, 32 Nov 2026 15:02:00 GMT", "2026-11-28T15:02:00Z"})
    void unreadableValuesAreIgnored(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isEmpty();
    }

    @Test
    void absentIsEmpty() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void clampKeepsTheWaitBetweenZeroAndTheCap() {
        Duration cap = Duration.ofMinutes(5);
        assertThat(RetryAfter.clamp(Duration.ofSeconds(30), cap)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.clamp(Duration.ofHours(6), cap)).isEqualTo(cap);
        assertThat(RetryAfter.clamp(Duration.ofSeconds(Long.MAX_VALUE), cap)).isEqualTo(cap);
        assertThat(RetryAfter.clamp(Duration.ofSeconds(-3), cap)).isEqualTo(Duration.ZERO);
    }

    @Test
    void delayForPrefersTheServersWaitWhenItIsLonger() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2, 0, new SplittableRandom(1));
        PhaseoApiException rateLimited = failure(Duration.ofSeconds(20));

        assertThat(RetryAfter.delayFor(rateLimited, backoff, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(20));
        assertThat(RetryAfter.delayFor(failure(Duration.ofHours(1)), backoff, Duration.ofMinutes(1)))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void delayForFallsBackToTheBackoffAndNeverLoopsTightOnRetryAfterZero() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2, 0, new SplittableRandom(1));

        assertThat(RetryAfter.delayFor(failure(null), backoff, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.delayFor(failure(Duration.ZERO), backoff, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryAfter.delayFor(failure(Duration.ZERO), backoff, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.attempts()).isEqualTo(3);
    }

    private static PhaseoApiException failure(Duration retryAfter) {
        return new PhaseoApiException(ErrorKind.RATE_LIMITED, "rate limited", null, 429, null, null, retryAfter, null);
    }
}
