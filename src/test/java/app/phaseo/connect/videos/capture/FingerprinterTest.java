package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.testkit.ApiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record per real change, none per re-signed URL (docs/CAPTURE.md, "What a change is"). */
class FingerprinterTest {

    private final Fingerprinter fingerprinter = new Fingerprinter(PhaseoVideosConfig.DEFAULT_VOLATILE_FIELDS);

    private long fp(JsonNode video) {
        return fingerprinter.fingerprint(video);
    }

    /** What the API does on every request: new signatures and expiry times, nothing else. */
    static ObjectNode resigned(ObjectNode video, int generation) {
        ObjectNode copy = video.deepCopy();
        if (copy.has("download_url")) {
            copy.put("download_url", "https://api.phaseo.app/v1/videos/x/content?download_sig=" + generation);
        }
        if (copy.has("expires_at")) {
            if (copy.get("expires_at").isNumber()) {
                copy.put("expires_at", 1_795_880_145L + generation);
            } else {
                copy.put("expires_at", "2026-11-28T16:0" + generation + ":00.000Z");
            }
        }
        for (JsonNode output : copy.path("outputs")) {
            if (output.isObject()) {
                ((ObjectNode) output).put("download_url", "https://cdn.example/o?sig=" + generation);
                ((ObjectNode) output).put("expires_at", 1_795_880_145L + generation);
            }
        }
        return copy;
    }

    @Test
    void shouldKeepTheFingerprintOfEveryFixtureJobWhenOnlyItsVolatileFieldsAreResigned() {
        int withVolatileValues = 0;
        for (ObjectNode video : ApiFixtures.allVideos()) {
            long original = fp(video);
            for (int generation = 1; generation <= 3; generation++) {
                ObjectNode again = resigned(video, generation);
                assertThat(fp(again)).as(video.get("id").asText()).isEqualTo(original);
            }
            if (!resigned(video, 1).equals(video)) {
                withVolatileValues++;
            }
        }
        assertThat(withVolatileValues).as("fixture jobs whose re-signing changed their JSON").isGreaterThan(20);
    }

