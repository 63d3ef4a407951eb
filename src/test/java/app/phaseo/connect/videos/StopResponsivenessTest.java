package app.phaseo.connect.videos;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.simulator.Fault;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.testkit.TaskContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code stop()} from the worker's thread while the task thread is inside {@code poll()}, in real
 * time, as a worker does it: during a long wait (the API disabled, a long backoff) and during a slow
 * request in flight. Both {@code stop()} and the running {@code poll()} must return within a couple
 * of seconds, and {@code poll()} must hand control back at least every second while it waits.
 *
 * <p>The bounds are generous correctness checks, not timing goals; the measured figures are printed
 * as one {@code STOP-FIGURES} line and written to {@code target/stop-figures.txt}.
 */
class StopResponsivenessTest {

    private static final long BOUND_MILLIS = 2_000;
    private static final List<String> FIGURES = Collections.synchronizedList(new ArrayList<>());

    @AfterAll
    static void writeFigures() throws IOException {
        String line = "STOP-FIGURES " + String.join(" ", FIGURES);
        System.out.println(line);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("stop-figures.txt"), line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
    }

    /** What one stop measured. */
    private record Measured(long stopMillis, long pollReturnMillis, long longestPollMillis, int polls) {
    }

    @Test
    void stopEndsAWaitWhileTheApiIsDisabled() throws Exception {
        try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(Clock.systemUTC()).build().start()) {
            sim.disable("video_api_temporarily_disabled");
            Measured m = stopWhile(sim, Map.of(PhaseoVideosConfig.POLL_INTERVAL, "600000"),
                    () -> sim.stats().total() >= 1, Duration.ofMillis(2_500));
            record("disabled_wait", m);
            assertThat(m.longestPollMillis()).as("longest poll() while waiting, ms").isLessThanOrEqualTo(1_500);
            assertThat(m.polls()).as("polls while waiting 2.5 s").isGreaterThanOrEqualTo(2);
            assertThat(sim.stats().total()).as("requests: one check, then the wait").isEqualTo(1);
        }
    }

    @Test
    void stopEndsABackoffWait() throws Exception {
        try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(Clock.systemUTC()).build().start()) {
            sim.faults().next(Fault.serverErrorPlainText(), 5);
            Measured m = stopWhile(sim, Map.of(PhaseoVideosConfig.BACKOFF_INITIAL, "300000",
                    PhaseoVideosConfig.BACKOFF_MAX, "600000"), () -> sim.stats().total() >= 1, Duration.ofMillis(1_500));
            record("backoff_wait", m);
            assertThat(m.longestPollMillis()).isLessThanOrEqualTo(1_500);
            assertThat(sim.stats().total()).isEqualTo(1);
        }
    }

    @Test
    void stopCancelsASlowRequestInFlight() throws Exception {
        try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(Clock.systemUTC()).build().start()) {
            // The answer would take 30 s and the read timeout is 60 s: only the cancel can end it.
            sim.faults().next(Fault.slow(Duration.ofSeconds(30)));
            Measured m = stopWhile(sim, Map.of(PhaseoVideosConfig.READ_TIMEOUT, "60000", PhaseoVideosConfig.CALL_TIMEOUT,
                    "120000"), () -> sim.stats().total() >= 1, Duration.ofMillis(300));
            record("slow_request", m);
        }
    }

    private static void record(String name, Measured m) {
        FIGURES.add(name + "_stop_ms=" + m.stopMillis());
        FIGURES.add(name + "_poll_return_ms=" + m.pollReturnMillis());
        FIGURES.add(name + "_longest_poll_ms=" + m.longestPollMillis());
        assertThat(m.stopMillis()).as("%s: stop() took, ms", name).isLessThanOrEqualTo(BOUND_MILLIS);
        assertThat(m.pollReturnMillis()).as("%s: poll() returned after stop(), ms", name).isLessThanOrEqualTo(BOUND_MILLIS);
    }

    /**
     * Runs the task's poll loop on its own thread (as the worker does) until {@code ready} holds and
     * {@code settle} has passed, then calls {@code stop()} from this thread and measures.
     */
    private static Measured stopWhile(PhaseoSimulator sim, Map<String, String> overrides, BooleanSupplier ready,
                                      Duration settle) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("name", "stop-test");
        props.put(PhaseoVideosConfig.API_URL, sim.baseUrl());
        props.put(PhaseoVideosConfig.API_KEY, sim.apiKey());
        props.put(PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK, "true");
        props.put(PhaseoVideosSourceTask.TASK_ID, "0");
        props.putAll(overrides);
        PhaseoVideosSourceTask task = new PhaseoVideosSourceTask();
        task.initialize(TaskContexts.resumingFrom(props, null));
        task.start(props);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong lastPollEnded = new AtomicLong();
        AtomicLong longestPoll = new AtomicLong();
        AtomicLong polls = new AtomicLong();
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    task.poll();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long ended = System.nanoTime();
                lastPollEnded.set(ended);
                longestPoll.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(ended - started), Math::max);
                polls.incrementAndGet();
            }
        });
        long deadline = System.currentTimeMillis() + 10_000;
        while (!ready.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ready.getAsBoolean()).as("the task reached the state to stop in").isTrue();
        Thread.sleep(settle.toMillis());

        long stopAt = System.nanoTime();
        task.stop();
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt);
        running.set(false);
        loop.get(10, TimeUnit.SECONDS);
        long pollReturn = TimeUnit.NANOSECONDS.toMillis(Math.max(0, lastPollEnded.get() - stopAt));
        return new Measured(stopMillis, pollReturn, longestPoll.get(), (int) polls.get());
    }
}
