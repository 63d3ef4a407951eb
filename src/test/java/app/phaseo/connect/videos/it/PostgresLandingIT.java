package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.schema.ConversionListener;
import app.phaseo.connect.videos.schema.TimestampFormat;
import app.phaseo.connect.videos.schema.ValueFormat;
import app.phaseo.connect.videos.schema.ValueShaper;
import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.PostgresLanding;
import app.phaseo.connect.videos.testkit.Recipes;
import app.phaseo.connect.videos.testkit.Recipes.Recipe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The warehouse path end to end, with no Docker: the connector on real Connect workers writes flat
 * rows ({@code config/flattened.properties}), Debezium's JDBC sink, loaded from its own plugin folder,
 * lands them in an embedded PostgreSQL through the two sink recipes ({@code config/postgres-*}), and
 * the tables are checked against the simulator's truth, column by column. docs/WAREHOUSE.md pins the
 * DDL read back here; the recipe's value.timestamp.format=iso-zoned makes every time column timestamptz.
 */
class PostgresLandingIT {

    private static final String CURRENT = "phaseo_videos_current";
    private static final String HISTORY = "phaseo_videos_history";
    /** Dropped by the flattened recipe (ReplaceField): re-signed on every request. */
    private static final Set<String> DROPPED = Set.of("download_url", "expires_at");
    /** Schema name of the times the flattened recipe writes (value.timestamp.format=iso-zoned). */
    private static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    private static final Set<String> VOLATILE_IN_OUTPUTS = Set.of("download_url", "expires_at");

    private static EmbeddedConnectCluster connect;
    private static PostgresLanding postgres;

