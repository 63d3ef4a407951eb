package app.phaseo.connect.videos.bench;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * End to end: the connector backfills the documented simulator's whole history (100,000 final jobs by
 * default) into a topic through a real Connect worker and broker in this JVM; then a plain
 * {@code KafkaProducer} sends the very same serialized records (keys, values, headers) to the same broker,
 * the limit of this path on this machine. Not a test: {@code mvn -B -Pbench-e2e} (BENCHMARKS.md).
 *
 * <p>Arguments: {@code [jobs] [run...]}, each run {@code source/settings}:
 * <ul>
 *   <li>source {@code simulator}: the simulator renders every page as it is asked (its rendering and JSON
 *       writing share the two cores with the worker and the broker); {@code replay}: the same pages, recorded
 *       from the simulator beforehand, served from memory (the connector side alone);</li>
 *   <li>settings {@code default}: the connector's defaults (10 backfill pages a cycle, a cycle every 5 s);
 *       {@code tuned}: a 200 ms poll interval and 40 pages a cycle; {@code tuned-json}: the same with
 *       {@code value.format=json} and the string converter (the API's JSON as the value).</li>
 * </ul>
 * The connector's rate is taken from its first record to its last (the worker's start and the connector's
 * first request left out), from the topic's end offset sampled every 50 ms.
 */
public final class EndToEndBenchmark {

    private EndToEndBenchmark() {
    }

    record Rate(String name, long records, double seconds, long bytes, long valueBytes) {
        double perSecond() {
            return records / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }

        String line() {
            return String.format(java.util.Locale.ROOT, "%-40s %7d records in %6.1f s: %8.0f records/s, %6.1f MB/s "
                    + "(%.0f bytes a record, value %.0f)", name, records, seconds, perSecond(), megabytesPerSecond(),
                    bytes / (double) records, valueBytes / (double) records);
        }
    }

