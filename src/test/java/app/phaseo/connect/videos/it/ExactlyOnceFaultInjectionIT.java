package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.TopicAudit;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection run ({@link FaultScenario}) on a 3-worker cluster with
 * {@code exactly.once.source.support=enabled} (KIP-618): each poll batch and its offsets commit in
 * one transaction, so a {@code read_committed} reader sees no duplicate, also across the loss of
 * the worker that ran the task.
 */
class ExactlyOnceFaultInjectionIT {

    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startCluster() {
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        connect = ConnectFixture.startCluster("faults-exactly-once", 3, Map.of("exactly.once.source.support", "enabled"),
                broker);
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void everyFinalStateArrivesExactlyOnceThroughFaultsAndTheLossOfAWorker() throws Exception {
        TopicAudit.Report report = new FaultScenario(connect, "exactly_once").run();

        assertThat(report.duplicates()).as("duplicates a read_committed reader sees").isEmpty();
    }
}
