package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.RequestStats;
import app.phaseo.connect.videos.simulator.Workload;
import app.phaseo.connect.videos.testkit.Recipes;
import app.phaseo.connect.videos.testkit.Recipes.Recipe;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The recipes of {@code config/} on a real Connect worker, against the simulator: the worker's own
 * validation (transforms, predicates and converters included) accepts them, and the stock SMT chains
 * do to the connector's records what the recipes say. Only the connection (simulator URL and key),
 * the replication factor and the poll intervals are changed; transforms, predicates, converters and
 * record formats are the recipe's own.
 */
class RecipesIT {

    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startCluster() {
        connect = ConnectFixture.startCluster("recipes", 1, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    /** The recipe pointed at the simulator; everything that shapes the records is left as written. */
    private static Map<String, String> onSimulator(Recipe recipe, PhaseoSimulator sim) {
        Map<String, String> config = recipe.resolved("unused-with-the-simulator");
        config.remove("name");
        return ConnectFixture.onSimulator(config, sim);
    }

    private static PhaseoSimulator simulator(long seed, Workload workload) {
        return PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(Clock.systemUTC()).seed(seed)
                .profile(LifecycleProfile.fast()).workload(workload).build().start();
    }

    /**
     * Every job of {@code sim} has a final row on {@code topic}, and its {@code video.final} event is
     * written exactly once. A job can have more than one final row: a billed job whose
     * {@code completed_at} the reconciler's re-finalization rewrites (billed between a claim and its
     * re-finalization) is written again, still final, but without a second {@code video.final}.
     */
    private static void assertFinalOnce(List<ConnectFixture.Seen> seen, PhaseoSimulator sim, String topic) {
        assertThat(seen.stream().filter(r -> "true".equals(r.headers().get("phaseo.final"))).map(ConnectFixture.Seen::id)
                .collect(Collectors.toSet())).as("jobs with a final row on %s", topic)
                .containsExactlyInAnyOrderElementsOf(sim.jobIds());
        assertThat(seen.stream().filter(r -> r.headers().containsKey("video.final")).map(ConnectFixture.Seen::id))
                .as("video.final events on %s", topic).containsExactlyInAnyOrderElementsOf(sim.jobIds());
    }

    private static boolean allFinal(PhaseoSimulator sim) {
        return sim.jobIds().stream().allMatch(sim::isFinal);
    }

    /** Recipes that need classes this build does not have (Confluent's AvroConverter is not on Maven Central). */
    private static final Set<String> NEED_MISSING_CLASSES = Set.of("warehouse-avro.properties");

    /** One test per recipe: skipped, and shown as skipped, when the worker lacks one of its classes. */
    @TestFactory
    Stream<DynamicTest> theWorkerAcceptsEveryRecipeWhoseClassesItHas() {
        return Recipes.all().stream().map(recipe -> DynamicTest.dynamicTest(recipe.fileName(), () -> {
            Map<String, String> config = recipe.resolved("unused-by-validation");
            config.put("phaseo.api.validate.probe", "false");
            config.putIfAbsent("name", recipe.name()); // a JSON recipe names the connector beside its config
            config.computeIfPresent("phaseo.api.url", (k, v) -> v.replace(":PORT/", ":18080/"));
            Assumptions.assumeTrue(missingClasses(config).isEmpty(),
                    () -> recipe + " needs classes the worker does not have: " + missingClasses(config));
            ConfigInfos result = connect.validateConnectorConfig(ConnectFixture.CONNECTOR_CLASS, config);
            assertThat(ConnectCompat.validationErrors(result)).as("the worker's validation of %s", recipe).isEmpty();
            assertThat(result.errorCount()).isZero();
        }));
    }

    /** Only the recipes known to need absent classes are skipped above: a new skip fails here. */
    @Test
    void onlyTheAvroRecipeNeedsClassesTheWorkerLacks() {
        Set<String> skipped = Recipes.all().stream().filter(r -> !missingClasses(r.resolved("x")).isEmpty())
                .map(Recipe::fileName).collect(Collectors.toSet());
        assertThat(skipped).as("recipes the worker cannot validate here").isEqualTo(NEED_MISSING_CLASSES);
        assertThat(Recipes.all()).extracting(Recipe::fileName).as("recipes validated by the worker")
                .contains("completions-only.properties", "flattened.properties", "warehouse-json.properties",
                        "workspace-studio.json", "workspace-marketing.json");
    }

    @Test
    void completionsOnlyRecipeLetsNothingButCompletionsThrough() throws Exception {
        try (PhaseoSimulator sim = simulator(31, Workload.none())) {
            Recipe recipe = Recipes.named("completions-only.properties");
            String topic = recipe.config().get("topic");
            connect.configureConnector("completions", onSimulator(recipe, sim));
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("completions", 1, "connector did not start");
            // backfill.mode=none: the jobs are created once the connector reads, as live events would be.
            waitFor(() -> sim.stats().count(RequestStats.LIST) > 0, Duration.ofSeconds(30), "the connector's first scan");
            List<String> ids = sim.createJobs(24);
            waitFor(() -> allFinal(sim), Duration.ofSeconds(60), "every job final");

            Set<String> completed = ids.stream().filter(id -> "completed".equals(sim.render(id).path("status").asText()))
                    .collect(Collectors.toSet());
            assertThat(completed).as("jobs that completed").isNotEmpty().hasSizeLessThan(ids.size());
            List<ConnectFixture.Seen> seen = ConnectFixture.readUntil(connect, topic,
                    s -> s.size() >= completed.size(), Duration.ofSeconds(30));

            assertThat(seen).allSatisfy(r -> {
                assertThat(r.headers()).containsEntry("video.completed", r.id()).containsEntry("phaseo.status", "completed");
                assertThat(r.video().path("status").asText()).isEqualTo("completed");
            });
            assertThat(seen).extracting(ConnectFixture.Seen::id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(completed);
            connect.deleteConnector("completions");
        }
    }

    @Test
    void flattenedRecipeWritesFlatRowsWithoutSignedUrls() throws Exception {
        try (PhaseoSimulator sim = simulator(32, Workload.steady(3, Duration.ofSeconds(4), 32))) {
            Recipe recipe = Recipes.named("flattened.properties");
            String topic = recipe.config().get("topic");
            connect.configureConnector("flat", onSimulator(recipe, sim));
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("flat", 1, "connector did not start");

            waitFor(() -> sim.jobIds().size() == 12 && allFinal(sim), Duration.ofSeconds(60), "every job created and final");
            List<ConnectFixture.Seen> seen = ConnectFixture.readUntil(connect, topic, s -> s.stream()
                    .filter(r -> "true".equals(r.headers().get("phaseo.final"))).map(ConnectFixture.Seen::id)
                    .collect(Collectors.toSet()).containsAll(sim.jobIds()), Duration.ofSeconds(60));
            JsonConverter values = new JsonConverter();
            values.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
            boolean sawSettledCost = false;
            for (ConnectFixture.Seen record : seen) {
                SchemaAndValue value = values.toConnectData(topic, ConnectFixture.JSON.writeValueAsBytes(record.video()));
                Schema schema = value.schema();
                assertThat(schema.fields()).allSatisfy(f -> assertThat(f.schema().type()).as(f.name())
                        .isNotIn(Schema.Type.STRUCT, Schema.Type.ARRAY, Schema.Type.MAP));
                Set<String> names = schema.fields().stream().map(Field::name).collect(Collectors.toSet());
                assertThat(names).contains("id", "status", "billing_state", "webhook_delivery_pending_retries",
                                "outputs", "created_at")
                        .doesNotContain("download_url", "expires_at");
                assertThat(record.id()).as("the string key is the job's id").isIn(sim.jobIds())
                        .isEqualTo(record.video().path("payload").path("id").asText());
                JsonNode cost = record.video().path("payload").path("billing_estimated_user_cost_decimal");
                if (!cost.isMissingNode() && !cost.isNull()) {
                    assertThat(cost.isNumber()).as("decimal.format=NUMERIC writes %s as a number", cost).isTrue();
                    sawSettledCost = true;
                }
            }
            // Compared with the ground truth: every job's final state, and its video.final event once.
            assertFinalOnce(seen, sim, topic);
            assertThat(sawSettledCost).as("some record carries a typed cost").isTrue();
            connect.deleteConnector("flat");
        }
    }

    @Test
    void twoWorkspacesRunAsTwoConnectorsOfOneCluster() throws Exception {
        try (PhaseoSimulator studio = simulator(33, Workload.steady(2, Duration.ofSeconds(3), 33));
             PhaseoSimulator marketing = simulator(34, Workload.steady(2, Duration.ofSeconds(3), 34))) {
            Recipe studioRecipe = Recipes.named("workspace-studio.json");
            Recipe marketingRecipe = Recipes.named("workspace-marketing.json");
            connect.configureConnector(studioRecipe.name(), onSimulator(studioRecipe, studio));
            connect.configureConnector(marketingRecipe.name(), onSimulator(marketingRecipe, marketing));
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(studioRecipe.name(), 1, "studio did not start");
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(marketingRecipe.name(), 1,
                    "marketing did not start");

            checkWorkspace(studio, studioRecipe);
            checkWorkspace(marketing, marketingRecipe);
            assertThat(studio.jobIds()).doesNotContainAnyElementsOf(marketing.jobIds());
            connect.deleteConnector(studioRecipe.name());
            connect.deleteConnector(marketingRecipe.name());
        }
    }

    /** The workspace's topic holds the final state of every job of its own API, and nothing else. */
    private static void checkWorkspace(PhaseoSimulator sim, Recipe recipe) throws Exception {
        String topic = recipe.config().get("topic");
        waitFor(() -> allFinal(sim), Duration.ofSeconds(60), "every job of " + recipe.name() + " final");
        List<ConnectFixture.Seen> seen = ConnectFixture.readUntil(connect, topic, s -> s.stream()
                .filter(r -> "true".equals(r.headers().get("phaseo.final"))).map(ConnectFixture.Seen::id)
                .collect(Collectors.toSet()).containsAll(sim.jobIds()), Duration.ofSeconds(60));
        assertThat(seen).extracting(ConnectFixture.Seen::id).isSubsetOf(sim.jobIds());
        assertFinalOnce(seen, sim, topic);
        // Each connector keeps its offsets under its own workspace's source partition.
        String offsets = String.valueOf(connect.connectorOffsets(recipe.name()).offsets().get(0).partition());
        assertThat(offsets).contains(recipe.config().get("phaseo.workspace"));
    }

    /** The converter and transform classes of the config that are not on the classpath. */
    private static List<String> missingClasses(Map<String, String> config) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String key = entry.getKey();
            if (key.endsWith("converter") || key.endsWith(".type") && !key.startsWith("topic.creation.")) {
                try {
                    Class.forName(entry.getValue());
                } catch (ClassNotFoundException e) {
                    missing.add(entry.getValue());
                }
            }
        }
        missing.sort(null);
        return missing;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(Check check, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
