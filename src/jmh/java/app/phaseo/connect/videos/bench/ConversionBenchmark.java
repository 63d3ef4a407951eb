package app.phaseo.connect.videos.bench;

import app.phaseo.connect.videos.capture.PagePipeline;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One page of 100 jobs (the fixtures' shapes, 70 % gateway code, 30 % docs) from the response bytes
 * to the {@code SourceRecord}s the task hands to the worker, next to a bare Jackson {@code readTree}
 * of the same bytes (the floor). Scores are records per second (one operation = one job).
 *
 * <p>{@code trackedJobs} is how many jobs the state already remembers when the page arrives: the
 * offset attached to every record describes all of them. {@code valueFormat} is the record value:
 * the typed Struct (default) or the API's JSON text.
 *
 * <p>Run: {@code mvn -B -Pbench-conversion} (see BENCHMARKS.md).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ConversionBenchmark {

    static final int PAGE = 100;

    /** The page's bytes; no parameters, so the floor runs once. */
    @State(Scope.Benchmark)
    public static class Page {
        final ObjectMapper plain = new ObjectMapper();
        byte[] bytes;

        @Setup
        public void setUp() {
            bytes = BenchPages.page(PAGE, 0.3, 42);
        }
    }

    /** The task's stages, configured as the parameters say. */
    @State(Scope.Benchmark)
    public static class Task {
        @Param({"0", "5000", "10000"})
        public int trackedJobs;

        @Param({"struct", "json"})
        public String valueFormat;

        PagePipeline pipeline;

        @Setup
        public void setUp(Page page) {
            SplittableRandom random = new SplittableRandom(7);
            pipeline = new PagePipeline(trackedJobs, Map.of(
                    "phaseo.api.key", "aistats_v1_sk_fake_bench_key",
                    "phaseo.workspace", "bench",
                    "value.format", valueFormat),
                    i -> "G-" + BenchIds.ulid(1_795_870_000_000L + i, random));
            List<SourceRecord> check = pipeline.convert(page.bytes);
            if (check.size() != PAGE) {
                throw new IllegalStateException("expected " + PAGE + " records, got " + check.size());
            }
        }
    }

    /** The floor: parse the bytes into a tree and nothing else. */
    @Benchmark
    @OperationsPerInvocation(PAGE)
    public JsonNode readTree(Page page) throws IOException {
        return page.plain.readTree(page.bytes);
    }

    /** The whole conversion: envelope, facts, fingerprint, change detection, value, key, headers, offset. */
    @Benchmark
    @OperationsPerInvocation(PAGE)
    public List<SourceRecord> toRecords(Page page, Task task) {
        return task.pipeline.convert(page.bytes);
    }
}
