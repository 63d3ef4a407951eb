package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code download_url} and {@code expires_at} are re-signed on every request; nothing else moves. */
class VolatileFieldsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    @ParameterizedTest
    @EnumSource(SimBehavior.class)
    void volatileFieldsDifferBetweenTwoRequestsWhileEverythingElseIsEqual(SimBehavior behavior) {
        MutableClock clock = new MutableClock(T0);
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(behavior).clock(clock).seed(3)
                .preexisting(40, Duration.ofHours(2)).build().start()) {
            SimHttp http = new SimHttp(sim);
            JsonNode first = http.ok("/videos?limit=100").get("data");
            JsonNode sameSecond = http.ok("/videos?limit=100").get("data");
            clock.advance(Duration.ofSeconds(1));
            JsonNode nextSecond = http.ok("/videos?limit=100").get("data");

            int signed = 0;
            for (int i = 0; i < first.size(); i++) {
                ObjectNode a = (ObjectNode) first.get(i);
                ObjectNode b = (ObjectNode) sameSecond.get(i);
                ObjectNode c = (ObjectNode) nextSecond.get(i);
                assertThat(VideoRenderer.withoutVolatileFields(b)).isEqualTo(VideoRenderer.withoutVolatileFields(a));
                assertThat(VideoRenderer.withoutVolatileFields(c)).isEqualTo(VideoRenderer.withoutVolatileFields(a));
                assertThat(VideoRenderer.withoutVolatileFields(a))
                        .isEqualTo(last(sim.versions(a.get("id").asText())).stable());
                if (a.path("download_url").isTextual()) {
                    signed++;
                    assertThat(b.get("download_url")).isNotEqualTo(a.get("download_url"));
                    assertThat(c.get("expires_at").asLong()).isEqualTo(a.get("expires_at").asLong() + 1)
                            .isEqualTo(clock.instant().getEpochSecond() + 3600);
                    assertThat(a.get("download_url").asText()).endsWith("&expires_at=" + a.get("expires_at").asLong());
                    if (behavior == SimBehavior.DOCUMENTED) {
                        JsonNode output = a.get("outputs").get(0);
                        assertThat(output.get("download_url")).isEqualTo(a.get("download_url"));
                        assertThat(b.get("outputs").get(0).get("download_url")).isNotEqualTo(output.get("download_url"));
                        assertThat(c.get("outputs").get(0).get("expires_at")).isEqualTo(c.get("expires_at"));
                    }
                }
            }
            assertThat(signed).as("completed jobs with a download URL").isGreaterThan(10);
        }
    }

    private static JobVersion last(List<JobVersion> versions) {
        return versions.get(versions.size() - 1);
    }
}
