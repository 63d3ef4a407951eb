package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/videos/{id}}: the job in the behaviour's shape, its side effect, and 404s. */
class GetByIdTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private PhaseoSimulator sim;
    private SimHttp http;

    private void start(SimBehavior behavior) {
        sim = PhaseoSimulator.builder().behavior(behavior).clock(clock).seed(17)
                .preexisting(130, Duration.ofMinutes(30)).build().start();
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void gatewayGetOfAFinishedJobRefinalizesItAndMovesItIntoTheWindow() {
        start(SimBehavior.GATEWAY_CODE);
        List<String> window = WindowModel.window(sim, 101);
        String outside = sim.jobIds().stream().filter(id -> !window.contains(id)).findFirst().orElseThrow();
        int versionsBefore = sim.versions(outside).size();
        clock.advance(Duration.ofSeconds(5));

        JsonNode served = http.ok("/videos/" + outside);

        assertThat(sim.sideEffectCount()).isEqualTo(1);
        assertThat(served.get("completed_at").asText()).isEqualTo("2026-11-28T15:00:05.000Z");
        assertThat(served.get("billing").get("charge_reason").asText()).isEqualTo("refinalized");
        List<JobVersion> versions = sim.versions(outside);
        assertThat(versions).hasSize(versionsBefore + 1);
        assertThat(versions.get(versionsBefore).eventType()).isEqualTo(EventType.REFINALIZED);
        assertThat(versions.get(versionsBefore).time()).isEqualTo(clock.instant());
        assertThat(http.all("limit=100")).contains(outside).containsExactlyElementsOf(WindowModel.window(sim, 101));

        http.ok("/videos/" + outside);
        assertThat(sim.sideEffectCount()).isEqualTo(2);
    }

    @Test
    void gatewayGetOfAJobInFlightHasNoSideEffect() {
        start(SimBehavior.GATEWAY_CODE);
        String id = sim.createJob();
        clock.advance(Duration.ofSeconds(12));
        String status = sim.render(id).get("status").asText();
        assertThat(status).isIn("processing", "in_progress");

        JsonNode served = http.ok("/videos/" + id);

        assertThat(sim.sideEffectCount()).isZero();
        assertThat(served.get("status").asText()).isEqualTo(status);
        assertThat(VideoRenderer.withoutVolatileFields((com.fasterxml.jackson.databind.node.ObjectNode) served))
                .isEqualTo(sim.versions(id).get(sim.versions(id).size() - 1).stable());
    }

    @Test
    void documentedGetHasNoSideEffect() {
        start(SimBehavior.DOCUMENTED);
        String id = sim.jobIds().iterator().next();
        List<JobVersion> before = sim.versions(id);
        clock.advance(Duration.ofSeconds(5));

        JsonNode served = http.ok("/videos/" + id);
        http.ok("/videos/" + id);

        assertThat(sim.sideEffectCount()).isZero();
        assertThat(sim.versions(id)).isEqualTo(before);
        assertThat(served.get("created_at").isIntegralNumber()).isTrue();
        assertThat(served.get("billing").get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void unknownIdIsNotFoundOrNotOwned() {
        start(SimBehavior.GATEWAY_CODE);

        SimHttp.Reply reply = http.get("/videos/G-01M8HC1B0F3QYDGAQXT66CN4YX");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").asText()).isEqualTo("not_found");
        assertThat(reply.json().get("reason").asText()).isEqualTo("video_not_found_or_not_owned");
        assertThat(reply.json().get("workspace_id").asText()).isEqualTo(sim.workspaceId());
        assertThat(sim.sideEffectCount()).isZero();
    }

    @Test
    void deletedJobIsGoneFromListsAndAnswers404VideoDeleted() {
        start(SimBehavior.GATEWAY_CODE);
        String id = WindowModel.window(sim, 101).get(0);
        assertThat(sim.deleteJob(id)).isTrue();
        assertThat(sim.deleteJob(id)).isFalse();

        SimHttp.Reply reply = http.get("/videos/" + id);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("reason").asText()).isEqualTo("video_deleted");
        assertThat(http.all("limit=100")).doesNotContain(id).hasSize(101);
        assertThat(sim.isDeleted(id)).isTrue();
        assertThat(sim.versions(id).get(sim.versions(id).size() - 1).eventType()).isEqualTo(EventType.DELETED);
    }
}
