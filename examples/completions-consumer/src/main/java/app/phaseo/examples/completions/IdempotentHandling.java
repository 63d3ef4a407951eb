package app.phaseo.examples.completions;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns records into handled completions, at most once per video id: the record must carry the
 * {@code video.completed} header (its value is the video id), and a video whose id is in the
 * {@link HandledIds} store is skipped.
 *
 * <p>One thread uses it; the counters may be read from any thread.
 */
public final class IdempotentHandling {

    /** The header the connector sets on the record that shows a job becoming completed; its value is the id. */
    public static final String COMPLETED_HEADER = "video.completed";

    /** What became of one record. */
    public enum Outcome {
        /** A completion seen for the first time: the handler ran and the id is recorded. */
        HANDLED,
        /** A completion whose id was handled before: nothing done. */
        ALREADY_HANDLED,
        /** A record without the {@code video.completed} header: ignored. */
        NOT_A_COMPLETION
    }

    private final HandledIds handled;
    private final CompletionHandler handler;
    private volatile long handledCount;
    private volatile long alreadyHandledCount;
    private volatile long recordsRead;

    public IdempotentHandling(HandledIds handled, CompletionHandler handler) {
        this.handled = handled;
        this.handler = handler;
    }

    /**
     * Handles one record. When the handler throws, the exception propagates (a checked one wrapped
     * in an {@link IllegalStateException}) and the id stays unrecorded, so a retry handles it.
     */
    public Outcome handle(ConsumerRecord<String, String> record) {
        recordsRead++;
        Header header = record.headers().lastHeader(COMPLETED_HEADER);
        if (header == null || header.value() == null) {
            return Outcome.NOT_A_COMPLETION;
        }
        String videoId = new String(header.value(), StandardCharsets.UTF_8);
        if (handled.contains(videoId)) {
            alreadyHandledCount++;
            return Outcome.ALREADY_HANDLED;
        }
        try {
            handler.handle(new Completion(videoId, record.value(), record.timestamp()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Handling the completion of " + videoId + " failed", e);
        }
        // After the effect: a crash in between handles this completion again on restart, never loses it.
        handled.add(videoId);
        handledCount++;
        return Outcome.HANDLED;
    }

    /** Completions handled. */
    public long handledCount() {
        return handledCount;
    }

    /** Completions read whose id was handled already (here or by an earlier run on the same store). */
    public long alreadyHandledCount() {
        return alreadyHandledCount;
    }

    /** Records read, completions or not. */
    public long recordsRead() {
        return recordsRead;
    }
}
