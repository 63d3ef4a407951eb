package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line starts a real-time simulator with the options given. */
class SimulatorMainTest {

    @Test
    void optionsConfigureTheSimulator() {
        try (PhaseoSimulator sim = SimulatorMain.launch(new String[] {"--port", "0", "--behavior", "documented",
                "--rate", "0", "--preexisting", "12", "--key", "aistats_v1_sk_fake_demo_key", "--seed", "5"})) {
            SimHttp.Reply reply = new SimHttp(sim).get("/videos?limit=100", "Bearer aistats_v1_sk_fake_demo_key");

            assertThat(sim.behavior()).isEqualTo(SimBehavior.DOCUMENTED);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("data")).hasSize(12);
            assertThat(reply.json().get("data").get(0).get("created_at").isIntegralNumber()).isTrue();
        }
        assertThatThrownBy(() -> SimulatorMain.launch(new String[] {"--colour", "blue"}))
                .hasMessageContaining("unknown option --colour");
    }
}
