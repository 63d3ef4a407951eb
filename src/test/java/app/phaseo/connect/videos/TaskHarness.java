package app.phaseo.connect.videos;

import app.phaseo.connect.videos.capture.Fingerprinter;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.offset.TrackedJob;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import java.lang.management.ManagementFactory;
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
 * The one harness of the task: runs {@link PhaseoVideosSourceTask} the way a Connect worker does
 * (initialize, start, poll in a loop, stop), in virtual time: a wait of the task moves the clock at
 * once (the clock the simulator lives by, when there is one), so backoffs and Retry-After waits cost
 * nothing, while HTTP itself runs for real, against the simulator or a MockWebServer. Kafka's own
 * context and offset reader interfaces are stubbed; the offset a task starts from is passed through
 * Kafka's JsonConverter first, as the worker stores it. After each poll the task's API state is read
 * over JMX, as an operator would see it.
 */
final class TaskHarness implements AutoCloseable {

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


    /** Polls in a row that may leave the virtual clock where it was before pollFor gives up. */
    private static final int STILL_CLOCK_POLLS = 10_000;

    final MutableClock clock;
    /** The simulator the task reads, or null when it reads another server. */
    final PhaseoSimulator sim;
    final VirtualSleeper sleeper;
    final PhaseoVideosSourceTask task;
    final List<SourceRecord> records = new ArrayList<>();
    /** The virtual time each record was returned to the worker at, by index in {@link #records}. */
    final List<Long> returnedAt = new ArrayList<>();
    /** API states seen over JMX after each poll, without repeats: e.g. [OK, DISABLED:reason, OK]. */
    final List<String> apiStates = new ArrayList<>();
    private final ObjectName mbean;
    private boolean stopped;
    int polls;

    private TaskHarness(MutableClock clock, PhaseoSimulator sim, String connector, VirtualSleeper sleeper) {
        this.clock = clock;
        this.sim = sim;
        this.sleeper = sleeper;
        this.task = new PhaseoVideosSourceTask(clock, sleeper);
        this.mbean = metricsName(connector);
    }

    /** A task in the simulator's virtual time, started from {@code storedOffset} (null: first start). */
    static TaskHarness started(MutableClock clock, PhaseoSimulator sim, Map<String, String> props,
                               Map<String, ?> storedOffset) {
        return started(clock, sim, props, TaskContexts.resumingFrom(props, storedOffset));
    }

    /** A task in the simulator's virtual time, started in {@code context} (its stored offsets). */
    static TaskHarness started(MutableClock clock, PhaseoSimulator sim, Map<String, String> props,
                               SourceTaskContext context) {
        TaskHarness h = new TaskHarness(clock, sim, props.getOrDefault("name", CONNECTOR), new VirtualSleeper(clock));
        h.task.initialize(context);
        h.task.start(props);
        return h;
    }

    /** A task in virtual time against a server that is not the simulator (e.g. a MockWebServer named in {@code props}). */
    static TaskHarness started(MutableClock clock, Map<String, String> props, Map<String, ?> storedOffset) {
        return started(clock, null, props, TaskContexts.resumingFrom(props, storedOffset));
    }

    /** One poll, as the worker makes it; its records are kept, and the API state is sampled over JMX. */
    List<SourceRecord> poll() throws InterruptedException {
        polls++;
        List<SourceRecord> batch = task.poll();
        if (batch != null) {
            records.addAll(batch);
            batch.forEach(r -> returnedAt.add(clock.millis()));
        }
        String reason = attribute("ApiStateReason");
        String state = attribute("ApiState") + (reason.isEmpty() ? "" : ":" + reason);
        if (apiStates.isEmpty() || !apiStates.get(apiStates.size() - 1).equals(state)) {
            apiStates.add(state);
        }
        return batch;
    }

    /**
     * Polls until {@code duration} of virtual time has passed; fails if the clock stands still for
     * {@value #STILL_CLOCK_POLLS} polls in a row (a task that never waits would loop for ever).
     */
    void pollFor(Duration duration) throws InterruptedException {
        long end = clock.millis() + duration.toMillis();
        int still = 0;
        while (clock.millis() < end) {
            long before = clock.millis();
            poll();
            still = clock.millis() == before ? still + 1 : 0;
            if (still >= STILL_CLOCK_POLLS) {
                throw new AssertionError("the virtual clock stood still for " + still + " polls");
            }
        }
    }

    /**
     * Polls until {@code done} holds, or {@code limit} of virtual time or {@code maxPolls} polls pass;
     * answers whether it held, for callers that judge the outcome themselves.
     */
    boolean pollUntil(BooleanSupplier done, Duration limit, int maxPolls) throws InterruptedException {
        long end = clock.millis() + limit.toMillis();
        int budget = maxPolls;
        while (!done.getAsBoolean()) {
            if (clock.millis() >= end || budget-- <= 0) {
                return false;
            }
            poll();
        }
        return true;
    }

    /** Polls until the condition holds; fails after {@code limit} of virtual time. */
    void pollUntil(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = clock.millis() + limit.toMillis();
        while (!condition.getAsBoolean()) {
            if (clock.millis() >= end) {
                throw new AssertionError("condition not met within " + limit + " of virtual time; "
                        + records.size() + " records" + (sim == null ? "" : ", requests " + sim.stats().byStatus()));
            }
            poll();
        }
    }

    /** Stops the task, every time it is called (stop() must be safe to repeat). */
    void stop() {
        stopped = true;
        task.stop();
    }

    /** Stops the task unless a test already did. */
    @Override
    public void close() {
        if (!stopped) {
            stop();
        }
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

    /** A metric of this harness's task over JMX, as text; empty when the MBean is not registered. */
    String attribute(String name) {
        try {
            return String.valueOf(ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, name));
        } catch (JMException e) {
            return "";
        }
    }

    /** A counter of this harness's task over JMX; -1 when the MBean is not registered. */
    long longAttribute(String name) {
        String text = attribute(name);
        return text.isEmpty() ? -1 : Long.parseLong(text);
    }

    /** A metric of the task of the connector {@link #CONNECTOR}, read over JMX as an operator would. */
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
