package app.phaseo.connect.videos.capture.window;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.capture.CaptureEngine;
import app.phaseo.connect.videos.capture.CaptureListener;
import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.Change;
import app.phaseo.connect.videos.capture.CycleSummary;
import app.phaseo.connect.videos.capture.FakeVideosApi;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.simulator.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The split and merge rules of {@link WindowSchedule}: first as pure logic on the plan, then
 * through the capture engine against {@link FakeVideosApi}, where a window that cannot prove it
 * missed nothing is split in the same cycle and merged back once quiet.
 */
class WindowScheduleTest {

    /** poll.interval 5 s, pressure interval 500 ms, pages of 100, windows of 101 rows. */
    private static final CaptureSettings SETTINGS = CaptureSettings.builder().behavior(ApiBehavior.WINDOW).backfillMode(BackfillMode.NONE).stateMaxJobs(2_000).build();
    private static final long NOW = 1_000_000L;

    private static WindowSchedule schedule(long watermark, Set<String> members) {
        return new WindowSchedule(StatusWindow.all(), SETTINGS, watermark, members, NOW);
    }

    /** Every window of the plan, as the schedule orders due windows (the most overdue first). */
    private static List<WindowSlot> windows(WindowSchedule plan) {
        return plan.due(Long.MAX_VALUE / 2);
    }

