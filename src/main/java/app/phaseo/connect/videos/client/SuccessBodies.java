package app.phaseo.connect.videos.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of a successful answer: a page of {@code GET /videos} or one video.
 *
 * <p>Anything that is not the shape the API sends (not JSON, cut-off JSON, empty, HTML, an
 * envelope without a {@code data} array, a video of another id) fails with
 * {@link ErrorKind#MALFORMED_RESPONSE}. Inside a page, single entries that are not usable video
 * objects are skipped, counted and logged, so one bad row does not block the rest.
 */
final class SuccessBodies {

    private static final Logger log = LoggerFactory.getLogger(SuccessBodies.class);
    private static final int PREVIEW_CHARS = 80;

    private final ObjectMapper json;
    private final SafeText safe;

    SuccessBodies(ObjectMapper json, SafeText safe) {
        this.json = json;
        this.safe = safe;
    }

    VideoPage listPage(int status, byte[] body, String contentType, HttpUrl url) {
        JsonNode root = readJson(status, body, contentType, url, "a video list");
        if (!root.isObject()) {
            throw malformed(status, url, "the body is a JSON " + typeOf(root) + ", expected an object with a 'data' array", null);
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw malformed(status, url, "'data' is " + (data == null ? "missing" : "a JSON " + typeOf(data))
                    + ", expected an array of videos", null);
        }
        List<ObjectNode> videos = new ArrayList<>(data.size());
        int skipped = 0;
        String firstSkipped = null;
        for (JsonNode entry : data) {
            if (hasUsableId(entry)) {
                videos.add((ObjectNode) entry);
            } else {
                skipped++;
                if (firstSkipped == null) {
                    firstSkipped = safe.clean(entry.toString(), PREVIEW_CHARS);
                }
            }
        }
        if (skipped > 0) {
            log.warn("Skipped {} of {} entries in the answer to {}: not a JSON object with a string 'id' (first: {})",
                    skipped, data.size(), SafeText.describeCall(url), firstSkipped);
        }
        String firstId = textOrNull(root.get("first_id"));
        String lastId = textOrNull(root.get("last_id"));
        if (firstId == null && !videos.isEmpty()) {
            firstId = videos.get(0).get("id").textValue();
        }
        if (lastId == null && !videos.isEmpty()) {
            lastId = videos.get(videos.size() - 1).get("id").textValue();
        }
        return new VideoPage(videos, firstId, lastId, hasMore(root.get("has_more")), skipped, body.length);
    }

    ObjectNode video(int status, byte[] body, String contentType, HttpUrl url, String expectedId) {
        JsonNode root = readJson(status, body, contentType, url, "a video");
        if (!root.isObject()) {
            throw malformed(status, url, "the body is a JSON " + typeOf(root) + ", expected a video object", null);
        }
        if (!hasUsableId(root)) {
            throw malformed(status, url, "the video object has no string 'id'", null);
        }
        String id = root.get("id").textValue();
        if (!id.equals(expectedId)) {
            throw malformed(status, url, "the answer is for video '" + safe.clean(id, PREVIEW_CHARS) + "', not the one asked for", null);
        }
        return (ObjectNode) root;
    }

    private JsonNode readJson(int status, byte[] body, String contentType, HttpUrl url, String expected) {
        if (body.length == 0) {
            throw malformed(status, url, "the body is empty, expected " + expected, null);
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw malformed(status, url, "the body holds no JSON, expected " + expected, null);
            }
            return root;
        } catch (JacksonException e) {
            throw malformed(status, url, "the body is not valid JSON (" + describeBody(body, contentType) + ")", e);
        } catch (IOException e) {
            // Reading from a byte array cannot fail for I/O reasons; treat it like bad JSON all the same.
            throw malformed(status, url, "the body could not be read as JSON", e);
        }
    }

    private String describeBody(byte[] body, String contentType) {
        String preview = safe.preview(body, PREVIEW_CHARS);
        boolean html = (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) || preview.startsWith("<");
        String type = contentType == null ? "no content type" : "content type " + safe.clean(contentType, PREVIEW_CHARS);
        return type + ", " + body.length + " bytes, " + (html ? "an HTML page" : "starting '" + preview + "'");
    }

    private PhaseoApiException malformed(int status, HttpUrl url, String problem, Throwable cause) {
        return new PhaseoApiException(ErrorKind.MALFORMED_RESPONSE,
                "The Phaseo API answered " + SafeText.describeCall(url) + " with HTTP " + status
                        + " and a body it does not send: " + problem + ". Usually a proxy or a bad deploy; retry with backoff.",
                cause == null ? null : safe.scrubbed(cause), status, null, null, null, null);
    }

    private static boolean hasUsableId(JsonNode entry) {
        JsonNode id = entry.get("id");
        return entry.isObject() && id != null && id.isTextual() && !id.textValue().isBlank();
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }

    /** {@code has_more}: a boolean (or the string "true"); anything else, including absent, is false. */
    private static boolean hasMore(JsonNode node) {
        if (node == null) {
            return false;
        }
        return node.isBoolean() ? node.booleanValue() : node.isTextual() && node.textValue().equalsIgnoreCase("true");
    }

    private static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