    @BeforeAll
    static void start() {
        // PostgreSQL's initdb and the Kafka cluster take about as long each: start them side by side.
        java.util.concurrent.CompletableFuture<PostgresLanding> database =
                java.util.concurrent.CompletableFuture.supplyAsync(PostgresLanding::start);
        // One worker: Debezium's JDBC sink 3.3.1 keeps per-connector static state (its OpenLineage emitter), so two
        // instances of one sink task in one JVM, which a rebalance between in-JVM workers makes, kill the newer one
        // ("DebeziumOpenLineageEmitter not initialized"). Real workers are separate JVMs. The sink comes from its
        // plugin folder only.
        connect = ConnectFixture.startCluster("warehouse", 1,
                Map.of("plugin.path", PostgresLanding.sinkPluginPath().toString()));
        postgres = database.join();
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theWorkerAcceptsTheSinkRecipes() {
        List<String> checked = new ArrayList<>();
        for (Recipe recipe : Recipes.sinks()) {
            Map<String, String> config = postgres.sinkConfig(recipe.fileName(), "phaseo.videos.flat");
            config.put("name", recipe.name());
            ConfigInfos result = connect.validateConnectorConfig(recipe.config().get("connector.class"), config);
            assertThat(ConnectCompat.validationErrors(result)).as("the worker's validation of %s", recipe).isEmpty();
            checked.add(recipe.fileName());
        }
        assertThat(checked).contains(PostgresLanding.CURRENT_STATE_RECIPE, PostgresLanding.HISTORY_RECIPE);
    }

    @Test
    void landsTheCurrentStateAndEveryChangeOnceThroughBurstsARestartAndANewField() throws Exception {
        Instant now = Instant.now();
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC())
                .seed(41).profile(LifecycleProfile.fast()).preexisting(15, Duration.ofHours(2))
                .workload(Workload.steady(3, Duration.ofSeconds(8), 41)
                        .plus(Workload.burst(20, now.plusSeconds(3)))
                        .plus(Workload.burst(15, now.plusSeconds(9))))
                .build().start()) {
            Recipe source = Recipes.named("flattened.properties");
            String topic = source.config().get("topic");
            Map<String, String> sourceConfig = source.resolved("unused-with-the-simulator");
            sourceConfig.remove("name");
            connect.configureConnector("flat", ConnectFixture.onSimulator(sourceConfig, sim));
            connect.configureConnector("pg-current", postgres.sinkConfig(PostgresLanding.CURRENT_STATE_RECIPE, topic));
            connect.configureConnector("pg-history", postgres.sinkConfig(PostgresLanding.HISTORY_RECIPE, topic));
            for (String name : List.of("flat", "pg-current", "pg-history")) {
                connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not start");
            }

            // Mid-run, with the bursts still arriving: restart every connector and its task; the source resumes
            // from its committed offset (re-sending what came after it), the sinks from their committed offsets.
            waitFor(() -> count(HISTORY) >= 20, Duration.ofSeconds(60), "the first changes in " + HISTORY);
            for (String name : List.of("flat", "pg-current", "pg-history")) {
                connect.restartConnectorAndTasks(name, false, true, false);
            }
            for (String name : List.of("flat", "pg-current", "pg-history")) {
                connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not resume");
            }

            // The shape the recipe asks for: flat, times as ZonedTimestamp text (value.timestamp.format=iso-zoned).
            assertThat(sourceConfig).containsEntry("value.timestamp.format", "iso-zoned");
            ValueShaper flat = new ValueShaper(ValueFormat.STRUCT, true,
                    TimestampFormat.fromConfig(sourceConfig.get("value.timestamp.format")), new ConversionListener() { });
            waitUntil(() -> sim.jobIds().stream().allMatch(sim::isFinal) && mismatches(sim, flat).isEmpty(),
                    Duration.ofSeconds(90));
            assertThat(sim.jobIds()).as("jobs final in the simulator").allMatch(sim::isFinal);
            assertThat(mismatches(sim, flat)).as("rows of %s that differ from the simulator, as id.column", CURRENT)
                    .isEmpty();
            assertThat(count(CURRENT)).as("one row per job").isEqualTo(sim.jobIds().size());

            // History: exactly the changes the topic holds, each once, though the topic may hold repeats.
            List<ConsumerRecord<byte[], byte[]>> records = readTopic(topic);
            Set<String> changes = new TreeSet<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                changes.add(key(r) + "/" + header(r, "phaseo.fingerprint"));
            }
            waitForSinkToCatchUp("pg-history", topic);
            assertThat(historyChanges()).as("rows of %s, as id/fingerprint", HISTORY).isEqualTo(changes);
            assertThat(changes.size()).as("more than one change per job").isGreaterThan(sim.jobIds().size());