    private static Set<VideoStatus> statusesOf(List<WindowSlot> slots) {
        return slots.stream().flatMap(s -> s.window.statuses().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(VideoStatus.class)));
    }

    @Test
    void aSplitReplacesTheWindowBySingleStatusWindowsThatInheritItsProof() {
        WindowSchedule plan = schedule(900_000L, Set.of("a", "b"));
        WindowSlot root = windows(plan).get(0);
        root.ratePerMilli = 0.06;

        List<WindowSlot> parts = plan.split(root, NOW + 10);

        assertThat(parts).as("rule: a split goes straight to single-status windows").hasSize(6)
                .allSatisfy(p -> assertThat(p.window.statuses()).as("rule: each part holds one status").hasSize(1));
        assertThat(statusesOf(parts)).as("rule: the parts together hold the window's statuses")
                .isEqualTo(StatusWindow.all().statuses());
        assertThat(windows(plan)).as("rule: the parts replace the window in the plan").isEqualTo(parts);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.watermark).as("rule: a part inherits the window's watermark").isEqualTo(900_000L);
            assertThat(p.members).as("rule: a part inherits the window's members").isEqualTo(Set.of("a", "b"));
            assertThat(p.ratePerMilli).as("rule: a part inherits an equal share of the rate").isEqualTo(0.01);
            assertThat(p.dueAt).as("rule: a part is due at once").isEqualTo(NOW + 10);
            assertThat(p.parent).as("rule: a part remembers the window it came from").isEqualTo(StatusWindow.all());
        });
        assertThat(plan.single()).as("rule: a split plan is no longer single").isFalse();
        assertThat(plan.watermark()).as("rule: the plan's watermark is its parts' lowest").isEqualTo(900_000L);
    }

    @Test
    void aSingleStatusWindowCannotBeSplit() {
        WindowSchedule plan = schedule(900_000L, Set.of());
        WindowSlot queued = plan.split(windows(plan).get(0), NOW).get(0);
        queued.ratePerMilli = 10;

        assertThat(plan.split(queued, NOW)).as("rule: a single-status window has no parts").isEmpty();
        assertThat(windows(plan)).as("rule: a failed split leaves the plan as it was").hasSize(6).contains(queued);
        assertThat(plan.tooHot(queued, 0)).as("rule: a window that cannot be split is never too hot to split").isFalse();
    }

    @Test
    void aWindowIsTooHotWhenItWouldFillPastThreeQuartersBetweenTheClosestReads() {
        WindowSchedule plan = schedule(900_000L, Set.of());
        WindowSlot root = windows(plan).get(0);
        // Closest reads: 500 ms apart plus a 100 ms read; 75% of 101 rows is 75.75 rows.
        root.ratePerMilli = 75.0 / 600;
        assertThat(plan.tooHot(root, 100)).as("rule: 75 rows in 600 ms stays under the split threshold").isFalse();
        root.ratePerMilli = 76.0 / 600;
        assertThat(plan.tooHot(root, 100)).as("rule: 76 rows in 600 ms is split ahead of time").isTrue();
    }

    @Test
    void quietPartsMergeBackAfterThreeFittingReadsInARowWithTheirCombinedProof() {
        WindowSchedule plan = schedule(900_000L, Set.of("a"));
        List<WindowSlot> parts = plan.split(windows(plan).get(0), NOW);
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).watermark = 950_000L + i;
            parts.get(i).members = Set.of("m" + i);
            parts.get(i).ratePerMilli = 0.001; // 6 parts * 0.001/ms * 5 s = 30 rows < half a window
            parts.get(i).dueAt = NOW + 100 + i;
        }

        for (int quiet = 1; quiet < WindowSchedule.MERGE_AFTER; quiet++) {
            plan.mergeQuietParts(NOW + quiet);
            assertThat(plan.single()).as("rule: no merge after only %d quiet reads", quiet).isFalse();
        }
        plan.mergeQuietParts(NOW + 500);

        assertThat(plan.single()).as("rule: merged back after %d quiet reads", WindowSchedule.MERGE_AFTER).isTrue();
        WindowSlot merged = windows(plan).get(0);
        assertThat(merged.window).as("rule: the merge restores the parent window").isEqualTo(StatusWindow.all());
        assertThat(merged.parent).as("rule: the root has no parent").isNull();
        assertThat(merged.watermark).as("rule: the merged watermark is the parts' lowest").isEqualTo(950_000L);
        assertThat(merged.members).as("rule: the merged members are the parts' union")
                .containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4", "m5");
        assertThat(merged.ratePerMilli).as("rule: the merged rate is the parts' sum").isCloseTo(0.006, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(merged.dueAt).as("rule: the merged window is due when its earliest part was").isEqualTo(NOW + 500);
    }

    @Test
    void aBusyPartRestartsTheCountOfQuietReads() {
        WindowSchedule plan = schedule(900_000L, Set.of());
        List<WindowSlot> parts = plan.split(windows(plan).get(0), NOW);
        parts.forEach(p -> p.ratePerMilli = 0.001);
        plan.mergeQuietParts(NOW);
        plan.mergeQuietParts(NOW);
        parts.get(2).ratePerMilli = 0.02; // the parts together would fill 130 rows in a poll interval
        plan.mergeQuietParts(NOW);
        parts.get(2).ratePerMilli = 0.001;
        plan.mergeQuietParts(NOW);
        plan.mergeQuietParts(NOW);

        assertThat(plan.single()).as("rule: the quiet reads must be in a row").isFalse();
        plan.mergeQuietParts(NOW);
        assertThat(plan.single()).as("rule: three quiet reads after the busy one merge").isTrue();
    }

    @Test
    void aProvenReadMovesTheWatermarkToItsStartAndABaselineReadToItsEnd() {
        WindowSchedule plan = schedule(Long.MIN_VALUE, Set.of());
        WindowSlot root = windows(plan).get(0);

        plan.afterRead(root, NOW, NOW + 300, 10, true, Set.of("x"), null);
        assertThat(root.watermark).as("rule: a baseline read proves from its end").isEqualTo(NOW + 300);
        assertThat(root.members).as("rule: the read's listing becomes the members").isEqualTo(Set.of("x"));

        plan.afterRead(root, NOW + 5_000, NOW + 5_300, 10, true, Set.of("y"), null);
        assertThat(root.watermark).as("rule: a proven read proves back to its start").isEqualTo(NOW + 5_000);
        assertThat(root.dueAt).as("rule: a proven read schedules the next after a gap").isGreaterThan(NOW + 5_300);

        plan.afterRead(root, NOW + 10_000, NOW + 10_300, 101, false, Set.of("z"), null);
        assertThat(root.watermark).as("rule: an unproven read (overflow) starts afresh from its end").isEqualTo(NOW + 10_300);
        assertThat(root.dueAt).as("rule: an unproven read waits its normal gap from its end, not read again back to back")
                .isGreaterThan(NOW + 10_300).isLessThanOrEqualTo(NOW + 10_300 + 5_000);
    }

    @Test
    void theMostOverdueWindowIsReadFirst() {
        WindowSchedule plan = schedule(900_000L, Set.of());
        List<WindowSlot> parts = plan.split(windows(plan).get(0), NOW);
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).dueAt = NOW + 10_000 - i * 1_000L;
        }

        List<WindowSlot> due = plan.due(NOW + 8_000);

        assertThat(due).as("rule: due windows, the most overdue first").containsExactly(parts.get(5), parts.get(4),
                parts.get(3), parts.get(2));
        assertThat(plan.nextDueAt()).isEqualTo(NOW + 5_000);
    }

    // ---- through the engine, against the fake API ------------------------------------------------

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    /** One whole cycle, then the clock moves to when the engine wants the next one. */
    private static CycleSummary cycle(CaptureEngine engine, MutableClock clock, List<Change> topic) {
        engine.startCycle();
        CaptureEngine.Step step;
        do {
            clock.advance(Duration.ofMillis(20));
            step = engine.step();
            topic.addAll(step.changes());
        } while (!step.cycleDone());
        long next = Math.max(engine.nextDueAt(), clock.millis() + 1);
        clock.set(Instant.ofEpochMilli(next));
        return step.summary();
    }

    @Test
    void aWindowThatCannotProveItsReadIsSplitInTheSameCycleAndMergedBackOnceQuiet() {
        MutableClock clock = new MutableClock(T0);
        FakeVideosApi api = new FakeVideosApi().windowRows(101);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String id = FakeVideosApi.id(T0.toEpochMilli() - 60_000 + i, i);
            ids.add(id);
            // Half queued, half finished and billed: the billed rows are the anchors that prove a quiet read.
            api.put(i % 2 == 0 ? FakeVideosApi.video(id, "queued", 0, "estimated") : FakeVideosApi.finished(id));
        }
        List<StatusWindow> splits = new ArrayList<>();
        List<StatusWindow> overflows = new ArrayList<>();
        CaptureListener listener = new CaptureListener() {
            @Override
            public void onWindowSplit(StatusWindow window) {
                splits.add(window);
            }

            @Override
            public void onWindowOverflow(StatusWindow window) {
                overflows.add(window);
            }
        };
        CaptureSettings settings = CaptureSettings.builder().behavior(ApiBehavior.WINDOW).backfillMode(BackfillMode.ALL).stateMaxJobs(2_000).build();
        CaptureEngine engine = new CaptureEngine(api, settings, CaptureState.resume(CaptureOffset.initial(clock.millis()),
                10_000), listener, clock);
        List<Change> topic = new ArrayList<>();
        cycle(engine, clock, topic);
        cycle(engine, clock, topic);
        assertThat(splits).as("rule: a quiet window is not split").isEmpty();

        // Every row changes at once (the queued start, the finished ones get a new webhook attempt count):
        // no unchanged row can anchor the proof.
        for (int i = 0; i < 150; i++) {
            ObjectNode changed = i % 2 == 0 ? FakeVideosApi.video(ids.get(i), "processing", 10, "estimated")
                    : FakeVideosApi.finished(ids.get(i));
            changed.putObject("webhook").putObject("delivery").put("total_attempts", 1);
            api.put(changed);
        }
        int before = topic.size();
        CycleSummary burst = cycle(engine, clock, topic);

        assertThat(splits).as("rule: a window whose read cannot prove it missed nothing is split").containsExactly(StatusWindow.all());
        assertThat(burst.windows()).as("rule: the parts are read in the same cycle")
                .contains("all", "queued", "processing", "completed", "failed", "cancelled", "expired");
        assertThat(overflows).as("rule: parts holding fewer rows than a window prove their read").isEmpty();
        assertThat(topic.subList(before, topic.size())).as("every changed job written once after the split")
                .extracting(Change::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);

        int quietCycles = 0;
        while (!burst.windows().equals(List.of("all")) && quietCycles < 30) {
            burst = cycle(engine, clock, topic);
            quietCycles++;
        }
        assertThat(burst.windows()).as("rule: quiet parts merge back into the window they came from").containsExactly("all");
        assertThat(quietCycles).as("rule: merging waits for %d quiet reads in a row", WindowSchedule.MERGE_AFTER)
                .isGreaterThanOrEqualTo(WindowSchedule.MERGE_AFTER);
        assertThat(topic).as("nothing written while quiet").hasSize(before + 150);
    }
}
