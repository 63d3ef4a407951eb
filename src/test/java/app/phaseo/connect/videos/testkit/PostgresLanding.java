package app.phaseo.connect.videos.testkit;

import app.phaseo.connect.videos.testkit.Recipes.Recipe;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warehouse end of the pipeline for the tests and the demo (docs/WAREHOUSE.md): an embedded
 * PostgreSQL, the sink recipes of {@code config/} pointed at it, the sink's plugin folder, and the
 * SQL a data engineer reads the tables with.
 */
public final class PostgresLanding implements AutoCloseable {

    /** The sink the {@code config/postgres-*} recipes run. */
    public static final String SINK_CLASS = "io.debezium.connector.jdbc.JdbcSinkConnector";
    public static final String CURRENT_STATE_RECIPE = "postgres-current-state.properties";
    public static final String HISTORY_RECIPE = "postgres-history.properties";

    /** Jobs by status: how many, how many final. */
    public static final String JOBS_BY_STATUS = """
            select status, count(*) as jobs, count(*) filter (where billing_state in ('settled', 'void')) as billing_closed
            from phaseo_videos_current group by status order by jobs desc, status""";
    /** Settled spend by model, exact (numeric), from the current state. */
    public static final String SETTLED_SPEND_BY_MODEL = """
            select coalesce(model, '(none)') as model, count(*) as settled_jobs,
                   sum(billing_settled_user_cost_decimal) as settled_user_cost,
                   sum(billing_settled_provider_cost_decimal) as settled_provider_cost
            from phaseo_videos_current where billing_state = 'settled'
            group by model order by settled_user_cost desc nulls last, model""";
    /** Time from creation to completion, p50 and p95, of completed jobs. */
    public static final String COMPLETION_TIME = """
            select count(*) as completed_jobs,
                   percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at)) as p50_seconds,
                   percentile_cont(0.95) within group (order by extract(epoch from completed_at - created_at)) as p95_seconds
            from phaseo_videos_current where status = 'completed' and completed_at is not null""";
    /** Changes per job in the history table. */
    public static final String HISTORY_DEPTH = """
            select count(*) as changes, count(distinct id) as jobs from phaseo_videos_history""";

    private final EmbeddedPostgres postgres;

    private PostgresLanding(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts an embedded PostgreSQL (the binaries come from the test classpath) on a free port. */
    public static PostgresLanding start() {
        try {
            return new PostgresLanding(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
        }
    }

    /**
     * The folder holding Debezium's JDBC sink, for a worker's {@code plugin.path}: the build unpacks it
     * into {@code target/sink-plugins/} (pom.xml, "warehouse landing").
     */
    public static Path sinkPluginPath() {
        Path dir = Path.of(System.getProperty("phaseo.sink.plugins.dir", "target/sink-plugins"));
        if (!Files.isDirectory(dir.resolve("debezium-connector-jdbc"))) {
            throw new IllegalStateException("No sink plugin in " + dir.toAbsolutePath()
                    + ": run the build (mvn test-compile unpacks it there)");
        }
        return dir.toAbsolutePath();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    /**
     * The sink recipe as written, pointed at this database and {@code topic}; everything that shapes
     * the rows (converters, transforms, keys, modes) is the recipe's own.
     */
    public Map<String, String> sinkConfig(String recipeFile, String topic) {
        Recipe recipe = Recipes.named(recipeFile);
        Map<String, String> config = recipe.resolved("postgres");
        config.remove("name");
        config.put("connection.url", jdbcUrl());
        config.put("connection.username", "postgres");
        config.put("topics", topic);
        return config;
    }

    /** The table's columns as PostgreSQL reports them, in column order: name, then the full type. */
    public Map<String, String> columns(String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Connection c = connect();
             var ps = c.prepareStatement("select a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a "
                     + "join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace "
                     + "where t.relname = ? and n.nspname = 'public' and a.attnum > 0 and not a.attisdropped "
                     + "order by a.attnum")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

    /** The primary key's columns, in key order. */
    public List<String> primaryKey(String table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (Connection c = connect();
             var ps = c.prepareStatement("select k.column_name from information_schema.table_constraints t "
                     + "join information_schema.key_column_usage k on k.constraint_name = t.constraint_name "
                     + "and k.table_name = t.table_name where t.table_name = ? and t.constraint_type = 'PRIMARY KEY' "
                     + "order by k.ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return key;
    }

    /** Every row of a query, each as column name → value (JDBC's object), in result order. */
    public List<Map<String, Object>> query(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The query's result as an aligned text table, for the demo's summary. */
    public String table(String sql) throws SQLException {
        List<Map<String, Object>> rows = query(sql);
        if (rows.isEmpty()) {
            return "(no rows)\n";
        }
        List<String> names = new ArrayList<>(rows.get(0).keySet());
        int[] widths = names.stream().mapToInt(String::length).toArray();
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String cell = format(row.get(names.get(i)));
                widths[i] = Math.max(widths[i], cell.length());
                line.add(cell);
            }
            cells.add(line);
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, names, widths);
        for (List<String> line : cells) {
            appendLine(out, line, widths);
        }
        return out.toString();
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return String.format("%.1f", d);
        }
        if (value instanceof java.math.BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            out.append("  ").append(String.format("%-" + widths[i] + "s", cells.get(i)));
        }
        out.append('\n');
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
