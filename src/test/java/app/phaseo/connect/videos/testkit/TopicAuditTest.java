package app.phaseo.connect.videos.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.EventType;
import app.phaseo.connect.videos.simulator.JobVersion;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.TopicAudit.Exclusion;
import app.phaseo.connect.videos.testkit.TopicAudit.Report;
import app.phaseo.connect.videos.testkit.TopicAudit.Truth;
import app.phaseo.connect.videos.testkit.TopicAudit.Written;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The audit that decides whether a topic is right, tested with errors planted on purpose: each
 * kind of error is reported, under its own list and with the job's id in the message, and a
 * clean topic passes.
 */
class TopicAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    /** Job A: queued, processing, an invisible write (same rendering), completed and settled. */
    private static final String A = "G-01JAAAAAAAAAAAAAAAAAAAAAAA";
    /** Job B: queued, then failed with billing void in one write. */
    private static final String B = "G-01JBBBBBBBBBBBBBBBBBBBBBBB";
    /** Job C: queued, processing, still in flight (not final). */
    private static final String C = "G-01JCCCCCCCCCCCCCCCCCCCCCCC";

    /** A scripted truth: the jobs, their versions in order, and which are final. */
    private static final class ScriptedTruth implements Truth {
        private final Map<String, List<JobVersion>> versions = new LinkedHashMap<>();
        private final Set<String> finals = new LinkedHashSet<>();

        ScriptedTruth job(String id, boolean isFinal, ObjectNode... states) {
            List<JobVersion> list = new ArrayList<>();
            for (int i = 0; i < states.length; i++) {
                boolean meaningful = i == 0 || !states[i].equals(states[i - 1]);
                list.add(new JobVersion(i + 1, T0.plusSeconds(i), i == 0 ? EventType.CREATED : EventType.BILLING,
                        meaningful, isFinal && i == states.length - 1, states[i]));
            }
            versions.put(id, list);
            if (isFinal) {
                finals.add(id);
            }
            return this;
        }

        @Override
        public Set<String> jobIds() {
            return versions.keySet();
        }

        @Override
        public List<JobVersion> versions(String id) {
            return versions.get(id);
        }

        @Override
        public boolean isFinal(String id) {
            return finals.contains(id);
        }
    }

    private static ObjectNode state(String id, String status, int progress, String billing) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("status", status);
        node.put("progress", progress);
        node.putObject("billing").put("state", billing);
        return node;
    }

    /** As the connector writes it: with freshly signed volatile fields, which the audit must ignore. */
    private static Written written(ObjectNode state, int signature) {
        ObjectNode video = state.deepCopy();
        video.put("download_url", "https://cdn.example/" + signature);
        video.put("expires_at", 1_800_000_000L + signature);
        return new Written(video.get("id").asText(), video);
    }

    private static final ObjectNode A1 = state(A, "queued", 0, "estimated");
    private static final ObjectNode A2 = state(A, "processing", 40, "estimated");
    private static final ObjectNode A4 = state(A, "completed", 100, "settled");
    private static final ObjectNode B1 = state(B, "queued", 0, "estimated");
    private static final ObjectNode B2 = state(B, "failed", 0, "void");
    private static final ObjectNode C1 = state(C, "queued", 0, "estimated");
    private static final ObjectNode C2 = state(C, "processing", 10, "pending");

    private static ScriptedTruth truth() {
        // A's third version renders exactly as its second (an invisible write): a repeat of the
        // second must not pass as the third.
        return new ScriptedTruth().job(A, true, A1, A2, A2.deepCopy(), A4).job(B, true, B1, B2).job(C, false, C1, C2);
    }

    private static List<Written> topic(ObjectNode... states) {
        List<Written> topic = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            topic.add(written(states[i], i));
        }
        return topic;
    }

    private static Report audit(List<Written> topic) {
        return TopicAudit.audit(topic, truth(), Set.of(), Exclusion.NONE, List.of());
    }

    @Test
    void aCleanTopicPasses() {
        Report report = audit(topic(A1, B1, A2, C1, B2, C2, A4));

        assertThat(report.clean()).as("clean topic: %s", report).isTrue();
        assertThat(report.problems()).as("problems of a clean topic").isEmpty();
        assertThat(report.jobs()).as("jobs checked").isEqualTo(3);
        assertThat(report.finalJobs()).as("final jobs checked").isEqualTo(2);
        assertThat(report.meaningfulSeen()).as("meaningful versions seen").isEqualTo(report.meaningfulTotal()).isEqualTo(7);
        assertThat(report.records()).isEqualTo(7);
    }

    @Test
    void aRepeatIsADuplicateEvenWhenALaterVersionLooksTheSame() {
        Report report = audit(topic(A1, A2, A2, A4, B1, B2));

        assertThat(report.duplicates()).as("repeat of the job's previous record").containsExactly(A);
        assertThat(report.problems()).as("the message names the job").singleElement().asString()
                .contains(A).contains("repeats");
        assertThat(report.clean()).isFalse();
        assertThat(report.toString()).contains(A);
    }

    @Test
    void aRepeatAfterACrashIsAReSendNotADuplicate() {
        // Record #1 was written after the committed offset (#0) and before the crash; the resumed
        // task's first record is #2 and repeats it.
        Report report = TopicAudit.audit(topic(A1, A2, A2, A4, B1, B2), truth(), Set.of(), Exclusion.NONE,
                List.of(new TopicAudit.Crash(0, 1, 2)));

        assertThat(report.duplicates()).as("a re-send that the crash explains").isEmpty();
        assertThat(report.resends()).as("re-sends counted").isEqualTo(1);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aRepeatNotExplainedByTheCrashIsADuplicate() {
        // The crash resumed at record #4: the repeat at #2 came from the task that was still running.
        Report report = TopicAudit.audit(topic(A1, A2, A2, A4, B1, B2), truth(), Set.of(), Exclusion.NONE,
                List.of(new TopicAudit.Crash(0, 1, 4)));

        assertThat(report.duplicates()).containsExactly(A);
        assertThat(report.resends()).isZero();
    }

    @Test
    void aMissingFinalStateIsReported() {
        Report report = audit(topic(A1, A2, A4, B1));

        assertThat(report.missingFinal()).as("B's final state is not in the topic").containsExactly(B);
        assertThat(report.problems()).singleElement().asString().contains(B).contains("final state");
        assertThat(report.clean()).isFalse();
    }

    @Test
    void aMissingFinalStateNamesWhatTheLastRecordLacks() {
        Report report = audit(topic(A1, A2, B1, B2));

        assertThat(report.missingFinal()).containsExactly(A);
        assertThat(report.problems()).singleElement().asString().contains(A)
                .contains("status (\"completed\" vs \"processing\")").contains("progress (100 vs 40)")
                .contains("the last record shows version 2").doesNotContain("id (");
    }

    @Test
    void aFinalStateFollowedByAnOlderOneIsMissingAndOutOfOrder() {
        Report report = audit(topic(B1, B2, B1, A1, A2, A4));

        assertThat(report.outOfOrder()).as("B's first state after its final one").containsExactly(B);
        assertThat(report.missingFinal()).as("B's last record is not its final state").containsExactly(B);
        assertThat(report.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains(B));
    }

    @Test
    void anOutOfOrderPairIsReported() {
        Report report = audit(topic(A2, A1, A4, B1, B2));

        assertThat(report.outOfOrder()).as("A's queued state after its processing state").containsExactly(A);
        assertThat(report.problems()).singleElement().asString().contains(A).contains("version 1 after version 2");
        assertThat(report.missingFinal()).isEmpty();
        assertThat(report.clean()).isFalse();
    }

    @Test
    void aStateTheJobNeverHadIsReported() {
        Report report = audit(topic(A1, state(A, "processing", 41, "estimated"), A4, B1, B2));

        assertThat(report.unmatched()).containsExactly(A);
        assertThat(report.problems()).singleElement().asString().contains(A).contains("never had");
        assertThat(report.clean()).isFalse();
    }

    @Test
    void aRecordOfAnUnknownJobIsReported() {
        String stranger = "G-01JZZZZZZZZZZZZZZZZZZZZZZZ";
        Report report = audit(topic(A1, A2, A4, B1, B2, state(stranger, "completed", 100, "settled")));

        assertThat(report.unknownJobs()).as("a job the truth does not know").containsExactly(stranger);
        assertThat(report.problems()).singleElement().asString().contains(stranger).contains("unknown");
        assertThat(report.clean()).isFalse();
        assertThat(report.toString()).contains(stranger);
    }

    @Test
    void aTombstoneOfAnUnknownJobIsReported() {
        String stranger = "G-01JZZZZZZZZZZZZZZZZZZZZZZZ";
        List<Written> topic = topic(A1, A2, A4, B1, B2);
        topic.add(new Written(stranger, null));

        assertThat(audit(topic).unknownJobs()).containsExactly(stranger);
    }

    @Test
    void anExcludedJobIsExcludedFromTheFinalStateCheckOnlyAndCounted() {
        Exclusion beyond = Exclusion.unreachable("history the test says the API never lists", Set.of(B));

        Report missing = TopicAudit.audit(topic(A1, A2, A4), truth(), Set.of(), beyond, List.of());
        assertThat(missing.missingFinal()).as("B is excluded from the missing-final check").isEmpty();
        assertThat(missing.clean()).isTrue();
        assertThat(missing.excludedJobs()).as("excluded jobs counted").isEqualTo(1);
        assertThat(missing.excludedReason()).isEqualTo("history the test says the API never lists");
        assertThat(missing.jobs()).as("jobs held to the final-state check").isEqualTo(2);
        assertThat(missing.toString()).contains("1 jobs excluded").contains("history the test says the API never lists");

        Report repeated = TopicAudit.audit(topic(A1, A2, A4, B1, B1, B2), truth(), Set.of(), beyond, List.of());
        assertThat(repeated.duplicates()).as("an excluded job's repeat is still a duplicate").containsExactly(B);
        Report reordered = TopicAudit.audit(topic(A1, A2, A4, B2, B1), truth(), Set.of(), beyond, List.of());
        assertThat(reordered.outOfOrder()).as("an excluded job's order is still checked").containsExactly(B);
    }

    @Test
    void anExclusionStatesItsReason() {
        assertThatThrownBy(() -> Exclusion.unreachable(" ", Set.of(B))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> Exclusion.unreachable(null, Set.of(B))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSimulatorsOwnHistoryIsCleanAndAPlantedRepeatIsNot() {
        MutableClock clock = new MutableClock(T0);
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(clock).seed(5)
                .profile(LifecycleProfile.fast()).workload(Workload.steady(2, Duration.ofSeconds(5), 5)).build().start()) {
            clock.advance(Duration.ofMinutes(30));
            List<Written> topic = new ArrayList<>();
            for (String id : sim.jobIds()) {
                for (JobVersion v : sim.versions(id)) {
                    if (v.meaningful()) {
                        topic.add(new Written(id, v.stable()));
                    }
                }
            }
            Report clean = TopicAudit.audit(topic, sim, Set.of());
            assertThat(clean.clean()).as("every meaningful version once, in order: %s", clean).isTrue();
            assertThat(clean.finalJobs()).as("final jobs checked").isEqualTo(clean.jobs()).isGreaterThan(5);

            Written repeated = topic.get(topic.size() - 1);
            topic.add(repeated);
            Report dirty = TopicAudit.audit(topic, sim, Set.of());
            assertThat(dirty.duplicates()).containsExactly(repeated.id());
        }
    }
}
