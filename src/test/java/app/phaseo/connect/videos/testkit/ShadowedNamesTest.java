package app.phaseo.connect.videos.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No test type (the simulator's included) has the simple name of a main type: a reader of a test
 * that says {@code ApiBehavior} or {@code VideoStatus} must not have to check the imports to know
 * which one it is.
 */
class ShadowedNamesTest {

    @Test
    void noTestTypeTakesTheNameOfAMainType() throws IOException {
        Set<String> main = simpleNames(Path.of("src/main/java"));
        assertThat(main).as("main types found").hasSizeGreaterThan(20);

        assertThat(shadowed(main, simpleNames(Path.of("src/test/java")))).isEmpty();
    }

    @Test
    void aPlantedShadowIsFound() {
        assertThat(shadowed(Set.of("ApiBehavior", "ListQuery", "package-info"),
                Set.of("SimBehavior", "ListQuery", "package-info"))).containsExactly("ListQuery");
    }

    /** Names in both sets, but for {@code package-info}, sorted. */
    static SortedSet<String> shadowed(Set<String> main, Set<String> test) {
        SortedSet<String> both = new TreeSet<>(main);
        both.retainAll(test);
        both.remove("package-info");
        return both;
    }

    private static Set<String> simpleNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".java"))
                    .map(name -> name.substring(0, name.length() - ".java".length())).collect(Collectors.toSet());
        }
    }
}
