package app.phaseo.connect.videos;

import app.phaseo.connect.videos.capture.Fingerprinter;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.offset.TrackedJob;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import app.phaseo.connect.videos.testkit.TaskContexts;

/**
 * Runs {@link PhaseoVideosSourceTask} the way a Connect worker does (initialize, start, poll in a
 * loop, stop), against a simulator over HTTP, in virtual time: the task's sleeper moves the clock
 * the simulator lives by. Kafka's own context and offset reader interfaces are stubbed; the
 * offset a task starts from is passed through Kafka's JsonConverter first, as the worker stores it.
 */
final class TaskHarness {

    static final String CONNECTOR = "phaseo-test";

    /** A sleeper of virtual time: a wait moves the clock at once; after wakeUp() it does nothing. */
    static final class VirtualSleeper implements Sleeper {
        private final MutableClock clock;
        private volatile boolean woken;
        final List<Long> waits = new CopyOnWriteArrayList<>();

        VirtualSleeper(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(long millis) {
            waits.add(millis);
            if (!woken) {
                clock.advance(Duration.ofMillis(millis));
            }
        }

        @Override
        public void wakeUp() {
            woken = true;
        }
    }

    /** The task config a worker would pass for this simulator, plus overrides (key, value pairs). */
    static Map<String, String> props(PhaseoSimulator sim, String... overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("name", CONNECTOR);
        props.put(PhaseoVideosConfig.API_URL, sim.baseUrl());
        props.put(PhaseoVideosConfig.API_KEY, sim.apiKey());
        props.put(PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK, "true");
        props.put(PhaseoVideosConfig.WORKSPACE, "test-workspace");
        props.put(PhaseoVideosConfig.TOPIC, "videos");
        props.put(PhaseoVideosConfig.POLL_INTERVAL, "2000");
        props.put(PhaseoVideosConfig.CONNECT_TIMEOUT, "2000");
        props.put(PhaseoVideosConfig.READ_TIMEOUT, "5000");
        props.put(PhaseoVideosConfig.CALL_TIMEOUT, "10000");
        props.put(PhaseoVideosSourceTask.TASK_ID, "0");
        for (int i = 0; i < overrides.length; i += 2) {
            props.put(overrides[i], overrides[i + 1]);
        }
        return props;
    }


    final MutableClock clock;
    final PhaseoSimulator sim;
    final VirtualSleeper sleeper;
    final PhaseoVideosSourceTask task;
    final List<SourceRecord> records = new ArrayList<>();
    /** The virtual time each record was returned to the worker at, by index in {@link #records}. */
    final List<Long> returnedAt = new ArrayList<>();
    int polls;

    private TaskHarness(MutableClock clock, PhaseoSimulator sim, Clock taskClock, Sleeper sleeper, VirtualSleeper virtual) {
        this.clock = clock;
        this.sim = sim;
        this.sleeper = virtual;
        this.task = new PhaseoVideosSourceTask(taskClock, sleeper);
    }

    /** A task in the simulator's virtual time, started from {@code storedOffset} (null: first start). */
    static TaskHarness started(MutableClock clock, PhaseoSimulator sim, Map<String, String> props,
                               Map<String, ?> storedOffset) {
        return started(clock, sim, props, TaskContexts.resumingFrom(props, storedOffset));
    }

    /** A task in the simulator's virtual time, started in {@code context} (its stored offsets). */
    static TaskHarness started(MutableClock clock, PhaseoSimulator sim, Map<String, String> props,
                               SourceTaskContext context) {
        VirtualSleeper sleeper = new VirtualSleeper(clock);
        TaskHarness h = new TaskHarness(clock, sim, clock, sleeper, sleeper);
        h.task.initialize(context);
        h.task.start(props);
        return h;
    }

    /** One poll, as the worker makes it; its records are kept. */
    List<SourceRecord> poll() throws InterruptedException {
        polls++;
        List<SourceRecord> batch = task.poll();
        if (batch != null) {
            records.addAll(batch);
            batch.forEach(r -> returnedAt.add(clock.millis()));
        }
        return batch;
    }

    /** Polls until {@code duration} of virtual time has passed. */
    void pollFor(Duration duration) throws InterruptedException {
        long end = clock.millis() + duration.toMillis();
        while (clock.millis() < end) {
            poll();
        }
    }

    /** Polls until the condition holds; fails after {@code limit} of virtual time. */
    void pollUntil(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = clock.millis() + limit.toMillis();
        while (!condition.getAsBoolean()) {
            if (clock.millis() >= end) {
                throw new AssertionError("condition not met within " + limit + " of virtual time; "
                        + records.size() + " records, requests " + sim.stats().byStatus());
            }
            poll();
        }
    }

    void stop() {
        task.stop();
    }

    // ---- reading records -------------------------------------------------------------------------

    static final OffsetCodec CODEC = new OffsetCodec();
    static final Fingerprinter FINGERPRINTER = new Fingerprinter(PhaseoVideosConfig.DEFAULT_VOLATILE_FIELDS);

    static String header(SourceRecord record, String name) {
        var header = record.headers().lastWithName(name);
        return header == null ? null : (String) header.value();
    }

    /** The video id of a record, whatever the key format. */
    static String id(SourceRecord record) {
        return record.key() instanceof String ? (String) record.key()
                : ((org.apache.kafka.connect.data.Struct) record.key()).getString("id");
    }

    /** What the record's own offset remembers of its job: the state the record shows. */
    static TrackedJob tracked(SourceRecord record) {
        @SuppressWarnings("unchecked")
        CaptureOffset offset = CODEC.fromMap((Map<String, ?>) record.sourceOffset());
        String id = id(record);
        return offset.jobs().stream().filter(j -> j.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("the offset of the record for " + id + " does not hold it"));
    }

    /** The records of one job, in order. */
    static List<SourceRecord> of(List<SourceRecord> records, String id) {
        return records.stream().filter(r -> id.equals(id(r))).toList();
    }

    // ---- metrics -------------------------------------------------------------------------------

    static ObjectName metricsName(String connector) {
        try {
            return new ObjectName("app.phaseo.connect:type=phaseo-videos-task,connector=" + ObjectName.quote(connector)
                    + ",task=0");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A task metric, read over JMX as an operator would. */
    static Object metric(String attribute) {
        try {
            return ManagementFactory.getPlatformMBeanServer().getAttribute(metricsName(CONNECTOR), attribute);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean metricsRegistered() {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(metricsName(CONNECTOR));
    }
}
