package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.client.ClientSettings;
import app.phaseo.connect.videos.client.ListQuery;
import app.phaseo.connect.videos.client.PhaseoClient;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.client.VideosApi;
import app.phaseo.connect.videos.config.ApiBehavior;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * changes written so far. Restarts resume from the offset of a chosen written record, exactly as
 * a task resumes from the last committed offset, dropping what came after it.
 */
final class CaptureHarness implements AutoCloseable {

    final MutableClock clock;
    final PhaseoSimulator sim;
    final CaptureSettings settings;
    final List<Change> topic = new ArrayList<>();
    final List<CycleSummary> cycles = new ArrayList<>();
    final OffsetCodec codec = new OffsetCodec();
    private final Random latency;
    private final int maxLatencyMillis;
    private PhaseoClient client;
    private CaptureEngine engine;
    int restarts;

    CaptureHarness(MutableClock clock, PhaseoSimulator sim, CaptureSettings settings, long seed, int maxLatencyMillis) {
        this.clock = clock;
        this.sim = sim;
        this.settings = settings;
        this.latency = new Random(seed);
        this.maxLatencyMillis = maxLatencyMillis;
        resume(CaptureOffset.initial(clock.millis()));
    }

    /** Settings as the defaults give them, with a few overrides. */
    static CaptureSettings settings(ApiBehavior behavior, BackfillMode backfill, Set<VideoStatus> filter) {
        return new CaptureSettings(100, 101, behavior, filter, Duration.ofMinutes(5), 20, Duration.ofSeconds(20),
                Duration.ofDays(1), 2_000, PhaseoVideosConfig.DEFAULT_VOLATILE_FIELDS, false, backfill, ApiTimes.NONE, 10);
    }

    private void resume(CaptureOffset offset) {
        if (client != null) {
            client.close();
        }
        client = new PhaseoClient(ClientSettings.builder(HttpUrl.get(sim.baseUrl()), new Password(sim.apiKey()))
                .allowInsecureLoopback(true).build(), clock);
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
        engine = new CaptureEngine(timed, settings, CaptureState.resume(offset, 10_000), new CaptureListener() {
            @Override
            public void onCycle(CycleSummary summary) {
                cycles.add(summary);
            }
        }, clock);
    }

    private void tick() {
        if (maxLatencyMillis > 0) {
            clock.advance(Duration.ofMillis(1 + latency.nextInt(maxLatencyMillis)));
        }
    }

    /** Runs one whole cycle, then lets time pass until the next one is due. */
    CycleSummary cycle(Cadence cadence) {
        long started = clock.millis();
        engine.startCycle();
        CaptureEngine.Step step;
        do {
            step = engine.step();
            topic.addAll(step.changes());
        } while (!step.cycleDone());
        long next = cadence.nextStart(started, step.summary());
        if (clock.millis() < next) {
            clock.set(java.time.Instant.ofEpochMilli(next));
        }
        return step.summary();
    }

    /** Cycles at a fixed interval until {@code duration} of virtual time has passed. */
    void runFor(Duration duration, Duration interval) {
        runFor(duration, new Cadence(interval, interval));
    }

    /** Cycles at the given cadence until {@code duration} of virtual time has passed. */
    void runFor(Duration duration, Cadence cadence) {
        long end = clock.millis() + duration.toMillis();
        while (clock.millis() < end) {
            cycle(cadence);
        }
    }

    /**
     * A task restart: the worker committed the offset of record {@code index} and the records
     * after it never reached the topic. The offset goes through the codec, as Connect stores it.
     */
    void restartAfterRecord(int index) {
        restarts++;
        CaptureOffset offset;
        if (index < 0) {
            topic.clear();
            offset = CaptureOffset.initial(clock.millis());
        } else {
            Map<String, Object> stored = codec.toMap(topic.get(index).offset());
            offset = codec.fromMap(stored);
            topic.subList(index + 1, topic.size()).clear();
        }
        resume(offset);
    }

    CaptureEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        sim.close();
    }
}
