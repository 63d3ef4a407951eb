package app.phaseo.connect.videos;

import app.phaseo.connect.videos.capture.CaptureEngine;
import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.Change;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.client.PhaseoClient;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.metrics.PhaseoTaskMetrics;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.offset.SourcePartition;
import app.phaseo.connect.videos.record.RecordFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connect boundary of the capture: wires the stages (client → capture → schema → records),
 * owns the offsets and the pacing. {@link #poll()} returns at least every second and at once on
 * {@link #stop()}.
 */
public class PhaseoVideosSourceTask extends SourceTask {

    /** Task config key the connector adds: the task's index, for metric names. */
    static final String TASK_ID = "phaseo.task.id";

    private static final Logger log = LoggerFactory.getLogger(PhaseoVideosSourceTask.class);
    private static final long MAX_POLL_MILLIS = 1_000;
    /** Final jobs that left the windows, kept in memory to suppress duplicates if they come back unchanged. */
    private static final int RETIRED_CACHE = 10_000;

    private final Clock clock;
    private final Sleeper sleeper;
    private volatile boolean stopping;

    private PhaseoClient client;
    private CaptureEngine engine;
    private RecordFactory records;
    private Pacer pacer;
    private PhaseoTaskMetrics metrics;

    public PhaseoVideosSourceTask() {
        this(Clock.systemUTC(), new Waiter());
    }

    PhaseoVideosSourceTask(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        PhaseoVideosConfig config = new PhaseoVideosConfig(props);
        Wiring wiring = new Wiring(config, clock);
        metrics = new PhaseoTaskMetrics(clock);
        metrics.register(props.getOrDefault("name", config.workspace()), Integer.parseInt(props.getOrDefault(TASK_ID, "0")));
        client = wiring.client();
        OffsetCodec codec = new OffsetCodec();
        CaptureOffset offset = loadOffset(config, codec);
        CaptureState state = CaptureState.resume(offset, RETIRED_CACHE);
        engine = new CaptureEngine(client, CaptureSettings.from(config), state, new CaptureLog(metrics), clock);
        records = new RecordFactory(config.topic(), SourcePartition.of(config.workspace()), config.keyFormat(),
                wiring.valueShaper(metrics), codec);
        pacer = new Pacer(config, wiring.backoff(), metrics, clock);
        log.info("Streaming Phaseo videos of workspace '{}' from {} to topic '{}' (resuming at cycle {}, {} jobs "
                        + "remembered, backfill {}, API behaviour {})", config.workspace(), config.apiUrl(), config.topic(),
                offset.cycle(), offset.jobs().size(), offset.backfill().name().toLowerCase(), state.mode());
    }

    /**
     * The offset to resume from: the newest (highest cycle) stored under any serialized form of our
     * partition ({@link SourcePartition#lookupKeys}); the fixed order wins a tie.
     */
    private CaptureOffset loadOffset(PhaseoVideosConfig config, OffsetCodec codec) {
        CaptureOffset newest = null;
        for (Map<String, String> partition : SourcePartition.lookupKeys(config.workspace())) {
            Map<String, Object> stored = context.offsetStorageReader().offset(partition);
            CaptureOffset offset = stored == null ? null : codec.fromMap(stored);
            if (offset != null && (newest == null || offset.cycle() > newest.cycle())) {
                newest = offset;
            }
        }
        return newest == null ? CaptureOffset.initial(clock.millis()) : newest;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long deadline = clock.millis() + MAX_POLL_MILLIS;
        while (!stopping) {
            if (!engine.inCycle()) {
                long wait = pacer.millisUntilNextRun();
                if (wait > 0) {
                    sleeper.sleep(Math.min(wait, Math.max(1, deadline - clock.millis())));
                    return null;
                }
                engine.startCycle();
            }
            CaptureEngine.Step step;
            try {
                step = engine.step();
                pacer.succeeded();
            } catch (PhaseoApiException e) {
                engine.abortCycle();
                if (!stopping) {
                    pacer.failed(e);
                }
                return null;
            }
            if (step.cycleDone()) {
                pacer.cycleDone(engine.nextDueAt());
            }
            if (!step.changes().isEmpty()) {
                return toRecords(step.changes());
            }
            if (clock.millis() >= deadline) {
                return null;
            }
        }
        return null;
    }

    private List<SourceRecord> toRecords(List<Change> changes) {
        List<SourceRecord> out = new ArrayList<>(changes.size());
        for (Change change : changes) {
            out.add(records.toRecord(change));
        }
        metrics.recordsProduced(out.size());
        return out;
    }

    @Override
    public void stop() {
        stopping = true;
        sleeper.wakeUp();
        if (client != null) {
            client.cancelInFlight();
            client.close();
        }
        if (metrics != null) {
            metrics.unregister();
        }
    }
}
