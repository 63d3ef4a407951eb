package app.phaseo.connect.videos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.schema.TimestampFormat;
import app.phaseo.connect.videos.schema.ValueFormat;
import app.phaseo.connect.videos.testkit.LogCapture;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The config's defaults, its validators, its typed accessors and its cross-field rules. */
class PhaseoVideosConfigTest {

    /** Obviously not a real key: searched for in every output by the secret tests below. */
    static final String FAKE_KEY = "aistats_v1_sk_fake_config_key_q";

    static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put(PhaseoVideosConfig.API_KEY, FAKE_KEY);
        return props;
    }

    static Map<String, String> with(String... keyValues) {
        Map<String, String> props = minimal();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    /** The message of the ConfigException a config fails with. */
    static String failure(Map<String, String> props) {
        try {
            new PhaseoVideosConfig(props);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected " + props.keySet() + " to be refused");
    }

    @Test
    void shouldApplyTheDocumentedDefaultsWhenOnlyTheKeyIsGiven() {
        PhaseoVideosConfig config = new PhaseoVideosConfig(minimal());

        assertThat(config.apiUrl()).isEqualTo(URI.create("https://api.phaseo.app/v1"));
        assertThat(config.apiKey().value()).isEqualTo(FAKE_KEY);
        assertThat(config.workspace()).isEqualTo("default");
        assertThat(config.allowInsecureLoopback()).isFalse();
        assertThat(config.validateProbe()).isTrue();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxResponseBytes()).isEqualTo(32 * 1024 * 1024);
        assertThat(config.topic()).isEqualTo("phaseo.videos");
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.pressureInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.pageSize()).isEqualTo(100);
        assertThat(config.statusFilter()).isEmpty();
        assertThat(config.apiBehavior()).isEqualTo(ApiBehavior.AUTO);
        assertThat(config.windowRows()).isEqualTo(101);
        assertThat(config.fullScanInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.followMaxRequestsPerCycle()).isPositive();
        assertThat(config.followOnWindowOverflow()).isFalse();
        assertThat(config.followInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.followMaxAge()).isEqualTo(Duration.ofDays(1));
        assertThat(config.stateMaxJobs()).isEqualTo(5_000);
        assertThat(config.volatileFields())
                .containsExactly("download_url", "expires_at", "outputs[].download_url", "outputs[].expires_at")
                .isEqualTo(PhaseoVideosConfig.DEFAULT_VOLATILE_FIELDS);
        assertThat(config.tombstonesOnDelete()).isFalse();
        assertThat(config.backfillMode()).isEqualTo(BackfillMode.ALL);
        assertThat(config.backfillSince()).isEmpty();
        assertThat(config.backfillPagesPerCycle()).isEqualTo(10);
        assertThat(config.valueFormat()).isEqualTo(ValueFormat.STRUCT);
        assertThat(config.valueFlatten()).isFalse();
        assertThat(config.keyFormat()).isEqualTo(KeyFormat.STRUCT);
        assertThat(config.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.backoffMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.retryAfterMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.disabledRetryIntervalSet()).isFalse();
        assertThat(config.disabledBehavior()).isEqualTo(DisabledBehavior.WAIT);
        assertThat(config.crossFieldErrors()).isEmpty();
    }

    @Test
    void shouldStillAcceptTheDeprecatedDisabledRetryIntervalAndSayItWasSet() {
        PhaseoVideosConfig config = new PhaseoVideosConfig(with(PhaseoVideosConfig.DISABLED_RETRY_INTERVAL, "10000"));

        assertThat(config.disabledRetryIntervalSet()).isTrue();
        assertThat(config.crossFieldErrors()).isEmpty();
    }

    @Test
    void shouldRequireTheApiKey() {
        assertThat(failure(new HashMap<>())).contains(PhaseoVideosConfig.API_KEY);
    }

    @Test
    void shouldTypeEveryAccessorFromItsKey() {
        PhaseoVideosConfig config = new PhaseoVideosConfig(with(
                PhaseoVideosConfig.API_URL, "  https://eu.api.phaseo.app/v1  ",
                PhaseoVideosConfig.WORKSPACE, " studio-a ",
                PhaseoVideosConfig.TOPIC, " videos.raw ",
                PhaseoVideosConfig.POLL_INTERVAL, "2500",
                PhaseoVideosConfig.PRESSURE_INTERVAL, "50",
                PhaseoVideosConfig.PAGE_SIZE, "25",
                PhaseoVideosConfig.STATUS_FILTER, "Running, canceled ,SUCCEEDED",
                PhaseoVideosConfig.API_BEHAVIOR, "CURSOR",
                PhaseoVideosConfig.WINDOW_ROWS, "50",
                PhaseoVideosConfig.FOLLOW_INTERVAL, "0",
                PhaseoVideosConfig.FOLLOW_MAX_AGE, "60000",
                PhaseoVideosConfig.FINGERPRINT_IGNORE, "download_url, outputs[].download_url,asset.sha256",
                PhaseoVideosConfig.BACKFILL_MODE, "Since",
                PhaseoVideosConfig.BACKFILL_SINCE, "2026-01-01",
                PhaseoVideosConfig.VALUE_FORMAT, "map",
                PhaseoVideosConfig.KEY_FORMAT, "string",
                PhaseoVideosConfig.BACKOFF_INITIAL, "200",
                PhaseoVideosConfig.BACKOFF_MAX, "200",
                PhaseoVideosConfig.DISABLED_BEHAVIOR, "fail"));

        assertThat(config.apiUrl()).isEqualTo(URI.create("https://eu.api.phaseo.app/v1"));
        assertThat(config.workspace()).isEqualTo("studio-a");
        assertThat(config.topic()).isEqualTo("videos.raw");
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.pressureInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.pageSize()).isEqualTo(25);
        assertThat(config.statusFilter()).isEqualTo(EnumSet.of(VideoStatus.PROCESSING, VideoStatus.CANCELLED,
                VideoStatus.COMPLETED));
        assertThat(config.apiBehavior()).isEqualTo(ApiBehavior.CURSOR);
        assertThat(config.windowRows()).isEqualTo(50);
        assertThat(config.followInterval()).isZero();
        assertThat(config.followMaxAge()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.volatileFields()).containsExactly("download_url", "outputs[].download_url", "asset.sha256");
        assertThat(config.backfillMode()).isEqualTo(BackfillMode.SINCE);
        assertThat(config.backfillSince()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(config.valueFormat()).isEqualTo(ValueFormat.MAP);
        assertThat(config.keyFormat()).isEqualTo(KeyFormat.STRING);
        assertThat(config.backoffInitial()).isEqualTo(config.backoffMax()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.disabledBehavior()).isEqualTo(DisabledBehavior.FAIL);
    }

    @Test
    void shouldReadAnInstantForBackfillSince() {
        PhaseoVideosConfig config = new PhaseoVideosConfig(with(PhaseoVideosConfig.BACKFILL_MODE, "since",
                PhaseoVideosConfig.BACKFILL_SINCE, "2026-03-04T05:06:07.5Z"));

        assertThat(config.backfillSince()).contains(Instant.parse("2026-03-04T05:06:07.500Z"));
    }

    @Nested
    class Url {

        @ParameterizedTest
        @ValueSource(strings = {"api.phaseo.app/v1", "ftp://api.phaseo.app/v1", "https:///v1", "https://api phaseo/v1",
                "https://api.phaseo.app/v1?key=x", "https://api.phaseo.app/v1#top", ""})
        void shouldRefuseWhatIsNotAnHttpsUrlWithAHost(String url) {
            assertThat(failure(with(PhaseoVideosConfig.API_URL, url))).contains(PhaseoVideosConfig.API_URL);
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://api.phaseo.app/v1", "http://10.0.0.7:8080/v1", "http://localhost.example.com/v1",
                "http://127.0.0.1.nip.io/v1"})
        void shouldRefusePlainHttpToAnyNonLoopbackHostEvenWhenInsecureLoopbackIsAllowed(String url) {
            String message = failure(with(PhaseoVideosConfig.API_URL, url,
                    PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK, "true"));

            assertThat(message).startsWith(PhaseoVideosConfig.API_URL + ":").contains("use https");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://127.0.0.1:8080/v1", "http://localhost:9/v1", "http://LOCALHOST/v1",
                "http://[::1]:8080/v1", "http://127.5.6.7/v1"})
        void shouldAcceptPlainHttpToLoopbackOnlyWhenAllowed(String url) {
            assertThat(failure(with(PhaseoVideosConfig.API_URL, url)))
                    .startsWith(PhaseoVideosConfig.API_URL + ":")
                    .contains(PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK + "=true");

            PhaseoVideosConfig allowed = new PhaseoVideosConfig(with(PhaseoVideosConfig.API_URL, url,
                    PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK, "true"));
            assertThat(allowed.apiUrl()).isEqualTo(URI.create(url));
            assertThat(allowed.allowInsecureLoopback()).isTrue();
        }

        @Test
        void shouldAcceptHttpsWhateverTheLoopbackSetting() {
            assertThat(new PhaseoVideosConfig(with(PhaseoVideosConfig.API_URL, "HTTPS://api.phaseo.app:8443/v1"))
                    .crossFieldErrors()).isEmpty();
        }
    }

    @Nested
    class ApiKey {

        @ParameterizedTest
        @ValueSource(strings = {"aistats_v1_sk fake", "aistats_v1_sk_fake\nsecond_line", "aistats_v1_sk\tfake"})
        void shouldRefuseAKeyWithWhiteSpaceInside(String key) {
            String message = failure(with(PhaseoVideosConfig.API_KEY, key));

            assertThat(message).startsWith(PhaseoVideosConfig.API_KEY + ":").contains("white space");
            assertThat(message).doesNotContain(key).doesNotContain("fake");
        }

        @Test
        void shouldRefuseAnEmptyOrBlankKey() {
            assertThat(failure(with(PhaseoVideosConfig.API_KEY, ""))).startsWith(PhaseoVideosConfig.API_KEY + ":")
                    .contains("empty");
            assertThat(failure(with(PhaseoVideosConfig.API_KEY, "   "))).startsWith(PhaseoVideosConfig.API_KEY + ":");
        }

        @Test
        void shouldBeAPasswordThatNeverShowsInToStringValuesOrTheLoggedConfig() {
            PhaseoVideosConfig config = new PhaseoVideosConfig(minimal());

            assertThat(PhaseoVideosConfig.CONFIG_DEF.configKeys().get(PhaseoVideosConfig.API_KEY).type)
                    .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
            assertThat(config.apiKey()).isInstanceOf(Password.class);
            assertThat(config.apiKey().toString()).doesNotContain(FAKE_KEY);
            assertThat(config.toString()).doesNotContain(FAKE_KEY);
            assertThat(config.values().toString()).doesNotContain(FAKE_KEY);
            assertThat(String.valueOf(config.values().get(PhaseoVideosConfig.API_KEY))).isEqualTo(Password.HIDDEN);
        }

        @Test
        void shouldLogTheParsedConfigWithTheKeyHidden() {
            // AbstractConfig logs under its own name since Kafka 4.0, under the subclass's name before (3.9).
            try (LogCapture kafka = LogCapture.of("org.apache.kafka.common.config");
                 LogCapture ours = LogCapture.of(PhaseoVideosConfig.class.getName())) {
                new PhaseoVideosConfig(minimal());

                String logged = kafka.text() + "\n" + ours.text();
                assertThat(logged).contains(PhaseoVideosConfig.API_KEY + " = " + Password.HIDDEN)
                        .doesNotContain(FAKE_KEY);
            }
        }
    }

    @Nested
    class Lists {

        @Test
        void shouldAcceptEveryStatusAndAliasTheApiKnows() {
            PhaseoVideosConfig config = new PhaseoVideosConfig(with(PhaseoVideosConfig.STATUS_FILTER,
                    "queued,pending,processing,running,in_progress,completed,complete,success,succeeded,failed,error,"
                            + "cancelled,canceled,expired"));

            assertThat(config.statusFilter()).containsExactlyInAnyOrder(VideoStatus.QUEUED, VideoStatus.PROCESSING,
                    VideoStatus.COMPLETED, VideoStatus.FAILED, VideoStatus.CANCELLED, VideoStatus.EXPIRED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"completed,finished", "unknown", "queued,,failed"})
        void shouldRefuseAStatusTheApiDoesNotKnowAndNameIt(String filter) {
            String message = failure(with(PhaseoVideosConfig.STATUS_FILTER, filter));

            assertThat(message).contains(PhaseoVideosConfig.STATUS_FILTER).contains("Unknown status");
        }

        @ParameterizedTest
        @ValueSource(strings = {"outputs[.download_url", "a..b", "download url", "outputs[]]", ".expires_at",
                "outputs.[]", "webhook.attempts[].x-y"})
        void shouldRefuseAFieldPathThatIsNotOne(String path) {
            String message = failure(with(PhaseoVideosConfig.FINGERPRINT_IGNORE, "download_url," + path));

            assertThat(message).contains(PhaseoVideosConfig.FINGERPRINT_IGNORE).contains("not a field path");
        }

        @Test
        void shouldAcceptNestedAndArrayFieldPaths() {
            PhaseoVideosConfig config = new PhaseoVideosConfig(with(PhaseoVideosConfig.FINGERPRINT_IGNORE,
                    "webhook.attempts[].tried_at,outputs[].expires_at,usage.pricing_breakdown.total_usd_str"));

            assertThat(config.volatileFields()).hasSize(3);
        }
    }

    @Nested
    class Enums {

        @ParameterizedTest
        @ValueSource(strings = {PhaseoVideosConfig.API_BEHAVIOR, PhaseoVideosConfig.BACKFILL_MODE,
                PhaseoVideosConfig.VALUE_FORMAT, PhaseoVideosConfig.KEY_FORMAT, PhaseoVideosConfig.DISABLED_BEHAVIOR})
        void shouldRefuseAValueOutsideTheEnumAndListTheAllowedOnes(String key) {
            String message = failure(with(key, "sometimes"));

            assertThat(message).contains(key).contains("Must be one of [");
        }

        @Test
        void shouldStateTheRuleInEachValidatorsToString() {
            var keys = PhaseoVideosConfig.CONFIG_DEF.configKeys();
            assertThat(keys.get(PhaseoVideosConfig.KEY_FORMAT).validator).hasToString("one of [struct, string]");
            assertThat(keys.get(PhaseoVideosConfig.API_URL).validator.toString()).contains("https");
            assertThat(keys.get(PhaseoVideosConfig.STATUS_FILTER).validator.toString()).contains("queued");
            assertThat(keys.get(PhaseoVideosConfig.BACKFILL_SINCE).validator.toString()).contains("ISO-8601");
            assertThat(keys.get(PhaseoVideosConfig.FINGERPRINT_IGNORE).validator.toString()).contains("outputs[]");
        }
    }

    @Nested
    class Backfill {

        @Test
        void shouldNeedBackfillSinceWithModeSince() {
            assertThat(failure(with(PhaseoVideosConfig.BACKFILL_MODE, "since")))
                    .startsWith(PhaseoVideosConfig.BACKFILL_SINCE + ":");
            assertThat(failure(with(PhaseoVideosConfig.BACKFILL_MODE, "since", PhaseoVideosConfig.BACKFILL_SINCE, "  ")))
                    .startsWith(PhaseoVideosConfig.BACKFILL_SINCE + ":");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30", "2026-02-30T00:00:00Z", "2026-13-01", "yesterday", "01/02/2026",
                "2026-01-01T25:00:00Z"})
        void shouldRefuseADateThatIsNotAnIsoDateOrInstant(String since) {
            String message = failure(with(PhaseoVideosConfig.BACKFILL_MODE, "since",
                    PhaseoVideosConfig.BACKFILL_SINCE, since));

            assertThat(message).contains(PhaseoVideosConfig.BACKFILL_SINCE).contains("ISO-8601");
        }
    }

    @Nested
    class CrossField {

        @Test
        void shouldRefuseABackoffMaxBelowTheInitialBackoff() {
            String message = failure(with(PhaseoVideosConfig.BACKOFF_INITIAL, "5000", PhaseoVideosConfig.BACKOFF_MAX, "4999"));

            assertThat(message).startsWith(PhaseoVideosConfig.BACKOFF_MAX + ":").contains(PhaseoVideosConfig.BACKOFF_INITIAL);
        }

        @Test
        void shouldRefuseFlatteningTheApisOwnJsonText() {
            String message = failure(with(PhaseoVideosConfig.VALUE_FORMAT, "json", PhaseoVideosConfig.VALUE_FLATTEN, "true"));

            assertThat(message).startsWith(PhaseoVideosConfig.VALUE_FLATTEN + ":").contains("json");
        }

        @ParameterizedTest
        @ValueSource(strings = {"struct", "map"})
        void shouldFlattenAStructOrAMap(String format) {
            assertThat(new PhaseoVideosConfig(with(PhaseoVideosConfig.VALUE_FORMAT, format,
                    PhaseoVideosConfig.VALUE_FLATTEN, "true")).valueFlatten()).isTrue();
        }

        @Test
        void shouldRefuseAnIsoZonedTimestampFormatForTheApisOwnJsonText() {
            String message = failure(with(PhaseoVideosConfig.VALUE_FORMAT, "json",
                    PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT, "iso-zoned"));

            assertThat(message).startsWith(PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT + ":").contains("value.format=json");
            assertThat(new PhaseoVideosConfig(with(PhaseoVideosConfig.VALUE_FORMAT, "json",
                    PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT, "connect")).valueTimestampFormat())
                    .isEqualTo(TimestampFormat.CONNECT);
            for (String format : List.of("struct", "map")) {
                assertThat(new PhaseoVideosConfig(with(PhaseoVideosConfig.VALUE_FORMAT, format,
                        PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT, "iso-zoned")).valueTimestampFormat())
                        .isEqualTo(TimestampFormat.ISO_ZONED);
            }
        }

        @Test
        void shouldReportEveryProblemEachOnItsKey() {
            PhaseoVideosConfig config = PhaseoVideosConfig.withoutCrossFieldChecks(with(
                    PhaseoVideosConfig.API_URL, "http://api.phaseo.app/v1",
                    PhaseoVideosConfig.API_KEY, "two words",
                    PhaseoVideosConfig.BACKFILL_MODE, "since",
                    PhaseoVideosConfig.BACKOFF_INITIAL, "2000",
                    PhaseoVideosConfig.BACKOFF_MAX, "1000",
                    PhaseoVideosConfig.VALUE_FORMAT, "json",
                    PhaseoVideosConfig.VALUE_FLATTEN, "true"));

            List<Map.Entry<String, String>> errors = config.crossFieldErrors();

            assertThat(errors).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
                    PhaseoVideosConfig.API_URL, PhaseoVideosConfig.API_KEY, PhaseoVideosConfig.BACKFILL_SINCE,
                    PhaseoVideosConfig.BACKOFF_MAX, PhaseoVideosConfig.VALUE_FLATTEN);
            assertThat(errors).extracting(Map.Entry::getValue).allSatisfy(m -> assertThat(m).isNotBlank()
                    .doesNotContain("two words"));
        }

        @Test
        void shouldThrowForTheFirstProblemWhenBuiltForUse() {
            assertThatThrownBy(() -> new PhaseoVideosConfig(with(PhaseoVideosConfig.BACKOFF_INITIAL, "2000",
                    PhaseoVideosConfig.BACKOFF_MAX, "1000", PhaseoVideosConfig.VALUE_FORMAT, "json",
                    PhaseoVideosConfig.VALUE_FLATTEN, "true")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(PhaseoVideosConfig.BACKOFF_MAX + ":");
        }

        @Test
        void shouldStillCheckSingleKeysWithoutTheCrossFieldRules() {
            assertThatThrownBy(() -> PhaseoVideosConfig.withoutCrossFieldChecks(with(PhaseoVideosConfig.PAGE_SIZE, "101")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(PhaseoVideosConfig.PAGE_SIZE);
        }
    }

    @Nested
    class TimestampFormats {

        @Test
        void shouldDefaultToConnectTimestamps() {
            assertThat(new PhaseoVideosConfig(minimal()).valueTimestampFormat()).isEqualTo(TimestampFormat.CONNECT);
            assertThat(PhaseoVideosConfig.CONFIG_DEF.configKeys().get(PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT)
                    .defaultValue).isEqualTo("connect");
        }

        @ParameterizedTest
        @ValueSource(strings = {"iso-zoned", "ISO-ZONED", " iso-zoned "})
        void shouldAcceptIsoZonedInAnyCase(String value) {
            PhaseoVideosConfig config = new PhaseoVideosConfig(with(PhaseoVideosConfig.VALUE_FLATTEN, "true",
                    PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT, value));

            assertThat(config.valueTimestampFormat()).isEqualTo(TimestampFormat.ISO_ZONED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"iso_zoned", "iso", "zoned", "timestamptz", ""})
        void shouldRefuseAnyOtherValueNamingTheAllowedOnes(String value) {
            assertThatThrownBy(() -> new PhaseoVideosConfig(with(PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT, value)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT)
                    .hasMessageContaining("[connect, iso-zoned]");
        }

        @Test
        void shouldDocumentTheKeyInTheRecordFormatGroup() {
            var key = PhaseoVideosConfig.CONFIG_DEF.configKeys().get(PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT);

            assertThat(key.group).isEqualTo("Record format");
            assertThat(key.documentation).contains("io.debezium.time.ZonedTimestamp", "timestamptz", "connect",
                    "iso-zoned");
            assertThat(key.validator.toString()).isEqualTo("one of [connect, iso-zoned]");
        }
    }

    @Nested
    class Ranges {

        @ParameterizedTest
        @ValueSource(strings = {PhaseoVideosConfig.PAGE_SIZE + "=0", PhaseoVideosConfig.PAGE_SIZE + "=101",
                PhaseoVideosConfig.POLL_INTERVAL + "=199", PhaseoVideosConfig.STATE_MAX_JOBS + "=99",
                PhaseoVideosConfig.FOLLOW_MAX_AGE + "=59999", PhaseoVideosConfig.WINDOW_ROWS + "=0",
                PhaseoVideosConfig.CONNECT_TIMEOUT + "=99", PhaseoVideosConfig.MAX_RESPONSE_BYTES + "=1024"})
        void shouldRefuseAValueOutsideItsRange(String assignment) {
            String[] kv = assignment.split("=");

            assertThat(failure(with(kv[0], kv[1]))).contains(kv[0]);
        }
    }
}
