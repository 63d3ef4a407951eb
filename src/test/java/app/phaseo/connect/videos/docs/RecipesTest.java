package app.phaseo.connect.videos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.PhaseoVideosSourceConnector;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.record.RecordFactory;
import app.phaseo.connect.videos.testkit.PostgresLanding;
import app.phaseo.connect.videos.testkit.Recipes;
import app.phaseo.connect.videos.testkit.Recipes.Recipe;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every connector config in {@code config/} (docs/RECIPES.md) is one a user can deploy as it is:
 * the connector's own {@code validate()} finds nothing wrong, every key is one the connector or
 * Connect knows (a typo would otherwise be ignored silently), secrets come from config providers,
 * and docs/RECIPES.md (or docs/INSTALL.md) links the recipe. The integration tests run the recipes' transforms on a worker.
 */
class RecipesTest {

    /** What the worker's config provider would resolve a {@code ${env:...}} or {@code ${file:...}} to. */
    private static final String RESOLVED_SECRET = "recipe-test-key-not-a-real-one";

    /** Prefixes of the keys Connect passes on to converters, transforms, predicates, clients, topic creation. */
    private static final List<String> CONNECT_PREFIXES = List.of("key.converter.", "value.converter.",
            "header.converter.", "transforms.", "predicates.", "topic.creation.", "producer.override.",
            "consumer.override.", "admin.override.");

    static List<Recipe> recipes() {
        return Recipes.all();
    }

