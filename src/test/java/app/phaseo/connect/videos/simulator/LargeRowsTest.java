package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Production-size rows: long OpenAI prompts and webhook previews at the gateway's cap, the same at every render. */
class LargeRowsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    private static PhaseoSimulator simulator(boolean largeRows) {
        return PhaseoSimulator.builder().clock(new MutableClock(T0)).seed(7).noFlicker()
                .preexisting(200, Duration.ofDays(1)).largeRows(largeRows).build();
    }

    private static List<ObjectNode> rows(PhaseoSimulator sim) {
        List<ObjectNode> rows = new ArrayList<>();
        for (String id : sim.jobIds()) {
            rows.add(sim.render(id));
        }
        return rows;
    }

    @Test
    void promptsAndPreviewsAreFilledToRealisticSizesAndTheRowsGrow() {
        List<ObjectNode> plain = rows(simulator(false));
        List<ObjectNode> large = rows(simulator(true));
        int prompts = 0;
        int previews = 0;
        for (ObjectNode row : large) {
            if (row.has("prompt")) {
                prompts++;
                assertThat(row.get("prompt").asText().length()).as("prompt of %s", row.get("id")).isBetween(590, 2_400);
            }
            for (JsonNode attempt : row.path("webhook").path("attempts")) {
                if (attempt.hasNonNull("response_body_preview")) {
                    previews++;
                    assertThat(attempt.get("response_body_preview").asText()).hasSize(LargeRows.PREVIEW_CAP);
                }
            }
        }
        assertThat(prompts).as("OpenAI rows with a prompt").isGreaterThan(20);
        assertThat(previews).as("attempts with a preview").isGreaterThan(50);
        assertThat(plain).allSatisfy(row -> assertThat(row.path("prompt").isMissingNode() || row.get("prompt").isNull())
                .as("plain rows keep a null prompt").isTrue());
        assertThat(bytes(large)).as("large rows against plain ones").isGreaterThan(bytes(plain) * 13 / 10);
    }

    @Test
    void everyRenderOfAVersionIsTheSame() {
        PhaseoSimulator sim = simulator(true);
        for (String id : sim.jobIds()) {
            assertThat(VideoRenderer.withoutVolatileFields(sim.render(id)))
                    .isEqualTo(VideoRenderer.withoutVolatileFields(sim.render(id)));
        }
    }

    private static long bytes(List<ObjectNode> rows) {
        long total = 0;
        for (ObjectNode row : rows) {
            total += row.toString().length();
        }
        return total;
    }
}
