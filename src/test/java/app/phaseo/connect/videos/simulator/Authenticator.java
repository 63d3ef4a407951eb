package app.phaseo.connect.videos.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks {@code Authorization: Bearer <key>} as the gateway does, and refuses to be configured
 * with a key that looks like a real one.
 */
final class Authenticator {

    static final String KEY_PREFIX = "aistats_v1_sk_";
    /** Real keys have a long run of letters and digits right after the prefix. */
    private static final Pattern REAL_LOOKING = Pattern.compile(Pattern.quote(KEY_PREFIX) + "[A-Za-z0-9]{6,}.*");

    private final byte[] expected;

    Authenticator(String apiKey) {
        if (apiKey == null || !apiKey.startsWith(KEY_PREFIX)) {
            throw new IllegalArgumentException("the simulator's key must start with " + KEY_PREFIX);
        }
        if (REAL_LOOKING.matcher(apiKey).matches()) {
            throw new IllegalArgumentException("the simulator's key must not look like a real key: put a"
                    + " short word and '_' right after " + KEY_PREFIX + ", e.g. " + KEY_PREFIX + "fake_test_key");
        }
        this.expected = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    /** Null when the header carries the right key, else the 401 reason. */
    String check(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return "missing_api_key";
        }
        String header = authorizationHeader.trim();
        if (!header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return "missing_api_key";
        }
        String key = header.substring("bearer ".length()).trim();
        if (key.isEmpty()) {
            return "missing_api_key";
        }
        if (!key.startsWith(KEY_PREFIX)) {
            return "invalid_key_format";
        }
        if (!MessageDigest.isEqual(expected, key.getBytes(StandardCharsets.UTF_8))) {
            return "invalid_api_key";
        }
        return null;
    }
}
