package app.phaseo.connect.videos;

import app.phaseo.connect.videos.simulator.MutableClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;
import app.phaseo.connect.videos.testkit.TaskContexts;

/**
 * Drives one {@link PhaseoVideosSourceTask} the way a worker does (initialize, start, poll in a
 * loop, stop) in virtual time: a wait of the task moves the clock at once, so backoffs and
 * Retry-After waits cost nothing, while HTTP itself runs for real. Kafka's context and offset
 * reader are implemented minimally; a stored offset goes through Kafka's JsonConverter first, as
 * the worker stores it.
 */
final class TaskDriver implements AutoCloseable {

    /** A wait moves the clock; after {@link #wakeUp()} it does nothing. */
    static final class VirtualSleeper implements Sleeper {
        private final MutableClock clock;
        private volatile boolean woken;

        VirtualSleeper(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(long millis) {
            if (!woken) {
                clock.advance(Duration.ofMillis(millis));
            }
        }

        @Override
        public void wakeUp() {
            woken = true;
        }
    }

    final MutableClock clock;
    final PhaseoVideosSourceTask task;
    final List<SourceRecord> records = new ArrayList<>();
    /** API states seen over JMX after each poll, without repeats: e.g. [OK, DISABLED:reason, OK]. */
    final List<String> apiStates = new ArrayList<>();
    private final ObjectName mbean;
    private boolean stopped;
    int polls;

    private TaskDriver(MutableClock clock, String connectorName) {
        this.clock = clock;
        this.task = new PhaseoVideosSourceTask(clock, new VirtualSleeper(clock));
        try {
            this.mbean = new ObjectName("app.phaseo.connect:type=phaseo-videos-task,connector="
                    + ObjectName.quote(connectorName) + ",task=0");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a task from {@code storedOffset} (null: first start). */
    static TaskDriver start(MutableClock clock, Map<String, String> props, Map<String, ?> storedOffset) {
        TaskDriver driver = new TaskDriver(clock, props.get("name"));
        driver.task.initialize(TaskContexts.resumingFrom(props, storedOffset));
        driver.task.start(props);
        return driver;
    }

    /** One poll; its records are kept, and the API state is sampled over JMX. */
    List<SourceRecord> poll() throws InterruptedException {
        polls++;
        List<SourceRecord> batch = task.poll();
        if (batch != null) {
            records.addAll(batch);
        }
        String state = attribute("ApiState") + (attribute("ApiStateReason").isEmpty() ? "" : ":" + attribute("ApiStateReason"));
        if (apiStates.isEmpty() || !apiStates.get(apiStates.size() - 1).equals(state)) {
            apiStates.add(state);
        }
        return batch;
    }

    /** Polls until {@code done} holds, or {@code limit} of virtual time or {@code maxPolls} polls pass. */
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

    /** Polls for {@code duration} of virtual time. */
    void pollFor(Duration duration) throws InterruptedException {
        long end = clock.millis() + duration.toMillis();
        int budget = 10_000;
        while (clock.millis() < end && budget-- > 0) {
            poll();
        }
    }

    /** A JMX attribute of this task's metrics, as text; empty when the MBean is not registered. */
    String attribute(String name) {
        try {
            return String.valueOf(ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, name));
        } catch (JMException e) {
            return "";
        }
    }

    long longAttribute(String name) {
        String text = attribute(name);
        return text.isEmpty() ? -1 : Long.parseLong(text);
    }

    @Override
    public void close() {
        if (!stopped) {
            stopped = true;
            task.stop();
        }
    }
}
