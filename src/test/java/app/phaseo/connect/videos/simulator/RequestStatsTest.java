package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests are counted by route and status and logged, so tests can assert request budgets. */
class RequestStatsTest {

    @Test
    void countsAndLogsEveryRequestUntilReset() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T15:00:00Z"));
        try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).preexisting(3, Duration.ofHours(1))
                .build().start()) {
            SimHttp http = new SimHttp(sim);
            String id = sim.jobIds().iterator().next();
            http.get("/videos?limit=2&status=completed");
            http.get("/videos?limit=2", null);
            clock.advance(Duration.ofSeconds(1));
            http.get("/videos/" + id);
            http.get("/videos/G-NOPE");
            http.get("/nothing");

            RequestStats stats = sim.stats();
            assertThat(stats.total()).isEqualTo(5);
            assertThat(stats.count(RequestStats.LIST)).isEqualTo(2);
            assertThat(stats.count(RequestStats.GET)).isEqualTo(2);
            assertThat(stats.byRoute()).isEqualTo(Map.of("list", 2L, "get", 2L, "other", 1L));
            assertThat(stats.byStatus()).isEqualTo(Map.of(200, 2L, 401, 1L, 404, 2L));
            assertThat(stats.entries().get(0)).isEqualTo(new RequestStats.Entry(
                    Instant.parse("2026-11-28T15:00:00Z"), "GET", "/v1/videos?limit=2&status=completed", "list", 200));
            assertThat(stats.entries().get(2).time()).isEqualTo(Instant.parse("2026-11-28T15:00:01Z"));

            stats.reset();
            assertThat(stats.total()).isZero();
            assertThat(stats.entries()).isEmpty();
        }
    }
}
