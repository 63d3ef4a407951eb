package app.phaseo.connect.videos;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.testkit.ApiFixtures;
import app.phaseo.connect.videos.testkit.LogCapture;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * What the value conversion had to do with an unexpected job reaches the task's metrics and, at
 * most once a minute, the log: a field the schema does not know ({@code UnknownFields}), a value
 * converted without loss ({@code CoercedValues}), a value kept raw ({@code RawKeptValues}). The
 * record still carries everything.
 */
class ConversionMetricsTest {

    @Test
    void unknownCoercedAndRawValuesAreCountedAndTheRecordKeepsThem() throws Exception {
        ObjectNode job = ApiFixtures.videos("list-code-completed-window.json").get(0);
        job.put("brand_new_field", 1);
        job.put("seconds", "8");
        job.put("progress", "lots");
        ObjectNode page = ApiFixtures.MAPPER.createObjectNode();
        page.put("object", "list");
        page.putArray("data").add(job);
        page.put("first_id", job.get("id").asText());
        page.put("last_id", job.get("id").asText());
        page.put("has_more", false);

        try (MockWebServer server = new MockWebServer(); LogCapture log = LogCapture.of("app.phaseo.connect.videos")) {
            server.start();
            Map<String, String> props = new HashMap<>();
            props.put("name", "conversion-metrics");
            props.put(PhaseoVideosConfig.API_URL, server.url("/v1").toString());
            props.put(PhaseoVideosConfig.API_KEY, "aistats_v1_sk_fake_conversion_key");
            props.put(PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK, "true");
            props.put(PhaseoVideosConfig.FULL_SCAN_INTERVAL, "0");
            MutableClock clock = new MutableClock(Instant.parse("2026-11-28T16:00:00Z"));
            // Every answer changes the prompt, so every cycle writes a record and converts the job again.
            server.setDispatcher(new Dispatcher() {
                private int calls;

                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    job.put("prompt", "take " + calls++);
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .body(page.toString()).build();
                }
            });
            try (TaskHarness task = TaskHarness.started(clock, props, null)) {
                task.pollUntil(() -> task.records.size() >= 3, Duration.ofMinutes(1), 200);

                assertThat(task.longAttribute("UnknownFields")).isGreaterThanOrEqualTo(3);
                assertThat(task.longAttribute("CoercedValues")).isGreaterThanOrEqualTo(3);
                assertThat(task.longAttribute("RawKeptValues")).isGreaterThanOrEqualTo(3);
                SourceRecord record = task.records.get(task.records.size() - 1);
                Struct value = (Struct) record.value();
                assertThat(value.getString("unknown_fields")).contains("brand_new_field");
                assertThat(value.getString("raw_values")).contains("progress").contains("lots");
                assertThat(value.getFloat64("seconds")).isEqualTo(8.0);
                List<String> warnings = log.linesAt("WARN").stream().filter(l -> l.contains("kept raw")).toList();
                assertThat(warnings).as("one warning within the minute, then only the metric").hasSize(1);
                assertThat(warnings.get(0)).contains("progress");
            }
        }
    }
}
