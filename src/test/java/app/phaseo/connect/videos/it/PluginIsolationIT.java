package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin, loaded the way users install it: from {@code plugin.path}, in its own
 * plugin class loader. This test runs in a failsafe execution that keeps the connector's classes
 * off the test classpath (see the pom), so the only copy the worker can find is the packaged one.
 */
class PluginIsolationIT {

    @Test
    void thePackagedPluginRunsFromPluginPath() throws Exception {
        Path pluginDir = Path.of(System.getProperty("phaseo.plugin.dir", "target/missing"));
        assertThat(pluginDir).as("the plugin folder built by 'mvn package'").isDirectory();
        try (var children = Files.list(pluginDir)) {
            Path plugin = children.findFirst().orElseThrow();
            assertThat(plugin.resolve("manifest.json")).isRegularFile();
            try (var jars = Files.list(plugin.resolve("lib"))) {
                List<String> names = jars.map(p -> p.getFileName().toString()).collect(Collectors.toList());
                assertThat(names).anyMatch(n -> n.startsWith("kafka-connect-phaseo-videos-"))
                        .anyMatch(n -> n.startsWith("okhttp-jvm-"))
                        .anyMatch(n -> n.startsWith("jackson-databind-"))
                        .noneMatch(n -> n.startsWith("kafka-clients") || n.startsWith("connect-api"));
            }
        }
        assertThatThrownBy(() -> Class.forName(ConnectFixture.CONNECTOR_CLASS))
                .as("the connector must not be on this test's classpath")
                .isInstanceOf(ClassNotFoundException.class);

        EmbeddedConnectCluster connect = ConnectFixture.startCluster("isolation", 1,
                Map.of("plugin.path", pluginDir.toAbsolutePath().toString()));
        try (PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC()).seed(21)
                .profile(LifecycleProfile.fast()).workload(Workload.steady(5, Duration.ofSeconds(4), 21))
                .build().start()) {
            String plugins = String.valueOf(connect.requestGet(connect.endpointForResource("connector-plugins")).getEntity());
            assertThat(plugins).contains(ConnectFixture.CONNECTOR_CLASS).contains("\"version\":\"0.");

            String topic = "videos-isolated";
            connect.configureConnector("isolated", ConnectFixture.rawJsonConnector(sim, topic));
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("isolated", 1, "connector did not start");
            List<ConnectFixture.Seen> seen = ConnectFixture.readUntil(connect, topic, s -> s.stream()
                    .filter(r -> "true".equals(r.headers().get("phaseo.final")))
                    .map(ConnectFixture.Seen::id).collect(Collectors.toSet()).containsAll(sim.jobIds()), Duration.ofSeconds(60));
            Set<String> finals = seen.stream().filter(r -> "true".equals(r.headers().get("phaseo.final")))
                    .map(ConnectFixture.Seen::id).collect(Collectors.toSet());
            assertThat(sim.jobIds()).hasSize(20);
            assertThat(finals).containsAll(sim.jobIds());
        } finally {
            connect.stop();
        }
    }
}
