package app.phaseo.connect.videos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/** Prints a benchmark's result lines and appends them, stamped, to {@code target/bench/<name>.txt}. */
final class BenchOutput {

    private final Path file;

    BenchOutput(String name) {
        this.file = Path.of("target", "bench", name + ".txt");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line("# " + Instant.now() + " " + name + ", " + Runtime.getRuntime().availableProcessors() + " cores, load "
                + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + ", java " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    }

    void line(String text) {
        System.out.println(text);
        try {
            Files.writeString(file, text + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + e);
        }
    }

    void line(String format, Object... args) {
        line(String.format(Locale.ROOT, format, args));
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