    static Map<String, String> settings(String name) {
        Map<String, String> s = new HashMap<>();
        switch (name) {
            case "default":
                break;
            case "tuned-json":
                s.put("value.format", "json");
                s.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
                s.putAll(settings("tuned"));
                break;
            case "tuned":
                s.put("poll.interval.ms", "200");
                s.put("backfill.pages.per.cycle", "40");
                break;
            default:
                throw new IllegalArgumentException("settings: default, tuned or tuned-json, not " + name);
        }
        return s;
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> runs = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("simulator/tuned", "replay/tuned");
        BenchOutput out = new BenchOutput("e2e");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        EmbeddedConnectCluster connect = BenchCluster.start("bench-e2e", Map.of());
        ReplayServer replay = null;
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.DOCUMENTED).seed(23)
                .preexisting(jobs, Duration.ofDays(30)).build().start()) {
            long t0 = System.nanoTime();
            replay = new ReplayServer(sim.baseUrl(), sim.apiKey(), 100).start();
            double recordSeconds = (System.nanoTime() - t0) / 1e9;
            out.line("simulator alone (a client that only reads each page's envelope), %d jobs in %d pages: %.0f jobs/s, "
                    + "%.1f MB/s of JSON", jobs, replay.pages(), jobs / recordSeconds, replay.recordedBytes() / recordSeconds / 1e6);
            List<ConsumerRecord<byte[], byte[]>> written = null;
            int n = 0;
            for (String run : runs) {
                n++;
                String[] parts = run.split("/", 2);
                String source = parts[0];
                String baseUrl = switch (source) {
                    case "simulator" -> sim.baseUrl();
                    case "replay" -> replay.baseUrl();
                    default -> throw new IllegalArgumentException("source: simulator or replay, not " + source);
                };
                String topic = "videos-" + n;
                connect.kafka().createTopic(topic, 1);
                Map<String, String> config = BenchCluster.connector(baseUrl, sim.apiKey(), "bench-" + n, topic);
                config.putAll(settings(parts.length > 1 ? parts[1] : "tuned"));
                long lists = sim.stats().count("list");
                long replayed = replay.served();
                long cpu0 = os.getProcessCpuTime();
                long created = System.nanoTime();
                connect.configureConnector("e2e-" + n, config);
                long first = 0;
                long last = 0;
                long lastCount = 0;
                List<long[]> samples = new ArrayList<>();
                try (KafkaConsumer<byte[], byte[]> watcher = BenchCluster.consumer(connect)) {
                    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
                    while (lastCount < jobs && System.nanoTime() < deadline) {
                        long count = BenchCluster.endOffset(watcher, topic);
                        long now = System.nanoTime();
                        if (count > 0 && first == 0) {
                            first = now;
                        }
                        if (count > lastCount) {
                            last = now;
                            lastCount = count;
                            samples.add(new long[] {now, count});
                        }
                        Thread.sleep(50);
                    }
                }
                long cpu = os.getProcessCpuTime() - cpu0;
                connect.deleteConnector("e2e-" + n);
                written = BenchCluster.readAll(connect, topic, lastCount);
                long bytes = 0;
                long valueBytes = 0;
                for (ConsumerRecord<byte[], byte[]> r : written) {
                    bytes += size(r);
                    valueBytes += r.value() == null ? 0 : r.value().length;
                }
                double seconds = (last - first) / 1e9;
                Rate rate = new Rate("connector, " + run, lastCount, seconds, bytes, valueBytes);
                out.line(rate.line());
                out.line("  first record %.1f s after the connector was created; middle 80%% of records at %.0f records/s; "
                                + "%d list requests to the simulator, %d pages replayed; process CPU %.1f s for %.1f s wall "
                                + "(%.2f of %d cores); load %.2f",
                        (first - created) / 1e9, middleRate(samples, lastCount), sim.stats().count("list") - lists,
                        replay.served() - replayed, cpu / 1e9, (last - created) / 1e9, cpu / 1e9 / ((last - created) / 1e9),
                        Runtime.getRuntime().availableProcessors(), BenchOutput.load());
                if (lastCount < jobs) {
                    out.line("  INCOMPLETE: %d of %d records", lastCount, jobs);
                }
            }
            if (written != null && !written.isEmpty()) {
                for (int i = 1; i <= 2; i++) {
                    out.line(produce(connect, written, "producer, defaults, run " + i, Map.of()).line());
                    out.line(produce(connect, written, "producer, Connect's settings, run " + i, connectProducer()).line());
                }
            }
        } finally {
            if (replay != null) {
                replay.close();
            }
            connect.stop();
        }
    }

    /** The overrides a Connect worker gives its source tasks' producers (Worker.baseProducerConfigs). */
    static Map<String, Object> connectProducer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        return p;
    }

    /** Sends the records to a new topic with a plain producer; the time from the first send to flush(). */
    static Rate produce(EmbeddedConnectCluster connect, List<ConsumerRecord<byte[], byte[]>> records, String name,
                        Map<String, Object> overrides) {
        String topic = "baseline-" + System.nanoTime();
        connect.kafka().createTopic(topic, 1);
        Map<String, Object> props = new HashMap<>(overrides);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        long bytes = 0;
        long valueBytes = 0;
        long started;
        long done;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata before the clock starts
            started = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, 0, r.timestamp(), r.key(), r.value(), r.headers()));
                bytes += size(r);
                valueBytes += r.value() == null ? 0 : r.value().length;
            }
            producer.flush();
            done = System.nanoTime();
        }
        return new Rate(name, records.size(), (done - started) / 1e9, bytes, valueBytes);
    }

    private static long size(ConsumerRecord<byte[], byte[]> r) {
        long size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    /** Records per second between 10 % and 90 % of the total, from the end-offset samples. */
    private static double middleRate(List<long[]> samples, long total) {
        long[] from = null;
        long[] to = null;
        for (long[] s : samples) {
            if (from == null && s[1] >= total / 10) {
                from = s;
            }
            if (to == null && s[1] >= total * 9 / 10) {
                to = s;
            }
        }
        if (from == null || to == null || to[0] == from[0]) {
            return Double.NaN;
        }
        return (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
    }
}
