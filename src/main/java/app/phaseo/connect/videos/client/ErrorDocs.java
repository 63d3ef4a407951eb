package app.phaseo.connect.videos.client;

/**
 * The error table of docs/OPERATIONS.md, generated from {@link ErrorKind}: each kind, the answers it covers and
 * what the task does with it (its {@link ErrorKind.Handling}), so the docs say what the code does.
 */
public final class ErrorDocs {

    private ErrorDocs() {
    }

    /** One row per kind, then one per handling, in the enums' (fixed) order. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder()
                .append("| Kind | Answers | Handling |\n")
                .append("|---|---|---|\n");
        for (ErrorKind kind : ErrorKind.values()) {
            out.append("| `").append(kind.name()).append("` | ").append(kind.answers()).append(" | `")
                    .append(kind.handling().name()).append("` |\n");
        }
        out.append("\n| Handling | What the task does |\n").append("|---|---|\n");
        for (ErrorKind.Handling handling : ErrorKind.Handling.values()) {
            out.append("| `").append(handling.name()).append("` | ").append(handling.whatTheTaskDoes()).append(" |\n");
        }
        return out.toString();
    }
}
