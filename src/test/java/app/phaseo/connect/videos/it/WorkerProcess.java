package app.phaseo.connect.videos.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A distributed Connect worker in a JVM of its own ({@code ConnectDistributed}, started with
 * {@link ProcessBuilder}), for tests that must cross a JVM boundary: a hard kill, and a restart in a
 * JVM whose hash seeds and iteration orders differ from the first one's.
 *
 * <p>The child's classpath is this JVM's classpath (Kafka, Connect, logging) without the project's
 * own {@code target/classes} and {@code target/test-classes}: the connector is found only in
 * {@code plugin.path}, the plugin folder {@code mvn package} built. Each JVM the worker runs in logs
 * to its own file under {@code target/worker-process/}; every
 * {@link #start()} launches a new JVM with the same properties, hence the same group and internal
 * topics, on a fresh REST port.
 */
final class WorkerProcess implements AutoCloseable {

    private static final Path LOG_DIR = Path.of("target", "worker-process");
    private static final Path LOG_CONFIG = Path.of("target", "test-classes", "log4j2-worker-process.properties");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> props;
    private final List<Path> logs = new ArrayList<>();
    private Process process;
    private int port;

    private WorkerProcess(String name, Map<String, String> props) {
        this.name = name;
        this.props = props;
    }

    /**
     * A worker named {@code name} (its group id; its internal topics are {@code <name>-offsets},
     * {@code -configs}, {@code -status}, replication 1) on {@code bootstrapServers}, with the plugin
     * folder on {@code plugin.path}; {@code extra} adds or overrides worker properties. Not started.
     */
    static WorkerProcess configure(String name, String bootstrapServers, Path pluginDir, Map<String, String> extra) {
        Map<String, String> props = new TreeMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", name);
        props.put("offset.storage.topic", offsetsTopic(name));
        props.put("config.storage.topic", name + "-configs");
        props.put("status.storage.topic", name + "-status");
        props.put("offset.storage.replication.factor", "1");
        props.put("config.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.flush.interval.ms", "1000");
        props.put("rest.advertised.host.name", "localhost");
        props.put("plugin.path", pluginDir.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        // A killed worker leaves the group only when its session expires; its connectors then go to the
        // new worker at once instead of waiting for the old one to come back.
        props.put("session.timeout.ms", "3000");
        props.put("heartbeat.interval.ms", "500");
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.putAll(extra);
        return new WorkerProcess(name, props);
    }

    /** The worker properties of the next JVM: the same for every JVM but for a fresh REST port. */
    private Path writeProperties(int restPort, int jvm) throws IOException {
        Files.createDirectories(LOG_DIR);
        Path file = LOG_DIR.resolve(name + "-jvm" + jvm + ".properties");
        Properties properties = new Properties();
        properties.putAll(props);
        properties.put("listeners", "http://localhost:" + restPort);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "Connect worker " + name + ", JVM " + jvm + ", written by WorkerProcess");
        }
        return file;
    }

    static String offsetsTopic(String workerName) {
        return workerName + "-offsets";
    }

    /**
     * Launches a new worker JVM (the previous one must be gone) on a fresh REST port, so that the
     * worker id in a connector's status tells this JVM from the one before.
     */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        int jvm = logs.size() + 1;
        port = freePort();
        Path propertiesFile;
        try {
            propertiesFile = writeProperties(port, jvm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.add("-Dlog4j2.configurationFile=" + LOG_CONFIG.toAbsolutePath());
        command.add("-cp");
        command.add(workerClasspath());
        command.add("org.apache.kafka.connect.cli.ConnectDistributed");
        command.add(propertiesFile.toAbsolutePath().toString());
        Path log = LOG_DIR.resolve(name + "-jvm" + jvm + ".log");
        logs.add(log);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the worker JVM " + name, e);
        }
    }

    /** SIGKILL (on Linux): no shutdown hook runs, nothing is flushed or committed. Waits until the JVM is gone. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: Connect's shutdown hook stops the tasks, which commit their offsets. Waits until the JVM exited. */
    synchronized void stopGracefully() throws InterruptedException {
        process.destroy();
        awaitExit(Duration.ofSeconds(60));
    }

    private void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new AssertionError(name + " did not exit within " + timeout);
        }
    }

    /** The log files of every JVM started so far, in order. */
    List<Path> logs() {
        return List.copyOf(logs);
    }

    synchronized URI rest(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** The worker id Connect gives this JVM (its advertised REST host and port). */
    synchronized String workerId() {
        return "localhost:" + port;
    }

    /** {@code PUT /connectors/{name}/config}, waiting for the REST server to answer first. */
    void putConnector(String connector, Map<String, String> config, Duration timeout) throws InterruptedException {
        String body = toJson(config);
        awaitTrue(() -> {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(rest("/connectors/" + connector + "/config"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
            if (answer == null || answer.statusCode() == 404 || answer.statusCode() >= 500) {
                return false; // not up yet, or the herder is still joining its group
            }
            if (answer.statusCode() >= 300) {
                throw new AssertionError("PUT connector " + connector + " on " + name + ": " + answer.statusCode() + " "
                        + answer.body());
            }
            return true;
        }, timeout, "the worker " + name + " to accept connector " + connector);
    }

    /**
     * Waits until the connector and all of its {@code tasks} tasks are RUNNING in the current JVM
     * (a status left in the status topic by the JVM before names another worker id).
     */
    void awaitRunning(String connector, int tasks, Duration timeout) throws InterruptedException {
        String here = workerId();
        awaitTrue(() -> {
            JsonNode status = status(connector);
            if (status == null || !isRunningHere(status.path("connector"), here)) {
                return false;
            }
            int running = 0;
            for (JsonNode task : status.path("tasks")) {
                if ("FAILED".equals(task.path("state").asText()) && here.equals(task.path("worker_id").asText())) {
                    throw new AssertionError(connector + " task failed on " + name + ": " + task.path("trace").asText());
                }
                running += isRunningHere(task, here) ? 1 : 0;
            }
            return running == tasks;
        }, timeout, connector + " RUNNING with " + tasks + " task(s) on " + this);
    }

    private static boolean isRunningHere(JsonNode state, String workerId) {
        return "RUNNING".equals(state.path("state").asText()) && workerId.equals(state.path("worker_id").asText());
    }

    /** {@code GET /connectors/{name}/status}, or null while the worker does not answer it. */
    JsonNode status(String connector) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(rest("/connectors/" + connector + "/status")).GET());
        if (answer == null || answer.statusCode() != 200) {
            return null;
        }
        try {
            return ConnectFixture.JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("status of " + connector + " is not JSON: " + answer.body(), e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notUp) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String toJson(Map<String, String> config) {
        ObjectNode node = ConnectFixture.JSON.createObjectNode();
        new TreeMap<>(config).forEach(node::put);
        return node.toString();
    }

    /**
     * This JVM's classpath without the project's own classes: Kafka, Connect, their dependencies and
     * the logging binding. Surefire and failsafe set {@code java.class.path} to the test classpath.
     */
    static String workerClasspath() {
        Path classes = Path.of("target", "classes").toAbsolutePath().normalize();
        Path testClasses = Path.of("target", "test-classes").toAbsolutePath().normalize();
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (!path.equals(classes) && !path.equals(testClasses) && !path.getFileName().toString().startsWith("surefire")) {
                kept.add(path.toString());
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code check} every 100 ms until it holds; fails after {@code timeout}. */
    static void awaitTrue(Check check, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (InterruptedException | AssertionError e) {
                throw e;
            } catch (Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Timed out waiting for " + what, e);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Kills the JVM if it still runs (a failed test must not leave workers behind). */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + (process == null ? "" : " (pid " + process.pid() + ")");
    }
}
