package app.phaseo.connect.videos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** A generator that always returns the same fraction, to pin the jitter. */
    private static RandomGenerator constant(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    private static List<Duration> take(Backoff backoff, int count) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waits.add(backoff.next());
        }
        return waits;
    }

    @Test
    void withoutJitterTheWaitsDoubleUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0, constant(0.7));

        assertThat(take(backoff, 6)).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        assertThat(backoff.attempts()).isEqualTo(6);
    }

    @Test
    void jitterTakesOffAtMostItsFractionOfTheBase() {
        assertThat(take(new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(60), 2.0, 0.5, constant(0.0)), 3))
                .extracting(Duration::toMillis).containsExactly(1000L, 2000L, 4000L);
        assertThat(take(new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(60), 2.0, 0.5, constant(0.999_999)), 3))
                .extracting(Duration::toMillis).containsExactly(500L, 1000L, 2000L);
    }

    @Test
    void aSeededGeneratorGivesTheSameSequenceEveryRun() {
        List<Duration> first = take(Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(30), new SplittableRandom(42)), 10);
        List<Duration> second = take(Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(30), new SplittableRandom(42)), 10);

        assertThat(first).isEqualTo(second);
        assertThat(first).doesNotHaveDuplicates();
    }

    @Test
    void everyWaitStaysWithinTheJitterBoundsAndTheCap() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(30), new SplittableRandom(7));
        for (int attempt = 0; attempt < 200; attempt++) {
            double base = Math.min(30_000, 250 * Math.pow(2, attempt));
            long wait = backoff.next().toMillis();
            assertThat(wait).as("attempt %d", attempt).isBetween((long) Math.floor(base * 0.5), (long) Math.ceil(base));
        }
    }

    @Test
    void waitsGrowOnAverage() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofMinutes(10), new SplittableRandom(3));
        List<Duration> waits = take(backoff, 8);
        // With jitter of one half, every wait is at least the previous base, so at least the previous wait.
        for (int i = 1; i < waits.size(); i++) {
            assertThat(waits.get(i)).isGreaterThanOrEqualTo(waits.get(i - 1));
        }
    }

    @Test
    void resetStartsOverFromTheInitialWait() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 3.0, 0.0, constant(0.5));
        take(backoff, 4);

        backoff.reset();

        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void manyAttemptsNeitherOverflowNorExceedTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 10.0, 0.0, constant(0.5));
        for (int i = 0; i < 10_000; i++) {
            backoff.next();
        }
        assertThat(backoff.next()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        RandomGenerator random = new SplittableRandom(1);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0.5, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0.5, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0.5, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), Double.NaN, 0.5, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5, random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
