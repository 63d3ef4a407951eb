package app.phaseo.examples.completions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** The consumer settings the exactly-once handling relies on; the integration test runs the loop on a broker. */
class CompletionsServiceTest {

    @Test
    void readsCommittedRecordsOnlyAndCommitsItself() {
        Properties props = CompletionsService.consumerConfig("broker:9092", "completions");

        assertEquals("read_committed", props.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals("false", props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals("earliest", props.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
        assertEquals("completions", props.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("broker:9092", props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }
}
