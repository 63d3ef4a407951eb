package app.phaseo.connect.videos.bench;

import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * What the end-to-end benchmarks share: a real broker and one Connect worker in this JVM, the
 * connector pointed at the simulator, and plain-client helpers to watch and read a topic.
 */
final class BenchCluster {

    static final String CONNECTOR_CLASS = "app.phaseo.connect.videos.PhaseoVideosSourceConnector";

    private BenchCluster() {
    }

    /** One broker, one worker, the worker's defaults except plugin discovery (and what {@code extra} sets). */
    static EmbeddedConnectCluster start(String name, Map<String, String> extra) {
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "60000"); // the worker's default, spelled out
        worker.putAll(extra);
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name(name).numWorkers(1).numBrokers(1).workerProps(worker).build();
        connect.start();
        return connect;
    }

    /**
     * The connector as a user would set it up for a warehouse: typed values through the JSON converter
     * without embedded schemas (decimals as numbers), struct keys.
     */
    static Map<String, String> connector(PhaseoSimulator sim, String workspace, String topic) {
        return connector(sim.baseUrl(), sim.apiKey(), workspace, topic);
    }

    /** The same, against any server speaking the API at {@code baseUrl}. */
    static Map<String, String> connector(String baseUrl, String apiKey, String workspace, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("phaseo.api.url", baseUrl);
        config.put("phaseo.api.key", apiKey);
        config.put("phaseo.api.allow.insecure.loopback", "true");
        config.put("phaseo.workspace", workspace);
        config.put("topic", topic);
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("value.converter.decimal.format", "NUMERIC");
        return config;
    }

    static KafkaConsumer<byte[], byte[]> consumer(EmbeddedConnectCluster connect) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The end offset of partition 0 of {@code topic}. */
    static long endOffset(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        return consumer.endOffsets(List.of(tp)).getOrDefault(tp, 0L);
    }

    /** Every record of partition 0 of {@code topic}, up to {@code count}. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedConnectCluster connect, String topic, long count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(connect)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long idleSince = System.currentTimeMillis();
            while (out.size() < count && System.currentTimeMillis() - idleSince < 10_000) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(java.time.Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    idleSince = System.currentTimeMillis();
                }
                records.forEach(out::add);
            }
        }
        return out;
    }
}
