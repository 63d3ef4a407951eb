package app.phaseo.connect.videos.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Generates the configuration reference of docs/CONFIGURATION.md from {@link PhaseoVideosConfig#CONFIG_DEF}, one
 * table per group, so the documentation is made from the code and a test can check it is current.
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String markdownTables() {
        Map<String, List<ConfigDef.ConfigKey>> byGroup = new LinkedHashMap<>();
        for (ConfigDef.ConfigKey key : PhaseoVideosConfig.CONFIG_DEF.configKeys().values()) {
            byGroup.computeIfAbsent(key.group, g -> new ArrayList<>()).add(key);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<ConfigDef.ConfigKey>> group : byGroup.entrySet()) {
            List<ConfigDef.ConfigKey> keys = group.getValue();
            keys.sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
            out.append("#### ").append(group.getKey()).append("\n\n");
            out.append("| Key | Type | Default | Valid values | Importance | Description |\n");
            out.append("|---|---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey key : keys) {
                out.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                        .append(" | ").append(defaultValue(key)).append(" | ")
                        .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase()).append(" | ").append(cell(key.documentation))
                        .append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "null";
        }
        String text = value instanceof List ? String.join(",", ((List<?>) value).stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    /** Prints the tables. */
    public static void main(String[] args) {
        System.out.print(markdownTables());
    }
}
