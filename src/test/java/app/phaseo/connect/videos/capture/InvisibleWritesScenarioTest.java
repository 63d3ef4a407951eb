package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.simulator.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The gateway's writes that move a job up the window without changing what the API shows (the
 * reconciler's claim, DELETE), against the window proof.
 */
class InvisibleWritesScenarioTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    /**
     * 205 completed jobs wait for {@code billed_at} (the claim bumps them every minute); the 101 last
     * updated fill the window. One of them, X, is billed (its final write), then the claim bumps
     * every unbilled row at one instant: X, which the claim skips, falls out of the window, below
     * 101 rows that look unchanged since before the last proven read. Counting those rows as anchors
     * proves the read and loses X's final state in silence; the read must instead not count as
     * proven, and the loss (if the connector could not catch X in time) be reported.
     */
    @Test
    void aClaimFloodingTheWindowBetweenTwoReadsIsNeverASilentLoss() {
        MutableClock clock = new MutableClock(T0);
        ScriptedVideosApi api = new ScriptedVideosApi(clock, Duration.ofMillis(50));
        List<String> older = new ArrayList<>();
        for (int i = 0; i < 104; i++) {
            older.add(api.createCompleted(false));
            clock.advance(Duration.ofMillis(10));
        }
        String x = api.createCompleted(false);
        clock.advance(Duration.ofMillis(10));
        for (int i = 0; i < 100; i++) {
            api.createCompleted(false);
            clock.advance(Duration.ofMillis(10));
        }
        api.at(T0.plusSeconds(20), () -> api.bill(x));
        api.at(T0.plusSeconds(20).plusMillis(100), api::claim);
        try (CaptureHarness h = new CaptureHarness(clock, api, CaptureHarness.settings(ApiBehavior.WINDOW, BackfillMode.ALL, Set.of()))) {
            h.runFor(Duration.ofSeconds(40));
            boolean billedWritten = h.topic.stream().anyMatch(c -> c.id().equals(x) && c.video() != null
                    && c.video().path("billing").hasNonNull("billed_at"));
            Instant billedAt = T0.plusSeconds(20);
            boolean reported = h.overflows.stream().anyMatch(o -> !o.getKey().isBefore(billedAt));
            assertThat(billedWritten || reported)
                    .as("X's billed (final) state is written, or its loss reported as an overflow; overflows: %s", h.overflows)
                    .isTrue();
        }
    }

    /**
     * A completed job whose billing mark never comes: the claim bumps it every minute and the
     * finalization rewrites its completed_at each time. That is not a new event: one record when it
     * completes, none per minute after, and it is not final; the billing mark, when it comes at
     * last, is one record, final.
     */
    @Test
    void aJobStuckBeforeItsBillingMarkWritesNoRecordEveryMinuteAndIsFinalOnlyOnceBilled() {
        MutableClock clock = new MutableClock(T0);
        ScriptedVideosApi api = new ScriptedVideosApi(clock, Duration.ofMillis(50));
        String stuck = api.createCompleted(false);
        for (int minute = 1; minute <= 5; minute++) {
            Instant at = T0.plus(Duration.ofMinutes(minute));
            api.at(at, () -> {
                api.claim();
                api.update(stuck, b -> b.put("completed_at", clock.instant().toString()));
            });
        }
        api.at(T0.plus(Duration.ofMinutes(5)).plusSeconds(30), () -> api.bill(stuck));
        try (CaptureHarness h = new CaptureHarness(clock, api, CaptureHarness.settings(ApiBehavior.WINDOW, BackfillMode.ALL, Set.of()))) {
            h.runFor(Duration.ofMinutes(5).plusSeconds(20));
            List<Change> before = h.topic.stream().filter(c -> c.id().equals(stuck)).toList();
            assertThat(before).as("one record for the completion, none for the rewritten completed_at").hasSize(1);
            assertThat(before.get(0).isFinal()).as("settled but not marked billed: not final").isFalse();
            assertThat(before.get(0).events()).doesNotContain("video.final");

            h.runFor(Duration.ofSeconds(30));
            List<Change> after = h.topic.stream().filter(c -> c.id().equals(stuck)).toList();
            assertThat(after).as("the billing mark is one more record").hasSize(2);
            assertThat(after.get(1).isFinal()).isTrue();
            assertThat(after.get(1).events()).contains("video.final");
            assertThat(after.get(1).video().path("completed_at").asText()).as("the record shows the current completed_at")
                    .isEqualTo(api.body(stuck).path("completed_at").asText());
        }
    }

    /**
     * More unbilled finished jobs than a window holds: the claim keeps the completed window
     * unprovable. Every read of it is reported, and the reads stay within the request budget
     * (poll.pressure.max.requests.per.minute, 120 here) instead of going back to back.
     * (No backfill: its history pages have their own bound, backfill.pages.per.cycle.)
     */
    @Test
    void aWindowTheClaimKeepsUnprovableIsReportedAndCostsNoMoreThanTheBudget() {
        MutableClock clock = new MutableClock(T0);
        ScriptedVideosApi api = new ScriptedVideosApi(clock, Duration.ofMillis(50));
        for (int i = 0; i < 250; i++) {
            api.createCompleted(false);
            clock.advance(Duration.ofMillis(10));
        }
        for (int minute = 1; minute <= 4; minute++) {
            api.at(T0.plus(Duration.ofMinutes(minute)), api::claim);
        }
        try (CaptureHarness h = new CaptureHarness(clock, api, withBudget(CaptureHarness.settings(ApiBehavior.WINDOW, BackfillMode.NONE, Set.of()), 120))) {
            int[] perMinute = new int[4];
            for (int minute = 0; minute < 4; minute++) {
                int before = api.lists.size();
                h.runFor(Duration.ofMinutes(1));
                perMinute[minute] = api.lists.size() - before;
            }
            assertThat(h.overflows).as("an unprovable window is reported").isNotEmpty();
            for (int n : perMinute) {
                assertThat(n).as("list requests per minute, bounded by the budget; all: %s", java.util.Arrays.toString(perMinute))
                        .isBetween(1, 120);
            }
        }
    }

    /**
     * A final job the offsets no longer need for the windows (more than two windows of newer final
     * jobs of its status, and not in the last read) is deleted 45 s after its final write, just after
     * a restart: the DELETE lists it again, bumped and unchanged. The restarted task does not know
     * it from memory, and its final write is too recent for the relisting rule to know it was seen
     * (its margin is a minute), so the offsets must still hold it: one record, not two. Once the
     * rule covers it and newer jobs push it out of its window, the offsets let it go.
     */
    @Test
    void aFinalJobDeletedWithinAMinuteOfItsLastWriteIsNotWrittenAgainAfterARestart() {
        MutableClock clock = new MutableClock(T0);
        ScriptedVideosApi api = new ScriptedVideosApi(clock, Duration.ofMillis(50));
        try (CaptureHarness h = new CaptureHarness(clock, api, CaptureHarness.settings(ApiBehavior.WINDOW, BackfillMode.NONE, Set.of()))) {
            h.runFor(Duration.ofSeconds(1)); // the first cycle: what it lists is history, not written
            String x = api.create("processing");
            clock.advance(Duration.ofMillis(100));
            api.update(x, b -> {
                b.put("status", "completed").put("progress", 100).put("completed_at", clock.instant().toString());
                ((ObjectNode) b.get("billing")).put("state", "settled");
            });
            clock.advance(Duration.ofMillis(100));
            api.bill(x);
            createBilledJobs(api, T0.plusSeconds(6), 300);
            h.runFor(Duration.ofSeconds(40));
            assertThat(h.topic.stream().filter(c -> c.id().equals(x))).as("X's records before the restart").hasSize(1);
            assertThat(h.topic.stream().filter(c -> !c.id().equals(x) && c.status() == VideoStatus.COMPLETED))
                    .as("newer final jobs seen, more than two windows of them").hasSize(300);
            h.stopAndRestart();
            int pagesBefore = api.pages.size();
            api.at(T0.plusSeconds(45), () -> api.delete(x));
            h.runFor(Duration.ofSeconds(20));
            assertThat(api.pages.subList(pagesBefore, api.pages.size())).as("pages the restarted task read")
                    .anyMatch(page -> page.contains(x));
            assertThat(h.topic.stream().filter(c -> c.id().equals(x)))
                    .as("X's records: its final state once, not again after the DELETE listed it").hasSize(1);

            // Once the rule covers X and newer jobs push it out of the window, the offsets let it go.
            createBilledJobs(api, T0.plusSeconds(240), 150);
            createBilledJobs(api, T0.plusSeconds(300), 1);
            h.runFor(Duration.ofMinutes(5));
            Change last = h.topic.get(h.topic.size() - 1);
            assertThat(last.offset().jobs()).as("the offsets of the last record, minutes later")
                    .noneMatch(job -> job.id().equals(x));
        }
    }

    /**
     * A job finished long before the connector first started, listed by its windows then and
     * streamed by the backfill, is pushed out of its window by three windows of newer final jobs;
     * after a restart it is deleted, and the DELETE lists it again, bumped and unchanged. Its final
     * change is older than the first start, which the relisting rule cannot vouch for (such a job
     * may never have been listed), so the offsets keep it: written once, not again.
     */
    @Test
    void aHistoryJobDeletedAfterARestartIsNotWrittenAgain() {
        MutableClock clock = new MutableClock(T0.minus(Duration.ofHours(1)));
        ScriptedVideosApi api = new ScriptedVideosApi(clock, Duration.ofMillis(50));
        String h0 = api.createCompleted(true);
        clock.set(T0);
        try (CaptureHarness h = new CaptureHarness(clock, api, CaptureHarness.settings(ApiBehavior.WINDOW, BackfillMode.ALL, Set.of()))) {
            createBilledJobs(api, T0.plusSeconds(6), 300);
            createBilledJobs(api, T0.plusSeconds(200), 150); // more newer jobs minutes later, which move the watermark
            createBilledJobs(api, T0.plusSeconds(230), 1); // a record carrying the later offsets
            h.runFor(Duration.ofMinutes(4));
            assertThat(h.topic.stream().filter(c -> c.id().equals(h0))).as("the history job's records before the restart").hasSize(1);
            assertThat(h.topic.get(h.topic.size() - 1).offset().jobs()).as("the offsets keep the history job")
                    .anyMatch(job -> job.id().equals(h0))
                    .as("and let newer jobs out of reach go").hasSizeLessThan(300);
            h.stopAndRestart();
            int pagesBefore = api.pages.size();
            api.at(T0.plus(Duration.ofMinutes(4)).plusSeconds(5), () -> api.delete(h0));
            // New jobs make the next read go past the first page, where h0 is listed.
            createBilledJobs(api, T0.plus(Duration.ofMinutes(4)).plusSeconds(10), 20);
            h.runFor(Duration.ofSeconds(30));
            assertThat(api.pages.subList(pagesBefore, api.pages.size())).as("pages the restarted task read")
                    .anyMatch(page -> page.contains(h0));
            assertThat(h.topic.stream().filter(c -> c.id().equals(h0)))
                    .as("the history job's records: once, not again after the DELETE listed it").hasSize(1);
        }
    }

    /** Completed, billed jobs created 50 ms apart from {@code from} on. */
    private static void createBilledJobs(ScriptedVideosApi api, Instant from, int count) {
        for (int i = 0; i < count; i++) {
            api.at(from.plusMillis(50L * i), () -> api.createCompleted(true));
        }
    }

    private static CaptureSettings withBudget(CaptureSettings s, int perMinute) {
        return s.toBuilder().pressureMaxRequestsPerMinute(perMinute).build();
    }
}
