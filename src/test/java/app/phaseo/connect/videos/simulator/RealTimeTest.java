package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With the system clock and the fast profile, a job lives and settles in a few real seconds. */
class RealTimeTest {

    @Test
    void aJobReachesFinalInRealTime() throws InterruptedException {
        LifecycleProfile profile = LifecycleProfile.fast().toBuilder().webhookPresenceRate(1).webhookFailureRate(0)
                .stuckBillingRate(0).build();
        try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(Clock.systemUTC()).profile(profile)
                .noFlicker().build().start()) {
            SimHttp http = new SimHttp(sim);
            String id = sim.createJob();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            JsonNode job = null;
            while (System.nanoTime() < deadline) {
                job = http.ok("/videos?limit=10").get("data").get(0);
                if (job.get("billing").has("billed_at") && sim.isFinal(id)) {
                    break;
                }
                Thread.sleep(100);
            }

            assertThat(job.get("id").asText()).isEqualTo(id);
            assertThat(job.get("status").asText()).isIn("completed", "failed", "cancelled", "expired");
            assertThat(job.get("billing").get("state").asText()).isIn("settled", "void");
            assertThat(job.get("webhook").get("delivery").get("pending_retries").asInt()).isZero();
            assertThat(sim.isFinal(id)).isTrue();
            assertThat(sim.versions(id).size()).isGreaterThanOrEqualTo(5);
        }
    }
}
