package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries go through an outbox the cron drains once a minute: each delivery key
 * retries on its own at +1, +5, +15 min (4 attempts at most), and a queued delivery leaves no
 * trace in the job object until attempted, yet the job is not final meanwhile.
 */
class WebhookOutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    private static PhaseoSimulator sim(MutableClock clock, double failureRate, boolean outbox) {
        LifecycleProfile profile = LifecycleProfile.realistic().toBuilder().webhookPresenceRate(1)
                .webhookFailureRate(failureRate).stuckBillingRate(0).deletedRate(0).webhookOutbox(outbox).build();
        return PhaseoSimulator.builder().clock(clock).seed(71).noFlicker().profile(profile)
                .workload(Workload.burst(30, T0)).build();
    }

    /** The attempts of each delivery key, in order. */
    private static Map<String, List<JsonNode>> attemptsByKey(JsonNode job) {
        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (JsonNode a : job.get("webhook").get("attempts")) {
            byKey.computeIfAbsent(a.get("delivery_key").asText(), k -> new ArrayList<>()).add(a);
        }
        return byKey;
    }

    @Test
    void eachDeliveryKeyRetriesAtOneFiveAndFifteenMinutesOnTheCronsDrains() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = sim(clock, 1, true);
        clock.advance(Duration.ofHours(1));
        int keys = 0;
        for (String id : sim.jobIds()) {
            for (List<JsonNode> attempts : attemptsByKey(sim.render(id)).values()) {
                keys++;
                assertThat(attempts).hasSize(4);
                List<Instant> tried = attempts.stream().map(a -> Instant.parse(a.get("tried_at").asText())).toList();
                // Each attempt in a run's sequence: the drain 300 ms past the tick, 100 ms per delivery before it.
                assertThat(tried).allSatisfy(t -> assertThat(t.toEpochMilli() % 60_000).isBetween(300L, 10_200L));
                // A retry is due its delay after the attempt; a run that starts before then leaves it to the next.
                assertThat(Duration.between(tried.get(0), tried.get(1))).isBetween(Duration.ofMinutes(1), Duration.ofSeconds(130));
                assertThat(Duration.between(tried.get(1), tried.get(2))).isBetween(Duration.ofMinutes(5), Duration.ofSeconds(370));
                assertThat(Duration.between(tried.get(2), tried.get(3))).isBetween(Duration.ofMinutes(15), Duration.ofSeconds(970));
                assertThat(attempts.get(3).get("status").asText()).isEqualTo("failed_permanently");
            }
        }
        assertThat(keys).isGreaterThan(20);
    }

    @Test
    void aQueuedDeliveryLeavesNoTraceButKeepsTheJobFromBeingFinal() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = sim(clock, 0, true);
        clock.advance(Duration.ofHours(1));
        int checked = 0;
        for (String id : sim.jobIds()) {
            List<JobVersion> versions = sim.versions(id);
            JobVersion billed = versions.stream().filter(v -> v.eventType() == EventType.BILLED).findFirst().orElseThrow();
            JobVersion lastAttempt = versions.get(versions.size() - 1);
            if (lastAttempt.eventType() != EventType.WEBHOOK_ATTEMPT || !lastAttempt.time().isAfter(billed.time())) {
                continue;
            }
            checked++;
            // Billed, nothing pending in the object, but a delivery still queued: not final.
            assertThat(billed.isFinal()).as(id).isFalse();
            JsonNode delivery = billed.stable().get("webhook").get("delivery");
            assertThat(delivery.get("pending_retries").asInt()).isZero();
            assertThat(lastAttempt.isFinal()).as(id).isTrue();
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void switchedOffTheFirstAttemptFollowsTheStatusChangeAtTheDispatchDelay() {
        MutableClock clock = new MutableClock(T0);
        PhaseoSimulator sim = sim(clock, 0, false);
        clock.advance(Duration.ofMinutes(10));
        int checked = 0;
        for (String id : sim.jobIds()) {
            List<JobVersion> versions = sim.versions(id);
            Instant terminal = versions.stream().filter(v -> v.eventType() == EventType.TERMINAL)
                    .findFirst().orElseThrow().time();
            for (JsonNode a : sim.render(id).get("webhook").get("attempts")) {
                if (a.get("delivery_key").asText().endsWith(":" + sim.render(id).get("status").asText())) {
                    assertThat(Instant.parse(a.get("tried_at").asText()))
                            .isEqualTo(terminal.plus(Duration.ofMillis(300)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void aRunAttemptsAtMostOneHundredDeliveriesOneAfterAnotherAndTheRestWait() {
        MutableClock clock = new MutableClock(T0);
        LifecycleProfile profile = LifecycleProfile.realistic().toBuilder().webhookPresenceRate(1)
                .webhookFailureRate(0).stuckBillingRate(0).deletedRate(0).build();
        PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).seed(72).noFlicker().profile(profile)
                .workload(Workload.burst(400, T0)).build();
        clock.advance(Duration.ofHours(1));
        Map<Long, List<Instant>> byRun = new java.util.TreeMap<>();
        int deliveries = 0;
        for (String id : sim.jobIds()) {
            for (JsonNode a : sim.render(id).get("webhook").get("attempts")) {
                Instant t = Instant.parse(a.get("tried_at").asText());
                byRun.computeIfAbsent(t.toEpochMilli() / 60_000, k -> new ArrayList<>()).add(t);
                deliveries++;
            }
        }
        assertThat(deliveries).as("a burst of 400 subscribed jobs makes several runs' worth").isGreaterThan(300);
        assertThat(byRun.values()).allSatisfy(run -> assertThat(run).as("rule: at most 100 deliveries per run").hasSizeLessThanOrEqualTo(100));
        assertThat(byRun.values().stream().filter(run -> run.size() == 100).count())
                .as("the burst fills whole runs, the rest waits for the next ones").isGreaterThanOrEqualTo(2);
        for (List<Instant> run : byRun.values()) {
            List<Instant> sorted = run.stream().sorted().toList();
            assertThat(sorted).as("rule: one after another, never two at one instant").doesNotHaveDuplicates();
            assertThat(Duration.between(sorted.get(0), sorted.get(sorted.size() - 1)))
                    .as("rule: 100 ms per delivery").isEqualTo(Duration.ofMillis(100L * (sorted.size() - 1)));
        }
    }
}
