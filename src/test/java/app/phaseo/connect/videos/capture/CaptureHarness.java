package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.client.ClientSettings;
import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.ListQuery;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.client.PhaseoClient;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.client.VideosApi;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.testkit.TopicAudit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import okhttp3.HttpUrl;
import org.apache.kafka.common.config.types.Password;

/**
 * Drives the capture stage against the simulator in virtual time: the same clock moves the
 * simulated jobs and the connector, each request takes a random few hundred virtual
 * milliseconds (so jobs change between the pages of one scan), and "the topic" is the list of
 * changes written so far. {@link #realTime} drives it in real time instead (the system clock,
 * real waits, requests as slow as the server and the machine make them). Restarts resume from the offset of a chosen written record, exactly as
 * a task resumes from the last committed offset, dropping what came after it.
 */
final class CaptureHarness implements AutoCloseable {

    /** The virtual clock, or null in real time. */
    final MutableClock clock;
    /** The clock the engine, the client and the waits use: {@link #clock}, or the system clock in real time. */
    private final Clock time;
    final PhaseoSimulator sim;
    final CaptureSettings settings;
    final List<Change> topic = new ArrayList<>();
    final List<CycleSummary> cycles = new ArrayList<>();
    /** When a window overflow was reported, and which window. */
    final List<Map.Entry<java.time.Instant, StatusWindow>> overflows = new ArrayList<>();
    final OffsetCodec codec = new OffsetCodec();
    private final Random latency;
    private final int maxLatencyMillis;
    /** A scripted API instead of the simulator over HTTP, or null. */
    private final VideosApi scripted;
    private PhaseoClient client;
    private CaptureEngine engine;
    int restarts;

    CaptureHarness(MutableClock clock, PhaseoSimulator sim, CaptureSettings settings, long seed, int maxLatencyMillis) {
        this(clock, clock, sim, settings, seed, maxLatencyMillis);
    }

    private CaptureHarness(MutableClock clock, Clock time, PhaseoSimulator sim, CaptureSettings settings, long seed,
                           int maxLatencyMillis) {
        this.clock = clock;
        this.time = time;
        this.sim = sim;
        this.settings = settings;
        this.latency = new Random(seed);
        this.maxLatencyMillis = maxLatencyMillis;
        this.scripted = null;
        resume(CaptureOffset.initial(time.millis()));
    }

    /**
     * Drives the capture stage in real time against a simulator on the system clock: waits are
     * real sleeps, requests take what they take; {@link #clock} is null.
     */
    static CaptureHarness realTime(PhaseoSimulator sim, CaptureSettings settings) {
        return new CaptureHarness(null, Clock.systemUTC(), sim, settings, 0, 0);
    }

    /** Drives the capture stage against a scripted API (which moves the clock itself); no simulator, no audit. */
    CaptureHarness(MutableClock clock, VideosApi scripted, CaptureSettings settings) {
        this.clock = clock;
        this.time = clock;
        this.sim = null;
        this.settings = settings;
        this.latency = new Random(0);
        this.maxLatencyMillis = 0;
        this.scripted = scripted;
        resume(CaptureOffset.initial(time.millis()));
    }

    /** Settings as the defaults give them, with a few overrides. */
    static CaptureSettings settings(ApiBehavior behavior, BackfillMode backfill, Set<VideoStatus> filter) {
        return CaptureSettings.builder().behavior(behavior).statusFilter(filter).backfillMode(backfill).stateMaxJobs(2_000).build();
    }

    private void resume(CaptureOffset offset) {
        if (client != null) {
            client.close();
        }
        if (scripted != null) {
            engine = new CaptureEngine(scripted, settings, CaptureState.resume(offset, 10_000), listener(), time);
            return;
        }
        client = new PhaseoClient(ClientSettings.builder(HttpUrl.get(sim.baseUrl()), new Password(sim.apiKey()))
                .allowInsecureLoopback(true).build(), time);
        VideosApi timed = new VideosApi() {
            @Override
            public VideoPage listVideos(ListQuery query) {
                tick();
                return client.listVideos(query);
            }

            @Override
            public ObjectNode getVideo(String id) {
                tick();
                return client.getVideo(id);
            }
        };
        engine = new CaptureEngine(timed, settings, CaptureState.resume(offset, 10_000), listener(), time);
    }

    private CaptureListener listener() {
        return new CaptureListener() {
            @Override
            public void onCycle(CycleSummary summary) {
                cycles.add(summary);
            }

            @Override
            public void onWindowOverflow(StatusWindow window) {
                overflows.add(Map.entry(time.instant(), window));
            }

            @Override
            public void onFollowFailed(String id, app.phaseo.connect.videos.client.ErrorKind kind, int httpStatus) {
                followFailures.add(id + " " + httpStatus);
            }

            @Override
            public void onStaleObservation(String id) {
                staleObservations.add(id);
            }

            @Override
            public void onFollowedJobGone(String id) {
                reportedGone.add(id);
            }
        };
    }

    /** Ids of followed jobs the API no longer serves (404), as the connector reported them. */
    final java.util.Set<String> reportedGone = new java.util.TreeSet<>();

    private List<String> followFailures = new ArrayList<>();

    /** Collects "id status" for every read by id that failed for its job alone. */
    void listenToFollowFailures(List<String> sink) {
        this.followFailures = sink;
    }

    /** Ids of observations dropped as stale (behind what was already seen). */
    final List<String> staleObservations = new ArrayList<>();

