package app.phaseo.connect.videos.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The allocation-free parser agrees with java.time on what it accepts, and declines the rest. */
class FastIsoTest {

    private static final long SEED = 20261128L;
    private static final long MIN = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX = Instant.parse("2199-12-31T23:59:59Z").getEpochSecond();

    /** java.time's strict ISO reading, after mapping the two liberties FastIso takes (a space for T, a lower-case z). */
    private static long reference(String text) {
        StringBuilder iso = new StringBuilder(text);
        if (iso.length() > 10 && iso.charAt(10) == ' ') {
            iso.setCharAt(10, 'T');
        }
        if (iso.length() > 0 && iso.charAt(iso.length() - 1) == 'z') {
            iso.setCharAt(iso.length() - 1, 'Z');
        }
        try {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return ApiTimes.NONE;
        }
    }

    /** A time in one of the shapes FastIso is for: T or space, 0-9 fraction digits, Z, z or +-HH:MM. */
    private static String randomTime(SplittableRandom random) {
        long second = random.nextLong(MIN, MAX);
        int nanos = random.nextInt(1_000_000_000);
        int offsetMinutes = random.nextInt(4) == 0 ? 0 : random.nextInt(-18 * 60, 18 * 60 + 1);
        var offset = java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        var local = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nanos), offset);
        int digits = random.nextInt(10);
        StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02d%c%02d:%02d:%02d", local.getYear(),
                local.getMonthValue(), local.getDayOfMonth(), random.nextBoolean() ? 'T' : ' ', local.getHour(),
                local.getMinute(), local.getSecond()));
        if (digits > 0) {
            text.append('.').append(String.format("%09d", local.getNano()), 0, digits);
        }
        switch (random.nextInt(3)) {
            case 0 -> text.append(offsetMinutes == 0 ? "Z" : offset.getId());
            case 1 -> text.append(offsetMinutes == 0 ? "z" : offset.getId());
            default -> text.append(offsetMinutes == 0 ? "+00:00" : offset.getId());
        }
        return text.toString();
    }

    @Test
    void shouldAgreeWithJavaTimeOnEveryWellFormedTime() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 50_000; i++) {
            String text = randomTime(random);
            long expected = reference(text);
            long fast = FastIso.parseMillis(text);
            long api = ApiTimes.toMillis(text);

            // Asserted only on a mismatch: 100,000 AssertJ descriptions would cost more than the parsing.
            if (expected == ApiTimes.NONE || fast != expected || api != expected) {
                assertThat(expected).as("reference reading of %s", text).isNotEqualTo(ApiTimes.NONE);
                assertThat(fast).as(text).isEqualTo(expected);
                assertThat(api).as(text).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldNeverDisagreeWithJavaTimeOnMangledInput() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        String alphabet = "0123456789:-+.TZz 9";
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            char[] text = randomTime(random).toCharArray();
            int edits = 1 + random.nextInt(2);
            for (int e = 0; e < edits; e++) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String mangled = new String(text);
            long fast = FastIso.parseMillis(mangled);
            if (fast != ApiTimes.NONE) {
                accepted++;
                long expected = reference(mangled);
                if (fast != expected) {
                    assertThat(fast).as(mangled).isEqualTo(expected);
                }
            }
        }
        // The mangling leaves many inputs valid (a digit for a digit): the comparison is not vacuous.
        assertThat(accepted).isGreaterThan(5_000);
    }

    @Test
    void shouldDeclineTheShapesItLeavesToJavaTime() {
        assertThat(FastIso.parseMillis("2026-11-28T15:22:49+00")).isEqualTo(ApiTimes.NONE);
        assertThat(FastIso.parseMillis("2026-11-28T15:22:49+0530")).isEqualTo(ApiTimes.NONE);
        assertThat(FastIso.parseMillis("2026-11-28T15:22:49")).isEqualTo(ApiTimes.NONE);
        assertThat(FastIso.parseMillis("2026-11-28T15:22")).isEqualTo(ApiTimes.NONE);
        assertThat(FastIso.parseMillis("2026-11-28T15:22:49.Z")).isEqualTo(ApiTimes.NONE);
        assertThat(FastIso.parseMillis("2026-02-30T15:22:49Z")).isEqualTo(ApiTimes.NONE);
        assertThat(FastIso.parseMillis("+2026-11-28T15:22:49Z")).isEqualTo(ApiTimes.NONE);
    }
}
