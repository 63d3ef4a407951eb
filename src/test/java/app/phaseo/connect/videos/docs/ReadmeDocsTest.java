package app.phaseo.connect.videos.docs;

import app.phaseo.connect.videos.config.ConfigDocs;
import app.phaseo.connect.videos.schema.SchemaDocs;
import app.phaseo.connect.videos.testkit.ReadmeSection;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration and schema tables are generated from the code. This test fails when
 * they drift; {@code -Dreadme.update=true} rewrites them.
 */
class ReadmeDocsTest {

    @Test
    void configurationReferenceIsCurrent() {
        checkSection("config-table", ConfigDocs.markdownTables());
    }

    @Test
    void schemaTableIsCurrent() {
        checkSection("schema-table", SchemaDocs.markdownTable());
    }

    private static void checkSection(String name, String generated) {
        ReadmeSection.check(name, generated, "mvn -B test -Dtest=ReadmeDocsTest");
    }
}
