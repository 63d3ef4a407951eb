package app.phaseo.connect.videos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The API sample bodies of {@code fixtures/api/}, for tests outside the schema package. */
public final class ApiFixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** The list fixtures in the gateway code's shape. */
    public static final List<String> CODE_SHAPE = List.of("list-code-completed-window.json",
            "list-code-failed-cancelled-expired.json", "list-code-mixed.json");
    /** The list fixture in the published docs' shape. */
    public static final String DOCS_SHAPE = "list-docs-shape.json";

    private ApiFixtures() {
    }

    /** Every list fixture that holds videos. */
    public static List<String> listFiles() {
        List<String> files = new ArrayList<>(CODE_SHAPE);
        files.add(DOCS_SHAPE);
        return files;
    }

    /** The videos of one list fixture, in order; fresh copies on every call. */
    public static List<ObjectNode> videos(String file) {
        List<ObjectNode> videos = new ArrayList<>();
        read("fixtures/api/" + file).get("data").forEach(v -> videos.add((ObjectNode) v));
        return videos;
    }

    /** Every video of every list fixture. */
    public static List<ObjectNode> allVideos() {
        List<ObjectNode> all = new ArrayList<>();
        listFiles().forEach(f -> all.addAll(videos(f)));
        return all;
    }

    /** The video with this id in this fixture. */
    public static ObjectNode video(String file, String id) {
        return videos(file).stream().filter(v -> id.equals(v.path("id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("No video " + id + " in " + file));
    }

    /** The first video of a fixture whose status (as sent) is {@code status}. */
    public static ObjectNode firstWithStatus(String file, String status) {
        return videos(file).stream().filter(v -> status.equals(v.path("status").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("No " + status + " video in " + file));
    }

    /** Calls {@code visitor} with the dotted path and value of every field under {@code node}, arrays as {@code []}. */
    public static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> visitor) {
        if (node.isObject()) {
            node.properties().forEach(e -> walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                    visitor));
        } else if (node.isArray()) {
            node.forEach(element -> walk(element, path + "[]", visitor));
        } else {
            visitor.accept(path, node);
        }
    }

    public static JsonNode read(String resource) {
        try (InputStream in = ApiFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
