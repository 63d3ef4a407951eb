package app.phaseo.examples.completions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A service that reacts to each completed video exactly once.
 *
 * <p><b>What it reads.</b> The topic of the connector's {@code completions-only.properties} recipe,
 * where a stock {@code Filter} already dropped every record without the {@code video.completed}
 * header: the service downloads completions only, not every progress tick of every job. It still
 * checks the header itself, so pointed at the connector's full topic it handles the same
 * completions and ignores the rest.
 *
 * <p><b>Why each completion is handled once.</b> Three parts, each closing one gap:
 * <ul>
 *   <li>the Connect workers run with {@code exactly.once.source.support=enabled} and the connector
 *       with {@code exactly.once.support=required}: a batch of records and the connector's offsets
 *       commit in one transaction, so a worker crash writes no completion twice into the topic;</li>
 *   <li>this consumer reads with {@code isolation.level=read_committed}, so it never sees the
 *       records of an aborted transaction, and commits its offsets itself, only after handling
 *       ({@code enable.auto.commit=false}): a restart resumes after the last completion handled;</li>
 *   <li>it is idempotent on the video id ({@link HandledIds}): a completion read again (a crash
 *       between handling and the offset commit, a replay under a new group, a connector run without
 *       exactly-once) finds its id recorded and has no second effect ({@link IdempotentHandling}).</li>
 * </ul>
 *
 * <p>One thread runs {@link #run()}; {@link #stop()} may be called from any thread.
 */
public final class CompletionsService implements Runnable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<String, String> consumer;
    private final String topic;
    private final IdempotentHandling handling;
    private volatile boolean running = true;

    /** The service; it owns the consumer and closes it when {@link #run()} ends. */
    public CompletionsService(Consumer<String, String> consumer, String topic, IdempotentHandling handling) {
        this.consumer = consumer;
        this.topic = topic;
        this.handling = handling;
    }

    /** The consumer settings the service relies on. */
    public static Properties consumerConfig(String bootstrapServers, String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // Only records of committed transactions: with exactly-once workers, what the connector wrote for good.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Offsets are committed by the service after handling, never in the background before it.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group starts at the oldest completion kept: the store skips the ones handled already.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /**
     * Reads and handles completions until {@link #stop()}. A handler that throws ends the run (the
     * exception propagates) after committing the offsets of the records handled before it.
     */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                pollOnce();
            }
        } finally {
            consumer.close();
        }
    }

    /** Ends {@link #run()} within one poll (half a second), after the batch in hand is handled and committed. */
    public void stop() {
        running = false;
    }

    /** The handling, with its counters. */
    public IdempotentHandling handling() {
        return handling;
    }

    /**
     * Handles one poll's records in order and commits the offset past each one handled. The commit
     * is synchronous, so when the group rebalances no handled record is left uncommitted.
     */
    void pollOnce() {
        ConsumerRecords<String, String> records = consumer.poll(POLL);
        // Offsets to commit, per partition: a fixed order, whatever the JVM.
        Map<TopicPartition, OffsetAndMetadata> done = new LinkedHashMap<>();
        try {
            for (ConsumerRecord<String, String> record : records) {
                handling.handle(record);
                done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            }
        } finally {
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
        }
    }
}
