package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DOCUMENTED's {@code GET /v1/videos}: a stable cursor over the whole history. */
class DocumentedListTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private PhaseoSimulator sim;
    private SimHttp http;

    @BeforeEach
    void start() {
        sim = PhaseoSimulator.builder().behavior(SimBehavior.DOCUMENTED).clock(clock).seed(13).noFlicker()
                .profile(LifecycleProfile.realistic().toBuilder().deletedRate(0).build())
                .preexisting(180, Duration.ofHours(6))
                .workload(Workload.steady(1, Duration.ofMinutes(2), 13))
                .build().start();
        http = new SimHttp(sim);
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<String> newestFirst() {
        List<String> ids = new ArrayList<>(sim.jobIds());
        ids.sort((a, b) -> sim.render(b).get("created_at").asLong() != sim.render(a).get("created_at").asLong()
                ? Long.compare(sim.render(b).get("created_at").asLong(), sim.render(a).get("created_at").asLong())
                : b.compareTo(a));
        return ids;
    }

    @Test
    void pagesThroughTheFullHistoryNewestFirst() {
        List<String> served = http.all("limit=50");

        assertThat(served).hasSize(sim.jobIds().size()).hasSizeGreaterThan(200).doesNotHaveDuplicates();
        assertThat(served).containsExactlyElementsOf(newestFirst());
    }

    @Test
    void orderAscPagesOldestFirst() {
        List<String> expected = newestFirst();
        Collections.reverse(expected);

        assertThat(http.all("limit=37&order=asc")).containsExactlyElementsOf(expected);
    }

    @Test
    void limitDefaultsToFiftyAndAcceptsOneTo200() {
        assertThat(http.ok("/videos").get("data")).hasSize(50);
        assertThat(http.ok("/videos?limit=").get("data")).hasSize(50);
        assertThat(http.ok("/videos?limit=1").get("data")).hasSize(1);
        assertThat(http.ok("/videos?limit=200").get("data")).hasSize(200);
        for (String bad : List.of("0", "201", "abc", "-1", "2.5")) {
            SimHttp.Reply reply = http.get("/videos?limit=" + bad);
            assertThat(reply.status()).as("limit=%s", bad).isEqualTo(400);
            assertThat(reply.json().get("reason").asText()).isEqualTo("invalid_limit");
        }
    }

    @Test
    void unknownCursorIsAFlatJson400() {
        SimHttp.Reply reply = http.get("/videos?limit=10&after=G-01M8HC1B0F3QYDGAQXT66CN4YX");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.get("error").asText()).isEqualTo("invalid_request");
        assertThat(body.get("reason").asText()).isEqualTo("unknown_after_cursor");
        assertThat(body.get("status_code").asInt()).isEqualTo(400);
        assertThat(body.has("error_type")).isTrue();
        assertThat(body.has("error_origin")).isTrue();
    }

    @Test
    void cursorStaysStableWhileJobsChangeAndNewOnesArrive() {
        ObjectNode first = http.ok("/videos?limit=40");
        List<String> seen = new ArrayList<>(SimHttp.ids(first));
        List<String> expectedRest = newestFirst().subList(40, sim.jobIds().size());
        // Time passes: jobs change state and new jobs are created before the next page.
        clock.advance(Duration.ofSeconds(45));
        String after = first.get("last_id").asText();
        List<String> rest = new ArrayList<>();
        while (after != null) {
            ObjectNode page = http.ok("/videos?limit=40&after=" + after);
            rest.addAll(SimHttp.ids(page));
            after = page.get("has_more").asBoolean() ? page.get("last_id").asText() : null;
        }

        assertThat(rest).containsExactlyElementsOf(expectedRest);
        assertThat(rest).doesNotContainAnyElementsOf(seen);
    }

    @Test
    void hasMoreSpeaksOfTheWholeHistory() {
        int total = sim.jobIds().size();
        ObjectNode page = http.ok("/videos?limit=200");
        String last = page.get("last_id").asText();
        ObjectNode tail = http.ok("/videos?limit=200&after=" + last);

        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(tail.get("data")).hasSize(total - 200);
        assertThat(tail.get("has_more").asBoolean()).isFalse();
        assertThat(tail.get("first_id").asText()).isEqualTo(SimHttp.ids(tail).get(0));
    }

    @Test
    void deletedJobsLeaveTheListButStillWorkAsCursors() {
        List<String> newest = newestFirst();
        String deleted = newest.get(9);
        assertThat(sim.deleteJob(deleted)).isTrue();

        assertThat(http.all("limit=50")).doesNotContain(deleted).hasSize(newest.size() - 1);
        assertThat(SimHttp.ids(http.ok("/videos?limit=3&after=" + deleted)))
                .containsExactlyElementsOf(newest.subList(10, 13));
    }

    @Test
    void statusFilterSelectsFromTheWholeHistory() {
        List<String> failed = new ArrayList<>();
        for (String id : newestFirst()) {
            if ("failed".equals(sim.render(id).get("status").asText())) {
                failed.add(id);
            }
        }
        assertThat(failed).isNotEmpty();

        assertThat(http.all("limit=5&status=error")).containsExactlyElementsOf(failed);
        assertThat(http.all("limit=5&status=failed,bogus")).containsExactlyElementsOf(failed);
    }
}
