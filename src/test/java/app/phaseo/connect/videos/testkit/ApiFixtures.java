package app.phaseo.connect.videos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The one loader of the test resources under {@code fixtures/}: the API sample bodies of
 * {@code fixtures/api/} (lists, errors, as text or as JSON) and the hand-written
 * {@code fixtures/complete-video.json}. Every call reads the file again, so callers may change
 * what they get.
 */
public final class ApiFixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** The list fixture in the published docs' shape. */
    public static final String DOCS_SHAPE = "list-docs-shape.json";

    private static final String API_DIR = "fixtures/api/";

    private ApiFixtures() {
    }

    /** The fixture files holding a list of videos ({@code list-*.json}), by file name, sorted. */
    public static List<String> listFiles() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("list-") && name.endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The videos of one list fixture, in order. */
    public static List<ObjectNode> videos(String file) {
        List<ObjectNode> videos = new ArrayList<>();
        json(file).get("data").forEach(v -> videos.add((ObjectNode) v));
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

    /** A hand-written video with every field of the schema set to a valid value. */
    public static ObjectNode completeVideo() {
        return (ObjectNode) parseTree(resourceText("fixtures/complete-video.json"));
    }

    /** A file of {@code fixtures/api/} (a list or an error body), parsed. */
    public static JsonNode json(String file) {
        return parseTree(text(file));
    }

    /** A file of {@code fixtures/api/} as it is on disk, e.g. the plain-text 500 body. */
    public static String text(String file) {
        return resourceText(API_DIR + file);
    }

    /** The folder of {@code fixtures/api/} on disk. */
    public static Path directory() {
        URL url = ApiFixtures.class.getClassLoader().getResource("fixtures/api");
        if (url == null) {
            throw new IllegalStateException("No test resource fixtures/api");
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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

    /** A JSON object written in a test. */
    public static ObjectNode parse(String json) {
        return (ObjectNode) parseTree(json);
    }

    private static JsonNode parseTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resourceText(String resource) {
        try (InputStream in = ApiFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
