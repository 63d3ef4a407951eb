package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.TopicAudit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector end to end on a real broker and a real Connect worker, against the simulator in
 * real time: every job's final state arrives keyed by id with the typed schema and the headers,
 * and stopping and resuming the connector neither loses nor repeats a record.
 */
class EndToEndIT {

    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startCluster() {
        connect = ConnectFixture.startCluster("end-to-end", 1, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    private static PhaseoSimulator simulator(SimBehavior behavior, long seed, int jobs) {
        return PhaseoSimulator.builder()
                .behavior(behavior).clock(Clock.systemUTC()).seed(seed)
                .profile(LifecycleProfile.fast())
                .preexisting(40, Duration.ofHours(6))
                .workload(Workload.steady(jobs / 6.0, Duration.ofSeconds(6), seed))
                .build().start();
    }

    private static List<TopicAudit.Written> written(List<ConnectFixture.Seen> seen) {
        return seen.stream().map(s -> new TopicAudit.Written(s.id(), s.video())).collect(Collectors.toList());
    }

    private static boolean everyJobFinal(PhaseoSimulator sim, List<ConnectFixture.Seen> seen) {
        Set<String> finals = seen.stream().filter(s -> "true".equals(s.headers().get("phaseo.final")))
                .map(ConnectFixture.Seen::id).collect(Collectors.toSet());
        return finals.containsAll(sim.jobIds()) && sim.jobIds().stream().allMatch(sim::isFinal);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void everyJobArrivesOnceInOrderWithItsFinalState() throws Exception {
        try (PhaseoSimulator sim = simulator(SimBehavior.GATEWAY_CODE, 11, 60)) {
            String topic = "videos-raw";
            connect.configureConnector("raw", ConnectFixture.rawJsonConnector(sim, topic));
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("raw", 1, "connector did not start");

            List<ConnectFixture.Seen> seen = ConnectFixture.readUntil(connect, topic, s -> everyJobFinal(sim, s),
                    Duration.ofSeconds(60));
            TopicAudit.Report report = TopicAudit.audit(written(seen), sim, Set.of());
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(report.finalJobs()).as("jobs final and checked").isEqualTo(100);
            assertThat(sim.sideEffectCount()).as("no finished job read by id").isZero();

            ConnectFixture.Seen first = seen.get(0);
            assertThat(first.headers()).containsKeys("phaseo.change", "phaseo.status", "phaseo.final", "phaseo.events");
            assertThat(seen).anySatisfy(s -> assertThat(s.headers()).containsEntry("video.completed", s.id())
                    .containsEntry("phaseo.status", "completed"));
            assertThat(seen).filteredOn(s -> s.headers().containsKey("video.final"))
                    .allSatisfy(s -> assertThat(s.headers()).containsEntry("phaseo.final", "true"));
            assertThat(seen).allSatisfy(s -> assertThat(s.id()).isEqualTo(s.video().get("id").asText()));
            connect.deleteConnector("raw");
        }
    }

    @Test
    void recordsCarryTheNamedVersionedSchema() throws Exception {
        try (PhaseoSimulator sim = simulator(SimBehavior.DOCUMENTED, 12, 12)) {
            String topic = "videos-struct";
            Map<String, String> config = ConnectFixture.baseConnector(sim, topic);
            config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter.decimal.format", "NUMERIC");
            connect.configureConnector("struct", config);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("struct", 1, "connector did not start");

            JsonConverter keys = new JsonConverter();
            keys.configure(Map.of("schemas.enable", "true"), true);
            JsonConverter values = new JsonConverter();
            values.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
            // Read until the simulator has created all its jobs (40 history + 12 live), every one is final, and
            // its final state is in the topic.
            int jobs = 52;
            connect.kafka().consume(1, 60_000, topic); // the worker has created the topic
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Map<String, List<String>> finalStatuses = new HashMap<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline
                    && !(sim.jobIds().size() == jobs && sim.jobIds().stream().allMatch(sim::isFinal)
                    && finalStatuses.keySet().containsAll(sim.jobIds()))) {
                records = new ArrayList<>();
                connect.kafka().consumeAll(10_000, topic).forEach(records::add);
                finalStatuses = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if ("true".equals(header(record, "phaseo.final"))) {
                        String id = ((Struct) keys.toConnectData(topic, record.key()).value()).getString("id");
                        finalStatuses.computeIfAbsent(id, k -> new ArrayList<>()).add(header(record, "phaseo.status"));
                    }
                }
                Thread.sleep(200);
            }
            // A history job already final when first seen has a snapshot record and no event: a snapshot shows no
            // transition. Every other job gets its video.final event once (checked below).
            Map<String, ObjectNode> previous = new HashMap<>();
            Map<String, Integer> finalEvents = new HashMap<>();
            Map<String, Integer> expectedEvents = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                SchemaAndValue key = keys.toConnectData(topic, record.key());
                SchemaAndValue value = values.toConnectData(topic, record.value());
                String id = ((Struct) key.value()).getString("id");
                ObjectNode stable = TopicAudit.stable((ObjectNode) ConnectFixture.JSON.readTree(record.value()).get("payload"));
                assertThat(stable).as("a record of %s that repeats its previous one", id).isNotEqualTo(previous.get(id));
                if (!previous.containsKey(id)) {
                    boolean finalSnapshot = "snapshot".equals(header(record, "phaseo.change"))
                            && "true".equals(header(record, "phaseo.final"));
                    expectedEvents.put(id, finalSnapshot ? 0 : 1);
                }
                previous.put(id, stable);
                finalEvents.merge(id, header(record, "video.final") == null ? 0 : 1, Integer::sum);
                assertThat(key.schema().name()).isEqualTo("app.phaseo.connect.videos.VideoKey");
                assertThat(value.schema().name()).isEqualTo("app.phaseo.connect.videos.Video");
                assertThat(value.schema().version()).isEqualTo(app.phaseo.connect.videos.schema.VideoSchemas.VALUE.version()).isEqualTo(2);
                Struct struct = (Struct) value.value();
                assertThat(struct.getString("id")).isEqualTo(id);
                assertThat(struct.getString("id")).as("a record of a job the API has").isIn(sim.jobIds());
                assertThat(value.schema().field("created_at").schema().name())
                        .isEqualTo(org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME);
                assertThat(struct.get("created_at")).isNotNull();
                assertThat(record.timestamp()).isGreaterThan(0);
                assertThat(header(record, "phaseo.status")).as("the normalised status header")
                        .isIn("queued", "processing", "completed", "failed", "cancelled", "expired");
            }
            // Compared with the ground truth. Every job has a final record, and every final record shows the
            // job's final status. A job may have more than one: the documented rule writes a rewritten
            // completed_at of a billed job (a reconciler claim that took the job just before its billing
            // re-finalizes it just after). But no record repeats the job's previous one but for the fields
            // the API re-signs, and each job's video.final event is sent once.
            assertThat(sim.jobIds()).as("jobs the simulator created").hasSize(jobs);
            assertThat(finalStatuses.keySet()).as("jobs with a final record").containsExactlyInAnyOrderElementsOf(sim.jobIds());
            for (String id : sim.jobIds()) {
                String finalStatus = VideoStatus.fromWire(sim.render(id).path("status").asText()).apiName();
                assertThat(finalStatuses.get(id)).as("final records of %s", id).isNotEmpty().containsOnly(finalStatus);
            }
            assertThat(finalEvents).as("video.final events per job").isEqualTo(expectedEvents);
            assertThat(expectedEvents.values()).as("jobs that became final while the connector watched").contains(1);
            Schema billing = values.toConnectData(topic, records.get(0).value()).schema().field("billing").schema();
            assertThat(billing.type()).isEqualTo(Schema.Type.STRUCT);
            connect.deleteConnector("struct");
        }
    }

