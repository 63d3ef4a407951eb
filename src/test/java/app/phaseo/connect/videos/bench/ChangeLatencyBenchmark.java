package app.phaseo.connect.videos.bench;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.JobVersion;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.TopicAudit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Change latency, in real time: from the moment a job reaches a state in the simulator to the moment its
 * record can be read from Kafka. The simulator runs the load of the API-cost benchmark (two new jobs a
 * second, each changing about eight times in 15 s) for {@code minutes}; a consumer reads the topic as it
 * fills and notes when each record arrives; afterwards each record is matched to the version of the job it
 * shows (its content without the re-signed fields), whose time is when that state began.
 * Not a test: {@code mvn -B -Pbench-latency} (BENCHMARKS.md).
 *
 * <p>Arguments: poll intervals in milliseconds (default {@code 5000 1000}), then options
 * {@code --behavior gateway|documented}, {@code --minutes 2}, {@code --rate 2}.
 */
public final class ChangeLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeLatencyBenchmark() {
    }

    private record Arrival(String id, ObjectNode video, long atMillis) {
    }

    public static void main(String[] args) throws Exception {
        List<Long> intervals = new ArrayList<>();
        SimBehavior behavior = SimBehavior.GATEWAY_CODE;
        double minutes = 2;
        double rate = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--behavior":
                    behavior = args[++i].startsWith("doc") ? SimBehavior.DOCUMENTED : SimBehavior.GATEWAY_CODE;
                    break;
                case "--minutes":
                    minutes = Double.parseDouble(args[++i]);
                    break;
                case "--rate":
                    rate = Double.parseDouble(args[++i]);
                    break;
                default:
                    intervals.add(Long.parseLong(args[i]));
            }
        }
        if (intervals.isEmpty()) {
            intervals = List.of(5_000L, 1_000L);
        }
        BenchOutput out = new BenchOutput("latency");
        EmbeddedConnectCluster connect = BenchCluster.start("bench-latency", Map.of());
        try {
            int n = 0;
            for (long interval : intervals) {
                n++;
                run(out, connect, n, interval, behavior, Duration.ofMillis((long) (minutes * 60_000)), rate);
            }
        } finally {
            connect.stop();
        }
    }

    static void run(BenchOutput out, EmbeddedConnectCluster connect, int n, long pollMillis, SimBehavior behavior,
                    Duration load, double rate) throws Exception {
        Instant start = Instant.now().plusSeconds(15); // the worker and the connector's first cycles come first
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(behavior).clock(Clock.systemUTC()).seed(100 + n)
                .profile(LifecycleProfile.loadTest())
                .workload(Workload.steady(rate, load, 100 + n, start))
                .build().start()) {
            String topic = "latency-" + n;
            connect.kafka().createTopic(topic, 1);
            Map<String, String> config = BenchCluster.connector(sim, "latency-" + n, topic);
            config.put("value.format", "json");
            config.put("key.format", "string");
            config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
            config.put("poll.interval.ms", Long.toString(pollMillis));
            List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> read(connect, topic, arrivals, reading), "latency-reader");
            reader.start();
            connect.configureConnector("latency-" + n, config);
            Instant end = start.plus(load).plusSeconds(40); // the last jobs finish, settle and retry their webhooks
            long requestsBefore = 0;
            while (Instant.now().isBefore(end)) {
                if (requestsBefore == 0 && Instant.now().isAfter(start)) {
                    requestsBefore = sim.stats().total();
                }
                Thread.sleep(200);
            }
            long requests = sim.stats().total() - requestsBefore;
            Thread.sleep(Math.max(1_000, 2 * pollMillis));
            reading.set(false);
            reader.join();
            connect.deleteConnector("latency-" + n);
            report(out, sim, new ArrayList<>(arrivals), start, pollMillis, behavior, requests,
                    Duration.between(start, end).toMillis());
        }
    }

    private static void read(EmbeddedConnectCluster connect, String topic, List<Arrival> arrivals, AtomicBoolean reading) {
        try (KafkaConsumer<byte[], byte[]> consumer = BenchCluster.consumer(connect)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            while (reading.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    try {
                        ObjectNode video = r.value() == null ? null : (ObjectNode) JSON.readTree(r.value());
                        arrivals.add(new Arrival(new String(r.key(), StandardCharsets.UTF_8), video, now));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    private static void report(BenchOutput out, PhaseoSimulator sim, List<Arrival> arrivals, Instant start, long pollMillis,
                               SimBehavior behavior, long requests, long windowMillis) {
        Map<String, List<ObjectNode>> normalizedVersions = new HashMap<>();
        Map<String, List<JobVersion>> versions = new HashMap<>();
        Map<String, Integer> lastMatch = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        List<Long> finalLatencies = new ArrayList<>();
        int unmatched = 0;
        for (Arrival a : arrivals) {
            if (a.video() == null) {
                continue;
            }
            List<JobVersion> truth = versions.computeIfAbsent(a.id(), sim::versions);
            List<ObjectNode> norm = normalizedVersions.computeIfAbsent(a.id(), id -> {
                List<ObjectNode> list = new ArrayList<>();
                for (JobVersion v : truth) {
                    list.add(TopicAudit.normalized(v.stable()));
                }
                return list;
            });
            ObjectNode seen = TopicAudit.normalized(TopicAudit.stable(a.video()));
            int from = lastMatch.getOrDefault(a.id(), 0);
            int match = -1;
            for (int i = norm.size() - 1; i >= from; i--) {
                if (norm.get(i).equals(seen) && truth.get(i).time().toEpochMilli() <= a.atMillis()) {
                    match = i;
                    break;
                }
            }
            if (match < 0) {
                unmatched++;
                continue;
            }
            lastMatch.put(a.id(), match);
            JobVersion v = truth.get(match);
            if (v.time().isBefore(start)) {
                continue; // state from before the load started (none with this workload)
            }
            long latency = a.atMillis() - v.time().toEpochMilli();
            latencies.add(latency);
            if (v.isFinal()) {
                finalLatencies.add(latency);
            }
        }
        int jobs = 0;
        int finals = 0;
        int meaningful = 0;
        for (String id : sim.jobIds()) {
            jobs++;
            for (JobVersion v : sim.versions(id)) {
                if (v.meaningful()) {
                    meaningful++;
                }
                if (v.isFinal()) {
                    finals++;
                    break;
                }
            }
        }
        out.line("%s, poll.interval.ms=%d: %d records for %d jobs (%d meaningful versions, %d final states; %d final "
                        + "captured), %d unmatched; latency p50 %s, p90 %s, p99 %s, max %s; final states p50 %s, p99 %s; "
                        + "%.1f requests/min; goal p99 <= %d ms: %s (load %.2f)",
                behavior == SimBehavior.GATEWAY_CODE ? "gateway" : "documented", pollMillis, latencies.size(), jobs, meaningful,
                finals, finalLatencies.size(), unmatched, ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                ms(latencies, 1.0), ms(finalLatencies, 0.50), ms(finalLatencies, 0.99), requests / (windowMillis / 60_000.0),
                pollMillis + 1_000, percentile(latencies, 0.99) <= pollMillis + 1_000 ? "met" : "NOT met", BenchOutput.load());
    }

    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String ms(List<Long> values, double p) {
        return values.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%d ms", percentile(values, p));
    }
}
