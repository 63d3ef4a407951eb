package app.phaseo.connect.videos.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;

class SchemaDocsTest {

    private static final Path SCHEMA_MD = Paths.get("docs", "SCHEMA.md");
    private static final String BEGIN = "<!-- BEGIN GENERATED: SchemaDocs.markdownTable() -->\n";
    private static final String END = "<!-- END GENERATED -->";

    @Test
    void theTableHasOneRowPerFieldNestedIncluded() {
        List<String> lines = SchemaDocs.markdownTable().lines().toList();
        assertThat(lines.get(0)).isEqualTo("| Field | Type | Optional | Description |");
        assertThat(lines.get(1)).isEqualTo("|---|---|---|---|");
        int[] fields = {0};
        VideoSchemasTest.walk(VideoSchemas.VALUE, "", (path, field) -> fields[0]++);
        assertThat(lines).hasSize(2 + fields[0]);
        assertThat(lines).contains(
                "| `id` | string | no | " + VideoSchemas.VALUE.field("id").schema().doc() + " |");
        assertThat(lines).anyMatch(line -> line.startsWith("| `billing.estimated_user_cost_decimal` | Decimal(38, 9) "
                + "| yes | "));
        assertThat(lines).anyMatch(line -> line.startsWith("| `webhook.attempts[].tried_at` | Timestamp | yes | "));
        assertThat(lines).anyMatch(line -> line.startsWith("| `outputs` | array of struct VideoOutput | yes | "));
        assertThat(lines).anyMatch(line -> line.startsWith("| `webhook.events` | array of string | yes | "));
    }

    @Test
    void everyRowHasFourCellsAndADescription() {
        SchemaDocs.markdownTable().lines().skip(2).forEach(line -> {
            String unescaped = line.replace("\\|", "");
            assertThat(unescaped.chars().filter(c -> c == '|').count()).as(line).isEqualTo(5);
            assertThat(line).doesNotEndWith("|  |");
        });
    }

    @Test
    void theFlatSchemaTableListsOnlyTopLevelFields() {
        List<String> lines = SchemaDocs.markdownTable(VideoSchemas.VALUE_FLAT).lines().toList();
        assertThat(lines).hasSize(2 + VideoSchemas.VALUE_FLAT.fields().size());
        assertThat(lines).anyMatch(line -> line.startsWith("| `webhook_attempts` | string | yes | "));
    }

    /**
     * docs/SCHEMA.md holds the current table. After a schema change, regenerate it with
     * {@code mvn -B test -Dtest=SchemaDocsTest -Dschema.docs.update=true}.
     */
    @Test
    void schemaMdHoldsTheCurrentTable() throws IOException {
        String document = Files.readString(SCHEMA_MD, StandardCharsets.UTF_8);
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        assertThat(begin).as("generated-table markers in " + SCHEMA_MD).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = SchemaDocs.markdownTable();
        String current = document.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("schema.docs.update") && !current.equals(expected)) {
            Files.writeString(SCHEMA_MD, document.substring(0, begin + BEGIN.length()) + expected
                    + document.substring(end), StandardCharsets.UTF_8);
            current = expected;
        }
        assertThat(current)
                .as("docs/SCHEMA.md is behind the schema; run: mvn -B test -Dtest=SchemaDocsTest "
                        + "-Dschema.docs.update=true")
                .isEqualTo(expected);
    }
}
