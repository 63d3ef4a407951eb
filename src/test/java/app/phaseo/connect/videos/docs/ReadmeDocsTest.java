package app.phaseo.connect.videos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.ConfigDocs;
import app.phaseo.connect.videos.schema.SchemaDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration and schema tables are generated from the code. This test fails when
 * they drift; {@code -Dreadme.update=true} rewrites them.
 */
class ReadmeDocsTest {

    private static final Path README = Path.of("README.md");

    @Test
    void configurationReferenceIsCurrent() throws IOException {
        checkSection("config-table", ConfigDocs.markdownTables());
    }

    @Test
    void schemaTableIsCurrent() throws IOException {
        checkSection("schema-table", SchemaDocs.markdownTable());
    }

    private static void checkSection(String name, String generated) throws IOException {
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
        assertThat(current).as("README section '%s' is out of date: run mvn -B test -Dtest=ReadmeDocsTest "
                + "-Dreadme.update=true", name).isEqualTo(wanted);
    }
}
