package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Both body shapes against the fixtures: the same field names at every level, of the same JSON
 * types, and value formats as in the samples.
 */
class ShapeTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");
    private static final Pattern ID = Pattern.compile("G-[0-9A-HJKMNP-TV-Z]{26}");
    private static final Pattern DB_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
    private static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final Pattern ISO_SECONDS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    /** JSON types seen at each path ({@code video.billing.state}, {@code video.outputs[].index}…). */
    private static Map<String, Set<JsonNodeType>> typesByPath(List<JsonNode> videos) {
        Map<String, Set<JsonNodeType>> types = new TreeMap<>();
        for (JsonNode video : videos) {
            collect("video", video, types);
        }
        return types;
    }

    private static void collect(String path, JsonNode node, Map<String, Set<JsonNodeType>> types) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = path + "." + field.getKey();
                types.computeIfAbsent(child, k -> new TreeSet<>()).add(field.getValue().getNodeType());
                collect(child, field.getValue(), types);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isObject()) {
                    collect(path + "[]", element, types);
                }
            }
        }
    }

    private static List<JsonNode> fixtureVideos(String... names) {
        List<JsonNode> videos = new ArrayList<>();
        for (String name : names) {
            ApiFixtures.json(name).get("data").forEach(videos::add);
        }
        return videos;
    }

    /** Videos served at several moments, so every status, billing state and webhook outcome shows. */
    private static List<JsonNode> servedVideos(SimBehavior behavior, List<JsonNode> pages) {
        MutableClock clock = new MutableClock(T0);
        List<JsonNode> videos = new ArrayList<>();
        LifecycleProfile mix = LifecycleProfile.realistic().toBuilder().terminalWeights(4, 2, 1, 1)
                .webhookFailureRate(0.4).build();
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(behavior).clock(clock).seed(99)
                .windowSize(1000).profile(mix).workload(Workload.steady(2, Duration.ofMinutes(3), 99))
                .build().start()) {
            SimHttp http = new SimHttp(sim);
            for (Duration at : List.of(Duration.ofSeconds(100), Duration.ofSeconds(200), Duration.ofMinutes(30))) {
                clock.set(T0.plus(at));
                JsonNode page = http.ok("/videos?limit=100");
                pages.add(page);
                for (String id : http.all("limit=100")) {
                    videos.add(sim.render(id));
                }
            }
        }
        return videos;
    }

    /**
     * Same field names as {@code fixture} at every path (plus {@code documentedExtras}), each of a
     * type the fixture shows, or one {@code alsoAllowed} shows for the same path.
     */
    private static void assertSameShape(Map<String, Set<JsonNodeType>> served, Map<String, Set<JsonNodeType>> fixture,
                                        Map<String, Set<JsonNodeType>> documentedExtras,
                                        Map<String, Set<JsonNodeType>> alsoAllowed) {
        Set<String> unknown = new TreeSet<>(served.keySet());
        unknown.removeAll(fixture.keySet());
        unknown.removeAll(documentedExtras.keySet());
        assertThat(unknown).as("fields the fixtures never show").isEmpty();
        Set<String> missing = new TreeSet<>(fixture.keySet());
        missing.removeAll(served.keySet());
        assertThat(missing).as("fixture fields the simulator never serves").isEmpty();
        for (Map.Entry<String, Set<JsonNodeType>> entry : served.entrySet()) {
            Set<JsonNodeType> allowed = new HashSet<>(fixture.getOrDefault(entry.getKey(), Set.of()));
            allowed.addAll(documentedExtras.getOrDefault(entry.getKey(), Set.of()));
            allowed.addAll(alsoAllowed.getOrDefault(entry.getKey(), Set.of()));
            assertThat(allowed).as("types of %s", entry.getKey()).containsAll(entry.getValue());
        }
    }

    @Test
    void codeShapeHasTheFieldsAndTypesOfTheCodeFixtures() {
        List<JsonNode> pages = new ArrayList<>();
        List<JsonNode> served = servedVideos(SimBehavior.GATEWAY_CODE, pages);
        Map<String, Set<JsonNodeType>> fixture = typesByPath(fixtureVideos("list-code-completed-window.json",
                "list-code-failed-cancelled-expired.json", "list-code-mixed.json"));

        // docs/SCHEMA.md: error is an object, a string, or absent; the code's failed jobs carry a string or nothing.
        assertSameShape(typesByPath(served), fixture, Map.of("video.error", Set.of(JsonNodeType.STRING)), Map.of());
        for (JsonNode page : pages) {
            assertThat(fieldNames(page)).isEqualTo(fieldNames(ApiFixtures.json("list-code-mixed.json")));
        }
    }

    @Test
    void docsShapeHasTheFieldsAndTypesOfTheDocsFixture() {
        List<JsonNode> pages = new ArrayList<>();
        List<JsonNode> served = servedVideos(SimBehavior.DOCUMENTED, pages);
        Map<String, Set<JsonNodeType>> fixture = typesByPath(fixtureVideos("list-docs-shape.json"));

        // The sample shows two finished, completed jobs only: other states show null where the
        // docs show nulls, and the types the code sample shows for the same fields (pending
        // retries' times, 502 attempts); failed jobs carry an error object.
        Map<String, Set<JsonNodeType>> elsewhere = typesByPath(fixtureVideos("list-code-completed-window.json",
                "list-code-failed-cancelled-expired.json", "list-code-mixed.json"));
        fixture.keySet().forEach(path -> elsewhere.computeIfAbsent(path, p -> new TreeSet<>()).add(JsonNodeType.NULL));
        assertSameShape(typesByPath(served), fixture, Map.of(
                "video.error", Set.of(JsonNodeType.OBJECT),
                "video.error.code", Set.of(JsonNodeType.STRING),
                "video.error.message", Set.of(JsonNodeType.STRING),
                "video.error.type", Set.of(JsonNodeType.STRING)), elsewhere);
        for (JsonNode video : served) {
            assertThat(fieldNames(video)).as("the docs shape shows every field")
                    .isEqualTo(fieldNames(ApiFixtures.json("list-docs-shape.json").get("data").get(0)));
        }
    }

    @Test
    void codeShapeValuesHaveTheFixtureFormats() {
        List<JsonNode> served = servedVideos(SimBehavior.GATEWAY_CODE, new ArrayList<>());
        Set<String> billingStates = new TreeSet<>();
        Set<String> statuses = new TreeSet<>();
        Set<String> attemptStatuses = new TreeSet<>();
        Set<JsonNodeType> secondsTypes = new HashSet<>();
        for (JsonNode v : served) {
            assertThat(v.get("id").asText()).matches(ID);
            assertThat(v.get("created_at").asText()).matches(DB_TIME);
            if (!v.get("completed_at").isNull()) {
                assertThat(v.get("completed_at").asText()).matches(ISO_MILLIS);
            }
            assertThat(v.get("started_at").isNull()).isTrue();
            JsonNode billing = v.get("billing");
            assertThat(billing.get("currency").asText()).isEqualTo("usd");
            assertThat(billing.get("estimated_user_cost").asText()).matches("\\d+\\.\\d{2}");
            if (billing.has("billed_at")) {
                assertThat(billing.get("billed_at").asText()).matches(DB_TIME);
                assertThat(billing.get("settled_user_cost").asText()).matches("\\d+\\.\\d{2}");
            }
            assertThat(v.get("usage").get("costUsd")).isEqualTo(v.get("usage").get("cost_usd"));
            billingStates.add(billing.get("state").asText());
            statuses.add(v.get("status").asText());
            secondsTypes.add(v.get("seconds").getNodeType());
            if (v.has("webhook")) {
                v.get("webhook").get("attempts").forEach(a -> attemptStatuses.add(a.get("status").asText()));
            }
        }
        assertThat(billingStates).containsExactlyInAnyOrder("estimated", "pending", "settled", "void");
        assertThat(statuses).contains("queued", "completed", "failed", "cancelled", "expired")
                .containsAnyOf("processing", "in_progress");
        assertThat(attemptStatuses).containsExactlyInAnyOrder("delivered", "scheduled_retry", "failed_permanently");
        assertThat(secondsTypes).containsExactlyInAnyOrder(JsonNodeType.STRING, JsonNodeType.NUMBER);
    }

    @Test
    void docsShapeValuesHaveTheFixtureFormats() {
        List<JsonNode> served = servedVideos(SimBehavior.DOCUMENTED, new ArrayList<>());
        for (JsonNode v : served) {
            assertThat(v.get("created_at").isIntegralNumber()).isTrue();
            JsonNode billing = v.get("billing");
            assertThat(billing.get("currency").asText()).isEqualTo("USD");
            assertThat(billing.has("state")).isFalse();
            assertThat(billing.get("estimated_provider_cost").asText()).matches("\\d+\\.\\d{6}");
            if (!billing.get("billed_at").isNull()) {
                assertThat(billing.get("billed_at").asText()).matches(ISO_SECONDS);
            }
            boolean completed = "completed".equals(v.get("status").asText());
            assertThat(v.get("asset").isObject()).isEqualTo(completed);
            assertThat(v.get("outputs").size()).isEqualTo(completed ? 1 : 0);
            assertThat(v.get("error").isObject()).isEqualTo("failed".equals(v.get("status").asText()));
            if (v.get("webhook").isObject()) {
                v.get("webhook").get("attempts").forEach(a -> {
                    assertThat(a.has("status")).isFalse();
                    assertThat(a.get("tried_at").asText()).matches(ISO_MILLIS);
                });
            }
        }
    }

    @Test
    void errorBodiesMatchTheFixtures() {
        try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(new MutableClock(T0)).build().start()) {
            SimHttp http = new SimHttp(sim);
            SimHttp.Reply unauthorised = http.get("/videos?limit=1", "Bearer sk-not-ours");
            SimHttp.Reply notFound = http.get("/videos/G-NOPE");
            sim.disable(ErrorBodies.FEATURE_DISABLED);
            SimHttp.Reply featureDisabled = http.get("/videos?limit=1");
            sim.disable(ErrorBodies.TEMPORARILY_DISABLED);
            SimHttp.Reply temporarilyDisabled = http.get("/videos?limit=1");
            sim.disable(null);
            sim.faults().next(Fault.serverErrorPlainText());
            SimHttp.Reply internal = http.get("/videos?limit=1");

            assertThat(unauthorised.status()).isEqualTo(401);
            assertThat(fieldNames(unauthorised.json())).isEqualTo(fieldNames(ApiFixtures.json("error-401-unauthorised.json")));
            assertThat(unauthorised.json().get("reason").asText()).isEqualTo("invalid_key_format");
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(fieldNames(notFound.json())).isEqualTo(fieldNames(ApiFixtures.json("error-404-not-found.json")));
            assertThat(notFound.json().get("video_id").asText()).isEqualTo("G-NOPE");
            assertThat(featureDisabled.json()).isEqualTo(ApiFixtures.json("error-501-feature-disabled.json"));
            assertThat(temporarilyDisabled.json()).isEqualTo(ApiFixtures.json("error-501-temporarily-disabled.json"));
            assertThat(internal.status()).isEqualTo(500);
            assertThat(internal.contentType()).startsWith("text/plain");
            assertThat(internal.body()).isEqualTo(ApiFixtures.text("error-500-plain-text.txt").strip());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
