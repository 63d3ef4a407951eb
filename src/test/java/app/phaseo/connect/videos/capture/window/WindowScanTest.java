package app.phaseo.connect.videos.capture.window;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.capture.CaptureListener;
import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.ChangeDetector;
import app.phaseo.connect.videos.capture.CycleContext;
import app.phaseo.connect.videos.capture.Fingerprinter;
import app.phaseo.connect.videos.capture.ScriptedVideosApi;
import app.phaseo.connect.videos.capture.StatusWindow;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.simulator.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowScan#proof}: every rule that may prove a read, and every way it must refuse to,
 * against a scripted gateway. Each assertion names the rule it checks.
 */
class WindowScanTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final int ROWS = 101;

    private MutableClock clock;
    private ScriptedVideosApi api;
    private CaptureState state;
    private final CaptureSettings settings = CaptureSettings.builder().behavior(ApiBehavior.WINDOW).backfillMode(BackfillMode.ALL).stateMaxJobs(2_000).build();

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        api = new ScriptedVideosApi(clock, Duration.ofMillis(50));
        state = CaptureState.resume(CaptureOffset.initial(T0.toEpochMilli()), 1_000);
    }

    private WindowScan read(Set<String> previousMembers) {
        WindowScan scan = WindowScan.whole(StatusWindow.all(), previousMembers);
        CycleContext ctx = new CycleContext(api, settings, state, new ChangeDetector(Set.of()),
                new Fingerprinter(settings.volatileFields()), new CaptureListener() { }, clock);
        while (!scan.step(ctx)) {
            // one request per step
        }
        return scan;
    }

    private List<String> completed(int count, boolean billed) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(api.createCompleted(billed));
            clock.advance(Duration.ofMillis(10));
        }
        return ids;
    }

    /** A first read, a pause, then the watermark: everything the first read saw is unchanged since before it. */
    private long baselineThenWatermark(WindowScan[] first) {
        first[0] = read(Set.of());
        clock.advance(Duration.ofSeconds(5));
        long watermark = clock.millis();
        clock.advance(Duration.ofSeconds(5));
        return watermark;
    }

    @Test
    void theFirstReadOfAWindowIsItsBaseline() {
        completed(150, false);
        assertThat(read(Set.of()).proof(ROWS, Long.MIN_VALUE)).as("rule: baseline").isEqualTo(WindowScan.Proof.BASELINE);
    }

    @Test
    void aListingThatEndedInItsFirstPageWithFewerRowsThanAWindowHoldsEveryJob() {
        completed(100, false);
        WindowScan scan = read(Set.of());
        assertThat(scan.proof(ROWS, T0.toEpochMilli())).as("rule: count, one page of 100 rows, no anchor").isEqualTo(WindowScan.Proof.COUNT);
        assertThat(scan.sawWholeFilter(ROWS)).as("rule: count").isTrue();
    }

    /**
     * The held-out failure: a full first page, then a job created before the second request pushes
     * the window's last row out of it; the listing ends after 100 rows in two requests. That is
     * not the whole filter, and no count may prove it.
     */
    @Test
    void aFullFirstPageFollowedByAShortOneIsNotTheEndOfTheListing() {
        completed(101, false);
        api.beforeRequest(2, () -> api.create("queued"));
        WindowScan scan = read(Set.of());
        assertThat(scan.rowCount()).as("the race: 100 rows in two requests").isEqualTo(100);
        assertThat(api.requests()).isEqualTo(2);
        assertThat(scan.sawWholeFilter(ROWS)).as("rule: count only on a listing that ended in one page").isFalse();
        assertThat(scan.proof(ROWS, T0.toEpochMilli())).as("rule: count only on a listing that ended in one page")
                .isEqualTo(WindowScan.Proof.NO_ANCHOR);
    }

    @Test
    void rowsMarkedBilledListedLastTimeAndUnchangedSinceBeforeTheWatermarkProveTheRead() {
        completed(120, true);
        WindowScan[] first = new WindowScan[1];
        long watermark = baselineThenWatermark(first);
        assertThat(read(first[0].listed()).proof(ROWS, watermark)).as("rule: anchors (billed, listed, unchanged before the watermark)")
                .isEqualTo(WindowScan.Proof.ANCHORS);
    }

    /** The reconciler's claim bumps unbilled rows invisibly: such a row proves nothing, however unchanged it looks. */
    @Test
    void anUnbilledRowIsNoAnchor() {
        completed(120, false);
        WindowScan[] first = new WindowScan[1];
        long watermark = baselineThenWatermark(first);
        assertThat(read(first[0].listed()).proof(ROWS, watermark)).as("rule: an anchor must be immune to the claim (billed_at set)")
                .isEqualTo(WindowScan.Proof.NO_ANCHOR);
    }

    @Test
    void aRowFirstSeenInItsStateAfterTheWatermarkIsNoAnchor() {
        completed(120, true);
        WindowScan first = read(Set.of());
        long watermark = T0.toEpochMilli(); // before the first read saw anything
        clock.advance(Duration.ofSeconds(5));
        assertThat(read(first.listed()).proof(ROWS, watermark)).as("rule: an anchor must be unchanged since before the watermark")
                .isEqualTo(WindowScan.Proof.NO_ANCHOR);
    }

    @Test
    void aRowTheLastReadDidNotListIsNoAnchor() {
        completed(120, true);
        WindowScan[] first = new WindowScan[1];
        long watermark = baselineThenWatermark(first);
        assertThat(read(Set.of()).proof(ROWS, watermark)).as("rule: an anchor must have been listed by the previous read")
                .isEqualTo(WindowScan.Proof.NO_ANCHOR);
    }

    /**
     * A DELETE bumps a billed row without a visible change. With one billed row left among claimed
     * ones, that row could be a deleted job ranking above changes pushed out: one anchor is not enough.
     */
    @Test
    void oneBilledRowAloneIsNoProofBecauseItMayHaveBeenDeleted() {
        completed(110, false);
        List<String> billed = completed(2, true);
        completed(99, false);
        WindowScan[] first = new WindowScan[1];
        long watermark = baselineThenWatermark(first);
        assertThat(read(first[0].listed()).proof(ROWS, watermark)).as("rule: two anchors").isEqualTo(WindowScan.Proof.ANCHORS);

        api.update(billed.get(0), b -> b.put("status", "failed"));
        assertThat(read(first[0].listed()).proof(ROWS, watermark)).as("rule: two anchors, one left").isEqualTo(WindowScan.Proof.NO_ANCHOR);
    }

    @Test
    void aReadThatDidNotEndProvesNothing() {
        completed(150, true);
        api.beforeRequest(2, () -> api.create("queued"));
        WindowScan scan = WindowScan.whole(StatusWindow.all(), Set.of());
        assertThat(scan.proof(ROWS, Long.MIN_VALUE)).as("rule: only a complete read").isEqualTo(WindowScan.Proof.NOT_COMPLETE);
    }

    /** Reads the whole window once with {@code scan}, returning the records it wrote. */
    private List<app.phaseo.connect.videos.capture.Change> written(WindowScan scan) {
        CycleContext ctx = new CycleContext(api, settings, state, new ChangeDetector(Set.of()),
                new Fingerprinter(settings.volatileFields()), new CaptureListener() { }, clock);
        while (!scan.step(ctx)) {
            // one request per step
        }
        return ctx.changes();
    }

    /** A billed job finished at T0 + 62 s, then five quiet minutes, then a DELETE that bumps it invisibly. */
    private String billedJobBumpedLongAfter() {
        clock.advance(Duration.ofSeconds(1));
        String id = api.createCompleted(true);
        clock.advance(Duration.ofMinutes(5));
        return id;
    }

    /**
     * After a restart the state no longer holds finished jobs past the offset's limit; a DELETE then
     * lists such a job again, unchanged. Its last change came before the window's proven watermark
     * (and after the first start): a read saw it and it was written then, so it is not written again.
     */
    @Test
    void aForgottenBilledJobListedAgainByAnInvisibleWriteIsNotWrittenAgain() {
        String id = billedJobBumpedLongAfter();
        long watermark = clock.millis();
        clock.advance(Duration.ofSeconds(5));
        api.delete(id);
        assertThat(written(WindowScan.whole(StatusWindow.all(), Set.of()).seenBefore(watermark)))
                .as("rule: relisted, changed before the watermark and after the start: no record").isEmpty();
        assertThat(state.remembered(id)).as("remembered again, so a later change is compared with it").isNotNull();
    }

    /** The same job without a proven watermark (the first read of a window) is written: nothing saw it yet. */
    @Test
    void withoutAProvenWatermarkTheSameJobIsWritten() {
        String id = billedJobBumpedLongAfter();
        api.delete(id);
        assertThat(written(WindowScan.whole(StatusWindow.all(), Set.of()).seenBefore(Long.MIN_VALUE)))
                .extracting(app.phaseo.connect.videos.capture.Change::id).as("rule: no watermark, no relisting").containsExactly(id);
    }

    /** A job whose last change came before the connector first started was never seen by a window read: written. */
    @Test
    void aJobThatChangedLastBeforeTheFirstStartIsWritten() {
        String id = billedJobBumpedLongAfter();
        long watermark = clock.millis();
        state = CaptureState.resume(CaptureOffset.initial(T0.plusSeconds(120).toEpochMilli()), 1_000);
        clock.advance(Duration.ofSeconds(5));
        api.delete(id);
        assertThat(written(WindowScan.whole(StatusWindow.all(), Set.of()).seenBefore(watermark)))
                .extracting(app.phaseo.connect.videos.capture.Change::id).as("rule: changed before the first start: history, written")
                .containsExactly(id);
    }

    /** A change less than the margin before the watermark may not have been committed when the read ran: written. */
    @Test
    void aChangeWithinTheMarginBeforeTheWatermarkIsWritten() {
        String id = billedJobBumpedLongAfter();
        api.delete(id);
        long watermark = T0.plusSeconds(62 + 30).toEpochMilli();
        assertThat(written(WindowScan.whole(StatusWindow.all(), Set.of()).seenBefore(watermark)))
                .extracting(app.phaseo.connect.videos.capture.Change::id).as("rule: within the margin: written").containsExactly(id);
    }
}
