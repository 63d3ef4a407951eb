package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Single requests flicker: 401 {@code db_error} (or {@code server_misconfig_missing_pepper}) on any
 * route and 501 {@code video_api_feature_disabled} on the list, at configurable seeded rates, one
 * in 200 each by default.
 */
class FlickerTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    /** "status reason" of each of {@code n} requests to {@code path}. */
    private static List<String> answers(PhaseoSimulator.Builder builder, String path, int n) {
        try (PhaseoSimulator sim = builder.clock(new MutableClock(T0)).seed(81).build().start()) {
            SimHttp http = new SimHttp(sim);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SimHttp.Reply reply = http.get(path);
                answers.add(reply.status() == 200 || reply.status() == 404 && "video_not_found_or_not_owned"
                        .equals(reply.json().path("reason").asText())
                        ? "ok" : reply.status() + " " + reply.json().path("reason").asText());
            }
            return answers;
        }
    }

    private static long count(List<String> answers, String prefix) {
        return answers.stream().filter(a -> a.startsWith(prefix)).count();
    }

    @Test
    void byDefaultAboutOneListRequestIn200FlickersEachWay() {
        List<String> answers = answers(PhaseoSimulator.builder(), "/videos?limit=1", 2000);

        assertThat(count(answers, "401")).isBetween(3L, 25L);
        assertThat(count(answers, "501 video_api_feature_disabled")).isBetween(3L, 25L);
        assertThat(answers).allMatch(a -> a.equals("ok") || a.equals("401 db_error")
                || a.equals("401 server_misconfig_missing_pepper") || a.equals("501 video_api_feature_disabled"));
    }

    @Test
    void ratesAreConfigurableAndTheFeatureGateFlickersOnTheListOnly() {
        List<String> list = answers(PhaseoSimulator.builder().flicker(0.3, 0.3), "/videos?limit=1", 400);
        List<String> byId = answers(PhaseoSimulator.builder().flicker(0.3, 0.3),
                "/videos/G-01M8HC1B0F3QYDGAQXT66CN4YX", 400);

        assertThat(count(list, "401")).isBetween(80L, 160L);
        assertThat(count(list, "501")).isBetween(50L, 130L);
        assertThat(count(list, "401 server_misconfig_missing_pepper")).isPositive();
        assertThat(count(byId, "401")).isBetween(80L, 160L);
        assertThat(count(byId, "501")).isZero();
    }

    @Test
    void switchedOffNothingFlickersAndTheDrawsAreSeeded() {
        assertThat(answers(PhaseoSimulator.builder().noFlicker(), "/videos?limit=1", 500)).containsOnly("ok");
        assertThat(answers(PhaseoSimulator.builder().flicker(0.1, 0.1), "/videos?limit=1", 200))
                .isEqualTo(answers(PhaseoSimulator.builder().flicker(0.1, 0.1), "/videos?limit=1", 200));
    }
}
