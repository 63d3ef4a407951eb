package app.phaseo.connect.videos.bench;

import java.util.SplittableRandom;

/** Video ids as the gateway makes them: {@code G-} and a ULID (48-bit time, 80 random bits). */
final class BenchIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private BenchIds() {
    }

    static String ulid(long millis, SplittableRandom random) {
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = CROCKFORD[random.nextInt(32)];
        }
        return new String(out);
    }
}
