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
                .noFlicker().preexisting(130, Duration.ofMinutes(30)).build().start();
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
        String outside = sim.jobIds().stream()
                .filter(id -> !window.contains(id) && !sim.isBillingStuck(id) && !sim.isDeleted(id))
                .findFirst().orElseThrow();
        int versionsBefore = sim.versions(outside).size();
        clock.advance(Duration.ofSeconds(5));

        JsonNode served = http.ok("/videos/" + outside);

        assertThat(sim.sideEffectCount()).isEqualTo(1);
        assertThat(served.get("completed_at").asText()).isEqualTo("2026-11-28T15:00:05.000Z");
        // finalizeVideoJob on a billed job: billing reason already_billed.
        assertThat(served.get("billing").get("charge_reason").asText()).isEqualTo("already_billed");
        List<JobVersion> versions = sim.versions(outside);
        assertThat(versions).hasSize(versionsBefore + 1);
        assertThat(versions.get(versionsBefore).eventType()).isEqualTo(EventType.REFINALIZED);
        assertThat(versions.get(versionsBefore).time()).isEqualTo(clock.instant());
        assertThat(http.all("limit=100")).contains(outside).containsExactlyElementsOf(WindowModel.window(sim, 101));

        http.ok("/videos/" + outside);
        assertThat(sim.sideEffectCount()).isEqualTo(2);
    }

    @Test
    void gatewayGetOfANonOpenAiJobInFlightHasNoSideEffect() {
        start(SimBehavior.GATEWAY_CODE);
        List<String> created = sim.createJobs(10);
        clock.advance(Duration.ofSeconds(12));
        String id = created.stream()
                .filter(j -> !"openai".equals(sim.render(j).get("provider").asText()))
                .filter(j -> List.of("processing", "in_progress").contains(sim.render(j).get("status").asText()))
                .findFirst().orElseThrow();
        String status = sim.render(id).get("status").asText();

        JsonNode served = http.ok("/videos/" + id);

        assertThat(sim.sideEffectCount()).isZero();
        assertThat(sim.progressWriteCount()).isZero();
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
    void anOpenAiJobComesBackInTheByIdShape() {
        start(SimBehavior.GATEWAY_CODE);
        String id = sim.jobIds().stream()
                .filter(j -> "openai".equals(sim.render(j).get("provider").asText()))
                .filter(j -> "completed".equals(sim.render(j).get("status").asText()))
                .filter(j -> !sim.isDeleted(j))
                .findFirst().orElseThrow();
        JsonNode listed = sim.render(id);

        JsonNode byId = http.ok("/videos/" + id);

        assertThat(listed.get("created_at").isTextual()).isTrue();
        assertThat(listed.get("asset").isNull()).isTrue();
        assertThat(listed.get("outputs")).isEmpty();
        assertThat(listed.has("quality")).isFalse();
        assertThat(byId.get("created_at").isIntegralNumber()).isTrue();
        assertThat(byId.get("created_at").asLong())
                .isEqualTo(java.time.OffsetDateTime.parse(listed.get("created_at").asText()).toEpochSecond());
        assertThat(byId.get("completed_at").isIntegralNumber()).isTrue();
        assertThat(byId.get("expires_at").asLong())
                .isEqualTo(byId.get("completed_at").asLong() + ByIdShape.OPENAI_EXPIRY_SECONDS);
        assertThat(byId.get("quality").asText()).isEqualTo("standard");
        assertThat(byId.get("asset").get("bytes").asLong()).isPositive();
        assertThat(byId.get("outputs")).hasSize(1);
        assertThat(sim.sideEffectCount()).isEqualTo(1);
    }

    @Test
    void aGetOfARunningOpenAiJobWritesItsProgressInvisibly() {
        start(SimBehavior.GATEWAY_CODE);
        List<String> created = sim.createJobs(10);
        clock.advance(Duration.ofSeconds(12));
        String id = created.stream()
                .filter(j -> "openai".equals(sim.render(j).get("provider").asText()))
                .filter(j -> "in_progress".equals(sim.render(j).get("status").asText())
                        || "processing".equals(sim.render(j).get("status").asText()))
                .findFirst().orElseThrow();
        int versions = sim.versions(id).size();
        clock.advance(Duration.ofMillis(10));

        http.ok("/videos/" + id);

        assertThat(sim.progressWriteCount()).isEqualTo(1);
        assertThat(sim.sideEffectCount()).isZero();
        assertThat(sim.updatedAt(id)).isEqualTo(clock.instant());
        assertThat(sim.versions(id)).as("the same progress: no new version").hasSize(versions);
        assertThat(http.all("limit=100")).contains(id).containsExactlyElementsOf(WindowModel.window(sim, 101));
    }

    @Test
    void perJobErrorsAnswerWithoutSideEffect() {
        start(SimBehavior.GATEWAY_CODE);
        String finished = sim.jobIds().iterator().next();
        sim.faults().next(Fault.notSupported()).next(Fault.notReady()).next(Fault.badGateway());

        List<SimHttp.Reply> replies = List.of(http.get("/videos/" + finished), http.get("/videos/" + finished),
                http.get("/videos/" + finished));

        assertThat(replies).extracting(SimHttp.Reply::status).containsExactly(400, 409, 502);
        assertThat(replies).extracting(r -> r.json().get("error").asText())
                .containsExactly("not_supported", "not_ready", "upstream_error");
        assertThat(sim.sideEffectCount()).isZero();
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
    void deletedJobStaysListedAndAnswers404VideoDeleted() {
        start(SimBehavior.GATEWAY_CODE);
        String id = WindowModel.window(sim, 101).get(0);
        assertThat(sim.deleteJob(id)).isTrue();
        assertThat(sim.deleteJob(id)).isFalse();

        SimHttp.Reply reply = http.get("/videos/" + id);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("reason").asText()).isEqualTo("video_deleted");
        assertThat(sim.sideEffectCount()).as("answered before any side effect").isZero();
        // The gateway's list does not filter tombstoned jobs.
        assertThat(http.all("limit=100")).contains(id).hasSize(101);
        assertThat(sim.isDeleted(id)).isTrue();
        assertThat(sim.versions(id).get(sim.versions(id).size() - 1).eventType()).isEqualTo(EventType.DELETED);
    }
}
