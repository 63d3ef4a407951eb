package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.Fault;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs the connector through a Connect worker with a recognisable key and drives it through every
 * failure path (429, 5xx, malformed, truncated and oversized bodies, a read timeout, 501 of both
 * kinds, 401 from a fault and from a wrong key, 403, 501 with {@code api.disabled.behavior=fail},
 * a redirect to another host carrying the key in its URL, validation with a wrong key, an
 * unreachable URL and a redirect), while every log event of the JVM is captured (TRACE for the
 * connector, OkHttp, Kafka Connect and Kafka's config classes; INFO for the rest; OkHttp's JUL
 * logging; stdout and stderr). Then it searches every log line, the REST answers (connectors,
 * config, status with the failure traces, tasks, offsets, validate), every record with its key and
 * headers, every Connect internal topic, and every JMX attribute of the connector's and Connect's
 * MBeans for the key.
 *
 * <p>What Connect does (checked here, see {@link #aLiteralKeyIsShownByConnectAsStoredButNeverByTheConnector}):
 * a {@code PASSWORD} is hidden in the validate answer ({@code [hidden]}), but {@code GET
 * /connectors/{name}/config}, {@code GET /connectors/{name}}, {@code GET /connectors/{name}/tasks}
 * and the config topic show the config as it was submitted (the worker's own log lines, even at
 * TRACE, did not; only the test's REST client, EmbeddedConnect, echoes what it sends). The findings
 * go to a {@code SECRETS-FINDINGS} line and {@code target/secrets-findings.txt}. A key given through a config provider
 * ({@code ${file:...}} here; {@code ${env:...}} takes the same path through Connect's
 * ConfigTransformer) stays a placeholder in all of those, which is what docs/INSTALL.md recommends.
 */
class SecretsIT {

    /** Recognisable, and not shaped like a real key (no 6+ letters or digits right after the prefix). */
    static final String KEY = "aistats_v1_sk_fake_SECRET_marker_1";
    static final String WRONG_KEY = "aistats_v1_sk_fake_SECRET_marker_2";
    /** What is searched for: any copy of either key, whole or cut after the prefix. */
    static final String MARKER = "SECRET_marker";

    private static EmbeddedConnectCluster connect;
    private static Path secrets;

    @BeforeAll
    static void startCluster() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "secrets-it"));
        secrets = dir.resolve("phaseo.properties").toAbsolutePath();
        Files.writeString(secrets, "key=" + KEY + "\nwrong=" + WRONG_KEY + "\n");
        connect = ConnectFixture.startCluster("secrets", 1, Map.of(
                "config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    private static String fromFile(String name) {
        return "${file:" + secrets + ":" + name + "}";
    }

    /** Texts to search, by the surface they came from. */
    private final Map<String, List<String>> surfaces = new LinkedHashMap<>();

    private void add(String surface, String text) {
        surfaces.computeIfAbsent(surface, k -> new ArrayList<>()).add(String.valueOf(text));
    }

    @Test
    void theKeyFromAConfigProviderAppearsNowhereThroughEveryFailurePath() throws Exception {
        String name = "secret";
        String topic = "videos-secret";
        try (LogCapture output = LogCapture.everything();
             PhaseoSimulator sim = simulator(KEY);
             MockWebServer redirector = new MockWebServer();
             MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            redirector.start();
            for (int i = 0; i < 20; i++) {
                redirector.enqueue(new MockResponse.Builder().code(302)
                        .setHeader("Location", elsewhere.url("/steal?token=" + KEY).toString()).build());
            }
            LoggerFactory.getLogger("app.phaseo.canary").trace("capture canary CANARY_7f3");

            Map<String, String> config = connectorConfig(sim, topic, fromFile("key"));
            connect.configureConnector(name, config);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not start");
            await(() -> attribute(name, "RecordsProduced") >= 10, "records flowing");

            // Transient failures: the task keeps running.
            for (Fault fault : List.of(Fault.tooManyRequests(Duration.ofSeconds(1)), Fault.serverErrorPlainText(),
                    Fault.badGateway(), Fault.serviceUnavailable(), Fault.malformedJson(), Fault.truncatedBody(),
                    Fault.emptyBody(), Fault.html(), Fault.wrongShape(), Fault.hugeBody(2 * 1024 * 1024),
                    Fault.slow(Duration.ofMillis(1_500)), Fault.staleRead(Duration.ofSeconds(2)))) {
                served(sim, fault);
            }
            int linesBefore = output.lines().size();
            // Two disabled periods with the same reason. A feature-gate 501 (video_api_feature_disabled) writes the
            // same WARN, but counts as closed only once it has persisted for 30 s: PacerTest and
            // TaskHostileCorpusTest cover it in virtual time, so this test does not wait for it.
            String reason = "video_api_temporarily_disabled";
            for (int period = 0; period < 2; period++) {
                sim.disable(reason);
                await(() -> "DISABLED".equals(text(name, "ApiState")), "ApiState DISABLED (" + reason + ")", 60_000);
                long checks = sim.stats().total();
                await(() -> sim.stats().total() >= checks + 2, "two more checks while disabled");
                sim.disable(null);
                await(() -> "OK".equals(text(name, "ApiState")), "ApiState OK again");
            }
            // The reason is logged once per period, not once per check; the reopening once per period.
            List<String> periods = output.linesSince(linesBefore);
            assertThat(periods.stream().filter(line -> line.startsWith("WARN app.phaseo.connect.videos.Pacer")
                    && line.contains("answers 501 not_implemented_yet (" + reason + ")")).count())
                    .as("WARN lines for %s", reason).isEqualTo(2);
            assertThat(periods.stream().filter(line -> line.startsWith("INFO app.phaseo.connect.videos.Pacer")
                    && line.contains("open again")).count()).as("INFO lines on reopening").isEqualTo(2);
            collectRest(name);

            // Failures that stop the task: each is read back from the status answer, then the task restarts.
            failAndRestart(name, () -> sim.faults().next(Fault.unauthorized("invalid_api_key")), "phaseo.api.key", true);
            failAndRestart(name, () -> sim.faults().next(Fault.forbidden()), "phaseo.api.key", true);
            // A wrong key is refused when the config is submitted (the validate probe) ...
            try {
                reconfigure(name, config, Map.of("phaseo.api.key", fromFile("wrong")));
                throw new AssertionError("a wrong key was accepted when submitted");
            } catch (ConnectRestException refused) {
                add("rest PUT config refused", refused.getMessage());
                assertThat(refused.getMessage()).contains("phaseo.api.key");
            }
            // ... and, with the probe off, fails the task.
            failAndRestart(name, () -> reconfigure(name, config, Map.of("phaseo.api.key", fromFile("wrong"),
                    "phaseo.api.validate.probe", "false")), "phaseo.api.key", false);
            reconfigure(name, config, Map.of());
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "running with the right key again");
            failAndRestart(name, () -> {
                reconfigure(name, config, Map.of("api.disabled.behavior", "fail"));
                sim.disable("video_api_temporarily_disabled");
            }, "api.disabled.behavior", false);
            sim.disable(null);
            reconfigure(name, config, Map.of());
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "running again after the 501");

            // A redirect to another host, with the key in the URL it points to.
            Map<String, String> redirected = connectorConfig(sim, "videos-redirected", fromFile("key"));
            redirected.put("phaseo.api.url", redirector.url("/v1").toString());
            redirected.put("phaseo.api.validate.probe", "false");
            connect.configureConnector("secret-redirect", redirected);
            connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("secret-redirect", 1, "redirect refused");
            String status = rest("connectors/secret-redirect/status");
            add("rest status (redirect refused)", status);
            assertThat(status).contains("phaseo.api.url");
            assertThat(elsewhere.getRequestCount()).as("requests that followed the redirect to the other host").isZero();
            collectRest("secret-redirect");

            validate(sim, redirector, config);
            collectRest(name);
            collectTopics();
            collectJmx();
            connect.deleteConnector("secret-redirect");
            connect.deleteConnector(name);

            List<String> lines = output.lines();
            assertThat(lines).as("the capture works").anyMatch(line -> line.contains("CANARY_7f3"));
            assertThat(output.count("app.phaseo", "DEBUG")).as("connector DEBUG lines").isPositive();
            assertThat(output.count("org.apache.kafka.connect", "TRACE")).as("Connect TRACE lines").isPositive();
            assertThat(output.count("org.apache.kafka.connect", "DEBUG")).as("Connect DEBUG lines").isPositive();
            assertThat(lines).as("the failures were logged with their stack traces")
                    .anyMatch(line -> line.startsWith("ERROR") && line.contains("phaseo.api.key") && line.contains("\tat "));
            surfaces.put("logs, stdout, stderr", lines);
        }

        Map<String, Integer> hits = hits();
        String summary = surfaces.entrySet().stream().map(e -> e.getKey().replace(' ', '_') + "=" + e.getValue().size())
                .collect(Collectors.joining(" "));
        System.out.println("SECRETS-IT searched " + summary);
        assertThat(surfaces.get("logs, stdout, stderr")).hasSizeGreaterThan(1_000);
        assertThat(hits).as("surfaces holding the key (texts searched: %s)", summary).isEmpty();
    }

    /**
     * With the key typed into the connector config, Connect shows it where it shows the submitted
     * config (and keeps it in its config topic); the connector's own surfaces still never do.
     */
    @Test
    void aLiteralKeyIsShownByConnectAsStoredButNeverByTheConnector() throws Exception {
        String name = "secret-plain";
        Map<String, Boolean> connectShows = new LinkedHashMap<>();
        try (LogCapture output = LogCapture.everything(); PhaseoSimulator sim = simulator(KEY)) {
            Map<String, String> config = connectorConfig(sim, "videos-plain", KEY);
            connect.configureConnector(name, config);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not start");
            await(() -> attribute(name, "RecordsProduced") >= 10, "records flowing");
            failAndRestart(name, () -> sim.faults().next(Fault.unauthorized("invalid_api_key")), "phaseo.api.key", true);

            connectShows.put("GET /connectors/{name}/config", rest("connectors/" + name + "/config").contains(MARKER));
            connectShows.put("GET /connectors/{name}", rest("connectors/" + name).contains(MARKER));
            connectShows.put("GET /connectors/{name}/tasks", rest("connectors/" + name + "/tasks").contains(MARKER));
            connectShows.put("config topic", topicTexts(configTopic()).stream().anyMatch(t -> t.contains(MARKER)));
            String validate = validateAnswer(config);
            add("rest validate (literal key)", validate);
            add("rest status", rest("connectors/" + name + "/status"));
            add("rest offsets", rest("connectors/" + name + "/offsets"));
            add("records", String.join("\n", topicTexts("videos-plain")));
            collectJmx();
            connect.deleteConnector(name);

            List<String> lines = output.lines();
            List<String> connectorLines = lines.stream()
                    .filter(line -> line.matches("^(TRACE|DEBUG|INFO|WARN|ERROR|FATAL) app\\.phaseo.*") || line.startsWith("JUL "))
                    .collect(Collectors.toList());
            surfaces.put("connector and OkHttp logs", connectorLines);
            // The test's own REST client (EmbeddedConnect) logs what it sends and receives: not the worker.
            List<String> connectLines = lines.stream().filter(line -> line.contains(MARKER))
                    .filter(line -> !line.contains(" org.apache.kafka.connect.util.clusters.")).collect(Collectors.toList());
            connectShows.put("the worker's log lines", !connectLines.isEmpty());
            String findings = "SECRETS-FINDINGS literal key shown by Connect: " + connectShows.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            System.out.println(findings);
            Files.writeString(Path.of("target", "secrets-findings.txt"), findings + System.lineSeparator()
                    + connectLines.stream().map(line -> "  " + redact(line.lines().findFirst().orElse("")))
                    .collect(Collectors.joining(System.lineSeparator())) + System.lineSeparator());
            assertThat(JSON(validate).path("configs").toString()).contains("[hidden]");
        }
        assertThat(connectShows.get("GET /connectors/{name}/config"))
                .as("Connect answers GET config with a literal password as submitted").isTrue();
        assertThat(hits()).as("connector-controlled surfaces holding the key").isEmpty();
    }

    // ---- driving the connector ------------------------------------------------------------------

    private static PhaseoSimulator simulator(String key) {
        return PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC()).seed(99)
                .apiKey(key).profile(LifecycleProfile.fast()).preexisting(15, Duration.ofHours(2))
                .workload(Workload.steady(1, Duration.ofSeconds(60), 99)).build().start();
    }

    private static Map<String, String> connectorConfig(PhaseoSimulator sim, String topic, String key) {
        Map<String, String> config = ConnectFixture.rawJsonConnector(sim, topic);
        config.put("phaseo.api.key", key);
        config.put("http.read.timeout.ms", "1000");
        config.put("http.max.response.bytes", Integer.toString(1024 * 1024));
        return config;
    }

    private static void reconfigure(String name, Map<String, String> base, Map<String, String> changes) {
        Map<String, String> config = new HashMap<>(base);
        config.putAll(changes);
        connect.configureConnector(name, config);
    }

    /** Queues a fault and waits until it was served and a later request succeeded. */
    private static void served(PhaseoSimulator sim, Fault fault) throws InterruptedException {
        int before = sim.stats().entries().size();
        sim.faults().next(fault);
        await(() -> sim.faults().queued() == 0 && sim.stats().entries().stream().skip(before + 1L)
                .anyMatch(e -> e.status() == 200), "the task got past " + fault);
    }

    /** Makes the task fail, keeps the status answer (with the trace), restarts the task if asked. */
    private void failAndRestart(String name, Runnable cause, String namedKey, boolean restart) throws InterruptedException {
        cause.run();
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(name, 1, "the task fails");
        String status = rest("connectors/" + name + "/status");
        add("rest status (task failed)", status);
        assertThat(status).contains(namedKey).contains("ConnectException");
        if (restart) {
            connect.restartTask(name, 0);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the task runs again");
        }
    }

    /** The validate endpoint with the key from a file, a wrong key, an unreachable URL, a redirect, and 501 with fail. */
    private void validate(PhaseoSimulator sim, MockWebServer redirector, Map<String, String> config) throws IOException {
        Map<String, String> fine = new HashMap<>(config);
        assertThat(errors(validateAnswer(fine))).as("errors with the key from the file").isEmpty();
        Map<String, String> wrong = new HashMap<>(config);
        wrong.put("phaseo.api.key", fromFile("wrong"));
        assertThat(errors(validateAnswer(wrong))).containsOnlyKeys("phaseo.api.key");
        Map<String, String> unreachable = new HashMap<>(config);
        unreachable.put("phaseo.api.url", "http://127.0.0.1:" + closedPort() + "/v1");
        assertThat(errors(validateAnswer(unreachable))).containsOnlyKeys("phaseo.api.url");
        Map<String, String> redirected = new HashMap<>(config);
        redirected.put("phaseo.api.url", redirector.url("/v1").toString());
        assertThat(errors(validateAnswer(redirected))).containsOnlyKeys("phaseo.api.url");
        Map<String, String> failing = new HashMap<>(config);
        failing.put("api.disabled.behavior", "fail");
        sim.disable("video_api_temporarily_disabled");
        assertThat(errors(validateAnswer(failing))).containsOnlyKeys("api.disabled.behavior");
        sim.disable(null);
    }

    private String validateAnswer(Map<String, String> config) {
        try {
            Map<String, String> named = new HashMap<>(config);
            named.putIfAbsent("name", "secret-validate");
            String body = ConnectFixture.JSON.writeValueAsString(named);
            String answer = String.valueOf(connect.requestPut(connect.endpointForResource(
                    "connector-plugins/" + ConnectFixture.CONNECTOR_CLASS + "/config/validate"), body).getEntity());
            add("rest validate", answer);
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Config keys with errors in a validate answer, with their messages. */
    private static Map<String, List<String>> errors(String validateAnswer) throws IOException {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config : JSON(validateAnswer).path("configs")) {
            JsonNode value = config.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(m -> messages.add(m.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), messages);
            }
        }
        return errors;
    }

    private static JsonNode JSON(String text) throws IOException {
        return ConnectFixture.JSON.readTree(text);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ---- collecting what to search --------------------------------------------------------------

    private static String rest(String resource) {
        return String.valueOf(connect.requestGet(connect.endpointForResource(resource)).getEntity());
    }

    private void collectRest(String name) {
        for (String resource : List.of("connectors?expand=status&expand=info", "connectors/" + name,
                "connectors/" + name + "/config", "connectors/" + name + "/status", "connectors/" + name + "/tasks",
                "connectors/" + name + "/offsets", "connectors/" + name + "/topics")) {
            add("rest " + resource.replace(name, "{name}"), rest(resource));
        }
    }

    /** Every record of every topic but Kafka's own, as text: key, value, header keys and values. */
    private void collectTopics() throws Exception {
        Set<String> topics;
        try (Admin admin = connect.kafka().createAdminClient()) {
            topics = admin.listTopics().names().get();
        }
        for (String topic : new TreeSet<>(topics)) {
            if (!topic.startsWith("__")) {
                add("topic " + topic, String.join("\n", topicTexts(topic)));
            }
        }
        assertThat(surfaces).containsKeys("topic videos-secret");
    }

    private static List<String> topicTexts(String topic) throws Exception {
        List<String> texts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(30_000, topic)) {
            StringBuilder text = new StringBuilder();
            text.append(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8)).append(" | ");
            text.append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                text.append(" | ").append(header.key()).append('=')
                        .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private static String configTopic() throws Exception {
        try (Admin admin = connect.kafka().createAdminClient()) {
            return admin.listTopics().names().get().stream().filter(t -> t.contains("config")).findFirst().orElseThrow();
        }
    }

    /** Every attribute of the connector's MBeans and of Connect's own. */
    private void collectJmx() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String domain : List.of("app.phaseo.connect", "kafka.connect")) {
            for (ObjectName mbean : server.queryNames(new ObjectName(domain + ":*"), null)) {
                StringBuilder text = new StringBuilder(mbean.toString());
                for (MBeanAttributeInfo info : server.getMBeanInfo(mbean).getAttributes()) {
                    try {
                        text.append(' ').append(info.getName()).append('=').append(server.getAttribute(mbean, info.getName()));
                    } catch (Exception | LinkageError unreadable) {
                        text.append(' ').append(info.getName()).append("=?");
                    }
                }
                add("jmx " + domain, text.toString());
            }
        }
        assertThat(surfaces).containsKeys("jmx app.phaseo.connect", "jmx kafka.connect");
    }

    /** Surfaces with texts holding the key, with how many. */
    private Map<String, Integer> hits() {
        Map<String, Integer> hits = new LinkedHashMap<>();
        surfaces.forEach((surface, texts) -> {
            List<String> holding = texts.stream().filter(t -> t.contains(MARKER)).collect(Collectors.toList());
            if (!holding.isEmpty()) {
                hits.put(surface + " e.g. " + redact(holding.get(0).lines().findFirst().orElse("")), holding.size());
            }
        });
        return hits;
    }

    /** A text safe to print: the marker shown, the rest of the key cut. */
    private static String redact(String text) {
        String cut = text.replace(KEY, "<KEY>").replace(WRONG_KEY, "<WRONG_KEY>");
        return cut.length() > 300 ? cut.substring(0, 300) + "..." : cut;
    }

    private static long attribute(String connector, String name) {
        String value = text(connector, name);
        return value.isEmpty() ? -1 : Long.parseLong(value);
    }

    private static String text(String connector, String name) {
        try {
            ObjectName mbean = new ObjectName("app.phaseo.connect:type=phaseo-videos-task,connector="
                    + ObjectName.quote(connector) + ",task=0");
            return String.valueOf(ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, name));
        } catch (Exception e) {
            return "";
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, what, 30_000);
    }

    private static void await(BooleanSupplier condition, String what, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
