package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.simulator.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Under the documented behaviour, a job that a read by id found final is read once more a follow
 * interval later, and never again. A reconciler claim that took the job just before its billing
 * mark re-finalizes it just after and rewrites its {@code completed_at}; the documented listing
 * does not show a change of a job below its head, so without that read the rewrite is lost.
 */
class ConfirmationReadTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final String REWRITTEN = "2026-11-28T12:01:30Z";

    private static long reads(ScriptedVideosApi api, String id) {
        return api.gets.stream().filter(id::equals).count();
    }

    private static List<Change> recordsOf(CaptureHarness h, String id) {
        return h.topic.stream().filter(c -> c.id().equals(id)).toList();
    }

    @Test
    void aCompletionRewrittenJustAfterTheBillingMarkIsWrittenAndTheJobIsReadOnceMoreOnly() {
        MutableClock clock = new MutableClock(T0);
        ScriptedVideosApi api = new ScriptedVideosApi(clock, Duration.ofMillis(50)).documented();
        // The oldest job, in flight, below 150 newer final jobs: past the head page, only a read by id sees it.
        String job = api.create("processing");
        for (int i = 0; i < 150; i++) {
            clock.advance(Duration.ofMillis(10));
            api.createCompleted(true);
        }
        try (CaptureHarness h = new CaptureHarness(clock, api,
                CaptureHarness.settings(ApiBehavior.CURSOR, BackfillMode.ALL, Set.of()))) {
            h.runFor(Duration.ofSeconds(30));
            assertThat(reads(api, job)).as("the job below the head page is read by id").isPositive();

            api.update(job, b -> ScriptedVideosApi.complete(b, true));
            for (int s = 0; s < 300 && recordsOf(h, job).stream().noneMatch(Change::isFinal); s++) {
                h.runFor(Duration.ofSeconds(1));
            }
            assertThat(recordsOf(h, job)).as("a read by id found the job billed").anyMatch(Change::isFinal);
            long readsWhenFinal = reads(api, job);
            api.update(job, b -> b.put("completed_at", REWRITTEN)); // the claim's re-finalization

            h.runFor(Duration.ofMinutes(1));
            List<Change> records = recordsOf(h, job);
            assertThat(records.get(records.size() - 1)).satisfies(c -> {
                assertThat(c.video().path("completed_at").asText()).as("the rewrite is written").isEqualTo(REWRITTEN);
                assertThat(c.isFinal()).isTrue();
                assertThat(c.kind()).isEqualTo(ChangeKind.UPDATED);
            });
            assertThat(records).filteredOn(c -> c.events().contains("video.final")).as("video.final once").hasSize(1);
            assertThat(reads(api, job) - readsWhenFinal).as("one confirmation read").isEqualTo(1);

            h.runFor(Duration.ofMinutes(5));
            assertThat(reads(api, job) - readsWhenFinal).as("a final job is not read again").isEqualTo(1);
        }
    }
}
