package app.phaseo.connect.videos.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A 64-bit fingerprint of a job's content, with the volatile fields left out (the API re-signs
 * {@code download_url} and {@code expires_at} on every request: docs/CAPTURE.md, "What a change is").
 *
 * <p>Canonical without sorting: an object's hash is the sum of its mixed member hashes, so the
 * order in which the server writes fields does not matter; an array's hash depends on order. A
 * field whose value is {@code null} counts as absent, because one shape omits what another sends
 * as null. Numbers hash by value and integral kind, so {@code 4} and {@code 4.0} differ but a
 * server switching between int and long does not.
 *
 * <p>Some top-level fields are left out because they change without anything happening to the job
 * (docs/CAPTURE.md, "What a change is"): {@code created_at} (a job's creation never moves, but
 * the list sends the database's text where a read by id of an OpenAI job sends OpenAI's epoch
 * seconds), {@code quality} (sent by id only), and the {@code completed_at} of a terminal job
 * whose billing is not yet marked billed: the gateway's reconciler re-finalizes such a job every
 * minute, rewriting {@code completed_at}, possibly forever. The record still shows the current
 * value whenever something else changes.
 */
public final class Fingerprinter {

    private static final long SEED = 0x9E3779B97F4A7C15L;
    /** Field names whose hash is kept; the API sends the same hundred or so in every job. */
    private static final int MAX_CACHED_NAMES = 4_096;

    private final IgnoreNode ignore;
    /**
     * The hash of each field name seen, so a name is hashed once, not once per job: names are
     * nearly half the characters hashed (conversion benchmark). Bounded, so odd names cannot grow it.
     */
    private final Map<String, Long> nameHashes = new ConcurrentHashMap<>();

    /** @param volatilePaths dotted paths such as {@code outputs[].download_url} */
    public Fingerprinter(List<String> volatilePaths) {
        this.ignore = IgnoreNode.of(volatilePaths);
    }

    public long fingerprint(JsonNode video) {
        if (!video.isObject()) {
            return hash(video, ignore);
        }
        boolean finalizing = finalizationLoopMayRewrite(video);
        long sum = 0x6F626A;
        for (Map.Entry<String, JsonNode> field : video.properties()) {
            String name = field.getKey();
            if (name.equals("created_at") || name.equals("quality") || (finalizing && name.equals("completed_at"))) {
                continue;
            }
            sum += member(name, field.getValue(), ignore);
        }
        return mix(sum);
    }

    /**
     * A terminal job whose billing object shows no {@code billed_at}: the reconciler claims it every
     * minute and {@code finalizeVideoJob} rewrites its {@code completed_at} each time.
     */
    static boolean finalizationLoopMayRewrite(JsonNode video) {
        JsonNode status = video.get("status");
        if (status == null || !status.isTextual()
                || !app.phaseo.connect.videos.model.VideoStatus.fromWire(status.textValue()).isTerminal()) {
            return false;
        }
        JsonNode billing = video.get("billing");
        return billing != null && billing.isObject() && !billing.hasNonNull("billed_at");
    }

    private long member(String name, JsonNode value, IgnoreNode ignore) {
        if (value.isNull()) {
            return 0;
        }
        IgnoreNode child = ignore == null ? null : ignore.child(name);
        if (child != null && child.leaf) {
            return 0;
        }
        return mix(nameHash(name) * 31 + hash(value, child));
    }

    private long hash(JsonNode node, IgnoreNode ignore) {
        switch (node.getNodeType()) {
            case OBJECT:
                long sum = 0x6F626A;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    sum += member(field.getKey(), field.getValue(), ignore);
                }
                return mix(sum);
            case ARRAY:
                long h = 0x617272 + node.size();
                IgnoreNode elements = ignore == null ? null : ignore.elements;
                for (JsonNode element : node) {
                    h = mix(h * 31 + hash(element, elements));
                }
                return h;
            case STRING:
                return hashText(node.textValue()) ^ 0x737472;
            case NUMBER:
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return mix(node.longValue() ^ 0x696E74);
                }
                if (node.isDouble() || node.isFloat()) {
                    return mix(Double.doubleToLongBits(node.doubleValue()) ^ 0x646276);
                }
                return hashText(node.asText()) ^ 0x6E756D;
            case BOOLEAN:
                return node.booleanValue() ? 0x74727565L : 0x66616C73L;
            default:
                return 0x6E756C;
        }
    }

    /** {@link #hashText} of a field name, from the cache when it was seen before. */
    private long nameHash(String name) {
        Long cached = nameHashes.get(name);
        if (cached != null) {
            return cached;
        }
        long hash = hashText(name);
        if (nameHashes.size() < MAX_CACHED_NAMES) {
            nameHashes.put(name, hash);
        }
        return hash;
    }

    private static long hashText(String text) {
        long h = SEED ^ text.length();
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /** The MurmurHash3 finaliser: spreads every input bit over the whole word. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    /** A small trie of ignored paths; {@code elements} applies to every element of an array. */
    private static final class IgnoreNode {
        private final Map<String, IgnoreNode> children = new HashMap<>();
        private IgnoreNode elements;
        private boolean leaf;

        static IgnoreNode of(List<String> paths) {
            IgnoreNode root = new IgnoreNode();
            for (String path : paths) {
                IgnoreNode node = root;
                for (String segment : path.trim().split("\\.")) {
                    boolean array = segment.endsWith("[]");
                    String name = array ? segment.substring(0, segment.length() - 2) : segment;
                    node = node.children.computeIfAbsent(name, n -> new IgnoreNode());
                    if (array) {
                        if (node.elements == null) {
                            node.elements = new IgnoreNode();
                        }
                        node = node.elements;
                    }
                }
                node.leaf = true;
            }
            return root;
        }

        IgnoreNode child(String name) {
            return children.get(name);
        }
    }
}
