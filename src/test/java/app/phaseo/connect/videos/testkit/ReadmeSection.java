package app.phaseo.connect.videos.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of the README generated from the code or the build, between {@code <!-- NAME:start -->} and
 * {@code <!-- NAME:end -->}: {@link #check} fails when it drifts, and with {@code -Dreadme.update=true}
 * rewrites it instead.
 */
public final class ReadmeSection {

    private static final Path README = Path.of("README.md");

    private ReadmeSection() {
    }

    /** Fails unless the section {@code name} holds {@code generated}; {@code how} says which command rewrites it. */
    public static void assertCurrent(String name, String generated, String how) {
        try {
            String readme = Files.readString(README, StandardCharsets.UTF_8);
            String start = "<!-- " + name + ":start -->\n";
            String end = "<!-- " + name + ":end -->";
            int from = readme.indexOf(start);
            int to = readme.indexOf(end);
            assertThat(from).as("README marker %s", start.trim()).isGreaterThanOrEqualTo(0);
            assertThat(to).as("README marker %s", end).isGreaterThan(from);
            String current = readme.substring(from + start.length(), to);
            String wanted = "\n" + generated.strip() + "\n\n";
            if (Boolean.getBoolean("readme.update") && !current.equals(wanted)) {
                Files.writeString(README, readme.substring(0, from + start.length()) + wanted + readme.substring(to),
                        StandardCharsets.UTF_8);
                current = wanted;
            }
            assertThat(current).as("README section '%s' is out of date: run %s -Dreadme.update=true", name, how)
                    .isEqualTo(wanted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
