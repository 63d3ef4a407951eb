package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.Fault;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a Connect user does through the REST API before and after deploying: the validate
 * endpoint ({@code PUT /connector-plugins/{class}/config/validate}) tells what to fix on the right
 * key, and the offsets endpoints (KIP-875) read, reset and alter the connector's offsets, with an
 * offset the connector cannot read refused with a message that says why.
 */
class ValidateAndOffsetsIT {

    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startCluster() {
        connect = ConnectFixture.startCluster("validate-offsets", 1, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    // ---- validate ---------------------------------------------------------------------------------

    @Test
    void validateReportsWhatToFixOnTheRightKey() throws Exception {
        try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(Clock.systemUTC()).preexisting(3, Duration.ofHours(1))
                .build().start();
             MockWebServer redirector = new MockWebServer();
             MockWebServer elsewhere = new MockWebServer()) {
            redirector.start();
            elsewhere.start();
            Map<String, String> good = config(sim);

            assertThat(errors(good)).as("a sound config").isEmpty();
            assertThat(sim.stats().total()).as("the probe made one request").isEqualTo(1);

            assertThat(errors(with(good, "phaseo.api.key", "aistats_v1_sk_fake_not_this_one")))
                    .containsOnlyKeys("phaseo.api.key").hasEntrySatisfying("phaseo.api.key",
                            e -> assertThat(e).anyMatch(m -> m.contains("HTTP 401") && m.contains("invalid_api_key")));
            assertThat(errors(with(good, "phaseo.api.key", "sk-not-a-phaseo-key")))
                    .containsOnlyKeys("phaseo.api.key").hasEntrySatisfying("phaseo.api.key",
                            e -> assertThat(e).anyMatch(m -> m.contains("invalid_key_format")));
            assertThat(errors(with(good, "phaseo.api.url", "http://127.0.0.1:" + closedPort() + "/v1")))
                    .containsOnlyKeys("phaseo.api.url").hasEntrySatisfying("phaseo.api.url",
                            e -> assertThat(e).anyMatch(m -> m.startsWith("Could not reach")));
            redirector.enqueue(new MockResponse.Builder().code(302).setHeader("Location", elsewhere.url("/v1/videos")).build());
            assertThat(errors(with(good, "phaseo.api.url", redirector.url("/v1").toString())))
                    .containsOnlyKeys("phaseo.api.url");
            assertThat(elsewhere.getRequestCount()).isZero();
            redirector.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html")
                    .body("<html>Not Found</html>").build());
            assertThat(errors(with(good, "phaseo.api.url", redirector.url("/wrong").toString())))
                    .as("a URL that is not the API's").containsOnlyKeys("phaseo.api.url");

            // 501: an error only when the task would fail on it.
            for (String reason : List.of("video_api_temporarily_disabled", "video_api_feature_disabled")) {
                sim.disable(reason);
                assertThat(errors(good)).as("501 %s with api.disabled.behavior=wait", reason).isEmpty();
                assertThat(errors(with(good, "api.disabled.behavior", "fail")))
                        .as("501 %s with api.disabled.behavior=fail", reason).containsOnlyKeys("api.disabled.behavior")
                        .hasEntrySatisfying("api.disabled.behavior", e -> assertThat(e).anyMatch(m -> m.contains(reason)));
            }
            sim.disable(null);

            // Transient answers say nothing about the config.
            sim.faults().next(Fault.serverErrorPlainText());
            assertThat(errors(good)).as("a 500 during validation").isEmpty();
            sim.faults().next(Fault.tooManyRequests(Duration.ofSeconds(30)));
            assertThat(errors(good)).as("a 429 during validation").isEmpty();

            // Cross-field rules, each on its key, and no probe while any of them fails.
            long before = sim.stats().total();
            Map<String, List<String>> crossField = errors(with(good,
                    "phaseo.api.allow.insecure.loopback", "false",
                    "backfill.mode", "since",
                    "retry.backoff.initial.ms", "5000", "retry.backoff.max.ms", "1000",
                    "value.format", "json", "value.flatten", "true"));
            assertThat(crossField).containsOnlyKeys("phaseo.api.url", "backfill.since", "retry.backoff.max.ms", "value.flatten");
            assertThat(errors(with(good, "phaseo.api.url", "http://api.phaseo.example/v1"))).containsOnlyKeys("phaseo.api.url")
                    .hasEntrySatisfying("phaseo.api.url", e -> assertThat(e).anyMatch(m -> m.contains("use https")));
            assertThat(errors(with(good, "phaseo.api.key", "aistats_v1_sk_fake padded"))).containsOnlyKeys("phaseo.api.key");
            assertThat(errors(with(good, "phaseo.api.key", ""))).containsOnlyKeys("phaseo.api.key");
            // Single-key errors come first, also without a probe.
            assertThat(errors(with(good, "page.size", "500", "status.filter", "queued,exploded")))
                    .containsOnlyKeys("page.size", "status.filter");
            assertThat(errors(with(good, "phaseo.api.validate.probe", "false", "phaseo.api.key", "aistats_v1_sk_fake_offline")))
                    .as("validation offline").isEmpty();
            assertThat(sim.stats().total()).as("requests made by validations that had config errors or no probe")
                    .isEqualTo(before);
        }
    }

