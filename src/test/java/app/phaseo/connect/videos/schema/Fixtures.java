package app.phaseo.connect.videos.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The API sample bodies, copied from shared/fixtures/api into the test resources. */
final class Fixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    /** The fixture files holding a list of videos (list-*.json), by file name. */
    static List<String> listFiles() {
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
    static List<ObjectNode> videos(String file) {
        JsonNode data = read("fixtures/api/" + file).get("data");
        List<ObjectNode> videos = new ArrayList<>();
        data.forEach(video -> videos.add((ObjectNode) video));
        return videos;
    }

    /** Every video of every list fixture. */
    static List<ObjectNode> allVideos() {
        List<ObjectNode> all = new ArrayList<>();
        listFiles().forEach(file -> all.addAll(videos(file)));
        return all;
    }

    /** The video with this id in this fixture. */
    static ObjectNode video(String file, String id) {
        return videos(file).stream()
                .filter(video -> id.equals(video.path("id").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No video " + id + " in " + file));
    }

    /** A hand-written video with every field of the schema set to a valid value; a fresh copy each call. */
    static ObjectNode completeVideo() {
        return (ObjectNode) read("fixtures/complete-video.json");
    }

    static Path directory() {
        try {
            return Paths.get(Fixtures.class.getClassLoader().getResource("fixtures/api").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
