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
 * default at-least-once delivery: nothing may be missing, out of order, invented or repeated.
 * At-least-once would allow the records written after the last committed offset to be sent
 * again after a crash, but the worker loss here is a graceful stop (a hard crash cannot be
 * staged inside one JVM), whose task commits its offsets on the way out: any duplicate is a bug.
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

        assertThat(report.jobs()).as("jobs checked (40 history + 60 live)").isEqualTo(100);
        assertThat(report.finalJobs()).as("every job final and checked: %s", report).isEqualTo(report.jobs());
        assertThat(report.missingFinal()).as("jobs whose final state is not their last record: %s", report).isEmpty();
        assertThat(report.unknownJobs()).as("records of jobs the API never had: %s", report).isEmpty();
        assertThat(report.duplicates()).as("repeats after a graceful worker stop: %s", report).isEmpty();
        assertThat(report.resends()).as("re-sends explained by a crash (none is staged)").isZero();
        assertThat(report.clean()).as(report.toString()).isTrue();
    }
}
