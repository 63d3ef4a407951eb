package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The DDL of a table as PostgreSQL reports it (columns in order, full types, primary key), and the
 * check that docs/WAREHOUSE.md shows exactly that, between {@code <!-- ddl:start -->} and
 * {@code <!-- ddl:end -->}. The DDL read back is written to {@code target/warehouse-ddl.sql} first, so a
 * change of the sink's mapping is one copy away from the doc.
 */
final class WarehouseDdl {

    static final Path DOC = Path.of("docs/WAREHOUSE.md");
    private static final String START = "<!-- ddl:start -->";
    private static final String END = "<!-- ddl:end -->";

    private WarehouseDdl() {
    }

    /** {@code create table} text of one table, one column a line, as pinned in the doc. */
    static String of(String table, Map<String, String> columns, List<String> primaryKey) {
        StringBuilder out = new StringBuilder("create table ").append(table).append(" (\n");
        columns.forEach((name, type) -> out.append("    ").append(name).append(' ').append(type).append(",\n"));
        out.append("    primary key (").append(String.join(", ", primaryKey)).append(")\n);\n");
        return out.toString();
    }

    /** The doc's pinned DDL block equals these tables' DDL, in this order. */
    static void assertPinned(String... tables) {
        String actual = "```sql\n" + String.join("\n", tables) + "```\n";
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/warehouse-ddl.sql"), actual, StandardCharsets.UTF_8);
            String doc = Files.readString(DOC, StandardCharsets.UTF_8);
            int start = doc.indexOf(START);
            int end = doc.indexOf(END);
            assertThat(start).as("%s has a %s marker", DOC, START).isNotNegative();
            assertThat(end).as("%s has a %s marker after the start", DOC, END).isGreaterThan(start);
            assertThat(doc.substring(start + START.length(), end).strip() + "\n")
                    .as("the DDL in %s (the sink's, read back: target/warehouse-ddl.sql)", DOC).isEqualTo(actual);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
