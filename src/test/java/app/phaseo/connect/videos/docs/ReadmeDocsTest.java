package app.phaseo.connect.videos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.client.ErrorDocs;
import app.phaseo.connect.videos.config.ConfigDocs;
import app.phaseo.connect.videos.schema.SchemaDocs;
import app.phaseo.connect.videos.testkit.ReadmeSection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference and the error table are generated from the code, on the pages named below. This
 * test fails when they drift; {@code -Dreadme.update=true} rewrites them. The schema table is checked by
 * {@code SchemaDocsTest} on docs/SCHEMA.md, the one page that holds it.
 */
class ReadmeDocsTest {

    @Test
    void configurationReferenceIsCurrent() {
        assertThat(ReadmeSection.pageOf("config-table")).isEqualTo(Path.of("docs/CONFIGURATION.md"));
        assertSectionCurrent("config-table", ConfigDocs.markdownTables());
    }

    @Test
    void errorTableIsCurrent() {
        assertThat(ReadmeSection.pageOf("error-table")).isEqualTo(Path.of("docs/OPERATIONS.md"));
        assertSectionCurrent("error-table", ErrorDocs.markdownTable());
    }

    @Test
    void theSchemaTableLivesOnceInSchemaMd() {
        // A few rows of the generated table: wherever they appear, the table is copied there.
        List<String> rows = SchemaDocs.markdownTable().lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(rows).hasSizeGreaterThan(50);
        String sample = rows.get(rows.size() / 2);
        List<Path> holding = ReadmeSection.pages().stream().filter(p -> ReadmeSection.read(p).contains(sample)).toList();
        assertThat(holding).as("pages that hold the schema table").containsExactly(Path.of("docs/SCHEMA.md"));
    }

    private static void assertSectionCurrent(String name, String generated) {
        ReadmeSection.assertCurrent(name, generated, "mvn -B test -Dtest=ReadmeDocsTest");
    }
}
