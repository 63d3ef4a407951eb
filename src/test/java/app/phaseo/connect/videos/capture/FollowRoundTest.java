package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.simulator.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link FollowRound}, each against {@link FakeVideosApi}: which jobs are fetched by
 * id (never a final one, never one listed this cycle, within the budget, the least recently checked
 * first), when they are fetched again, and what a 404 or an old job does.
 */
class FollowRoundTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration FOLLOW_INTERVAL = Duration.ofSeconds(20);

    private final MutableClock clock = new MutableClock(T0);
    private final FakeVideosApi api = new FakeVideosApi();
    private final Map<String, FollowRound.Timer> timers = new HashMap<>();
    private final List<String> events = new ArrayList<>();
    private final CaptureListener listener = new CaptureListener() {
        @Override
        public void onFollowedJobGone(String id) {
            events.add("gone " + id);
        }

        @Override
        public void onFollowExpired(String id) {
            events.add("expired " + id);
        }
    };
    private CaptureState state;
    private int jobsCreated;

    @BeforeEach
    void documentedApi() {
        state = CaptureState.resume(CaptureOffset.initial(clock.millis()), 10_000);
        state.mode(ApiBehavior.CURSOR);
    }

    private static CaptureSettings settings(ApiBehavior behavior, int maxRequests, boolean followOnOverflow,
                                            boolean tombstones, Duration maxAge) {
        return CaptureSettings.builder().behavior(behavior).followMaxRequests(maxRequests).followOnWindowOverflow(followOnOverflow)
                .followInterval(FOLLOW_INTERVAL).followMaxAge(maxAge).stateMaxJobs(2_000).tombstones(tombstones)
                .backfillMode(BackfillMode.NONE).build();
    }

    private static final CaptureSettings DEFAULTS = settings(ApiBehavior.CURSOR, 20, false, false, Duration.ofDays(1));

    private CycleContext context(CaptureSettings settings) {
        return new CycleContext(api, settings, state, new ChangeDetector(Set.of()),
                new Fingerprinter(settings.volatileFields()), listener, clock);
    }

    /** Creates jobs in the fake API and lets the state remember them, as a listing would have. */
    private List<String> known(int n, String status, String billing) {
        CycleContext listing = context(DEFAULTS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = FakeVideosApi.id(clock.millis() - 1_000, jobsCreated++);
            ObjectNode video = marked(FakeVideosApi.video(id, status, 0, billing));
            api.put(video);
            listing.observe(video, false);
            ids.add(id);
        }
        return ids;
    }

    /**
     * A terminal job whose billing is settled or void also gets its billing mark ({@code billed_at}),
     * as the gateway writes it right after: only then is it final.
     */
    private static ObjectNode marked(ObjectNode video) {
        String billing = video.path("billing").path("state").asText();
        boolean terminal = VideoStatus.fromWire(video.path("status").asText()).isTerminal();
        if (terminal && ("settled".equals(billing) || "void".equals(billing))) {
            ((ObjectNode) video.get("billing")).put("billed_at", "2026-11-28 12:00:01+00:00");
        }
        return video;
    }

    /** One follow round to its end, in a fresh cycle; returns the cycle's context. */
    private CycleContext round(CaptureSettings settings) {
        CycleContext ctx = context(settings);
        FollowRound round = new FollowRound(timers, Following.SCHEDULED);
        int steps = 0;
        while (!round.step(ctx)) {
            assertThat(++steps).as("a follow round ends").isLessThan(1_000);
        }
        return ctx;
    }

    @Test
    void aFinalJobIsNeverFetched() {
        List<String> done = known(3, "completed", "settled");
        List<String> running = known(2, "processing", "estimated");

        round(DEFAULTS);

        assertThat(api.gets()).as("rule: only jobs that are not final are fetched (a GET rewrites a finished job)")
                .containsExactlyInAnyOrderElementsOf(running).doesNotContainAnyElementsOf(done);
    }

    @Test
    void aJobListedThisCycleIsNotFetched() {
        List<String> running = known(3, "processing", "estimated");
        CycleContext ctx = context(DEFAULTS);
        ctx.observe(api.jobs().get(running.get(0)).deepCopy(), false);
        FollowRound round = new FollowRound(timers, Following.SCHEDULED);
        while (!round.step(ctx)) {
            // one request per step
        }

        assertThat(api.gets()).as("rule: a job seen in this cycle's listing is not fetched again")
                .containsExactlyInAnyOrder(running.get(1), running.get(2));
    }

    @Test
    void theBudgetCapsFetchesAndTheLeastRecentlyCheckedGoFirst() {
        List<String> running = known(30, "processing", "estimated");

        round(settings(ApiBehavior.CURSOR, 20, false, false, Duration.ofDays(1)));
        assertThat(api.gets()).as("rule: at most follow.max.requests fetches per cycle").hasSize(20);
        List<String> first = api.gets();
        clock.advance(FOLLOW_INTERVAL.plusSeconds(5)); // every job is due again
        round(settings(ApiBehavior.CURSOR, 10, false, false, Duration.ofDays(1)));

        List<String> second = api.gets().subList(20, api.gets().size());
        assertThat(second).as("rule: among due jobs, those never checked come before those checked earlier")
                .containsExactlyInAnyOrderElementsOf(running.stream().filter(id -> !first.contains(id)).toList());
    }

    @Test
    void anUnchangedJobIsFetchedLessAndLessOftenAndAChangeResetsTheInterval() {
        String id = known(1, "processing", "estimated").get(0);
        List<Long> fetchedAt = new ArrayList<>();
        for (int second = 0; second <= 400; second++) {
            int before = api.gets().size();
            round(DEFAULTS);
            if (api.gets().size() > before) {
                fetchedAt.add((clock.millis() - T0.toEpochMilli()) / 1_000);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(fetchedAt).as("rule: the interval starts at follow.interval and doubles while unchanged, up to ten times")
                .containsExactly(0L, 20L, 60L, 140L, 300L);

        api.put(FakeVideosApi.video(id, "processing", 50, "estimated"));
        clock.advance(Duration.ofSeconds(200));
        round(DEFAULTS);
        long changedAt = clock.millis();
        clock.advance(FOLLOW_INTERVAL.minusSeconds(1));
        int before = api.gets().size();
        round(DEFAULTS);
        assertThat(api.gets()).as("rule: not due again before follow.interval after a change").hasSize(before);
        clock.set(Instant.ofEpochMilli(changedAt).plus(FOLLOW_INTERVAL));
        round(DEFAULTS);
        assertThat(api.gets()).as("rule: after a change the interval is back to follow.interval").hasSize(before + 1);
    }

    @Test
    void anAnnouncedWebhookRetryIsWhenTheJobIsFetchedNext() {
        String id = known(1, "completed", "settled").get(0);
        ObjectNode retrying = FakeVideosApi.video(id, "completed", 100, "settled");
        Instant retryAt = T0.plusSeconds(90);
        retrying.putObject("webhook").putObject("delivery").put("pending_retries", 1).put("next_retry_at", retryAt.toString());
        state.forget(id);
        context(DEFAULTS).observe(retrying, false);
        api.put(retrying);

        round(DEFAULTS);
        assertThat(api.gets()).as("a job with a pending webhook retry is not final: fetched").containsExactly(id);
        clock.set(retryAt.plusMillis(FollowRound.RETRY_MARGIN_MILLIS - 1));
        round(DEFAULTS);
        assertThat(api.gets()).as("rule: not fetched before the announced retry plus the margin").hasSize(1);
        clock.set(retryAt.plusMillis(FollowRound.RETRY_MARGIN_MILLIS));
        round(DEFAULTS);
        assertThat(api.gets()).as("rule: fetched at the announced retry plus the margin").hasSize(2);
    }

    /**
     * The outbox attempts a retry at the cron's next drain, after the announced {@code next_retry_at}: a
     * job found unchanged at the announced moment, its retry still pending, is looked at again after the
     * base interval, not after a doubled one (the documented worlds lost the last webhook attempt of a
     * few hundred jobs when the interval doubled past the drain).
     */
    @Test
    void aJobWithADeliveryStillToComeIsFetchedAtTheBaseIntervalWhileUnchanged() {
        String id = known(1, "completed", "settled").get(0);
        ObjectNode retrying = marked(FakeVideosApi.video(id, "completed", 100, "settled"));
        Instant retryAt = T0.minusSeconds(1);
        retrying.putObject("webhook").putObject("delivery").put("pending_retries", 1).put("next_retry_at", retryAt.toString());
        state.forget(id);
        context(DEFAULTS).observe(retrying, false);
        api.put(retrying);

        List<Long> fetchedAt = new ArrayList<>();
        for (int second = 0; second <= 100; second++) {
            int before = api.gets().size();
            round(DEFAULTS);
            if (api.gets().size() > before) {
                fetchedAt.add((clock.millis() - T0.toEpochMilli()) / 1_000);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(fetchedAt).as("rule: no doubling while a delivery is still to come").containsExactly(0L, 20L, 40L, 60L, 80L, 100L);
    }

    @Test
    void aFetchedChangeIsWritten() {
        String id = known(1, "processing", "estimated").get(0);
        api.put(marked(FakeVideosApi.video(id, "completed", 100, "settled")));

        CycleContext ctx = round(DEFAULTS);

        assertThat(ctx.out).as("rule: a change seen by id is a record").singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(id)).satisfies(c -> assertThat(c.isFinal()).isTrue());
        assertThat(state.tracked(id).isFinal()).isTrue();
        clock.advance(Duration.ofHours(1));
        round(DEFAULTS);
        assertThat(api.gets()).as("rule: once final, fetched once more (a re-finalization may rewrite completed_at)")
                .hasSize(2);
        clock.advance(Duration.ofHours(1));
        round(DEFAULTS);
        assertThat(api.gets()).as("rule: then never again").hasSize(2);
    }

    @Test
    void aJobGoneWith404IsForgottenWithoutATombstoneByDefault() {
        String id = known(1, "processing", "estimated").get(0);
        api.delete(id);

        CycleContext ctx = round(DEFAULTS);

        assertThat(events).as("rule: a 404 is reported").containsExactly("gone " + id);
        assertThat(state.tracked(id)).as("rule: a job gone is forgotten").isNull();
        assertThat(ctx.out).as("rule: no tombstone unless asked for").isEmpty();
    }

    @Test
    void aJobGoneWith404WritesATombstoneWhenAskedFor() {
        String id = known(1, "processing", "estimated").get(0);
        api.delete(id);

        CycleContext ctx = round(settings(ApiBehavior.CURSOR, 20, false, true, Duration.ofDays(1)));

        assertThat(ctx.out).as("rule: tombstones on 404 when configured").singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.video()).as("a tombstone has no value").isNull();
            assertThat(c.kind()).isEqualTo(ChangeKind.DELETED);
        });
    }

    @Test
    void aFailureOfTheWholeApiPropagates() {
        known(1, "processing", "estimated");
        // A 401 db_error concerns every request (a 502 from the job's provider concerns that job alone).
        api.failNext(new PhaseoApiException(ErrorKind.KEY_CHECK_FAILED, "boom", null, 401, null, null, null, null));

        assertThatThrownBy(() -> round(DEFAULTS))
                .as("rule: only a 404 or a failure of that one job (400, 409, 502) is handled by the round")
                .isInstanceOf(PhaseoApiException.class).hasMessage("boom");
    }

    @Test
    void aJobOlderThanTheMaximumAgeIsNoLongerFollowed() {
        String id = known(1, "processing", "estimated").get(0);
        clock.advance(Duration.ofHours(2));

        round(settings(ApiBehavior.CURSOR, 20, false, false, Duration.ofHours(1)));

        assertThat(events).as("rule: follow.max.age ends the following").containsExactly("expired " + id);
        assertThat(api.gets()).as("rule: an expired job is not fetched").isEmpty();
        assertThat(state.tracked(id)).isNull();
    }

    @Test
    void withNothingToFollowNothingIsFetched() {
        state.mode(ApiBehavior.WINDOW);
        known(3, "processing", "estimated");

        CycleContext ctx = context(settings(ApiBehavior.WINDOW, 20, true, false, Duration.ofDays(1)));
        new FollowRound(timers, Following.NONE).step(ctx);

        assertThat(api.gets()).as("rule: the windows surfaced every change; nothing to fetch").isEmpty();
    }

    @Test
    void inFlightFollowingFetchesJobsLastSeenQueuedOrProcessingNotTerminalOnes() {
        state.mode(ApiBehavior.WINDOW);
        List<String> running = known(2, "processing", "estimated");
        known(1, "completed", "pending");

        CycleContext on = context(settings(ApiBehavior.WINDOW, 20, true, false, Duration.ofDays(1)));
        FollowRound round = new FollowRound(timers, Following.IN_FLIGHT);
        while (!round.step(on)) {
            // one request per step
        }
        assertThat(api.gets()).as("rule: after an overflow, jobs last seen queued or processing, not terminal ones")
                .containsExactlyInAnyOrderElementsOf(running);
    }
}
