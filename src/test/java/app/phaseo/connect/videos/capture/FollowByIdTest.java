package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.simulator.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reading jobs by id ({@code follow.on.window.overflow=true} under the window behaviour): the
 * gateway answers OpenAI jobs in another shape, and some reads fail for one job alone.
 */
class FollowByIdTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    private static CaptureSettings followingSettings() {
        return CaptureHarness.settings(ApiBehavior.WINDOW, BackfillMode.ALL, Set.of()).toBuilder()
                .followOnWindowOverflow(true)
                .build();
    }

    /** What {@code videos.get-by-id.ts} sends for an OpenAI job: epoch times, quality, filled outputs and asset. */
    private static ObjectNode openAiShape(ObjectNode listed) {
        ObjectNode v = listed.deepCopy();
        v.put("created_at", 1_795_867_200L);
        v.put("expires_at", 1_795_870_800L);
        v.put("quality", "standard");
        v.putArray("outputs").addObject().put("index", 0).put("mime_type", "video/mp4").put("bytes_available", 0);
        v.putObject("asset").put("id", "asset_1").put("mime_type", "video/mp4");
        return v;
    }

    /**
     * 150 jobs in flight; the first read lists the 101 last updated (49..149); at 10 s the 60 oldest
     * move on, pushing 60..108 out of the window: jobs seen in flight, no longer listed, and the
     * processing window cannot be proven, so they are read by id.
     */
    private static List<String> inFlight(ScriptedVideosApi api, MutableClock clock) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(api.create("processing"));
            clock.advance(Duration.ofMillis(10));
        }
        api.at(T0.plusSeconds(10), () -> ids.subList(0, 60).forEach(id -> api.update(id, b -> b.put("progress", 10))));
        return ids;
    }

    @Test
    void aJobReadByIdInTheOtherShapeIsNotAChange() {
        MutableClock clock = new MutableClock(T0);
        ScriptedVideosApi api = new ScriptedVideosApi(clock, Duration.ofMillis(50));
        api.byIdShape(FollowByIdTest::openAiShape);
        inFlight(api, clock);
        try (CaptureHarness h = new CaptureHarness(clock, api, followingSettings())) {
            h.runFor(Duration.ofSeconds(10));
            int afterFirstSight = h.topic.size();
            h.runFor(Duration.ofSeconds(60));
            assertThat(api.gets).as("jobs the windows did not list are read by id").isNotEmpty();
            assertThat(h.topic.subList(afterFirstSight, h.topic.size())).as("no record from a shape switch alone")
                    .allSatisfy(c -> assertThat(c.video().path("progress").asInt()).as("only the visible change at 10 s").isEqualTo(10));
        }
    }

    @Test
    void aReadByIdThatFailsForOneJobSkipsThatJobOnlyAndItIsTriedAgain() {
        MutableClock clock = new MutableClock(T0);
        ScriptedVideosApi api = new ScriptedVideosApi(clock, Duration.ofMillis(50));
        List<String> ids = inFlight(api, clock);
        String oldest = ids.get(60); // seen, then pushed out of the window at 10 s: read by id
        api.failNextGet(oldest, ErrorKind.BAD_REQUEST, 400);
        api.failNextGet(oldest, ErrorKind.UNEXPECTED_STATUS, 409);
        api.failNextGet(oldest, ErrorKind.SERVER_ERROR, 502);
        api.at(T0.plusSeconds(60), () -> ((ObjectNode) api.bodyRef(oldest)).put("progress", 50)); // seen by id only
        List<String> failures = new ArrayList<>();
        try (CaptureHarness h = new CaptureHarness(clock, api, followingSettings())) {
            h.listenToFollowFailures(failures);
            h.runFor(Duration.ofSeconds(90));
            assertThat(failures).as("each per-job failure reported, named by its status")
                    .containsExactly(oldest + " 400", oldest + " 409", oldest + " 502");
            assertThat(api.gets.stream().filter(id -> !id.equals(oldest)).count())
                    .as("the cycle went on: other jobs read by id in the cycles the failures happened").isPositive();
            assertThat(api.gets.stream().filter(oldest::equals).count()).as("tried again after each failure").isGreaterThan(3);
            assertThat(h.topic).as("the change read after the failures is written")
                    .anySatisfy(c -> {
                        assertThat(c.id()).isEqualTo(oldest);
                        assertThat(c.video().path("progress").asInt()).isEqualTo(50);
                    });
        }
    }
}
