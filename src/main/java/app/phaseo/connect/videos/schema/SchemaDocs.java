package app.phaseo.connect.videos.schema;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Generates the Markdown table of the value schema for docs/SCHEMA.md, so the documentation is
 * made from the code and a test can check it is current. Run {@code main} to print it.
 */
public final class SchemaDocs {

    private SchemaDocs() {
    }

    /** The table of {@link VideoSchemas#VALUE}: one row per field, nested fields included, in schema order. */
    public static String markdownTable() {
        return markdownTable(VideoSchemas.VALUE);
    }

    /**
     * The table of a Struct schema. Paths join nested fields with dots; {@code []} marks the elements of an array.
     */
    public static String markdownTable(Schema struct) {
        StringBuilder table = new StringBuilder();
        table.append("| Field | Type | Optional | Description |\n");
        table.append("|---|---|---|---|\n");
        rows(table, struct, "");
        return table.toString();
    }

    /** Prints {@link #markdownTable()}. */
    public static void main(String[] args) {
        System.out.print(markdownTable());
    }

    private static void rows(StringBuilder table, Schema struct, String prefix) {
        for (Field field : struct.fields()) {
            Schema schema = field.schema();
            String path = prefix + field.name();
            table.append("| `").append(path).append("` | ").append(typeName(schema)).append(" | ")
                    .append(schema.isOptional() ? "yes" : "no").append(" | ").append(cell(schema.doc()))
                    .append(" |\n");
            if (schema.type() == Schema.Type.STRUCT) {
                rows(table, schema, path + ".");
            } else if (schema.type() == Schema.Type.ARRAY && schema.valueSchema().type() == Schema.Type.STRUCT) {
                rows(table, schema.valueSchema(), path + "[].");
            }
        }
    }

    /** The type as a reader thinks of it: {@code string}, {@code Timestamp}, {@code Decimal(38, 9)}... */
    static String typeName(Schema schema) {
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return "Timestamp";
        }
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            String precision = schema.parameters() == null ? null
                    : schema.parameters().get(VideoSchemas.DECIMAL_PRECISION_PARAMETER);
            String scale = schema.parameters() == null ? "?" : schema.parameters().get(Decimal.SCALE_FIELD);
            return "Decimal(" + (precision == null ? "" : precision + ", ") + scale + ")";
        }
        switch (schema.type()) {
            case STRUCT:
                return "struct " + simpleName(schema.name());
            case ARRAY:
                return "array of " + typeName(schema.valueSchema());
            default:
                return schema.type().getName();
        }
    }

    private static String simpleName(String name) {
        return name == null ? "" : name.substring(name.lastIndexOf('.') + 1);
    }

    /** A doc string as one table cell: no pipes, no line breaks. */
    private static String cell(String doc) {
        return doc == null ? "" : doc.replace("|", "\\|").replace('\n', ' ');
    }
}
