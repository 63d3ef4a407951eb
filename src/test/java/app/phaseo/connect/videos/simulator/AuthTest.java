package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bearer-key checks, and the two ways the video API is switched off (501 before or after auth). */
class AuthTest {

    private PhaseoSimulator sim;
    private SimHttp http;

    @BeforeEach
    void start() {
        sim = PhaseoSimulator.builder().clock(new MutableClock(Instant.parse("2026-11-28T15:00:00Z")))
                .preexisting(3, java.time.Duration.ofHours(1)).build().start();
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String reason(SimHttp.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        return reply.json().get("reason").asText();
    }

    @Test
    void keysAreCheckedForPresenceFormatAndValue() {
        assertThat(reason(http.get("/videos?limit=5", null), 401)).isEqualTo("missing_api_key");
        assertThat(reason(http.get("/videos?limit=5", "Bearer "), 401)).isEqualTo("missing_api_key");
        assertThat(reason(http.get("/videos?limit=5", "Token not_bearer"), 401)).isEqualTo("missing_api_key");
        assertThat(reason(http.get("/videos?limit=5", "Bearer not_our_format"), 401)).isEqualTo("invalid_key_format");
        assertThat(reason(http.get("/videos/G-X", "Bearer aistats_v1_sk_fake_other_key"), 401)).isEqualTo("invalid_api_key");
        assertThat(http.get("/videos?limit=5").status()).isEqualTo(200);
        assertThat(http.get("/videos?limit=5", "bearer " + sim.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void temporarilyDisabledAnswers501BeforeAuth() {
        sim.disable("video_api_temporarily_disabled");

        assertThat(reason(http.get("/videos?limit=5", null), 501)).isEqualTo("video_api_temporarily_disabled");
        assertThat(reason(http.get("/videos/G-X", "Bearer sk-bad"), 501)).isEqualTo("video_api_temporarily_disabled");
        assertThat(reason(http.get("/videos?limit=5"), 501)).isEqualTo("video_api_temporarily_disabled");
    }

    @Test
    void featureDisabledAnswers501AfterAuth() {
        sim.disable("video_api_feature_disabled");

        assertThat(reason(http.get("/videos?limit=5", null), 401)).isEqualTo("missing_api_key");
        assertThat(reason(http.get("/videos?limit=5"), 501)).isEqualTo("video_api_feature_disabled");
        assertThat(http.get("/videos?limit=5").json().get("feature_gate").asText()).isEqualTo("gateway_video_api");

        sim.disable(null);
        assertThat(http.get("/videos?limit=5").status()).isEqualTo(200);
    }

    @Test
    void otherPathsAndMethodsAreRefused() {
        assertThat(reason(http.get("/models"), 404)).isEqualTo("route_not_found");
        assertThat(reason(http.get("/videos/G-X/content"), 404)).isEqualTo("route_not_found");
        assertThat(sim.stats().count(RequestStats.OTHER)).isEqualTo(2);
    }

    @Test
    void theSimulatorRefusesKeysThatCouldBeRealOrMalformed() {
        // Assembled at run time, so that no real-looking key sits in the sources.
        String realLooking = Authenticator.KEY_PREFIX + "AbC" + "123" + "xyz";
        assertThatThrownBy(() -> PhaseoSimulator.builder().apiKey(realLooking))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not look like a real key");
        assertThatThrownBy(() -> PhaseoSimulator.builder().apiKey("sk_fake_key"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PhaseoSimulator.builder().apiKey("aistats_v1_sk_fake_other").build().apiKey())
                .isEqualTo("aistats_v1_sk_fake_other");
    }
}
