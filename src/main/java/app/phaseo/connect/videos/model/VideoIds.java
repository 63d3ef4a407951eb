package app.phaseo.connect.videos.model;

/**
 * Reads the creation time hidden in a gateway id: {@code G-} followed by a 26-character ULID,
 * whose first ten Crockford base-32 characters are the creation time in milliseconds.
 */
public final class VideoIds {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private VideoIds() {
    }

    /** Creation time in epoch milliseconds, or {@link ApiTimes#NONE} when the id is not a ULID. */
    public static long creationMillis(String id) {
        if (id == null) {
            return ApiTimes.NONE;
        }
        int start = id.startsWith("G-") ? 2 : 0;
        if (id.length() - start != 26) {
            return ApiTimes.NONE;
        }
        long value = 0;
        for (int i = start; i < start + 10; i++) {
            int digit = ALPHABET.indexOf(Character.toUpperCase(id.charAt(i)));
            if (digit < 0) {
                return ApiTimes.NONE;
            }
            value = (value << 5) | digit;
        }
        // 48 bits of milliseconds: the first character may only be 0-7.
        return value < (1L << 48) ? value : ApiTimes.NONE;
    }
}
