package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.TopicAudit;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection run ({@link FaultScenario}) on a 3-worker cluster with the workers'
 * default at-least-once delivery. Duplicates after the worker loss are allowed, and counted in
 * the figures; nothing may be missing, out of order or invented.
 */
class FaultInjectionIT {

    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startCluster() {
        connect = ConnectFixture.startCluster("faults-at-least-once", 3, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void everyFinalStateArrivesThroughFaultsAndTheLossOfAWorker() throws Exception {
        TopicAudit.Report report = new FaultScenario(connect, "at_least_once").run();

        assertThat(report.records()).isGreaterThanOrEqualTo(report.finalJobs());
    }
}