    private static Map<String, String> config(PhaseoSimulator sim) {
        Map<String, String> config = ConnectFixture.rawJsonConnector(sim, "videos-validate");
        config.put("name", "validate");
        return config;
    }

    private static Map<String, String> with(Map<String, String> base, String... changes) {
        Map<String, String> changed = new HashMap<>(base);
        for (int i = 0; i < changes.length; i += 2) {
            changed.put(changes[i], changes[i + 1]);
        }
        return changed;
    }

    /** The validate endpoint's errors, by config key. */
    private static Map<String, List<String>> errors(Map<String, String> config) {
        ConfigInfos infos = connect.validateConnectorConfig(ConnectFixture.CONNECTOR_CLASS, config);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigInfo info : ConnectCompat.entries(infos)) {
            if (!info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        }
        assertThat(infos.errorCount()).isEqualTo(errors.values().stream().mapToInt(List::size).sum());
        return errors;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ---- offsets (KIP-875) --------------------------------------------------------------------------

    @Test
    void offsetsAreReadResetAlteredAndCheckedThroughTheRestApi() throws Exception {
        String name = "offsets";
        String topic = "videos-offsets";
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC())
                .profile(LifecycleProfile.fast()).preexisting(30, Duration.ofHours(3)).workload(Workload.none())
                .build().start()) {
            Set<String> jobs = sim.jobIds();
            connect.configureConnector(name, ConnectFixture.rawJsonConnector(sim, topic));
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not start");
            ConnectFixture.readUntil(connect, topic, seen -> seen.size() >= 30, Duration.ofSeconds(30));

            // Read: one partition, the workspace's, whose offset remembers every job.
            await(() -> jobs.stream().allMatch(committedJobs(name)::contains), "offsets committed for every job");
            ConnectorOffsets read = connect.connectorOffsets(name);
            assertThat(read.offsets()).hasSize(1);
            Map<String, ?> partition = read.offsets().get(0).partition();
            Map<String, ?> offset = read.offsets().get(0).offset();
            assertThat(partition).isEqualTo(Map.of("workspace", "it-" + topic, "protocol", "1"));
            assertThat(offset).containsKeys("v", "cycle", "mode", "jobs", "backfill");
            // The offset travels with records only (Connect 4.3 has no way to commit one without a record), so
            // a backfill that finished in the cycle that wrote its last record still reads "pending" here; a
            // restart then re-reads the windows, which writes nothing for the jobs the offset remembers.
            assertThat(String.valueOf(offset.get("backfill"))).isIn("pending", "running", "done");

            // Reset while stopped: a restart streams the backfill again.
            connect.stopConnector(name);
            connect.assertions().assertConnectorIsStopped(name, "connector did not stop");
            assertThat(connect.resetConnectorOffsets(name)).contains("successfully");
            // The worker reads its own tombstones back from the offsets topic asynchronously: wait for them.
            await(() -> connect.connectorOffsets(name).offsets().isEmpty(), "offsets after the reset are gone");
            connect.resumeConnector(name);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not resume");
            List<ConnectFixture.Seen> afterReset = ConnectFixture.readUntil(connect, topic, seen -> seen.size() >= 60,
                    Duration.ofSeconds(30));
            assertThat(perJob(afterReset)).as("records per job after the reset").hasSize(30)
                    .allSatisfy((id, count) -> assertThat(count).isEqualTo(2L));

            // Alter while stopped, to a valid offset that forgets ten jobs: exactly those are written again.
            await(() -> jobs.stream().allMatch(committedJobs(name)::contains), "offsets committed after the reset");
            connect.stopConnector(name);
            connect.assertions().assertConnectorIsStopped(name, "connector did not stop");
            Map<String, Object> altered = new HashMap<>(connect.connectorOffsets(name).offsets().get(0).offset());
            List<String> forgotten = jobs.stream().sorted().limit(10).collect(Collectors.toList());
            altered.put("jobs", Arrays.stream(String.valueOf(altered.get("jobs")).split(","))
                    .filter(entry -> forgotten.stream().noneMatch(id -> entry.startsWith(id + "|")))
                    .collect(Collectors.joining(",")));
            String answer = connect.alterConnectorOffsets(name, new ConnectorOffsets(List.of(new ConnectorOffset(partition, altered))));
            assertThat(answer).contains("successfully");
            assertThat(committedJobs(name)).doesNotContainAnyElementsOf(forgotten);

            // Offsets the connector cannot read are refused, with the reason, and change nothing.
            Map<String, ?> current = connect.connectorOffsets(name).offsets().get(0).offset();
            assertRefused(name, partition, Map.of("v", 99), "format version 99");
            assertRefused(name, partition, Map.of("v", 1, "jobs", "not|an|entry"), "malformed");
            assertRefused(name, partition, Map.of("v", 1, "cycle", "seven"), "'cycle' is not a number");
            assertRefused(name, Map.of("workspace", "another", "protocol", "1"), Map.of("v", 1), "Unknown source partition");
            assertThat(connect.connectorOffsets(name).offsets().get(0).offset()).as("offset after the refusals").isEqualTo(current);

            connect.resumeConnector(name);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not resume");
            List<ConnectFixture.Seen> afterAlter = ConnectFixture.readUntil(connect, topic, seen -> seen.size() >= 70,
                    Duration.ofSeconds(30));
            Map<String, Long> counts = perJob(afterAlter);
            assertThat(afterAlter).as("records after the alter").hasSize(70);
            forgotten.forEach(id -> assertThat(counts.get(id)).as("records of forgotten job %s", id).isEqualTo(3L));
            assertThat(counts.values().stream().filter(c -> c == 2L).count()).as("jobs not written again").isEqualTo(20);
            connect.deleteConnector(name);
        }
    }

    private static void assertRefused(String name, Map<String, ?> partition, Map<String, ?> offset, String reason) {
        assertThatThrownBy(() -> connect.alterSourceConnectorOffset(name, partition, offset))
                .as("altering to %s", offset).isInstanceOf(ConnectRestException.class).hasMessageContaining(reason)
                .satisfies(refused -> System.out.println("OFFSETS-REFUSED " + refused.getMessage()));
    }

    /** Ids of the jobs the committed offset remembers. */
    private static Set<String> committedJobs(String name) {
        List<ConnectorOffset> offsets = connect.connectorOffsets(name).offsets();
        if (offsets.isEmpty() || offsets.get(0).offset().get("jobs") == null) {
            return Set.of();
        }
        return Arrays.stream(String.valueOf(offsets.get(0).offset().get("jobs")).split(","))
                .map(entry -> entry.substring(0, Math.max(0, entry.indexOf('|')))).collect(Collectors.toSet());
    }

    private static Map<String, Long> perJob(List<ConnectFixture.Seen> seen) {
        return seen.stream().collect(Collectors.groupingBy(ConnectFixture.Seen::id, Collectors.counting()));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
