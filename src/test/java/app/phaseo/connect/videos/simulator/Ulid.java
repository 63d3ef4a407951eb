package app.phaseo.connect.videos.simulator;

import java.time.Instant;
import java.util.Random;

/**
 * ULIDs as the gateway makes them: 26 Crockford base32 characters, 48 bits of epoch
 * milliseconds then 80 random bits, so that they sort by creation time.
 */
final class Ulid {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ulid() {
    }

    /** A new ULID for {@code time}, its random part drawn from {@code random}. */
    static String next(Instant time, Random random) {
        long millis = time.toEpochMilli();
        if (millis < 0 || millis >= (1L << 48)) {
            throw new IllegalArgumentException("time out of ULID range: " + time);
        }
        long randomHigh = random.nextInt(1 << 16) & 0xFFFFL; // 16 bits
        long randomLow = random.nextLong();                   // 64 bits
        char[] out = new char[26];
        // 48-bit time in 10 characters (the first carries only 3 bits).
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits in 16 characters: high 16 bits then low 64 bits.
        long low = randomLow;
        long high = randomHigh;
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(out);
    }

    /** The creation time encoded in a ULID (millisecond precision). */
    static Instant time(String ulid) {
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | indexOf(ulid.charAt(i));
        }
        return Instant.ofEpochMilli(millis);
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == Character.toUpperCase(c)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a Crockford base32 character: " + c);
    }
}
