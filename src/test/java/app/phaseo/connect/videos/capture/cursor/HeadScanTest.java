package app.phaseo.connect.videos.capture.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.capture.CaptureListener;
import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.Change;
import app.phaseo.connect.videos.capture.ChangeDetector;
import app.phaseo.connect.videos.capture.ChangeKind;
import app.phaseo.connect.videos.capture.CycleContext;
import app.phaseo.connect.videos.capture.Fingerprinter;
import app.phaseo.connect.videos.capture.ScriptedVideosApi;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.offset.BackfillState;
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
 * {@link HeadScan} under the documented behaviour (a full history, newest first, stable cursor),
 * against a scripted API: the mark, reading down to it, and what is looked at below it.
 */
class HeadScanTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    private MutableClock clock;
    private ScriptedVideosApi api;
    private CaptureState state;
    private final CaptureSettings settings = CaptureSettings.builder().behavior(ApiBehavior.CURSOR).backfillMode(BackfillMode.ALL).stateMaxJobs(2_000).build();
    private final List<String> jobs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        api = new ScriptedVideosApi(clock, Duration.ofMillis(50)).documented();
        state = CaptureState.resume(CaptureOffset.initial(T0.toEpochMilli()), 1_000);
        create(150);
    }

    private List<String> create(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(api.createCompleted(true));
            clock.advance(Duration.ofMillis(10));
        }
        jobs.addAll(ids);
        return ids;
    }

    private CycleContext ctx() {
        return new CycleContext(api, settings, state, new ChangeDetector(Set.of()), new Fingerprinter(settings.volatileFields()),
                new CaptureListener() { }, clock);
    }

    /** Runs a whole head scan; the changes it wrote. */
    private List<Change> scan() {
        CycleContext ctx = ctx();
        HeadScan scan = new HeadScan();
        while (!scan.step(ctx)) {
            // one request per step
        }
        return ctx.changes();
    }

    @Test
    void theFirstPageEverSetsTheMarkAndTheBackfillGoesOnBelowIt() {
        List<Change> written = scan();

        assertThat(api.requests()).as("one page").isEqualTo(1);
        assertThat(written).hasSize(100);
        assertThat(state.firstId()).as("mark: the newest job").isEqualTo(jobs.get(149));
        assertThat(state.lastId()).as("backfill cursor: the last row of the page").isEqualTo(jobs.get(50));
        assertThat(state.backfill()).isEqualTo(BackfillState.RUNNING);
    }

    @Test
    void itReadsDownToTheMarkHoweverManyJobsArrived() {
        scan();
        List<String> arrived = create(250);

        List<Change> written = scan();

        assertThat(written).extracting(Change::id).as("every new job, once").containsExactlyInAnyOrderElementsOf(arrived);
        assertThat(api.requests()).as("1 + three pages down to the mark").isEqualTo(4);
        assertThat(state.firstId()).as("the mark moves to the newest").isEqualTo(arrived.get(249));
    }

    @Test
    void theMarkMovesOnlyOnceTheGapIsClosed() {
        scan();
        String mark = state.firstId();
        create(250);
        HeadScan scan = new HeadScan();

        boolean done = scan.step(ctx());

        assertThat(done).as("more to read down to the mark").isFalse();
        assertThat(state.firstId()).as("a restart now re-reads the gap rather than skipping it").isEqualTo(mark);
    }

    @Test
    void belowTheMarkOnlyJobsStillRememberedAreLookedAt() {
        scan();
        String remembered = jobs.get(140);
        String forgotten = jobs.get(130);
        state.forget(forgotten);
        api.update(remembered, b -> b.put("model", "sora-2-pro"));
        api.update(forgotten, b -> b.put("model", "sora-2-pro"));

        List<Change> written = scan();

        assertThat(written).extracting(Change::id).as("a remembered job below the mark changed; a forgotten one is not looked at")
                .containsExactly(remembered);
    }

    /**
     * A reconciler claim that took a job just before its billing mark re-finalizes it just after and
     * rewrites its completed_at, once the job is final and retired from the offsets. The head page
     * carries the row anyway: the rewrite is written, still final, without a second video.final.
     */
    @Test
    void aFinalJobRetiredFromTheOffsetsIsStillLookedAtOnTheHeadPage() {
        scan();
        String billed = jobs.get(140);
        state.retire(billed);
        api.update(billed, b -> b.put("completed_at", "2026-11-28T12:05:00Z"));
        int requests = api.requests();

        List<Change> written = scan();

        assertThat(written).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(billed);
            assertThat(c.video().path("completed_at").asText()).isEqualTo("2026-11-28T12:05:00Z");
            assertThat(c.isFinal()).isTrue();
            assertThat(c.kind()).isEqualTo(ChangeKind.UPDATED);
            assertThat(c.events()).as("no second video.final").doesNotContain("video.final");
        });
        assertThat(api.requests() - requests).as("one page, nothing read by id: the page showed it").isEqualTo(1);
    }
}