    @Test
    void stopAndResumeNeitherLosesNorRepeats() throws Exception {
        try (PhaseoSimulator sim = simulator(SimBehavior.GATEWAY_CODE, 13, 80)) {
            String topic = "videos-resume";
            Map<String, String> config = ConnectFixture.rawJsonConnector(sim, topic);
            connect.configureConnector("resume", config);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("resume", 1, "connector did not start");
            ConnectFixture.readUntil(connect, topic, s -> s.size() >= 60, Duration.ofSeconds(30));

            connect.stopConnector("resume");
            connect.assertions().assertConnectorIsStopped("resume", "connector did not stop");
            int beforeResume = ConnectFixture.readAll(connect, topic).size();
            Thread.sleep(1_500); // jobs move on while the connector is stopped
            connect.resumeConnector("resume");
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("resume", 1, "connector did not resume");

            List<ConnectFixture.Seen> seen = ConnectFixture.readUntil(connect, topic, s -> everyJobFinal(sim, s),
                    Duration.ofSeconds(60));
            TopicAudit.Report report = TopicAudit.audit(written(seen), sim, Set.of());
            assertThat(beforeResume).as("records before the stop").isGreaterThanOrEqualTo(60);
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(report.duplicates()).isEmpty();
            assertThat(report.finalJobs()).isEqualTo(120);
            connect.deleteConnector("resume");
        }
    }
}
