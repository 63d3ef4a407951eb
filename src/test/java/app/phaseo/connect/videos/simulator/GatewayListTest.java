package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ApiFixtures;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GATEWAY_CODE's {@code GET /v1/videos}: the window of recent changes, through real HTTP. */
class GatewayListTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private PhaseoSimulator sim;
    private SimHttp http;

    private void start(PhaseoSimulator.Builder builder) {
        sim = builder.behavior(SimBehavior.GATEWAY_CODE).clock(clock).noFlicker().build().start();
        http = new SimHttp(sim);
    }

    /** 150 finished jobs whose lifecycles overlap, so update order differs from creation order. */
    private void startWith150FinishedJobs() {
        start(PhaseoSimulator.builder().seed(11).preexisting(150, Duration.ofMinutes(30)));
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void missingOrEmptyLimitGivesNoRowsButHasMore() {
        startWith150FinishedJobs();
        Object fixture = ApiFixtures.json("list-code-no-limit-param.json");

        assertThat(http.ok("/videos")).isEqualTo(fixture);
        assertThat(http.ok("/videos?limit=")).isEqualTo(fixture);
        assertThat(http.ok("/videos?status=completed&order=asc")).isEqualTo(fixture);
    }

    @Test
    void nonNumericLimitMeansFiftyAndLimitIsClampedTo0To100() {
        startWith150FinishedJobs();

        assertThat(http.ok("/videos?limit=abc").get("data")).hasSize(50);
        assertThat(http.ok("/videos?limit=7").get("data")).hasSize(7);
        assertThat(http.ok("/videos?limit=500").get("data")).hasSize(100);
        ObjectNode negative = http.ok("/videos?limit=-3");
        assertThat(negative.get("data")).isEmpty();
        assertThat(negative.get("has_more").asBoolean()).isTrue();
        assertThat(negative.get("first_id").isNull()).isTrue();
        assertThat(http.ok("/videos?limit=0").get("data")).isEmpty();
    }

    @Test
    void windowIsTheMostRecentlyUpdatedJobsSortedByCreatedAt() {
        startWith150FinishedJobs();
        List<String> expected = WindowModel.window(sim, 101);
        List<String> newestCreated = new ArrayList<>(sim.jobIds());
        Collections.reverse(newestCreated);

        List<String> served = http.all("limit=100");

        assertThat(served).containsExactlyElementsOf(expected);
        assertThat(served).hasSize(101);
        // The window is not simply the newest jobs: update order differs from creation order.
        assertThat(new HashSet<>(served)).isNotEqualTo(new HashSet<>(newestCreated.subList(0, 101)));
    }

    @Test
    void orderAscSortsTheSameWindowOldestFirst() {
        startWith150FinishedJobs();
        List<String> expected = new ArrayList<>(WindowModel.window(sim, 101));
        Collections.reverse(expected);

        assertThat(http.all("limit=30&order=asc")).containsExactlyElementsOf(expected);
    }

    @Test
    void hasMoreAndFirstLastIdsSpeakOfTheWindowPageOnly() {
        startWith150FinishedJobs();
        ObjectNode first = http.ok("/videos?limit=100");
        List<String> firstIds = SimHttp.ids(first);
        ObjectNode second = http.ok("/videos?limit=100&after=" + first.get("last_id").asText());

        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("first_id").asText()).isEqualTo(firstIds.get(0));
        assertThat(first.get("last_id").asText()).isEqualTo(firstIds.get(99));
        // 150 jobs exist, but the window holds 101: the second page has one row and no more.
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("has_more").asBoolean()).isFalse();
        assertThat(second.get("first_id")).isEqualTo(second.get("last_id"));
    }

    @Test
    void afterAnIdOutsideTheWindowSilentlyRestartsFromTheTop() {
        startWith150FinishedJobs();
        List<String> window = WindowModel.window(sim, 101);
        String outside = sim.jobIds().stream().filter(id -> !window.contains(id)).findFirst().orElseThrow();
        List<String> top = SimHttp.ids(http.ok("/videos?limit=10"));

        assertThat(SimHttp.ids(http.ok("/videos?limit=10&after=" + outside))).isEqualTo(top);
        assertThat(SimHttp.ids(http.ok("/videos?limit=10&after=G-NOPE"))).isEqualTo(top);
        assertThat(SimHttp.ids(http.ok("/videos?limit=10&after=" + window.get(4))))
                .isEqualTo(window.subList(5, 15));
    }

    @Test
    void eachStatusFilterHasItsOwnWindow() {
        startWith150FinishedJobs();
        List<String> completed = WindowModel.window(sim, 101, "completed"::equals);

        assertThat(sim.jobIds().stream().filter(id -> "completed".equals(sim.render(id).get("status").asText())))
                .as("enough completed jobs to overflow a window").hasSizeGreaterThan(101);
        assertThat(http.all("limit=100&status=completed")).containsExactlyElementsOf(completed);
        assertThat(http.all("limit=100&status=failed"))
                .containsExactlyElementsOf(WindowModel.window(sim, 101, "failed"::equals));
    }

    @Test
    void statusAliasesRepeatAndCommaFormsSelectTheSameJobs() {
        // A window larger than the workspace, so that only the filter decides what is listed.
        start(PhaseoSimulator.builder().seed(5).windowSize(1000).profile(LifecycleProfile.realistic().toBuilder()
                .terminalWeights(1, 1, 1, 1).build()).workload(Workload.steady(1, Duration.ofMinutes(3), 5)));
        clock.advance(Duration.ofSeconds(170));
        Set<String> queued = idsWhoseStatusIs("queued");
        Set<String> processing = idsWhoseStatusIs("processing", "in_progress");
        Set<String> completed = idsWhoseStatusIs("completed");
        Set<String> failed = idsWhoseStatusIs("failed");
        Set<String> cancelled = idsWhoseStatusIs("cancelled");
        assertThat(List.of(queued, processing, completed, failed, cancelled)).allSatisfy(s -> assertThat(s).isNotEmpty());

        assertThat(served("status=pending")).isEqualTo(queued);
        for (String alias : List.of("processing", "running", "in_progress", "RUNNING")) {
            assertThat(served("status=" + alias)).as(alias).isEqualTo(processing);
        }
        for (String alias : List.of("completed", "complete", "success", "succeeded")) {
            assertThat(served("status=" + alias)).as(alias).isEqualTo(completed);
        }
        assertThat(served("status=error")).isEqualTo(failed);
        assertThat(served("status=canceled")).isEqualTo(cancelled);
        Set<String> queuedOrFailed = new HashSet<>(queued);
        queuedOrFailed.addAll(failed);
        assertThat(served("status=queued,failed")).isEqualTo(queuedOrFailed);
        assertThat(served("status=queued&status=error")).isEqualTo(queuedOrFailed);
        assertThat(served("status=queued%2Cfailed")).isEqualTo(queuedOrFailed);
        assertThat(served("status=bogus,failed")).isEqualTo(failed);
        assertThat(served("status=bogus")).isEqualTo(new HashSet<>(sim.jobIds()));
    }

    @Test
    void aJobThatChangesMovesIntoTheWindow() {
        start(PhaseoSimulator.builder().seed(21).windowSize(20).workload(Workload.burst(150, T0)));
        clock.advance(Duration.ofMinutes(3));
        int entered = 0;
        for (int step = 0; step < 25; step++) {
            Set<String> before = new HashSet<>(http.all("limit=100"));
            Instant previous = clock.instant();
            clock.advance(Duration.ofMinutes(1));
            List<String> now = http.all("limit=100");
            assertThat(now).containsExactlyElementsOf(WindowModel.window(sim, 20));
            for (String id : now) {
                if (!before.contains(id)) {
                    entered++;
                    List<JobVersion> versions = sim.versions(id);
                    assertThat(versions.get(versions.size() - 1).time()).as("%s changed", id).isAfter(previous);
                }
            }
        }
        assertThat(entered).as("jobs that entered the window by changing").isPositive();
    }

    @Test
    void rowsOfTheSameCreatedAtMillisecondAreOrderedMostRecentlyUpdatedFirstInBothDirections() {
        start(PhaseoSimulator.builder().seed(3).profile(LifecycleProfile.realistic().toBuilder()
                .queueDelay(Duration.ofMinutes(10), Duration.ofMinutes(10)).reconciler(false).build()));
        List<String> ties = sim.createJobs(4); // one instant: the same created_at
        List<String> byIdDesc = new ArrayList<>(ties);
        byIdDesc.sort(Collections.reverseOrder());
        assertThat(SimHttp.ids(http.ok("/videos?limit=10"))).containsExactlyElementsOf(byIdDesc);

        clock.advance(Duration.ofSeconds(1));
        String lowest = byIdDesc.get(3);
        sim.deleteJob(lowest); // an invisible write: it only moves updated_at

        List<String> expected = new ArrayList<>(List.of(lowest));
        expected.addAll(byIdDesc.subList(0, 3));
        assertThat(SimHttp.ids(http.ok("/videos?limit=10"))).containsExactlyElementsOf(expected);
        assertThat(SimHttp.ids(http.ok("/videos?limit=10&order=asc"))).containsExactlyElementsOf(expected);
    }

    private Set<String> idsWhoseStatusIs(String... statuses) {
        Set<String> ids = new HashSet<>();
        for (String id : sim.jobIds()) {
            if (List.of(statuses).contains(sim.render(id).get("status").asText())) {
                ids.add(id);
            }
        }
        return ids;
    }

    private Set<String> served(String query) {
        return new HashSet<>(http.all("limit=100&" + query));
    }
}
