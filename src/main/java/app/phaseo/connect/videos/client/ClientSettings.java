package app.phaseo.connect.videos.client;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.apache.kafka.common.config.types.Password;

/**
 * What {@link PhaseoClient} needs to know: where the API is, the key, timeouts and limits.
 *
 * <p>Immutable and checked when built. The rules that protect the key live here: {@code https} is
 * required unless the host is a loopback address and {@code allowInsecureLoopback} is set; the URL
 * may not carry credentials, a query or a fragment. {@link #toString()} never shows the key.
 */
public final class ClientSettings {

    /** The config key users set the base URL with; named in error messages. */
    public static final String URL_CONFIG = "phaseo.api.url";
    /** The config key users set the API key with; named in error messages (never its value). */
    public static final String KEY_CONFIG = "phaseo.api.key";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    /** Bodies are read into one array; no page of the API comes anywhere near this. */
    public static final long LARGEST_MAX_RESPONSE_BYTES = 1024L * 1024 * 1024;
    public static final String DEFAULT_USER_AGENT = "kafka-connect-phaseo-videos";

    private static final Pattern IPV4_LOOPBACK =
            Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    /** Visible ASCII only: what an HTTP header value can carry without surprises. */
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7E]+");

    private final HttpUrl baseUrl;
    private final Password apiKey;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final long maxResponseBytes;
    private final String userAgent;
    private final boolean allowInsecureLoopback;

    private ClientSettings(Builder builder) {
        this.allowInsecureLoopback = builder.allowInsecureLoopback;
        this.baseUrl = checkBaseUrl(builder.baseUrl, allowInsecureLoopback);
        this.apiKey = checkApiKey(builder.apiKey);
        this.connectTimeout = positive(builder.connectTimeout, "connect timeout");
        this.readTimeout = positive(builder.readTimeout, "read timeout");
        this.callTimeout = positive(builder.callTimeout, "call timeout");
        if (builder.maxResponseBytes < 1 || builder.maxResponseBytes > LARGEST_MAX_RESPONSE_BYTES) {
            throw new IllegalArgumentException("maxResponseBytes must be between 1 and " + LARGEST_MAX_RESPONSE_BYTES
                    + ", was " + builder.maxResponseBytes);
        }
        this.maxResponseBytes = builder.maxResponseBytes;
        String agent = Objects.requireNonNull(builder.userAgent, "userAgent");
        if (!agent.chars().allMatch(c -> c >= 0x20 && c <= 0x7E) || agent.isBlank()) {
            throw new IllegalArgumentException("the user agent must be printable ASCII");
        }
        this.userAgent = agent;
    }

    /** Starts settings with the two required values; everything else has a default. */
    public static Builder builder(HttpUrl baseUrl, Password apiKey) {
        return new Builder(baseUrl, apiKey);
    }

    /**
     * Parses a base URL as users write it, with an error that names {@value #URL_CONFIG}.
     * The scheme rules are checked later, by {@link Builder#build()}.
     */
    public static HttpUrl parseBaseUrl(String raw) {
        HttpUrl url = raw == null ? null : HttpUrl.parse(raw.trim());
        if (url == null) {
            // The value is not echoed: a mistyped URL may hold a secret pasted in the wrong place.
            throw new IllegalArgumentException(URL_CONFIG + " is not a valid http(s) URL; expected something like "
                    + "https://api.phaseo.app/v1");
        }
        return url;
    }

    /**
     * True for hosts that cannot leave this machine: {@code localhost}, 127.0.0.0/8 and {@code ::1}.
     * Literal addresses only: no DNS lookup, so {@code localhost.example.com} is not loopback.
     */
    public static boolean isLoopbackHost(String host) {
        return host.equals("localhost") || host.equals("::1") || IPV4_LOOPBACK.matcher(host).matches();
    }

    private static HttpUrl checkBaseUrl(HttpUrl url, boolean allowInsecureLoopback) {
        Objects.requireNonNull(url, URL_CONFIG);
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            // Say nothing of what was there: it may be a secret.
            throw new IllegalArgumentException(URL_CONFIG + " must not contain a user name or password; put the API key in "
                    + KEY_CONFIG);
        }
        if (url.encodedQuery() != null || url.encodedFragment() != null) {
            throw new IllegalArgumentException(URL_CONFIG + " must not have a query or fragment, was " + url.redact());
        }
        if (!url.isHttps()) {
            boolean loopback = isLoopbackHost(url.host());
            if (!loopback) {
                throw new IllegalArgumentException(URL_CONFIG + " must use https (the API key would travel in clear text); "
                        + "plain http is only allowed for a loopback host, was " + url.redact());
            }
            if (!allowInsecureLoopback) {
                throw new IllegalArgumentException(URL_CONFIG + " uses plain http to " + url.host()
                        + "; that is only allowed for a loopback host with the insecure-loopback option switched on");
            }
        }
        return url;
    }

    private static Password checkApiKey(Password key) {
        if (key == null || key.value() == null || key.value().isBlank()) {
            throw new IllegalArgumentException(KEY_CONFIG + " is required: set it to your Phaseo API key");
        }
        String trimmed = key.value().strip();
        if (!HEADER_SAFE.matcher(trimmed).matches()) {
            // Never echo the key, not even in part.
            throw new IllegalArgumentException(KEY_CONFIG + " contains spaces or characters that cannot be sent in a header;"
                    + " check that it was copied whole and alone");
        }
        return trimmed.equals(key.value()) ? key : new Password(trimmed);
    }

    private static Duration positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }

    /** The API root, e.g. {@code https://api.phaseo.app/v1}; requests go to paths below it. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** The key (leading and trailing whitespace removed). Call {@code value()} only to build the header. */
    public Password apiKey() {
        return apiKey;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Longest wait for any single read from the socket. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Longest time for one HTTP exchange, from connecting to the end of the body. */
    public Duration callTimeout() {
        return callTimeout;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    public String userAgent() {
        return userAgent;
    }

    public boolean allowInsecureLoopback() {
        return allowInsecureLoopback;
    }

    @Override
    public String toString() {
        return "ClientSettings{baseUrl=" + baseUrl + ", apiKey=[hidden], connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout + ", maxResponseBytes=" + maxResponseBytes
                + ", userAgent=" + userAgent + ", allowInsecureLoopback=" + allowInsecureLoopback + "}";
    }

    /** Builds {@link ClientSettings}; {@link #build()} checks every value. */
    public static final class Builder {
        private final HttpUrl baseUrl;
        private final Password apiKey;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private String userAgent = DEFAULT_USER_AGENT;
        private boolean allowInsecureLoopback;

        private Builder(HttpUrl baseUrl, Password apiKey) {
            this.baseUrl = baseUrl;
            this.apiKey = apiKey;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        public Builder maxResponseBytes(long value) {
            this.maxResponseBytes = value;
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = value;
            return this;
        }

        /** Allows plain {@code http} to a loopback host (tests, a local simulator). Off by default. */
        public Builder allowInsecureLoopback(boolean value) {
            this.allowInsecureLoopback = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the config key at fault */
        public ClientSettings build() {
            return new ClientSettings(this);
        }
    }
}
