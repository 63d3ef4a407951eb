package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Whole lifecycles in virtual time (realistic profile): every job whose billing is not stuck ends
 * final, billing is void with the terminal status or settles after it and billed_at comes later
 * still, webhook deliveries retry at +1, +5, +15 min, and "final" means nothing more will happen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired");

    private PhaseoSimulator sim;
    private Map<String, List<JobVersion>> histories;

    @BeforeAll
    void liveThroughFortyMinutes() {
        MutableClock clock = new MutableClock(T0);
        sim = PhaseoSimulator.builder().clock(clock).seed(31)
                .profile(LifecycleProfile.realistic().toBuilder().terminalWeights(6, 2, 1, 1).build())
                .workload(Workload.burst(200, T0)).build();
        clock.advance(Duration.ofMinutes(40));
        histories = new HashMap<>();
        for (String id : sim.jobIds()) {
            histories.put(id, sim.versions(id));
        }
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private static JsonNode last(List<JobVersion> versions) {
        return versions.get(versions.size() - 1).stable();
    }

    @Test
    void everyJobEndsFinalWithItsBillingSettledOrVoid() {
        Set<String> statuses = new TreeSet<>();
        assertThat(histories).hasSize(200);
        List<String> stuck = new ArrayList<>();
        histories.forEach((id, versions) -> {
            JsonNode job = last(versions);
            String status = job.get("status").asText();
            JsonNode billing = job.get("billing");
            statuses.add(status);
            if (sim.isBillingStuck(id)) {
                stuck.add(id);
                assertThat(sim.isFinal(id)).as(id).isFalse();
                assertThat(billing.has("billed_at")).as(id).isFalse();
                return;
            }
            assertThat(sim.isFinal(id)).as(id).isTrue();
            assertThat(status).isIn(TERMINAL);
            assertThat(billing.get("billed_at").asText()).isNotEmpty();
            if ("completed".equals(status)) {
                assertThat(billing.get("state").asText()).isEqualTo("settled");
                assertThat(billing.get("charged").asBoolean()).isTrue();
                assertThat(billing.get("reservation_status").asText()).isEqualTo("captured");
                assertThat(billing.get("settled_user_cost")).isEqualTo(billing.get("estimated_user_cost"));
            } else {
                assertThat(billing.get("state").asText()).isEqualTo("void");
                assertThat(billing.get("charged").asBoolean()).isFalse();
                assertThat(billing.get("reservation_status").asText()).isEqualTo("released");
                assertThat(billing.get("settled_user_cost").asText()).isEqualTo("0.00");
            }
        });
        assertThat(statuses).containsExactlyInAnyOrderElementsOf(TERMINAL);
        assertThat(stuck).as("about 3%% of 200 jobs are stuck").isNotEmpty().hasSizeLessThan(20);
    }

    @Test
    void billingMovesForwardOnlyAndSettlesAfterTheTerminalStatus() {
        List<String> order = List.of("estimated", "pending", "settled", "void");
        histories.forEach((id, versions) -> {
            int previous = 0;
            Instant terminalAt = null;
            for (JobVersion v : versions) {
                String state = v.stable().get("billing").get("state").asText();
                assertThat(order.indexOf(state)).as("%s v%d", id, v.number()).isGreaterThanOrEqualTo(previous);
                previous = order.indexOf(state);
                if (v.eventType() == EventType.TERMINAL) {
                    terminalAt = v.time();
                    // public.ts buildVideoBilling: void in the same write as the end, else pending.
                    assertThat(state).isEqualTo(
                            "completed".equals(v.stable().get("status").asText()) ? "pending" : "void");
                }
                if (v.eventType() == EventType.BILLING) {
                    assertThat(v.time()).isAfter(terminalAt);
                    assertThat(state).isEqualTo("settled");
                }
                if (v.eventType() == EventType.BILLED) {
                    assertThat(state).isIn("settled", "void");
                    assertThat(v.stable().get("billing").get("billed_at").asText()).isNotEmpty();
                }
            }
        });
    }

    @Test
    void finalMeansTerminalSettledNoRetryPendingAndNothingMoreHappens() {
        histories.forEach((id, versions) -> {
            int firstFinal = -1;
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i).isFinal()) {
                    firstFinal = i;
                    break;
                }
            }
            if (sim.isBillingStuck(id)) {
                assertThat(firstFinal).as("%s is stuck, never final", id).isEqualTo(-1);
                return;
            }
            assertThat(firstFinal).as("%s reaches final", id).isNotEqualTo(-1);
            // After final only the user's DELETE can still write (an unbilled job is never deleted here).
            assertThat(versions.subList(firstFinal + 1, versions.size()))
                    .allSatisfy(v -> assertThat(v.eventType()).isEqualTo(EventType.DELETED));
            JsonNode job = versions.get(firstFinal).stable();
            assertThat(job.get("status").asText()).isIn(TERMINAL);
            assertThat(job.get("billing").get("state").asText()).isIn("settled", "void");
            assertThat(job.get("billing").has("billed_at")).isTrue();
            if (job.has("webhook")) {
                assertThat(job.get("webhook").get("delivery").get("pending_retries").asInt()).isZero();
            }
            assertThat(job.has("next_webhook_retry_at")).isFalse();
        });
    }

    @Test
    void webhookRetriesHappenAfterTheTerminalStatusAtOneFiveAndFifteenMinutes() {
        int retriedAfterTerminal = 0;
        int withoutWebhook = 0;
        int bareUrlFailures = 0;
        List<Duration> delays = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
        for (List<JobVersion> versions : histories.values()) {
            JsonNode job = last(versions);
            if (!job.has("webhook")) {
                withoutWebhook++;
                assertThat(versions).noneMatch(v -> v.eventType() == EventType.WEBHOOK_ATTEMPT);
                continue;
            }
            Instant terminalAt = versions.stream().filter(v -> v.eventType() == EventType.TERMINAL)
                    .findFirst().orElseThrow().time();
            if (versions.stream().anyMatch(v -> v.eventType() == EventType.WEBHOOK_ATTEMPT
                    && v.time().isAfter(terminalAt.plus(Duration.ofSeconds(59))))) {
                retriedAfterTerminal++;
            }
            JsonNode webhook = job.get("webhook");
            JsonNode attempts = webhook.get("attempts");
            assertThat(webhook.get("delivery").get("total_attempts").asInt()).isEqualTo(attempts.size());
            Map<String, JsonNode> lastByKey = new HashMap<>();
            Set<String> delivered = new TreeSet<>();
            for (JsonNode a : attempts) {
                String key = a.get("delivery_key").asText();
                int n = a.get("attempt_number").asInt();
                assertThat(n).isBetween(1, 4);
                JsonNode previous = lastByKey.put(key, a);
                assertThat(previous == null ? 0 : previous.get("attempt_number").asInt()).isEqualTo(n - 1);
                if (previous != null) {
                    // Attempted by the first cron run with a free slot once due: never before, at most a run
                    // and a run's sequence (100 ms a delivery) later.
                    Instant due = Instant.parse(previous.get("next_retry_at").asText());
                    Instant tried = Instant.parse(a.get("tried_at").asText());
                    assertThat(tried).isAfterOrEqualTo(due).isBefore(due.plusSeconds(70));
                    Duration delay = Duration.between(Instant.parse(previous.get("tried_at").asText()), tried);
                    assertThat(delay).isBetween(delays.get(n - 2), delays.get(n - 2).plusSeconds(70));
                }
                String status = a.get("status").asText();
                assertThat(status).isEqualTo(a.get("delivered_at").isNull()
                        ? (n == 4 ? "failed_permanently" : "scheduled_retry") : "delivered");
                if ("delivered".equals(status)) {
                    delivered.add(key);
                }
                if (a.get("error_message").asText().equals(WebhookSpec.NO_SECRET_ERROR)) {
                    assertThat(webhook.get("has_secret").asBoolean()).isFalse();
                    assertThat(a.get("response_status").isNull()).isTrue();
                    bareUrlFailures++;
                }
            }
            List<String> types = new ArrayList<>();
            webhook.get("delivery").get("delivered_event_types").forEach(t -> types.add(t.asText()));
            assertThat(types).containsExactlyElementsOf(delivered);
        }
        assertThat(retriedAfterTerminal).as("jobs whose webhook retried after the terminal status").isPositive();
        assertThat(withoutWebhook).as("jobs without a webhook").isPositive();
        assertThat(bareUrlFailures).as("attempts to a URL without a signing secret").isPositive();
    }

    @Test
    void progressTicksRiseAndAreTheOnlyChangesThatAreNotMeaningful() {
        java.util.concurrent.atomic.AtomicInteger unchangedDeletions = new java.util.concurrent.atomic.AtomicInteger();
        histories.forEach((id, versions) -> {
            int progress = 0;
            JobVersion previous = null;
            for (JobVersion v : versions) {
                int now = v.stable().get("progress").asInt();
                assertThat(now).isGreaterThanOrEqualTo(progress);
                progress = now;
                // The reconciler's rewrite of an unbilled finished job's completed_at alone is no event either.
                boolean completionRewriteOnly = v.eventType() == EventType.REFINALIZED && previous != null
                        && History.withoutUnbilledCompletion(v.stable())
                                .equals(History.withoutUnbilledCompletion(previous.stable()));
                // Nor is a deletion that leaves the rendering as it was (the list keeps a tombstoned job unchanged).
                boolean unchangedDeletion = v.eventType() == EventType.DELETED && previous != null
                        && History.withoutUnbilledCompletion(v.stable())
                                .equals(History.withoutUnbilledCompletion(previous.stable()));
                if (unchangedDeletion) {
                    unchangedDeletions.incrementAndGet();
                }
                assertThat(v.meaningful()).as("%s v%d %s", id, v.number(), v.eventType())
                        .isEqualTo(v.eventType() != EventType.PROGRESS && !completionRewriteOnly && !unchangedDeletion);
                previous = v;
            }
        });
        assertThat(histories.values().stream().flatMap(List::stream)
                .filter(v -> v.eventType() == EventType.PROGRESS)).hasSizeGreaterThan(300);
        assertThat(unchangedDeletions).as("deletions that left the rendering unchanged").hasPositiveValue();
    }

    @Test
    void processingShowsEitherWireNameAndSomeJobsEndStraightFromQueued() {
        Set<String> processingNames = new TreeSet<>();
        int direct = 0;
        for (List<JobVersion> versions : histories.values()) {
            versions.stream().filter(v -> v.eventType() == EventType.STARTED)
                    .forEach(v -> processingNames.add(v.stable().get("status").asText()));
            if (versions.stream().noneMatch(v -> v.eventType() == EventType.STARTED)) {
                direct++;
                assertThat(last(versions).get("status").asText()).isNotEqualTo("completed");
            }
        }
        assertThat(processingNames).containsExactlyInAnyOrder("processing", "in_progress");
        assertThat(direct).isPositive();
    }
}
