package app.phaseo.connect.videos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.BackfillState;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.offset.SourcePartition;
import app.phaseo.connect.videos.offset.TrackedJob;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.RequestStats;
import app.phaseo.connect.videos.testkit.TaskContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The connector at the Connect boundary: validate (with the API probe), alter offsets, task configs. */
class PhaseoVideosSourceConnectorTest {

    private static final String WRONG_KEY = "aistats_v1_sk_fake_wrong_key_v";

    private final PhaseoVideosSourceConnector connector = new PhaseoVideosSourceConnector();
    private PhaseoSimulator sim;

    @BeforeEach
    void startSimulator() {
        sim = PhaseoSimulator.builder().seed(8).preexisting(5, Duration.ofHours(1)).build().start();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private Map<String, String> props(String... overrides) {
        Map<String, String> props = new HashMap<>(TaskHarness.props(sim));
        props.remove(PhaseoVideosSourceTask.TASK_ID);
        for (int i = 0; i < overrides.length; i += 2) {
            props.put(overrides[i], overrides[i + 1]);
        }
        return props;
    }

    /** The error messages of each key that has any. */
    private static Map<String, List<String>> errors(Config config) {
        return config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static int unusedLocalPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Nested
    class Validate {

        @Test
        void shouldAcceptASoundConfigAfterOneSmallRequest() {
            Config config = connector.validate(props());

            assertThat(errors(config)).isEmpty();
            assertThat(sim.stats().total()).isEqualTo(1);
            assertThat(sim.stats().entries().get(0).pathAndQuery()).contains("limit=1");
            assertThat(config.configValues()).extracting(ConfigValue::name)
                    .containsAll(PhaseoVideosConfig.CONFIG_DEF.names());
        }

        @Test
        void shouldReportEveryCrossFieldProblemOnItsOwnKeyWithoutCallingTheApi() {
            Config config = connector.validate(props(
                    PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK, "false",
                    PhaseoVideosConfig.BACKFILL_MODE, "since",
                    PhaseoVideosConfig.BACKOFF_INITIAL, "5000",
                    PhaseoVideosConfig.BACKOFF_MAX, "1000",
                    PhaseoVideosConfig.VALUE_FORMAT, "json",
                    PhaseoVideosConfig.VALUE_FLATTEN, "true"));

            Map<String, List<String>> errors = errors(config);
            assertThat(errors).containsOnlyKeys(PhaseoVideosConfig.API_URL, PhaseoVideosConfig.BACKFILL_SINCE,
                    PhaseoVideosConfig.BACKOFF_MAX, PhaseoVideosConfig.VALUE_FLATTEN);
            assertThat(errors.get(PhaseoVideosConfig.API_URL)).singleElement().asString()
                    .contains(PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK);
            assertThat(errors.get(PhaseoVideosConfig.BACKOFF_MAX)).singleElement().asString()
                    .contains(PhaseoVideosConfig.BACKOFF_INITIAL);
            assertThat(sim.stats().total()).as("no probe while the config is wrong").isZero();
        }

        @Test
        void shouldReportKeysInWhiteSpaceOnTheKeyWithoutShowingIt() {
            Config config = connector.validate(props(PhaseoVideosConfig.API_KEY, "aistats_v1_sk_fake two_words"));

            assertThat(errors(config)).containsOnlyKeys(PhaseoVideosConfig.API_KEY);
            assertThat(config.configValues().toString()).doesNotContain("two_words");
        }

        @Test
        void shouldStopAtSingleKeyErrors() {
            Config config = connector.validate(props(PhaseoVideosConfig.PAGE_SIZE, "0",
                    PhaseoVideosConfig.BACKOFF_INITIAL, "5000", PhaseoVideosConfig.BACKOFF_MAX, "1000"));

            assertThat(errors(config)).containsOnlyKeys(PhaseoVideosConfig.PAGE_SIZE);
            assertThat(sim.stats().total()).isZero();
        }

        @Test
        void shouldReportAMissingKey() {
            Map<String, String> props = props();
            props.remove(PhaseoVideosConfig.API_KEY);

            assertThat(errors(connector.validate(props))).containsKey(PhaseoVideosConfig.API_KEY);
        }

        @Test
        void shouldReportARejectedKeyOnTheKeyWithTheApisReasonButNotTheKey() {
            Config config = connector.validate(props(PhaseoVideosConfig.API_KEY, WRONG_KEY));

            Map<String, List<String>> errors = errors(config);
            assertThat(errors).containsOnlyKeys(PhaseoVideosConfig.API_KEY);
            assertThat(errors.get(PhaseoVideosConfig.API_KEY)).singleElement().asString()
                    .contains("invalid_api_key").contains(PhaseoVideosConfig.API_KEY);
            assertThat(config.configValues().toString()).doesNotContain(WRONG_KEY);
        }

        @Test
        void shouldReportAnUnreachableUrlOnTheUrl() throws IOException {
            int port = unusedLocalPort();

            Config config = connector.validate(props(PhaseoVideosConfig.API_URL, "http://127.0.0.1:" + port + "/v1"));

            Map<String, List<String>> errors = errors(config);
            assertThat(errors).containsOnlyKeys(PhaseoVideosConfig.API_URL);
            assertThat(errors.get(PhaseoVideosConfig.API_URL)).singleElement().asString()
                    .startsWith("Could not reach http://127.0.0.1:" + port + "/v1");
        }

        @Test
        void shouldReportAUrlThatIsNotTheApiOnTheUrl() {
            Config config = connector.validate(props(PhaseoVideosConfig.API_URL, sim.baseUrl().replace("/v1", "/v0")));

            assertThat(errors(config)).containsOnlyKeys(PhaseoVideosConfig.API_URL);
            assertThat(errors(config).get(PhaseoVideosConfig.API_URL)).singleElement().asString()
                    .contains("is not the Phaseo videos API's");
        }

        @ParameterizedTest
        @ValueSource(strings = {"video_api_temporarily_disabled", "video_api_feature_disabled"})
        void shouldReportADisabledApiOnlyWhenTheTaskWouldFail(String reason) {
            sim.disable(reason);

            Config waiting = connector.validate(props());
            Config failing = connector.validate(props(PhaseoVideosConfig.DISABLED_BEHAVIOR, "fail"));

            assertThat(errors(waiting)).isEmpty();
            Map<String, List<String>> errors = errors(failing);
            assertThat(errors).containsOnlyKeys(PhaseoVideosConfig.DISABLED_BEHAVIOR);
            assertThat(errors.get(PhaseoVideosConfig.DISABLED_BEHAVIOR)).singleElement().asString()
                    .contains(reason).contains(PhaseoVideosConfig.DISABLED_BEHAVIOR + "=wait");
        }

        @ParameterizedTest
        @ValueSource(strings = {"db_error", "server_misconfig_missing_pepper"})
        void shouldNotBlameTheKeyForAKeyCheckTheGatewayCouldNotMake(String reason) {
            sim.faults().next(app.phaseo.connect.videos.simulator.Fault.unauthorized(reason));

            assertThat(errors(connector.validate(props()))).isEmpty();
        }

        @Test
        void shouldReportAnyOther401OnTheKey() {
            sim.faults().next(app.phaseo.connect.videos.simulator.Fault.unauthorized("key_not_found_or_revoked"));

            assertThat(errors(connector.validate(props()))).containsOnlyKeys(PhaseoVideosConfig.API_KEY);
        }

        @Test
        void shouldNotReportATransientServerError() {
            sim.faults().next(app.phaseo.connect.videos.simulator.Fault.badGateway());

            assertThat(errors(connector.validate(props()))).isEmpty();
        }

        @Test
        void shouldNotCallTheApiWithTheProbeOff() throws IOException {
            Config wrongKey = connector.validate(props(PhaseoVideosConfig.API_KEY, WRONG_KEY,
                    PhaseoVideosConfig.VALIDATE_PROBE, "false"));
            Config unreachable = connector.validate(props(PhaseoVideosConfig.API_URL,
                    "http://127.0.0.1:" + unusedLocalPort() + "/v1", PhaseoVideosConfig.VALIDATE_PROBE, "false"));

            assertThat(errors(wrongKey)).isEmpty();
            assertThat(errors(unreachable)).isEmpty();
            assertThat(sim.stats().total()).isZero();
        }
    }

    @Nested
    class AlterOffsets {

        private final OffsetCodec codec = new OffsetCodec();
        private final Map<String, ?> partition = SourcePartition.of("test-workspace");

        private Map<String, Object> validOffset() {
            CaptureOffset offset = new CaptureOffset(12, ApiBehavior.WINDOW, "G-01M8HC0VGRQKGPARXB7XCMX24W", 1_795_876_966_168L,
                    null, BackfillState.DONE, 1_795_876_970_000L, 1_795_870_000_000L,
                    List.of(new TrackedJob("G-01M8HC0VGRQKGPARXB7XCMX24W", 42, VideoStatus.PROCESSING, false,
                            1_795_876_969_000L, 1_795_876_967_000L, 1_795_876_968_000L, 131_072)));
            return TaskContexts.asStored(codec.toMap(offset));
        }

        @Test
        void shouldAcceptAResetOfItsPartition() {
            Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
            reset.put(partition, null);

            assertThat(connector.alterOffsets(props(), reset)).isTrue();
        }

        @Test
        void shouldAcceptAnOffsetItCanRead() {
            assertThat(connector.alterOffsets(props(), Map.of(partition, validOffset()))).isTrue();
            assertThat(connector.alterOffsets(props(), Map.of(TaskContexts.asStored(new HashMap<>(partition)), validOffset())))
                    .isTrue();
        }

        @Test
        void shouldRefuseAnotherPartitionNamingItsOwn() {
            assertThatThrownBy(() -> connector.alterOffsets(props(),
                    Map.of(SourcePartition.of("other-workspace"), validOffset())))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("Unknown source partition")
                    .hasMessageContaining("other-workspace")
                    .hasMessageContaining("test-workspace");
            assertThatThrownBy(() -> connector.alterOffsets(props(), Map.of(Map.of("filename", "/tmp/videos"), validOffset())))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("Unknown source partition");
        }

        @Test
        void shouldRefuseAMalformedOffsetSayingWhy() {
            Map<String, Object> newer = validOffset();
            newer.put("v", 2);
            Map<String, Object> badJobs = validOffset();
            badJobs.put("jobs", "not-a-job");
            Map<String, Object> foreign = Map.of("position", 42);

            assertThatThrownBy(() -> connector.alterOffsets(props(), Map.of(partition, newer)))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("upgrade");
            assertThatThrownBy(() -> connector.alterOffsets(props(), Map.of(partition, badJobs)))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("not-a-job");
            assertThatThrownBy(() -> connector.alterOffsets(props(), Map.of(partition, foreign)))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("format version");
        }
    }

    @Test
    void shouldRunOneTaskWhateverTasksMaxSays() {
        Map<String, String> props = props();
        connector.start(props);

        List<Map<String, String>> three = connector.taskConfigs(3);
        List<Map<String, String>> one = connector.taskConfigs(1);

        assertThat(three).hasSize(1).isEqualTo(one);
        assertThat(three.get(0)).containsAllEntriesOf(props).containsEntry(PhaseoVideosSourceTask.TASK_ID, "0");
        assertThat(connector.taskClass()).isEqualTo(PhaseoVideosSourceTask.class);
        connector.stop();
    }

    @Test
    void shouldRefuseToStartWithABadConfig() {
        assertThatThrownBy(() -> connector.start(props(PhaseoVideosConfig.BACKOFF_INITIAL, "5000",
                PhaseoVideosConfig.BACKOFF_MAX, "1000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PhaseoVideosConfig.BACKOFF_MAX);
        assertThat(sim.stats().count(RequestStats.LIST)).isZero();
    }

    @Test
    void shouldOfferExactlyOnceWithoutDefiningTransactionBoundaries() {
        assertThat(connector.exactlyOnceSupport(props())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(props())).isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
        assertThat(connector.version()).isNotBlank().isEqualTo(new PhaseoVideosSourceTask().version());
    }
}
