package app.phaseo.connect.videos.demo;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.PostgresLanding;
import app.phaseo.connect.videos.testkit.Recipes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The one-command demo ({@code mvn -q -Pdemo}): a local Kafka broker and Connect worker in this
 * JVM, the Phaseo simulator with live jobs, and the connector streaming them; every record is
 * printed as it arrives. No account, no Docker, no network.
 *
 * <p>Options (as {@code -Ddemo.args="..."} or program arguments): {@code --seconds N} (default 60),
 * {@code --rate JOBS_PER_SECOND} (default 1), {@code --behavior gateway_code|documented}, and
 * {@code --postgres}: the connector writes flat rows ({@code config/flattened.properties}), Debezium's JDBC
 * sink lands them in an embedded PostgreSQL through the two {@code config/postgres-*} recipes, and the
 * demo ends with the SQL summary a data engineer would look at (docs/WAREHOUSE.md).
 */
public final class DemoMain {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | Error e) {
            System.err.println("The demo failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        long started = System.nanoTime();
        Map<String, String> options = parse(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "1"));
        SimBehavior behavior = SimBehavior.valueOf(options.getOrDefault("behavior", "gateway_code").toUpperCase(Locale.ROOT));
        boolean postgres = Boolean.parseBoolean(options.getOrDefault("postgres", "false"));
        PrintStream out = System.out;

        out.println("Phaseo video jobs -> Kafka demo: simulator (" + behavior.name().toLowerCase(Locale.ROOT)
                + " behaviour, " + rate + " new jobs/s for " + seconds + " s), a Kafka broker and a Connect worker in this JVM.");
        Map<String, String> workerProps = new HashMap<>(Map.of("plugin.discovery", "service_load",
                "offset.flush.interval.ms", "1000"));
        PostgresLanding warehouse = null;
        if (postgres) {
            workerProps.put("plugin.path", PostgresLanding.sinkPluginPath().toString());
            warehouse = PostgresLanding.start();
        }
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name("phaseo-demo").numWorkers(1).numBrokers(1)
                .workerProps(workerProps)
                .build();
        // Kafka's storage formatter prints its bootstrap records to stdout; they are not for this audience.
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        System.setOut(quiet);
        try {
            connect.start();
        } finally {
            System.setOut(out);
        }
        out.println("  kafka       " + connect.kafka().bootstrapServers());
        out.println("  connect     " + connect.endpointForResource("connectors"));
        PhaseoSimulator sim = PhaseoSimulator.builder()
                .behavior(behavior).clock(Clock.systemUTC()).seed(System.currentTimeMillis())
                .profile(LifecycleProfile.fast())
                .preexisting(12, Duration.ofHours(2))
                .workload(Workload.steady(rate, Duration.ofSeconds(Math.max(1, seconds - 10)), 7))
                .build().start();
        out.println("  simulator   " + sim.baseUrl());

