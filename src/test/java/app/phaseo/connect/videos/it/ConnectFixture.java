package app.phaseo.connect.videos.it;

import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * What the integration tests share: a real KRaft broker and real Connect workers in this JVM
 * ({@link EmbeddedConnectCluster}), a connector config pointing at the simulator, and a reader of
 * the topic. Config keys are spelled out as strings, so that the plugin-isolation test, which runs
 * without the connector's classes on its classpath, can use it too.
 */
final class ConnectFixture {

    static final String CONNECTOR_CLASS = "app.phaseo.connect.videos.PhaseoVideosSourceConnector";
    static final ObjectMapper JSON = new ObjectMapper();

    private ConnectFixture() {
    }

    /** A cluster of {@code workers} workers on one broker, with quick offset commits. */
    static EmbeddedConnectCluster startCluster(String name, int workers, Map<String, String> extraWorkerProps) {
        return startCluster(name, workers, extraWorkerProps, new java.util.Properties());
    }

    /** Like {@link #startCluster(String, int, Map)}, with broker settings (e.g. for transactions on one broker). */
    static EmbeddedConnectCluster startCluster(String name, int workers, Map<String, String> extraWorkerProps,
                                               java.util.Properties brokerProps) {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "500");
        workerProps.put("scheduled.rebalance.max.delay.ms", "2000");
        workerProps.putAll(extraWorkerProps);
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(workers)
                .numBrokers(1)
                .workerProps(workerProps)
                .brokerProps(brokerProps)
                .build();
        connect.start();
        return connect;
    }

    /** A connector config streaming the simulator's jobs as raw JSON text keyed by the bare id. */
    static Map<String, String> rawJsonConnector(PhaseoSimulator sim, String topic) {
        Map<String, String> config = baseConnector(sim, topic);
        config.put("value.format", "json");
        config.put("key.format", "string");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        return config;
    }

    static Map<String, String> baseConnector(PhaseoSimulator sim, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("phaseo.workspace", "it-" + topic);
        config.put("topic", topic);
        return onSimulator(config, sim);
    }

    /**
     * Points {@code config} at the simulator, with the worker-created topic fitting one broker and
     * quick test timings; the record shape (formats, converters, transforms) is left as it is.
     */
    static Map<String, String> onSimulator(Map<String, String> config, PhaseoSimulator sim) {
        config.put("phaseo.api.url", sim.baseUrl());
        config.put("phaseo.api.key", sim.apiKey());
        config.put("phaseo.api.allow.insecure.loopback", "true");
        // The connector's topic is created by the worker (KIP-158), compacted as a warehouse landing topic would be.
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("poll.interval.ms", "500");
        config.put("poll.pressure.interval.ms", "200");
        config.put("retry.backoff.initial.ms", "100");
        config.put("retry.backoff.max.ms", "1000");
        return config;
    }

    /** One record as read back: the video id, the job JSON (null for a tombstone) and the headers. */
    record Seen(String id, ObjectNode video, Map<String, String> headers, long timestamp, long offset) {
    }

    /** Reads the whole topic from the start, as a read_committed consumer. */
    static List<Seen> readAll(EmbeddedConnectCluster connect, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        List<Seen> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(props, topic)) {
            long idleSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - idleSince < 1_500) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    idleSince = System.currentTimeMillis();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    seen.add(toSeen(r));
                }
            }
        }
        return seen;
    }

    /** Polls the topic until {@code done} holds for what was read, or the timeout passes. */
    static List<Seen> readUntil(EmbeddedConnectCluster connect, String topic, Predicate<List<Seen>> done, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        List<Seen> seen = readAll(connect, topic);
        while (!done.test(seen) && System.currentTimeMillis() < deadline) {
            seen = readAll(connect, topic);
        }
        return seen;
    }

    private static Seen toSeen(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        String id = new String(r.key(), StandardCharsets.UTF_8);
        ObjectNode video = null;
        if (r.value() != null) {
            try {
                video = (ObjectNode) JSON.readTree(r.value());
            } catch (IOException e) {
                throw new AssertionError("A record value is not the job's JSON: " + new String(r.value(), StandardCharsets.UTF_8), e);
            }
        }
        return new Seen(id, video, headers, r.timestamp(), r.offset());
    }
}
