package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The packaged plugin as users run it: the folder {@code mvn package} builds, on the
 * {@code plugin.path} of a Kafka Connect worker in a container, next to a Kafka broker in another,
 * both from the official {@code apache/kafka} image of the Kafka version the build targets
 * ({@code -Pkafka-3.9} runs it on 3.9). The simulator runs in this JVM behind a TLS tunnel (the
 * connector speaks plain http to loopback only), reached from the worker as
 * {@code host.testcontainers.internal}, with the tunnel's certificate in the worker's trust store.
 *
 * <p>Needs Docker: without it the whole class is skipped, and reported as skipped.
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class ContainerStackIT {

    private static final String PLUGINS = "/opt/connect-plugins";
    private static final String TLS_DIR = "/opt/connect-tls";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path tmp;

    private static Network network;
    private static KafkaContainer kafka;
    private static GenericContainer<?> connect;
    private static PhaseoSimulator sim;
    private static TlsTunnel tunnel;

    @BeforeAll
    static void startStack() throws Exception {
        Path pluginDir = Path.of(System.getProperty("phaseo.plugin.dir", "target/missing"));
        assertThat(pluginDir).as("the plugin folder built by 'mvn package'").isDirectory();
        DockerImageName image = DockerImageName.parse(System.getProperty("phaseo.kafka.image", "apache/kafka:4.3.1"));

        sim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC()).seed(41)
                .profile(LifecycleProfile.fast()).workload(Workload.none()).build().start();
        tunnel = TlsTunnel.start(tmp, sim.port());
        Testcontainers.exposeHostPorts(tunnel.port()); // before the worker starts: it is wired in at creation

        network = Network.newNetwork();
        kafka = new KafkaContainer(image).withNetwork(network).withNetworkAliases("kafka").withListener("kafka:19092");
        kafka.start();

        connect = new GenericContainer<>(image)
                .withNetwork(network)
                .withNetworkAliases("connect")
                .withAccessToHost(true)
                .withExposedPorts(8083)
                .withCopyFileToContainer(MountableFile.forHostPath(pluginDir), PLUGINS)
                .withCopyFileToContainer(MountableFile.forHostPath(tunnel.trustStore(), 0644), TLS_DIR + "/truststore.p12")
                .withCopyToContainer(Transferable.of(workerProperties()), "/opt/connect-config/worker.properties")
                .withEnv("KAFKA_HEAP_OPTS", "-Xms256m -Xmx512m")
                .withEnv("KAFKA_OPTS", "-Djavax.net.ssl.trustStore=" + TLS_DIR + "/truststore.p12"
                        + " -Djavax.net.ssl.trustStorePassword=" + TlsTunnel.PASSWORD + " -Djavax.net.ssl.trustStoreType=PKCS12")
                .withCommand("/opt/kafka/bin/connect-distributed.sh", "/opt/connect-config/worker.properties")
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/connectors").forPort(8083).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        connect.start();
    }

    @AfterAll
    static void stopStack() {
        for (AutoCloseable closeable : new AutoCloseable[] {connect, kafka, network, tunnel, sim}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // best effort: the next one still closes
                }
            }
        }
    }

    static String workerProperties() {
        return String.join("\n",
                "bootstrap.servers=kafka:19092",
                "group.id=phaseo-container-it",
                "config.storage.topic=connect-configs",
                "offset.storage.topic=connect-offsets",
                "status.storage.topic=connect-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "offset.flush.interval.ms=1000",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.storage.StringConverter",
                "listeners=http://0.0.0.0:8083",
                "rest.advertised.host.name=connect",
                "plugin.path=" + PLUGINS,
                "");
    }

    @Test
    void thePackagedPluginStreamsEveryJobFromTheContainerStack() throws Exception {
        JsonNode plugins = get("/connector-plugins");
        assertThat(plugins.findValuesAsText("class")).as(connect.getLogs())
                .contains(ConnectFixture.CONNECTOR_CLASS);

        Map<String, String> config = new HashMap<>();
        config.put("name", "phaseo-videos");
        config.put("connector.class", ConnectFixture.CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("phaseo.api.url", "https://" + TlsTunnel.HOST_ALIAS + ":" + tunnel.port() + "/v1");
        config.put("phaseo.api.key", sim.apiKey());
        config.put("phaseo.workspace", "containers");
        config.put("topic", "phaseo.videos.containers");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("poll.interval.ms", "500");
        config.put("value.format", "json");
        config.put("key.format", "string");
        // The validate call probes the API with the key through the tunnel: a clean answer proves TLS and auth.
        JsonNode validation = put("/connector-plugins/" + ConnectFixture.CONNECTOR_CLASS + "/config/validate", config);
        assertThat(validation.path("error_count").asInt()).as(validation.toString()).isZero();
        put("/connectors/phaseo-videos/config", config);
        waitForRunning("phaseo-videos");

        sim.createJobs(12);
        Set<String> finals = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "container-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("phaseo.videos.containers"));
            while (!finals.containsAll(sim.jobIds()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode video = ConnectFixture.JSON.readTree(record.value());
                    assertThat(video.path("id").asText()).isEqualTo(record.key());
                    Header fin = record.headers().lastHeader("phaseo.final");
                    if (fin != null && "true".equals(new String(fin.value(), StandardCharsets.UTF_8))) {
                        finals.add(record.key());
                    }
                }
            }
        }
        assertThat(finals).as("jobs whose final state arrived; worker log:%n%s", tail(connect.getLogs()))
                .containsExactlyInAnyOrderElementsOf(sim.jobIds());
        assertThat(sim.sideEffectCount()).as("no finished job read by id").isZero();
    }

    private static void waitForRunning(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = get("/connectors/" + name + "/status");
            String connector = status.path("connector").path("state").asText();
            JsonNode tasks = status.path("tasks");
            if ("RUNNING".equals(connector) && tasks.size() == 1 && "RUNNING".equals(tasks.get(0).path("state").asText())) {
                return;
            }
            assertThat(status.toString()).as("connector status").doesNotContain("\"FAILED\"");
            Thread.sleep(500);
        }
        throw new AssertionError("Connector not RUNNING: " + status + "\n" + tail(connect.getLogs()));
    }

    private static JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private static JsonNode put(String path, Map<String, String> body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(ConnectFixture.JSON.writeValueAsString(body))).build());
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body()).isLessThan(300);
        return ConnectFixture.JSON.readTree(response.body());
    }

    private static URI uri(String path) {
        return URI.create("http://" + connect.getHost() + ":" + connect.getMappedPort(8083) + path);
    }

    private static String tail(String logs) {
        return logs.length() <= 20_000 ? logs : logs.substring(logs.length() - 20_000);
    }
}
