package app.phaseo.connect.videos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.PhaseoVideosSourceConnector;
import app.phaseo.connect.videos.client.Backoff;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.SourcePartition;
import app.phaseo.connect.videos.schema.VideoSchemas;
import app.phaseo.connect.videos.testkit.ReadmeSection;
import app.phaseo.connect.videos.testkit.Recipes;
import app.phaseo.connect.videos.testkit.Recipes.Recipe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

/**
 * What the docs say about the code, checked against the code: each test reads the page that makes a claim and
 * the code or file the claim is about, so that a change to either side fails here until the other follows.
 */
class DocFactsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path README = Path.of("README.md");
    private static final Path RECIPES = Path.of("docs/RECIPES.md");

    private static String text(Path page) {
        return ReadmeSection.read(page);
    }

    /** The text with its line breaks (and a comment's leading {@code #}) made single spaces, as a reader reads it. */
    private static String oneLine(String text) {
        return text.replaceAll("[ \\t]*\\R[ \\t]*#?[ \\t]*", " ");
    }

    private static Object defaultOf(String key) {
        return PhaseoVideosConfig.CONFIG_DEF.configKeys().get(key).defaultValue;
    }

    /** Validation errors by key, without a request to any API. */
    private static Map<String, List<String>> validate(Map<String, String> config) {
        Map<String, String> offline = new LinkedHashMap<>(config);
        offline.put(PhaseoVideosConfig.VALIDATE_PROBE, "false");
        Config result = new PhaseoVideosSourceConnector().validate(offline);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigValue value : result.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    // ---- Install: REST calls and the smallest config -------------------------------------------

    /** Every curl call in a code block of any page, its continuation lines joined. */
    private static List<String> curlCalls() {
        List<String> calls = new ArrayList<>();
        for (Path page : ReadmeSection.pages()) {
            String joined = text(page).replaceAll("\\\\\\R\\s*", " ");
            for (String line : joined.split("\\R")) {
                if (line.contains("curl ") && line.contains("/connectors")) {
                    calls.add(line.trim());
                }
            }
        }
        return calls;
    }

    private static JsonNode readJson(String file) {
        try {
            return JSON.readTree(Path.of(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyRestCallSendsTheBodyItsEndpointTakes() {
        Pattern data = Pattern.compile("--data @(\\S+)");
        Pattern jq = Pattern.compile("jq \\.config (\\S+) \\|");
        int puts = 0;
        int posts = 0;
        for (String call : curlCalls()) {
            Matcher file = data.matcher(call);
            assertThat(file.find()).as("a curl call with a body: %s", call).isTrue();
            JsonNode body;
            if (file.group(1).equals("-")) {
                Matcher piped = jq.matcher(call);
                assertThat(piped.find()).as("where the body of %s comes from", call).isTrue();
                body = readJson(piped.group(1)).path("config");
            } else {
                body = readJson(file.group(1));
            }
            if (call.matches(".*-X PUT .*/connectors/[^/\\s]+/config\\b.*")) {
                puts++;
                assertThat(body.has("config")).as("PUT .../config takes the bare config map: %s", call).isFalse();
                assertThat(body.path("connector.class").asText()).as(call).isNotEmpty();
            } else if (call.matches(".*-X POST .*/connectors\\s*$")) {
                posts++;
                assertThat(body.path("name").asText()).as("POST /connectors takes a name: %s", call).isNotEmpty();
                assertThat(body.path("config").path("connector.class").asText())
                        .as("POST /connectors takes the config under 'config': %s", call).isNotEmpty();
            } else {
                throw new AssertionError("a curl call this test does not know: " + call);
            }
        }
        assertThat(puts).as("PUT calls in the docs").isGreaterThanOrEqualTo(2);
        assertThat(posts).as("POST calls in the docs").isGreaterThanOrEqualTo(2);
        assertThat(text(README)).contains("-X PUT").contains("-X POST");
    }

    @Test
    void theSmallestConfigOfTheReadmeValidatesAndNeedsItsKey() throws IOException {
        String readme = text(README);
        int marker = readme.indexOf("<!-- smallest-config -->");
        assertThat(marker).as("README marker <!-- smallest-config -->").isPositive();
        int from = readme.indexOf("```properties\n", marker) + "```properties\n".length();
        String block = readme.substring(from, readme.indexOf("```", from));
        Properties properties = new Properties();
        properties.load(new StringReader(block));
        Map<String, String> config = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(k -> config.put(k, properties.getProperty(k).replaceAll("\\$\\{[^}]+}", "doc-test-key")));

        assertThat(config).containsEntry("connector.class", PhaseoVideosSourceConnector.class.getName())
                .containsKey(PhaseoVideosConfig.API_KEY).hasSizeLessThanOrEqualTo(4);
        assertThat(validate(config)).as("validate() errors of the README's smallest config").isEmpty();
        new PhaseoVideosConfig(config);
        config.remove(PhaseoVideosConfig.API_KEY);
        assertThat(validate(config)).as("without its key").containsKey(PhaseoVideosConfig.API_KEY);
        // The defaults the README names after it.
        String after = oneLine(readme.substring(readme.indexOf("```", from)));
        assertThat(after).contains("topic `" + defaultOf(PhaseoVideosConfig.TOPIC) + "`")
                .contains("one scan every " + (Long) defaultOf(PhaseoVideosConfig.POLL_INTERVAL) / 1000 + " s");
        assertThat(defaultOf("backfill.mode")).isEqualTo("all");
        assertThat(defaultOf(PhaseoVideosConfig.VALUE_FORMAT)).isEqualTo("struct");
    }

    // ---- Links and paths ------------------------------------------------------------------------

    /** GitHub's anchor for a heading. */
    private static String slug(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Set<String> anchors(Path page) {
        return text(page).lines().filter(l -> l.startsWith("#")).map(l -> slug(l.replaceFirst("^#+", "")))
                .collect(Collectors.toSet());
    }

    @Test
    void everyLinkBetweenThePagesResolves() {
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : ReadmeSection.pages()) {
            Matcher m = link.matcher(text(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target);
                } else if (!anchor.isEmpty() && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyRepositoryPathQuotedInThePagesExists() {
        Pattern path = Pattern.compile("`((?:src|config|docs|examples|bench|fixtures|\\.ci)/[^`\\s<>*]+)`");
        List<String> missing = new ArrayList<>();
        for (Path page : ReadmeSection.pages()) {
            Matcher m = path.matcher(text(page));
            while (m.find()) {
                if (!Files.exists(Path.of(m.group(1)))) {
                    missing.add(page + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).as("paths the docs quote that are not in the repository").isEmpty();
    }

    @Test
    void everyTestTheDocsCiteExists() throws IOException {
        Set<String> tests;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            tests = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).collect(Collectors.toSet());
        }
        Pattern cited = Pattern.compile("`([A-Z][A-Za-z0-9]+(?:IT|Test))[`#.]");
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (Path page : ReadmeSection.pages()) {
            Matcher m = cited.matcher(text(page));
            while (m.find()) {
                checked++;
                if (!tests.contains(m.group(1))) {
                    missing.add(page + ": " + m.group(1));
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(missing).as("test classes the docs cite that do not exist").isEmpty();
    }

    // ---- Guarantees --------------------------------------------------------------------------------

    private static String guarantees() {
        String readme = text(README);
        int from = readme.indexOf("<!-- guarantees -->");
        assertThat(from).as("README marker <!-- guarantees -->").isPositive();
        return readme.substring(from, readme.indexOf("\n\n", readme.indexOf("1. ", from)));
    }

    @Test
    void theGuaranteesAreFiveLinesAndNameTheExactlyOnceTests() {
        String guarantees = guarantees();
        assertThat(guarantees.lines().filter(l -> l.matches("^\\d\\. .*"))).hasSize(5);
        assertThat(guarantees).contains("exactly-once").contains("`ExactlyOnceFaultInjectionIT`")
                .contains("`WorkerProcessRestartIT`").contains("`CompletionsConsumerIT`");
        for (Path page : ReadmeSection.pages()) {
            assertThat(oneLine(text(page)).toLowerCase(Locale.ROOT)).as(page.toString())
                    .doesNotContainPattern("exactly[- ]once[^.]{0,60}(not tested|untested)");
        }
    }

    @Test
    void renamingAConnectorIsSaidToLoseItsOffsets() {
        // Connect keys a source connector's offsets by its name; the partition itself names only the workspace.
        Map<String, String> partition = SourcePartition.of("studio");
        assertThat(partition).containsValue("studio").doesNotContainKey("connector").doesNotContainKey("name");
        assertThat(guarantees()).contains("connector's name").contains("`phaseo.workspace`");
        String install = text(Path.of("docs/INSTALL.md"));
        assertThat(install).contains("\n## Renaming a connector\n");
        assertThat(oneLine(install)).contains("Connect stores a source connector's offsets under the connector's name");
    }

    // ---- Figures the docs quote from the code ----------------------------------------------------

    @Test
    void theFirstBackoffWaitIsBetweenHalfAndAllOfTheInitialOne() {
        long initial = (Long) defaultOf(PhaseoVideosConfig.BACKOFF_INITIAL);
        long max = (Long) defaultOf(PhaseoVideosConfig.BACKOFF_MAX);
        Duration longest = Backoff.exponential(Duration.ofMillis(initial), Duration.ofMillis(max), () -> 0L).next();
        Duration shortest = Backoff.exponential(Duration.ofMillis(initial), Duration.ofMillis(max), () -> -1L).next();

        assertThat(longest.toMillis()).isEqualTo(initial);
        assertThat(shortest.toMillis()).isEqualTo(initial / 2);
        assertThat(oneLine(text(Path.of("docs/OPERATIONS.md"))))
                .contains("(" + shortest.toMillis() + " to " + longest.toMillis() + " ms by default)");
        assertThat(PhaseoVideosConfig.CONFIG_DEF.configKeys().get(PhaseoVideosConfig.BACKOFF_INITIAL).documentation)
                .contains("between half of this and all of it");
    }

    @Test
    void burstsAreReadAsOftenAsThePressureIntervalSays() {
        long pressure = (Long) defaultOf(PhaseoVideosConfig.PRESSURE_INTERVAL);
        String quickstart = text(Recipes.DIR.resolve("phaseo-videos-source.properties"));
        assertThat(quickstart).contains("every " + pressure + " ms (" + PhaseoVideosConfig.PRESSURE_INTERVAL + ")");
        List<Path> everywhere = new ArrayList<>(ReadmeSection.pages());
        everywhere.add(Recipes.DIR.resolve("phaseo-videos-source.properties"));
        for (Path page : everywhere) {
            assertThat(oneLine(text(page))).as(page.toString()).doesNotContainPattern("burst[^.]{0,60}every second");
        }
    }

    @Test
    void theOffsetSizePerJobIsTheConfigDocsFigureEverywhere() {
        Matcher figure = Pattern.compile("about (\\d+) bytes a job").matcher(
                PhaseoVideosConfig.CONFIG_DEF.configKeys().get(PhaseoVideosConfig.STATE_MAX_JOBS).documentation);
        assertThat(figure.find()).as("the figure in the doc of state.max.jobs").isTrue();
        Pattern quoted = Pattern.compile("about (\\d+) bytes (?:of offset per job|a job|per job)");
        int seen = 0;
        for (Path page : ReadmeSection.pages()) {
            Matcher m = quoted.matcher(oneLine(text(page)));
            while (m.find()) {
                seen++;
                assertThat(m.group(1)).as("bytes per remembered job in %s", page).isEqualTo(figure.group(1));
            }
        }
        assertThat(seen).as("pages that quote the figure").isGreaterThanOrEqualTo(2);
    }

    // ---- Records -------------------------------------------------------------------------------------

    @Test
    void thePhaseoStatusHeaderRowListsEveryStatusTheCodeSends() {
        String row = text(Path.of("docs/RECORDS.md")).lines().filter(l -> l.startsWith("| `phaseo.status` |"))
                .findFirst().orElseThrow();
        for (VideoStatus status : VideoStatus.values()) {
            assertThat(row).as("the phaseo.status row names %s", status).contains("`" + status.apiName() + "`");
        }
    }

    @Test
    void flatteningIsOfferedWithTheStructAndMapFormats() {
        Map<String, String> config = new LinkedHashMap<>(Map.of(PhaseoVideosConfig.API_KEY, "doc-test-key",
                "value.flatten", "true"));
        config.put(PhaseoVideosConfig.VALUE_FORMAT, "struct");
        assertThat(validate(config)).isEmpty();
        config.put(PhaseoVideosConfig.VALUE_FORMAT, "map");
        assertThat(validate(config)).isEmpty();
        config.put(PhaseoVideosConfig.VALUE_FORMAT, "json");
        assertThat(validate(config)).containsKey("value.flatten");

        String schema = text(Path.of("docs/SCHEMA.md"));
        assertThat(schema).contains("| `MAP` | yes |").contains("| `JSON` | (refused) |")
                .doesNotContain("| `MAP` | (refused) |");
        assertThat(oneLine(text(Path.of("docs/RECORDS.md")))).contains("accepts it with `value.format=struct` or `map`");
    }

    @Test
    void theFlatRecipeKeepsTheSignedUrlsOfOutputsAndSaysSo() {
        Recipe flat = Recipes.named("flattened.properties");
        String excluded = flat.config().get("transforms.dropSignedUrls.exclude");
        assertThat(excluded.split(",")).contains("download_url", "expires_at").doesNotContain("outputs");
        // Flattened, outputs is one JSON text column, and each output in it carries a signed URL and its expiry.
        assertThat(VideoSchemas.VALUE_FLAT.field("outputs").schema().type()).isEqualTo(Schema.Type.STRING);
        Schema output = VideoSchemas.VALUE.field("outputs").schema().valueSchema();
        assertThat(output.field("download_url")).isNotNull();
        assertThat(output.field("expires_at")).isNotNull();

        assertThat(oneLine(text(RECIPES))).contains("each output's own `download_url` and `expires_at` stay inside "
                + "the `outputs` JSON text column");
        assertThat(oneLine(text(Recipes.DIR.resolve("flattened.properties"))))
                .contains("each output's own download_url and expires_at stay inside the outputs column");
    }

    // ---- Recipes -------------------------------------------------------------------------------------

    @Test
    void theRecipesPageNamesTheRecipesARealWorkerCannotValidateHere() {
        Set<String> skipped = new TreeSet<>();
        for (Recipe recipe : Recipes.all()) {
            for (String key : List.of("key.converter", "value.converter", "header.converter")) {
                String type = recipe.config().get(key);
                if (type != null && !loadable(type)) {
                    skipped.add(recipe.fileName());
                }
            }
        }
        assertThat(skipped).as("recipes whose converter this build lacks (RecipesIT skips them)")
                .containsExactly("warehouse-avro.properties");
        String page = oneLine(text(RECIPES));
        assertThat(page).contains("all of them but `warehouse-avro.properties`")
                .contains("shows as skipped in `RecipesIT`").doesNotContain("validates every recipe");
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, DocFactsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void recipesThatAskForThreeReplicasSayTheyNeedThreeBrokers() {
        List<Recipe> three = Recipes.all().stream()
                .filter(r -> "3".equals(r.config().get("topic.creation.default.replication.factor"))).toList();
        assertThat(three).isNotEmpty();
        assertThat(oneLine(text(RECIPES))).contains("`topic.creation.default.replication.factor=3`, which needs a "
                + "cluster of at least 3 brokers");
        for (Recipe recipe : three) {
            if (recipe.fileName().endsWith(".properties")) {
                List<String> lines = text(Recipes.DIR.resolve(recipe.fileName())).lines().toList();
                int at = lines.indexOf("topic.creation.default.replication.factor=3");
                assertThat(lines.get(at - 1)).as("the comment above the replication factor of %s", recipe)
                        .startsWith("#").contains("at least 3 brokers");
            }
        }
    }

    @Test
    void noPageCitesAChangelogThatDoesNotExist() {
        boolean exists = Files.exists(Path.of("CHANGELOG.md"));
        for (Path page : ReadmeSection.pages()) {
            String text = oneLine(text(page));
            if (!exists) {
                assertThat(text).as(page.toString()).doesNotContainPattern("(?i)(the|a|see) changelog")
                        .doesNotContain("CHANGELOG");
            }
        }
    }
}