    @Test
    void theRecipesAreThere() {
        assertThat(recipes()).extracting(Recipe::fileName).contains("warehouse-avro.properties",
                "warehouse-json.properties", "completions-only.properties", "flattened.properties",
                "workspace-studio.json", "workspace-marketing.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void passesTheConnectorsValidate(Recipe recipe) {
        Map<String, String> config = offline(recipe);

        Config result = new PhaseoVideosSourceConnector().validate(config);

        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigValue value : result.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        assertThat(errors).as("validate() errors of %s", recipe).isEmpty();
        // And the task would start with it: the typed config accepts it, cross-field rules included.
        new PhaseoVideosConfig(config);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void namesTheConnectorAndItsClass(Recipe recipe) {
        assertThat(recipe.name()).as("connector name of %s", recipe).isNotBlank();
        assertThat(recipe.config()).as(recipe.toString())
                .containsEntry("connector.class", PhaseoVideosSourceConnector.class.getName())
                .containsEntry("tasks.max", "1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void everyKeyIsOneTheConnectorOrConnectKnows(Recipe recipe) {
        Set<String> known = new HashSet<>(PhaseoVideosConfig.CONFIG_DEF.names());
        known.addAll(SourceConnectorConfig.configDef().names());
        List<String> unknown = recipe.config().keySet().stream()
                .filter(k -> !known.contains(k) && CONNECT_PREFIXES.stream().noneMatch(k::startsWith))
                .toList();
        assertThat(unknown).as("keys of %s that nothing reads", recipe).isEmpty();

        // Every transforms.<alias>.* and predicates.<alias>.* belongs to a declared alias, and back.
        checkAliases(recipe, "transforms");
        checkAliases(recipe, "predicates");
        Set<String> predicates = aliases(recipe, "predicates");
        recipe.config().forEach((k, v) -> {
            if (k.startsWith("transforms.") && k.endsWith(".predicate")) {
                assertThat(predicates).as("%s: %s names a declared predicate", recipe, k).contains(v);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void keysToTheRealApiComeFromAConfigProvider(Recipe recipe) {
        URI url = URI.create(recipe.config().getOrDefault(PhaseoVideosConfig.API_URL, PhaseoVideosConfig.API_URL_DEFAULT));
        if ("https".equals(url.getScheme())) {
            assertThat(recipe.config().get(PhaseoVideosConfig.API_KEY)).as("%s: phaseo.api.key", recipe)
                    .matches("\\$\\{(env|file|directory):[^}]+}");
        }
    }

    @Test
    void severalWorkspacesRunAsSeveralConnectorsOfOneCluster() {
        List<Recipe> workspaces = recipes().stream().filter(r -> r.fileName().startsWith("workspace-")).toList();
        assertThat(workspaces).hasSizeGreaterThanOrEqualTo(2);
        for (String key : List.of(PhaseoVideosConfig.WORKSPACE, PhaseoVideosConfig.API_KEY, PhaseoVideosConfig.TOPIC)) {
            assertThat(workspaces.stream().map(r -> r.config().get(key))).as("each workspace's own %s", key)
                    .doesNotHaveDuplicates().doesNotContainNull();
        }
        assertThat(workspaces.stream().map(Recipe::name)).doesNotHaveDuplicates();
    }

    @Test
    void theDocsLinkEveryRecipe() throws IOException {
        String recipesPage = Files.readString(Path.of("docs/RECIPES.md"), StandardCharsets.UTF_8)
                + Files.readString(Path.of("docs/INSTALL.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (Recipe recipe : recipes()) {
            if (!recipesPage.contains("](../config/" + recipe.fileName() + ")")) {
                missing.add(recipe.fileName());
            }
        }
        assertThat(missing).as("config files docs/RECIPES.md and docs/INSTALL.md do not link to").isEmpty();
    }

    // ---- Sink recipes: config/postgres-* (docs/WAREHOUSE.md) --------------------------------------

    static List<Recipe> sinkRecipes() {
        return Recipes.sinks();
    }

    @Test
    void theSinkRecipesAreThereAndReadTheFlattenedTopic() {
        assertThat(sinkRecipes()).extracting(Recipe::fileName)
                .containsExactlyInAnyOrder(PostgresLanding.CURRENT_STATE_RECIPE, PostgresLanding.HISTORY_RECIPE);
        Recipe flat = Recipes.named("flattened.properties");
        assertThat(flat.config()).containsEntry(PhaseoVideosConfig.VALUE_FLATTEN, "true")
                .containsEntry(PhaseoVideosConfig.VALUE_TIMESTAMP_FORMAT, "iso-zoned");
        for (Recipe sink : sinkRecipes()) {
            assertThat(sink.config()).as(sink.toString())
                    .containsEntry("connector.class", PostgresLanding.SINK_CLASS)
                    .containsEntry("topics", flat.config().get(PhaseoVideosConfig.TOPIC))
                    .containsEntry("key.converter", flat.config().get("key.converter"))
                    .containsEntry("value.converter", flat.config().get("value.converter"))
                    .containsEntry("value.converter.schemas.enable", "true")
                    // A string key cannot be the primary key (record_key wants a Struct): the id comes from the value.
                    .containsEntry("primary.key.mode", "record_value")
                    .containsEntry("insert.mode", "upsert");
            assertThat(sink.config().get("connection.password")).as("%s: connection.password", sink)
                    .matches("\\$\\{(env|file|directory):[^}]+}");
        }
        assertThat(Recipes.named(PostgresLanding.CURRENT_STATE_RECIPE).config()).containsEntry("primary.key.fields", "id");
        assertThat(Recipes.named(PostgresLanding.HISTORY_RECIPE).config())
                .containsEntry("primary.key.fields", "id,change_fingerprint")
                .containsEntry("transforms.changeFingerprint.headers", RecordFactory.HEADER_FINGERPRINT)
                .containsEntry("transforms.changeFingerprint.fields", "change_fingerprint");
    }

    /**
     * The sink's own {@code validate()}, run from its plugin folder as a worker would load it, finds
     * nothing wrong, and every key is one the sink or Connect reads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sinkRecipes")
    void passesTheSinksValidateAndNamesOnlyKeysItReads(Recipe recipe) throws Exception {
        Map<String, String> config = recipe.resolved(RESOLVED_SECRET);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = sinkClassLoader()) {
            // As a worker does: the plugin's loader is the context loader while it runs (config classes resolve there).
            Thread.currentThread().setContextClassLoader(loader);
            Connector sink = (Connector) loader.loadClass(recipe.config().get("connector.class"))
                    .getDeclaredConstructor().newInstance();
            Config result = sink.validate(config);
            Map<String, List<String>> errors = new LinkedHashMap<>();
            for (ConfigValue value : result.configValues()) {
                if (!value.errorMessages().isEmpty()) {
                    errors.put(value.name(), value.errorMessages());
                }
            }
            assertThat(errors).as("the sink's validate() errors of %s", recipe).isEmpty();

            Set<String> known = new HashSet<>(sink.config().names());
            known.addAll(SinkConnectorConfig.configDef().names());
            List<String> unknown = recipe.config().keySet().stream()
                    .filter(k -> !known.contains(k) && CONNECT_PREFIXES.stream().noneMatch(k::startsWith))
                    .toList();
            assertThat(unknown).as("keys of %s that nothing reads", recipe).isEmpty();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        checkAliases(recipe, "transforms");
    }

    @Test
    void theWarehouseDocLinksEverySinkRecipe() throws IOException {
        String doc = Files.readString(Path.of("docs/WAREHOUSE.md"), StandardCharsets.UTF_8);
        assertThat(sinkRecipes()).allSatisfy(r -> assertThat(doc).contains("](../config/" + r.fileName() + ")"));
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("](docs/WAREHOUSE.md)");
    }

    /** The sink's jars, as the build unpacks them for plugin.path, in a loader of their own. */
    private static URLClassLoader sinkClassLoader() throws IOException {
        Path dir = PostgresLanding.sinkPluginPath().resolve("debezium-connector-jdbc");
        List<URL> jars = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader(jars.toArray(URL[]::new), RecipesTest.class.getClassLoader());
    }

    /**
     * The recipe as the worker would pass it, with nothing to reach: secrets resolved to a fake
     * value, the demo's port filled in, and no probe of the API.
     */
    static Map<String, String> offline(Recipe recipe) {
        Map<String, String> config = recipe.resolved(RESOLVED_SECRET);
        // demo-connector.json shows what the demo creates; the demo picks the simulator's port at run time.
        config.computeIfPresent(PhaseoVideosConfig.API_URL, (k, v) -> v.replace(":PORT/", ":18080/"));
        config.putIfAbsent(PhaseoVideosConfig.VALIDATE_PROBE, "false");
        return config;
    }

    private static Set<String> aliases(Recipe recipe, String kind) {
        String list = recipe.config().getOrDefault(kind, "");
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static void checkAliases(Recipe recipe, String kind) {
        Set<String> declared = aliases(recipe, kind);
        Set<String> configured = recipe.config().keySet().stream().filter(k -> k.startsWith(kind + "."))
                .map(k -> k.substring(kind.length() + 1, k.indexOf('.', kind.length() + 1)))
                .collect(Collectors.toSet());
        assertThat(configured).as("%s: aliases configured under %s.*", recipe, kind).isEqualTo(declared);
    }
}
