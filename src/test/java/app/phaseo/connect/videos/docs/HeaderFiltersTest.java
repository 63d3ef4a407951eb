package app.phaseo.connect.videos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.Recipes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What docs/RECIPES.md says about selecting transitions with Kafka's stock {@code Filter} and
 * {@code HasHeaderKey}, checked on records with and without the event headers: the completions
 * recipe keeps completions only, and a chain of negated {@code Filter}s is an AND (a record must
 * carry every header), not an OR. The transforms and predicates are Kafka's own classes, configured
 * from the recipe's keys; {@code RecipesIT} runs the recipe on a worker.
 */
class HeaderFiltersTest {

    private static final String RECIPE = "completions-only.properties";

    /** A record of the connector's topic carrying the given event headers (value: the video id, as the connector sets). */
    private static SourceRecord record(String... events) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("phaseo.status", "completed");
        for (String event : events) {
            headers.addString(event, "G-1");
        }
        return new SourceRecord(null, null, "phaseo.videos", null, Schema.STRING_SCHEMA, "G-1", Schema.STRING_SCHEMA,
                "{\"id\":\"G-1\"}", 0L, headers);
    }

    @Test
    void theCompletionsRecipeKeepsCompletionsAndDropsTheRest() {
        Chain chain = Chain.of(Recipes.named(RECIPE).config());

        assertThat(chain.keeps(record("video.completed"))).as("a completion").isTrue();
        assertThat(chain.keeps(record("video.created", "video.completed"))).as("a job first seen completed").isTrue();
        assertThat(chain.keeps(record("video.completed", "video.final"))).as("completed and final at once").isTrue();
        assertThat(chain.keeps(record("video.processing"))).as("a job starting").isFalse();
        assertThat(chain.keeps(record("video.failed"))).as("a failure").isFalse();
        assertThat(chain.keeps(record("video.billing_settled", "video.final"))).as("a completed job settling").isFalse();
        assertThat(chain.keeps(record())).as("a progress update, no transition").isFalse();
    }

    @Test
    void chainedNegatedFiltersKeepOnlyRecordsWithEveryHeader() {
        // The recipe plus a second negated Filter on video.failed: what "chain a second Filter" used to suggest
        // for following completions and failures.
        Map<String, String> config = new LinkedHashMap<>(Recipes.named(RECIPE).config());
        config.put("transforms", config.get("transforms") + ",onlyFailures");
        config.put("transforms.onlyFailures.type", "org.apache.kafka.connect.transforms.Filter");
        config.put("transforms.onlyFailures.predicate", "isFailure");
        config.put("transforms.onlyFailures.negate", "true");
        config.put("predicates", config.get("predicates") + ",isFailure");
        config.put("predicates.isFailure.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey");
        config.put("predicates.isFailure.name", "video.failed");
        Chain chain = Chain.of(config);

        assertThat(chain.keeps(record("video.completed"))).as("a completion").isFalse();
        assertThat(chain.keeps(record("video.failed"))).as("a failure").isFalse();
        assertThat(chain.keeps(record("video.completed", "video.failed"))).as("both headers: AND").isTrue();
    }

    @Test
    void theRecipesPageAndTheRecipeSayAChainIsAnAnd() throws IOException {
        String readme = asOneLine(Files.readString(Path.of("docs/RECIPES.md"), StandardCharsets.UTF_8));
        String recipe = asOneLine(Files.readString(Recipes.DIR.resolve(RECIPE), StandardCharsets.UTF_8));

        assertThat(readme).contains("keeps only the records that carry **every** header (an AND)")
                .doesNotContain("`HasHeaderKey` to combine them");
        assertThat(recipe).contains("keeps only the records carrying both headers (an AND");
    }

    /** The text with its line breaks (and a comment's leading {@code #}) made single spaces, as a reader reads it. */
    private static String asOneLine(String text) {
        return text.replaceAll("[ \\t]*\\R[ \\t]*#?[ \\t]*", " ");
    }

    /**
     * The {@code transforms} of a connector config, applied as a Connect worker applies them
     * (KIP-585, {@code TransformationStage}): a transform with a predicate runs on the records its
     * predicate matches, or with {@code negate=true} on those it does not; {@code Filter} drops
     * what it runs on.
     */
    private record Chain(List<UnaryOperator<SourceRecord>> stages) {

        static Chain of(Map<String, String> config) {
            List<UnaryOperator<SourceRecord>> stages = new ArrayList<>();
            for (String alias : config.get("transforms").split(",")) {
                String prefix = "transforms." + alias.trim() + ".";
                Transformation<SourceRecord> transform = newInstance(config.get(prefix + "type"));
                transform.configure(ownKeys(config, prefix));
                String predicateAlias = config.get(prefix + "predicate");
                if (predicateAlias == null) {
                    stages.add(transform::apply);
                    continue;
                }
                String predicatePrefix = "predicates." + predicateAlias + ".";
                Predicate<SourceRecord> predicate = newInstance(config.get(predicatePrefix + "type"));
                predicate.configure(ownKeys(config, predicatePrefix));
                boolean negate = Boolean.parseBoolean(config.getOrDefault(prefix + "negate", "false"));
                stages.add(r -> predicate.test(r) != negate ? transform.apply(r) : r);
            }
            return new Chain(stages);
        }

        boolean keeps(SourceRecord record) {
            SourceRecord current = record;
            for (UnaryOperator<SourceRecord> stage : stages) {
                current = stage.apply(current);
                if (current == null) {
                    return false;
                }
            }
            return true;
        }

        /** The keys under {@code prefix}, without it; the worker's own keys (type, predicate, negate) left out. */
        private static Map<String, String> ownKeys(Map<String, String> config, String prefix) {
            Map<String, String> own = new LinkedHashMap<>();
            config.forEach((k, v) -> {
                String key = k.startsWith(prefix) ? k.substring(prefix.length()) : null;
                if (key != null && !List.of("type", "predicate", "negate").contains(key)) {
                    own.put(key, v);
                }
            });
            return own;
        }

        @SuppressWarnings("unchecked")
        private static <T> T newInstance(String className) {
            try {
                return (T) Class.forName(className).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("Cannot create " + className, e);
            }
        }
    }
}