            // A repeated record (a re-send after a restart without exactly-once: the tail of the stream, the
            // latest record of a job, written again) lands once in the history and changes no current row.
            Map<String, ConsumerRecord<byte[], byte[]>> latest = new java.util.TreeMap<>();
            records.forEach(r -> latest.put(key(r), r));
            int rowsBefore = count(HISTORY);
            try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
                for (ConsumerRecord<byte[], byte[]> r : latest.values().stream().limit(10).toList()) {
                    producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers())).get();
                }
            }
            waitForSinkToCatchUp("pg-history", topic);
            waitForSinkToCatchUp("pg-current", topic);
            assertThat(count(HISTORY)).as("rows after ten repeats").isEqualTo(rowsBefore);
            assertThat(historyChanges()).isEqualTo(changes);
            assertThat(mismatches(sim, flat)).as("the current state after the repeats").isEmpty();

            // The DDL the sink created, as docs/WAREHOUSE.md pins it.
            Map<String, String> currentColumns = postgres.columns(CURRENT);
            Map<String, String> historyColumns = postgres.columns(HISTORY);
            assertThat(postgres.primaryKey(CURRENT)).containsExactly("id");
            assertThat(postgres.primaryKey(HISTORY)).containsExactly("id", "change_fingerprint");
            // Every time lands as timestamptz, none as timestamp without time zone.
            Schema flatSchema = flat.valueSchema();
            for (Map<String, String> columns : List.of(currentColumns, historyColumns)) {
                for (Field field : flatSchema.fields()) {
                    if (ZONED_TIMESTAMP.equals(field.schema().name()) && !DROPPED.contains(field.name())) {
                        assertThat(columns.get(field.name())).as(field.name())
                                .isEqualTo("timestamp(6) with time zone");
                    }
                }
                assertThat(columns.values()).noneMatch(type -> type.contains("without time zone"));
            }
            WarehouseDdl.assertPinned(WarehouseDdl.of(CURRENT, currentColumns, postgres.primaryKey(CURRENT)),
                    WarehouseDdl.of(HISTORY, historyColumns, postgres.primaryKey(HISTORY)));

            // The next schema version adds an optional field: both tables gain a column, and the
            // records of the running connector, which do not carry it yet, keep landing.
            String added = "added_in_next_version";
            ConsumerRecord<byte[], byte[]> last = records.get(records.size() - 1);
            try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
                producer.send(new ProducerRecord<>(topic, null, last.key(), withField(last.value(), added, "high"),
                        last.headers())).get();
            }
            waitForSinkToCatchUp("pg-history", topic);
            waitForSinkToCatchUp("pg-current", topic);
            Map<String, String> evolved = new java.util.LinkedHashMap<>(currentColumns);
            evolved.put(added, "text");
            assertThat(postgres.columns(CURRENT)).as("columns after the new field").containsExactlyEntriesOf(evolved);
            assertThat(postgres.columns(HISTORY)).containsEntry(added, "text").hasSize(historyColumns.size() + 1);
            assertThat(postgres.query("select " + added + " from " + CURRENT + " where id = '" + key(last) + "'"))
                    .extracting(row -> row.get(added)).containsExactly("high");
            String later = sim.createJob();
            waitFor(() -> sim.isFinal(later) && mismatches(sim, flat).isEmpty(), Duration.ofSeconds(60),
                    "a job created after the new column, landed");
            assertThat(postgres.query("select " + added + " from " + CURRENT + " where id = '" + later + "'"))
                    .extracting(row -> row.get(added)).containsExactly((Object) null);
            for (String name : List.of("flat", "pg-current", "pg-history")) {
                connect.deleteConnector(name);
            }
        }
    }

    /** Columns where a job's row differs from the job as the simulator serves it now, as "id.column". */
    private static List<String> mismatches(PhaseoSimulator sim, ValueShaper flat) throws SQLException {
        List<String> out = new ArrayList<>();
        Map<String, String> types = postgres.columns(CURRENT);
        if (types.isEmpty()) {
            return List.of("no table yet");
        }
        try (Connection c = postgres.connect();
             PreparedStatement ps = c.prepareStatement("select * from " + CURRENT + " where id = ?")) {
            for (String id : sim.jobIds()) {
                Struct expected = (Struct) flat.shape(sim.render(id)).value();
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        out.add(id + " (no row)");
                        continue;
                    }
                    for (Field field : expected.schema().fields()) {
                        if (DROPPED.contains(field.name())) {
                            continue;
                        }
                        // The sink does not quote identifiers: PostgreSQL folds usage_costUsd to usage_costusd.
                        String column = types.containsKey(field.name()) ? field.name()
                                : field.name().toLowerCase(java.util.Locale.ROOT);
                        if (!types.containsKey(column)) {
                            out.add(id + "." + field.name() + " (no column)");
                        } else if (!same(field, expected.get(field), rs, types.get(column))) {
                            out.add(id + "." + field.name());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean same(Field field, Object expected, ResultSet rs, String columnType) throws SQLException {
        String column = field.name();
        Schema schema = field.schema();
        if (expected == null) {
            rs.getObject(column);
            return rs.wasNull();
        }
        if (ZONED_TIMESTAMP.equals(schema.name())) {
            Instant want = Instant.parse((String) expected);
            if (!columnType.contains("with time zone")) {
                return false;
            }
            OffsetDateTime got = rs.getObject(column, OffsetDateTime.class);
            return got != null && want.equals(got.toInstant());
        }
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            Instant want = ((Date) expected).toInstant();
            if (columnType.startsWith("timestamp with time zone")) {
                OffsetDateTime got = rs.getObject(column, OffsetDateTime.class);
                return got != null && want.equals(got.toInstant());
            }
            LocalDateTime got = rs.getObject(column, LocalDateTime.class);
            return got != null && want.equals(got.toInstant(ZoneOffset.UTC));
        }
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            BigDecimal got = rs.getBigDecimal(column);
            return got != null && got.compareTo((BigDecimal) expected) == 0;
        }
        if ("outputs".equals(column)) {
            return withoutVolatile(expected.toString()).equals(withoutVolatile(rs.getString(column)));
        }
        if (rs.getObject(column) == null) {
            return false;
        }
        return switch (schema.type()) {
            case INT64 -> ((Long) expected) == rs.getLong(column);
            case FLOAT64 -> ((Double) expected) == rs.getDouble(column);
            case BOOLEAN -> ((Boolean) expected) == rs.getBoolean(column);
            default -> expected.toString().equals(rs.getString(column));
        };
    }

    /** The outputs JSON without the per-request signed URL and expiry. */
    private static JsonNode withoutVolatile(String json) {
        try {
            JsonNode node = ConnectFixture.JSON.readTree(json);
            if (node instanceof ArrayNode array) {
                array.forEach(e -> {
                    if (e instanceof ObjectNode o) {
                        o.remove(VOLATILE_IN_OUTPUTS);
                    }
                });
            }
            return node;
        } catch (java.io.IOException e) {
            throw new AssertionError("outputs is not JSON: " + json, e);
        }
    }

    private static int count(String table) {
        try {
            if (postgres.columns(table).isEmpty()) {
                return 0;
            }
            return ((Number) postgres.query("select count(*) as n from " + table).get(0).get("n")).intValue();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> historyChanges() throws SQLException {
        Set<String> rows = new TreeSet<>();
        for (Map<String, Object> row : postgres.query("select id, change_fingerprint from " + HISTORY)) {
            rows.add(row.get("id") + "/" + row.get("change_fingerprint"));
        }
        return rows;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readTopic(String topic) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        connect.kafka().consumeAll(30_000, topic).forEach(out::add);
        return out;
    }

    /** Waits until the sink connector's consumer group has committed the end of every partition of the topic. */
    private static void waitForSinkToCatchUp(String connector, String topic) throws Exception {
        waitFor(() -> {
            try (Admin admin = connect.kafka().createAdminClient()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().stream().filter(tp -> tp.topic().equals(topic))
                        .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                if (latest.isEmpty()) {
                    return false;
                }
                var ends = admin.listOffsets(latest).all().get();
                return latest.keySet().stream().allMatch(tp -> committed.get(tp).offset() >= ends.get(tp).offset());
            }
        }, Duration.ofSeconds(30), connector + " at the end of " + topic);
    }

    /** A JSON-with-schema value with one more optional string field, as the next schema version would send. */
    private static byte[] withField(byte[] value, String name, String text) throws Exception {
        ObjectNode envelope = (ObjectNode) ConnectFixture.JSON.readTree(value);
        ObjectNode field = ((ArrayNode) envelope.path("schema").path("fields")).addObject();
        field.put("type", "string").put("optional", true).put("field", name);
        ((ObjectNode) envelope.path("payload")).put(name, text);
        return ConnectFixture.JSON.writeValueAsBytes(envelope);
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(Check check, Duration timeout, String what) throws Exception {
        if (!waitUntil(check, timeout)) {
            throw new AssertionError("Timed out waiting for " + what);
        }
    }

    /** Whether {@code check} held before the timeout; the caller's assertion then says what did not. */
    private static boolean waitUntil(Check check, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }
}
