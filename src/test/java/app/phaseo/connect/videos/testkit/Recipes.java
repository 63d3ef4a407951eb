package app.phaseo.connect.videos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The connector configs shipped in {@code config/} (docs/RECIPES.md), read the way Connect
 * reads them: a {@code .properties} file as a standalone worker does, a {@code .json} file as the
 * body of {@code POST /connectors} ({@code {"name": ..., "config": {...}}}).
 */
public final class Recipes {

    /** Where the recipes live, relative to the project root (Maven runs tests there). */
    public static final Path DIR = Path.of("config");

    /** A config provider reference such as {@code ${env:PHASEO_API_KEY}} or {@code ${file:/path:key}}. */
    private static final Pattern PROVIDER_REFERENCE = Pattern.compile("\\$\\{[a-zA-Z0-9_.-]+:[^}]*}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Recipes() {
    }

    /** One recipe: its file, the connector name and the config as written (config.name included). */
    public record Recipe(Path file, String name, Map<String, String> config) {

        /** The file name, e.g. {@code completions-only.properties}. */
        public String fileName() {
            return file.getFileName().toString();
        }

        /**
         * The config as a worker would hand it to the connector: config provider references
         * replaced by {@code resolved} (the test has no secrets to resolve them to).
         */
        public Map<String, String> resolved(String resolved) {
            Map<String, String> out = new LinkedHashMap<>();
            config.forEach((k, v) -> out.put(k, PROVIDER_REFERENCE.matcher(v).replaceAll(Matcher.quoteReplacement(resolved))));
            return out;
        }

        /** Whether this recipe configures a sink connector rather than this source connector. */
        public boolean isSink() {
            return config.containsKey("topics") && !SOURCE_CONNECTOR_CLASS.equals(config.get("connector.class"));
        }

        /** Whether any value is taken from a config provider. */
        public boolean usesConfigProviders() {
            return config.values().stream().anyMatch(v -> PROVIDER_REFERENCE.matcher(v).find());
        }

        @Override
        public String toString() {
            return fileName();
        }
    }

    /** The class every source recipe runs. */
    public static final String SOURCE_CONNECTOR_CLASS = "app.phaseo.connect.videos.PhaseoVideosSourceConnector";

    /**
     * Every {@code .properties} and {@code .json} file of {@code config/} that configures this
     * connector, sorted by name. The sink recipes beside them are in {@link #sinks()}.
     */
    public static List<Recipe> all() {
        return everyFile().stream().filter(r -> !r.isSink()).toList();
    }

    /**
     * The recipes of {@code config/} for a sink connector that lands the topic somewhere (their
     * {@code connector.class} is not this connector's, and they name {@code topics}), sorted by name.
     */
    public static List<Recipe> sinks() {
        return everyFile().stream().filter(Recipe::isSink).toList();
    }

    private static List<Recipe> everyFile() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".properties") || p.toString().endsWith(".json"))
                    .sorted().map(Recipes::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recipe in {@code config/<fileName>}. */
    public static Recipe named(String fileName) {
        return load(DIR.resolve(fileName));
    }

    static Recipe load(Path file) {
        try {
            Map<String, String> config = new LinkedHashMap<>();
            String name;
            if (file.toString().endsWith(".json")) {
                JsonNode root = JSON.readTree(file.toFile());
                name = root.path("name").asText(null);
                JsonNode body = root.path("config");
                if (!body.isObject()) {
                    throw new IllegalArgumentException(file + ": no \"config\" object");
                }
                for (Map.Entry<String, JsonNode> entry : body.properties()) {
                    if (!entry.getValue().isTextual()) {
                        // Connect's REST API takes numbers too, but a config map of strings is what we document.
                        throw new IllegalArgumentException(file + ": " + entry.getKey() + " is not a JSON string");
                    }
                    config.put(entry.getKey(), entry.getValue().asText());
                }
            } else {
                Properties props = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(reader);
                }
                List<String> keys = new ArrayList<>(props.stringPropertyNames());
                keys.sort(null);
                for (String key : keys) {
                    config.put(key, props.getProperty(key));
                }
                name = config.get("name");
            }
            return new Recipe(file, name, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