    private void tick() {
        if (maxLatencyMillis > 0) {
            clock.advance(Duration.ofMillis(1 + latency.nextInt(maxLatencyMillis)));
        }
    }

    /** Runs one whole cycle, then lets time pass until the engine wants the next one, as the task does. */
    CycleSummary cycle() {
        engine.startCycle();
        CaptureEngine.Step step;
        do {
            try {
                step = engine.step();
            } catch (PhaseoApiException e) {
                retryLater(e);
                return null;
            }
            topic.addAll(step.changes());
        } while (!step.cycleDone());
        waitUntil(engine.nextDueAt());
        return step.summary();
    }

    /** Lets time pass until {@code millis}: moves the virtual clock, or sleeps in real time. */
    private void waitUntil(long millis) {
        long now = time.millis();
        if (now >= millis) {
            return;
        }
        if (clock != null) {
            clock.set(java.time.Instant.ofEpochMilli(millis));
            return;
        }
        try {
            Thread.sleep(millis - now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next cycle", e);
        }
    }

    /** Failed requests the harness retried as the task does (a flickering 401 db_error or 501 gate, a fault). */
    final List<ErrorKind> retried = new ArrayList<>();

    /**
     * What the task does with a failed request ({@code PhaseoVideosSourceTask.poll}): the cycle is
     * aborted and tried again later. A failure the task would fail on is rethrown; any other waits
     * one second of virtual time (the initial backoff) before the next cycle.
     */
    private void retryLater(PhaseoApiException e) {
        engine.abortCycle();
        if (e.kind().handling() == ErrorKind.Handling.FAIL_TASK) {
            throw e;
        }
        retried.add(e.kind());
        waitUntil(time.millis() + 1_000);
    }

    /** Cycles until {@code duration} of virtual time has passed. */
    void runFor(Duration duration) {
        long end = time.millis() + duration.toMillis();
        while (time.millis() < end) {
            cycle();
        }
    }

    /**
     * Cycles until every job of the simulator is final or stuck before its billing mark (the
     * gateway's capped webhook outbox can push the last attempts of a burst many cron runs
     * later), at most {@code limit}, then {@code tail} more so the capture can read the last
     * states. Returns whether every job settled within the limit.
     */
    boolean runUntilSettled(Duration limit, Duration tail) {
        long end = time.millis() + limit.toMillis();
        boolean settled = false;
        while (!settled && time.millis() < end) {
            runFor(Duration.ofSeconds(10));
            settled = sim.jobIds().stream().allMatch(id -> sim.isFinal(id) || sim.isBillingStuck(id));
        }
        runFor(tail);
        return settled;
    }

    final List<TopicAudit.Crash> crashes = new ArrayList<>();

    /**
     * A task crash and restart, as Connect runs it: the offset of record {@code committed} was the
     * last one committed; the records up to {@code durable} had reached Kafka (acknowledged, their
     * offsets not yet committed); the records after it were still in the producer and are lost.
     * The task resumes from the committed offset, read back through the codec as Connect stores it,
     * with nothing in memory. The records it writes again for (committed, durable] are the
     * duplicates at-least-once delivery allows; with exactly-once they never become visible.
     */
    void crash(int committed, int durable) {
        restarts++;
        if (durable < committed || durable >= topic.size()) {
            throw new IllegalArgumentException("durable " + durable + " must lie in [" + committed + ", " + topic.size() + ")");
        }
        topic.subList(durable + 1, topic.size()).clear();
        CaptureOffset offset = committed < 0 ? CaptureOffset.initial(time.millis())
                : codec.fromMap(codec.toMap(topic.get(committed).offset()));
        crashes.add(new TopicAudit.Crash(committed, durable, topic.size()));
        resume(offset);
    }

    /** A graceful stop and restart: every record written and its offset committed. */
    void stopAndRestart() {
        crash(topic.size() - 1, topic.size() - 1);
    }

    /**
     * The history of the first job the audit found wrong: what the simulator did to it and what
     * the topic holds for it, for the failure message.
     */
    String storyOfFirstProblem(TopicAudit.Report report) {
        String id = !report.missingFinal().isEmpty() ? report.missingFinal().get(0)
                : !report.duplicates().isEmpty() ? report.duplicates().get(0)
                : !report.outOfOrder().isEmpty() ? report.outOfOrder().get(0)
                : !report.unmatched().isEmpty() ? report.unmatched().get(0) : null;
        if (id == null) {
            return "";
        }
        StringBuilder story = new StringBuilder("Job ").append(id).append(":\n");
        for (var v : sim.versions(id)) {
            story.append("  version ").append(v.number()).append(' ').append(v.time()).append(' ').append(v.eventType())
                    .append(" status=").append(v.stable().path("status").asText()).append(" final=").append(v.isFinal())
                    .append('\n');
        }
        for (int i = 0; i < topic.size(); i++) {
            Change c = topic.get(i);
            if (c.id().equals(id)) {
                story.append("  record #").append(i).append(' ').append(c.kind()).append(" status=").append(c.status())
                        .append(" final=").append(c.isFinal()).append(" cycle=").append(c.offset().cycle()).append('\n');
            }
        }
        story.append("  crashes: ").append(crashes).append(", overflows: ").append(overflows);
        return story.toString();
    }

    /** The topic as the audit reads it. */
    List<TopicAudit.Written> written() {
        List<TopicAudit.Written> out = new ArrayList<>(topic.size());
        for (Change change : topic) {
            out.add(new TopicAudit.Written(change.id(), change.video()));
        }
        return out;
    }

    CaptureEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
    }
}
