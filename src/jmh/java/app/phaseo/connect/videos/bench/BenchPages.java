package app.phaseo.connect.videos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pages of jobs built from the API fixtures ({@code src/test/resources/fixtures/api}): the jobs of
 * the gateway-code listings (completed, failed, cancelled, expired, queued, processing) and of the
 * docs listing, each given a fresh ULID id, in a list envelope as the API sends it.
 */
public final class BenchPages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CODE = {"list-code-completed-window.json", "list-code-failed-cancelled-expired.json",
        "list-code-mixed.json"};
    private static final String[] DOCS = {"list-docs-shape.json"};
    /** 2026-11-28T15:00:00Z: the fixtures' day. */
    private static final long BASE_MILLIS = 1_795_878_000_000L;

    private BenchPages() {
    }

    /**
     * A page of {@code size} jobs, {@code docsShare} of them (rounded) in the docs shape and the rest in the
     * gateway code's shape, fixtures taken in turn; ids are unique and sorted newest first.
     */
    public static byte[] page(int size, double docsShare, long seed) {
        List<ObjectNode> code = jobs(CODE);
        List<ObjectNode> docs = jobs(DOCS);
        SplittableRandom random = new SplittableRandom(seed);
        int docsEvery = docsShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / docsShare);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("object", "list");
        ArrayNode data = envelope.putArray("data");
        int c = 0;
        int d = 0;
        for (int i = 0; i < size; i++) {
            ObjectNode job = (i % docsEvery == docsEvery - 1 ? docs.get(d++ % docs.size()) : code.get(c++ % code.size())).deepCopy();
            job.put("id", "G-" + BenchIds.ulid(BASE_MILLIS - i * 1_000L, random));
            data.add(job);
        }
        envelope.put("first_id", data.get(0).get("id").textValue());
        envelope.put("last_id", data.get(size - 1).get("id").textValue());
        envelope.put("has_more", true);
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ObjectNode> jobs(String[] files) {
        List<ObjectNode> jobs = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = BenchPages.class.getResourceAsStream("/fixtures/api/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("fixture not on the classpath: " + file);
                }
                for (JsonNode job : JSON.readTree(in).get("data")) {
                    jobs.add((ObjectNode) job);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jobs;
    }
}