    @Test
    void shouldKeepTheFingerprintAcrossTwoRequestsToTheSimulator() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).seed(3).preexisting(20, Duration.ofHours(2))
                .build()) {
            int resignedJobs = 0;
            for (String id : sim.jobIds()) {
                ObjectNode first = sim.render(id);
                clock.advance(Duration.ofMinutes(1));
                ObjectNode second = sim.render(id);
                if (!first.equals(second)) {
                    resignedJobs++;
                }
                assertThat(fp(second)).as(id).isEqualTo(fp(first));
            }
            assertThat(resignedJobs).as("jobs the simulator served differently a minute later").isPositive();
        }
    }

    @Test
    void shouldIgnoreVolatileFieldsOnlyWhereTheyAreVolatile() {
        ObjectNode video = ApiFixtures.allVideos().get(0);
        ObjectNode nested = video.deepCopy();
        nested.putObject("asset").put("download_url", "https://a");
        ObjectNode nestedChanged = nested.deepCopy();
        ((ObjectNode) nestedChanged.get("asset")).put("download_url", "https://b");
        ObjectNode billing = video.deepCopy();
        ((ObjectNode) billing.get("billing")).put("expires_at", "2026-01-01T00:00:00Z");
        ObjectNode billingChanged = video.deepCopy();
        ((ObjectNode) billingChanged.get("billing")).put("expires_at", "2026-01-02T00:00:00Z");

        assertThat(fp(nestedChanged)).isNotEqualTo(fp(nested));
        assertThat(fp(billingChanged)).isNotEqualTo(fp(billing));
    }

    @Test
    void shouldIgnoreTheOrderOfAnObjectsFields() {
        for (ObjectNode video : ApiFixtures.allVideos()) {
            assertThat(fp(reversedFields(video))).isEqualTo(fp(video));
        }
    }

    /** The same object with the fields of every object in reverse order. */
    private static JsonNode reversedFields(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            ObjectNode out = ApiFixtures.MAPPER.createObjectNode();
            for (int i = fields.size() - 1; i >= 0; i--) {
                out.set(fields.get(i).getKey(), reversedFields(fields.get(i).getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = ApiFixtures.MAPPER.createArrayNode();
            node.forEach(element -> out.add(reversedFields(element)));
            return out;
        }
        return node;
    }

    @Test
    void shouldCountANullFieldAsAbsentAtEveryDepth() {
        for (ObjectNode video : ApiFixtures.allVideos()) {
            assertThat(fp(withoutNulls(video))).as(video.get("id").asText()).isEqualTo(fp(video));
        }
        ObjectNode withNull = ApiFixtures.parse("{\"id\":\"G-1\",\"status\":\"queued\",\"error\":null,"
                + "\"billing\":{\"state\":\"estimated\",\"billed_at\":null}}");
        ObjectNode without = ApiFixtures.parse("{\"id\":\"G-1\",\"status\":\"queued\",\"billing\":{\"state\":\"estimated\"}}");
        assertThat(fp(withNull)).isEqualTo(fp(without));
    }

    private static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    strip(e.getValue());
                }
            }
            ((ObjectNode) node).remove(nulls);
        } else if (node.isArray()) {
            node.forEach(FingerprinterTest::strip);
        }
    }

    /** The top-level fields the fingerprint leaves out on purpose (see {@link Fingerprinter}). */
    private static boolean leftOut(ObjectNode video, String path) {
        return path.equals("created_at") || path.equals("quality")
                || (path.equals("completed_at") && Fingerprinter.finalizationLoopMayRewrite(video));
    }

    /**
     * A terminal job waiting for its billing mark has its completed_at rewritten every minute by the
     * gateway's finalization: not an event. Once billed, completed_at counts again (a billed job is
     * an anchor of the window proof, and anything rewriting it must show). created_at and quality
     * differ between the list and a read by id, and never mark a change.
     */
    @Test
    void shouldLeaveOutTimesThatMoveWithoutAnythingHappening() {
        ObjectNode unbilled = ApiFixtures.parse("{\"id\":\"G-1\",\"status\":\"completed\",\"completed_at\":\"2026-11-28T12:00:00.000Z\","
                + "\"created_at\":\"2026-11-28 11:58:00.1+00:00\",\"billing\":{\"state\":\"settled\",\"billed_at\":null}}");
        ObjectNode rewritten = unbilled.deepCopy().put("completed_at", "2026-11-28T12:01:00.000Z");
        ObjectNode billed = unbilled.deepCopy();
        ((ObjectNode) billed.get("billing")).put("billed_at", "2026-11-28 12:02:00+00:00");
        ObjectNode billedRewritten = billed.deepCopy().put("completed_at", "2026-11-28T12:03:00.000Z");
        ObjectNode processing = unbilled.deepCopy().put("status", "processing");
        ObjectNode processingMoved = processing.deepCopy().put("completed_at", "2026-11-28T12:01:00.000Z");
        ObjectNode byId = unbilled.deepCopy().put("created_at", 1_795_867_080L).put("quality", "standard");

        assertThat(fp(rewritten)).as("completed_at of a terminal unbilled job").isEqualTo(fp(unbilled));
        assertThat(fp(byId)).as("created_at and quality").isEqualTo(fp(unbilled));
        assertThat(fp(billed)).as("the billing mark itself").isNotEqualTo(fp(unbilled));
        assertThat(fp(billedRewritten)).as("completed_at of a billed job").isNotEqualTo(fp(billed));
        assertThat(fp(processingMoved)).as("completed_at of a job in flight").isNotEqualTo(fp(processing));
    }

    /**
     * Every leaf of every fixture job, changed on its own: the fingerprint changes, unless the leaf
     * is one of the volatile fields or one the fingerprint leaves out.
     */
    @Test
    void shouldChangeWithEveryOtherLeafOfEveryFixtureJob() {
        int changed = 0;
        for (ObjectNode video : ApiFixtures.allVideos()) {
            long original = fp(video);
            List<String> paths = new ArrayList<>();
            collectLeaves(video, "", paths);
            for (String path : paths) {
                ObjectNode mutated = video.deepCopy();
                mutateLeaf(mutated, path);
                boolean isVolatile = PhaseoVideosConfig.DEFAULT_VOLATILE_FIELDS.contains(path.replaceAll("\\[\\d+]", "[]"))
                        || leftOut(video, path);
                if (isVolatile) {
                    assertThat(fp(mutated)).as(path).isEqualTo(original);
                } else {
                    assertThat(fp(mutated)).as("%s of %s", path, video.get("id").asText()).isNotEqualTo(original);
                    changed++;
                }
            }
        }
        assertThat(changed).isGreaterThan(2_000);
    }

    private static void collectLeaves(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> collectLeaves(e.getValue(), path.isEmpty() ? e.getKey()
                    : path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLeaves(node.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.add(path);
        }
    }

    /** Changes the leaf at {@code path} (dotted, with [i] indexes) to a different value of some kind. */
    private static void mutateLeaf(JsonNode root, String path) {
        String[] segments = path.split("\\.");
        JsonNode parent = root;
        for (int s = 0; s < segments.length; s++) {
            String segment = segments[s];
            String name = segment.contains("[") ? segment.substring(0, segment.indexOf('[')) : segment;
            List<Integer> indexes = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(segment);
            while (m.find()) {
                indexes.add(Integer.parseInt(m.group(1)));
            }
            boolean last = s == segments.length - 1;
            if (last && indexes.isEmpty()) {
                ((ObjectNode) parent).set(name, changed(parent.get(name)));
                return;
            }
            JsonNode node = parent.get(name);
            for (int k = 0; k < indexes.size(); k++) {
                if (last && k == indexes.size() - 1) {
                    ((ArrayNode) node).set(indexes.get(k), changed(node.get(indexes.get(k))));
                    return;
                }
                node = node.get(indexes.get(k));
            }
            parent = node;
        }
    }

    private static JsonNode changed(JsonNode leaf) {
        var nodes = ApiFixtures.MAPPER.getNodeFactory();
        if (leaf.isNull()) {
            return nodes.textNode("now set");
        }
        if (leaf.isTextual()) {
            return nodes.textNode(leaf.textValue() + "x");
        }
        if (leaf.isBoolean()) {
            return nodes.booleanNode(!leaf.booleanValue());
        }
        if (leaf.isIntegralNumber()) {
            return nodes.numberNode(leaf.longValue() + 1);
        }
        return nodes.numberNode(leaf.doubleValue() + 0.5);
    }

    @Test
    void shouldChangeWhenAnArrayIsReorderedOrAnElementAddedOrRemoved() {
        ObjectNode video = ApiFixtures.video("list-code-completed-window.json", "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4");
        ObjectNode swapped = video.deepCopy();
        ArrayNode attempts = (ArrayNode) swapped.path("webhook").path("attempts");
        JsonNode first = attempts.get(0);
        attempts.set(0, attempts.get(1));
        attempts.set(1, first);
        ObjectNode events = video.deepCopy();
        ArrayNode list = (ArrayNode) events.path("webhook").path("events");
        list.insert(0, list.remove(list.size() - 1));
        ObjectNode removed = video.deepCopy();
        ((ArrayNode) removed.path("webhook").path("attempts")).remove(2);
        ObjectNode docs = ApiFixtures.video(ApiFixtures.DOCS_SHAPE, "G-01M8H99GQ1540YTHR8W1STSVVM");
        ObjectNode added = docs.deepCopy();
        ((ArrayNode) added.path("outputs")).addObject().put("index", 1);
        ObjectNode emptied = docs.deepCopy();
        emptied.putArray("outputs");

        assertThat(attempts.get(0)).isNotEqualTo(attempts.get(1));
        assertThat(docs.path("outputs").size()).isEqualTo(1);
        assertThat(List.of(fp(swapped), fp(events), fp(removed))).doesNotContain(fp(video)).doesNotHaveDuplicates();
        assertThat(List.of(fp(added), fp(emptied))).doesNotContain(fp(docs)).doesNotHaveDuplicates();
    }

    @Test
    void shouldTellNumberKindsApartButNotIntFromLong() {
        long four = fp(ApiFixtures.parse("{\"seconds\":4}"));

        assertThat(fp(ApiFixtures.parse("{\"seconds\":4.0}"))).isNotEqualTo(four);
        assertThat(fp(ApiFixtures.parse("{\"seconds\":\"4\"}"))).isNotEqualTo(four);
        assertThat(fp(ApiFixtures.parse("{\"seconds\":true}"))).isNotEqualTo(fp(ApiFixtures.parse("{\"seconds\":\"true\"}")));
        ObjectNode asLong = ApiFixtures.MAPPER.createObjectNode().put("seconds", 4L);
        ObjectNode asInt = ApiFixtures.MAPPER.createObjectNode().put("seconds", 4);
        assertThat(fp(asLong)).isEqualTo(fp(asInt)).isEqualTo(four);
        assertThat(fp(ApiFixtures.parse("{\"n\":123456789012345678901234567890}")))
                .isNotEqualTo(fp(ApiFixtures.parse("{\"n\":123456789012345678901234567891}")));
        assertThat(fp(ApiFixtures.MAPPER.createObjectNode().put("n", new BigInteger("123456789012345678901234567890"))))
                .isEqualTo(fp(ApiFixtures.parse("{\"n\":123456789012345678901234567890}")));
    }

    @Test
    void shouldBindEachValueToItsName() {
        assertThat(fp(ApiFixtures.parse("{\"a\":1,\"b\":2}"))).isNotEqualTo(fp(ApiFixtures.parse("{\"a\":2,\"b\":1}")));
        assertThat(fp(ApiFixtures.parse("{\"a\":{\"b\":1}}"))).isNotEqualTo(fp(ApiFixtures.parse("{\"a\":{\"c\":1}}")));
        assertThat(fp(ApiFixtures.parse("{\"a\":[1,2]}"))).isNotEqualTo(fp(ApiFixtures.parse("{\"a\":[[1,2]]}")));
        assertThat(fp(ApiFixtures.parse("{\"a\":\"\"}"))).isNotEqualTo(fp(ApiFixtures.parse("{}")));
    }

    @Test
    void shouldGiveEveryFixtureJobAFingerprintOfItsOwn() {
        Map<Long, String> seen = new HashMap<>();
        for (String file : ApiFixtures.listFiles()) {
            for (ObjectNode video : ApiFixtures.videos(file)) {
                String previous = seen.put(fp(video), file + "/" + video.get("id").asText());
                assertThat(previous).as("fingerprint collision").isNull();
            }
        }
    }

    @Test
    void shouldIgnoreExactlyTheConfiguredPaths() {
        Fingerprinter none = new Fingerprinter(List.of());
        Fingerprinter custom = new Fingerprinter(List.of("usage.cost", "webhook.attempts[].tried_at"));
        ObjectNode video = ApiFixtures.video("list-code-completed-window.json", "G-01M8HC0WG1QSQ5C6MQEEFXJ9A4");
        ObjectNode resigned = resigned(video, 5);
        ObjectNode costChanged = video.deepCopy();
        ((ObjectNode) costChanged.get("usage")).put("cost", 99.5);
        ObjectNode triedChanged = video.deepCopy();
        ((ObjectNode) triedChanged.path("webhook").path("attempts").get(1)).put("tried_at", "2030-01-01T00:00:00.000Z");
        ObjectNode usageCostUsdChanged = video.deepCopy();
        ((ObjectNode) usageCostUsdChanged.get("usage")).put("cost_usd", 99.5);

        assertThat(none.fingerprint(resigned)).isNotEqualTo(none.fingerprint(video));
        assertThat(custom.fingerprint(resigned)).isNotEqualTo(custom.fingerprint(video));
        assertThat(custom.fingerprint(costChanged)).isEqualTo(custom.fingerprint(video));
        assertThat(custom.fingerprint(triedChanged)).isEqualTo(custom.fingerprint(video));
        assertThat(custom.fingerprint(usageCostUsdChanged)).isNotEqualTo(custom.fingerprint(video));
    }
}
