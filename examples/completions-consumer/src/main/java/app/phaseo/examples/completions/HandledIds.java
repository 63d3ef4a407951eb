package app.phaseo.examples.completions;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The ids of the videos whose completion this service has handled: what makes handling idempotent.
 *
 * <p>The example keeps them in a text file, one id a line, read back when the service starts, so a
 * restarted service (or one replaying the topic under a new consumer group) skips what it already
 * did. A real service keeps them where its effect lives: a table with a unique key on the video id,
 * written in the same database transaction as the effect (an {@code INSERT ... ON CONFLICT DO
 * NOTHING} that inserts no row means "already handled"). Then a crash between the effect and the
 * bookkeeping cannot happen. Here the handler runs first and the id is recorded after it, so a
 * crash in between handles that one completion again on restart: at least once, never lost.
 *
 * <p>Not thread-safe: one service thread owns it.
 */
public final class HandledIds implements Closeable {

    private final Set<String> ids = new HashSet<>();
    private final BufferedWriter out;

    private HandledIds(Path file) throws IOException {
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    ids.add(line.strip());
                }
            }
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The ids recorded in {@code file} (created when missing); later ids are appended to it. */
    public static HandledIds open(Path file) throws IOException {
        return new HandledIds(file);
    }

    /** Whether the completion of this video was handled already. */
    public boolean contains(String videoId) {
        return ids.contains(videoId);
    }

    /** Records the video as handled: written to the file before this returns (a real store would commit it durably). */
    public void add(String videoId) {
        if (ids.add(videoId)) {
            try {
                out.write(videoId);
                out.newLine();
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot record " + videoId + " as handled", e);
            }
        }
    }

    /** How many videos were handled. */
    public int size() {
        return ids.size();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
