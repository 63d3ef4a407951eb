package app.phaseo.connect.videos.docs;

import app.phaseo.connect.videos.client.ErrorDocs;
import app.phaseo.connect.videos.config.ConfigDocs;
import app.phaseo.connect.videos.schema.SchemaDocs;
import app.phaseo.connect.videos.testkit.ReadmeSection;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration, schema and error tables are generated from the code. This test fails when
 * they drift; {@code -Dreadme.update=true} rewrites them.
 */
class ReadmeDocsTest {

    @Test
    void configurationReferenceIsCurrent() {
        assertSectionCurrent("config-table", ConfigDocs.markdownTables());
    }

    @Test
    void schemaTableIsCurrent() {
        assertSectionCurrent("schema-table", SchemaDocs.markdownTable());
    }

    @Test
    void errorTableIsCurrent() {
        assertSectionCurrent("error-table", ErrorDocs.markdownTable());
    }

    private static void assertSectionCurrent(String name, String generated) {
        ReadmeSection.assertCurrent(name, generated, "mvn -B test -Dtest=ReadmeDocsTest");
    }
}
