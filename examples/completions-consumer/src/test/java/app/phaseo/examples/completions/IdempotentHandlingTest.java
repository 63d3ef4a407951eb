package app.phaseo.examples.completions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.phaseo.examples.completions.IdempotentHandling.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's handling of single records, without a broker (the integration test has one). */
class IdempotentHandlingTest {

    @TempDir
    Path dir;

    private final List<String> effects = new ArrayList<>();

    private static ConsumerRecord<String, String> completion(String id, long offset) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("phaseo.videos.completed", 0, offset, id,
                "{\"id\":\"" + id + "\",\"status\":\"completed\"}");
        record.headers().add("phaseo.status", "completed".getBytes(StandardCharsets.UTF_8));
        record.headers().add(IdempotentHandling.COMPLETED_HEADER, id.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Test
    void aCompletionReadTwiceIsHandledOnce() throws IOException {
        try (HandledIds store = HandledIds.open(dir.resolve("handled.txt"))) {
            IdempotentHandling handling = new IdempotentHandling(store, c -> effects.add(c.videoId()));

            assertEquals(Outcome.HANDLED, handling.handle(completion("G-A", 0)));
            assertEquals(Outcome.HANDLED, handling.handle(completion("G-B", 1)));
            assertEquals(Outcome.ALREADY_HANDLED, handling.handle(completion("G-A", 2)));

            assertEquals(List.of("G-A", "G-B"), effects);
            assertEquals(2, handling.handledCount());
            assertEquals(1, handling.alreadyHandledCount());
            assertEquals(3, handling.recordsRead());
        }
    }

    @Test
    void theHandlerGetsTheIdTheJobAndTheTime() throws IOException {
        List<Completion> seen = new ArrayList<>();
        try (HandledIds store = HandledIds.open(dir.resolve("handled.txt"))) {
            new IdempotentHandling(store, seen::add).handle(completion("G-A", 0));
        }
        assertEquals(1, seen.size());
        assertEquals("G-A", seen.get(0).videoId());
        assertTrue(seen.get(0).videoJson().contains("\"status\":\"completed\""));
    }

    @Test
    void aRecordWithoutTheCompletedHeaderIsIgnored() throws IOException {
        ConsumerRecord<String, String> progress = new ConsumerRecord<>("phaseo.videos", 0, 0, "G-A", "{}");
        progress.headers().add("phaseo.status", "processing".getBytes(StandardCharsets.UTF_8));
        progress.headers().add("video.processing", "G-A".getBytes(StandardCharsets.UTF_8));
        try (HandledIds store = HandledIds.open(dir.resolve("handled.txt"))) {
            IdempotentHandling handling = new IdempotentHandling(store, c -> effects.add(c.videoId()));

            assertEquals(Outcome.NOT_A_COMPLETION, handling.handle(progress));

            assertTrue(effects.isEmpty());
            assertFalse(store.contains("G-A"));
        }
    }

    @Test
    void aHandlerThatFailsLeavesTheIdUnrecordedSoTheRetryHandlesIt() throws IOException {
        try (HandledIds store = HandledIds.open(dir.resolve("handled.txt"))) {
            IllegalStateException down = new IllegalStateException("mail server down");
            IdempotentHandling failing = new IdempotentHandling(store, c -> {
                throw down;
            });
            assertSame(down, assertThrows(IllegalStateException.class, () -> failing.handle(completion("G-A", 0))));
            assertFalse(store.contains("G-A"));

            IdempotentHandling retry = new IdempotentHandling(store, c -> effects.add(c.videoId()));
            assertEquals(Outcome.HANDLED, retry.handle(completion("G-A", 0)));
            assertEquals(List.of("G-A"), effects);
        }
    }

    @Test
    void aCheckedFailureOfTheHandlerIsWrappedWithTheVideoId() throws IOException {
        try (HandledIds store = HandledIds.open(dir.resolve("handled.txt"))) {
            IOException cause = new IOException("connection refused");
            IdempotentHandling failing = new IdempotentHandling(store, c -> {
                throw cause;
            });
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> failing.handle(completion("G-A", 0)));
            assertSame(cause, thrown.getCause());
            assertTrue(thrown.getMessage().contains("G-A"), thrown.getMessage());
            assertFalse(store.contains("G-A"));
        }
    }

    @Test
    void aRestartedServiceSkipsWhatAnEarlierRunHandled() throws IOException {
        Path file = dir.resolve("handled.txt");
        try (HandledIds store = HandledIds.open(file)) {
            new IdempotentHandling(store, c -> effects.add(c.videoId())).handle(completion("G-A", 0));
        }
        try (HandledIds reopened = HandledIds.open(file)) {
            IdempotentHandling handling = new IdempotentHandling(reopened, c -> effects.add(c.videoId()));

            assertEquals(Outcome.ALREADY_HANDLED, handling.handle(completion("G-A", 0)));
            assertEquals(Outcome.HANDLED, handling.handle(completion("G-B", 1)));
        }
        assertEquals(List.of("G-A", "G-B"), effects);
        try (HandledIds again = HandledIds.open(file)) {
            assertEquals(2, again.size());
        }
    }
}
