package app.phaseo.connect.videos.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A part of the project's docs generated from the code or the build, between {@code <!-- NAME:start -->} and
 * {@code <!-- NAME:end -->}: {@link #assertCurrent} fails when it drifts, and with {@code -Dreadme.update=true}
 * rewrites it instead. The section is looked for in the README, CONTRIBUTING.md and every page of {@code docs/}, and
 * must be in exactly one of them, so a page can move without its checks following it by hand.
 */
public final class ReadmeSection {

    private ReadmeSection() {
    }

    /**
     * The project's Markdown pages, in a fixed order: README.md, CONTRIBUTING.md, BENCHMARKS.md, the example
     * service's README and docs/*.md.
     */
    public static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md"),
                Path.of("BENCHMARKS.md"), Path.of("examples/completions-consumer/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** The one page that holds the section {@code name}; fails if none or several do. */
    public static Path pageOf(String name) {
        // On a line of its own: a page may quote a marker in running text.
        String start = "\n<!-- " + name + ":start -->\n";
        List<Path> holding = pages().stream().filter(p -> read(p).contains(start)).toList();
        assertThat(holding).as("pages with the marker %s on a line of its own", start.strip()).hasSize(1);
        return holding.get(0);
    }

    /** Fails unless the section {@code name} holds {@code generated}; {@code how} says which command rewrites it. */
    public static void assertCurrent(String name, String generated, String how) {
        Path page = pageOf(name);
        String text = read(page);
        String start = "\n<!-- " + name + ":start -->\n";
        String end = "\n<!-- " + name + ":end -->";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertThat(from).as("%s marker %s", page, start.trim()).isGreaterThanOrEqualTo(0);
        assertThat(to).as("%s marker %s", page, end).isGreaterThan(from);
        String current = text.substring(from + start.length(), to + 1);
        String wanted = "\n" + generated.strip() + "\n\n";
        if (Boolean.getBoolean("readme.update") && !current.equals(wanted)) {
            write(page, text.substring(0, from + start.length()) + wanted + text.substring(to + 1));
            current = wanted;
        }
        assertThat(current).as("%s section '%s' is out of date: run %s -Dreadme.update=true", page, name, how)
                .isEqualTo(wanted);
    }

    /** A page's text, UTF-8. */
    public static String read(Path page) {
        try {
            return Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path page, String text) {
        try {
            Files.writeString(page, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