        String topic = postgres ? Recipes.named("flattened.properties").config().get("topic") : "phaseo.videos";
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "app.phaseo.connect.videos.PhaseoVideosSourceConnector");
        config.put("tasks.max", "1");
        config.put("phaseo.api.url", sim.baseUrl());
        config.put("phaseo.api.key", sim.apiKey());
        config.put("phaseo.api.allow.insecure.loopback", "true");
        config.put("phaseo.workspace", "demo");
        config.put("topic", topic);
        config.put("poll.interval.ms", "1000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.cleanup.policy", "compact");
        config.put("value.format", "json");
        config.put("key.format", "string");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        if (postgres) {
            // The flattened recipe's record shape: flat rows, JSON with schemas, signed URLs dropped.
            Map<String, String> flat = Recipes.named("flattened.properties").config();
            flat.forEach((k, v) -> {
                if (k.startsWith("value.") || k.startsWith("transforms")) {
                    config.put(k, v);
                }
            });
        }
        connect.configureConnector("phaseo-videos", config);
        out.println("  connector   phaseo-videos -> topic " + topic + " (config: config/"
                + (postgres ? "demo-connector.json, shaped as config/flattened.properties" : "demo-connector.json") + ")");
        if (warehouse != null) {
            connect.configureConnector("postgres-current-state",
                    warehouse.sinkConfig(PostgresLanding.CURRENT_STATE_RECIPE, topic));
            connect.configureConnector("postgres-history", warehouse.sinkConfig(PostgresLanding.HISTORY_RECIPE, topic));
            out.println("  postgres    " + warehouse.jdbcUrl() + " (sinks: config/" + PostgresLanding.CURRENT_STATE_RECIPE
                    + ", config/" + PostgresLanding.HISTORY_RECIPE + ")");
        }
        out.println();
        out.printf("%-5s %-12s %-28s %-9s %-10s %4s  %-9s %s%n", "#", "time (UTC)", "video id", "change", "status",
                "prog", "billing", "events");

        Map<String, Object> consumerProps = new HashMap<>();
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-reader");
        int count = 0;
        Set<String> jobs = new HashSet<>();
        Set<String> finals = new HashSet<>();
        double firstRecordSeconds = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(consumerProps, topic)) {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (firstRecordSeconds < 0) {
                        firstRecordSeconds = (System.nanoTime() - started) / 1e9;
                    }
                    count++;
                    String id = new String(record.key(), StandardCharsets.UTF_8);
                    jobs.add(id);
                    Map<String, String> headers = headers(record);
                    if ("true".equals(headers.get("phaseo.final"))) {
                        finals.add(id);
                    }
                    JsonNode video = record.value() == null ? null : JSON.readTree(record.value());
                    if (video != null && postgres) {
                        video = video.path("payload"); // JSON with schemas: the row is the payload
                    }
                    out.printf("%-5d %-12s %-28s %-9s %-10s %3s%%  %-9s %s%n", count,
                            TIME.format(Instant.ofEpochMilli(record.timestamp())), id, headers.get("phaseo.change"),
                            headers.get("phaseo.status"), video == null ? "" : video.path("progress").asText(""),
                            billing(video), headers.getOrDefault("phaseo.events", ""));
                }
            }
        }
        out.println();
        out.printf("%d records for %d jobs, %d of them final; first record %.1f s after the demo's JVM started.%n",
                count, jobs.size(), finals.size(), firstRecordSeconds);
        out.println("API requests: " + sim.stats().count("list") + " list, " + sim.stats().count("get") + " get.");
        if (warehouse != null) {
            printWarehouse(out, warehouse, count);
            warehouse.close();
        }
        connect.stop();
        sim.close();
    }

    /** Waits (briefly) for the sinks to land what was printed, then shows the summary queries. */
    private static void printWarehouse(PrintStream out, PostgresLanding warehouse, int records) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int landed = 0;
        while (System.nanoTime() < deadline) {
            try {
                landed = ((Number) warehouse.query("select count(*) as n from phaseo_videos_history").get(0).get("n"))
                        .intValue();
            } catch (java.sql.SQLException notYet) {
                landed = 0; // the sink has not created its table yet
            }
            if (landed >= records) {
                break;
            }
            Thread.sleep(250);
        }
        out.println();
        out.println("PostgreSQL (" + warehouse.jdbcUrl() + "): " + landed + " changes in phaseo_videos_history, "
                + "current state in phaseo_videos_current");
        out.println();
        out.println("Jobs by status:");
        out.print(warehouse.table(PostgresLanding.JOBS_BY_STATUS));
        out.println("Settled spend by model:");
        out.print(warehouse.table(PostgresLanding.SETTLED_SPEND_BY_MODEL));
        out.println("Time from creation to completion:");
        out.print(warehouse.table(PostgresLanding.COMPLETION_TIME));
        out.println("(the queries: docs/WAREHOUSE.md)");
    }

    private static String billing(JsonNode video) {
        if (video == null) {
            return "";
        }
        if (video.has("billing_state")) {
            return video.path("billing_state").asText("");
        }
        JsonNode billing = video.path("billing");
        if (billing.hasNonNull("state")) {
            return billing.get("state").asText();
        }
        return billing.hasNonNull("billed_at") ? "billed" : billing.isMissingNode() ? "" : "open";
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }
}
