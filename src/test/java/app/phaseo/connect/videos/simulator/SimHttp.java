package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: real HTTP calls to a running simulator with {@link HttpClient}. */
final class SimHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final PhaseoSimulator sim;

    SimHttp(PhaseoSimulator sim) {
        this.sim = sim;
    }

    /** An answer. */
    record Reply(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    /** GET {@code baseUrl + pathAndQuery} with the right key. */
    Reply get(String pathAndQuery) {
        return get(pathAndQuery, "Bearer " + sim.apiKey());
    }

    /** GET with the given Authorization header (none when null). */
    Reply get(String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A 200 JSON object answer. */
    ObjectNode ok(String pathAndQuery) {
        Reply reply = get(pathAndQuery);
        assertThat(reply.status()).as("status of %s: %s", pathAndQuery, reply.body()).isEqualTo(200);
        return (ObjectNode) reply.json();
    }

    /** The ids of a list answer's {@code data}. */
    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(v -> ids.add(v.get("id").asText()));
        return ids;
    }

    /** Pages {@code /videos?<query>&after=…} until {@code has_more} is false (at most 1000 pages). */
    List<String> all(String query) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 1000; i++) {
            ObjectNode page = ok("/videos?" + query + (after == null ? "" : "&after=" + after));
            ids.addAll(ids(page));
            if (!page.get("has_more").asBoolean() || page.get("data").isEmpty()) {
                return ids;
            }
            after = page.get("last_id").asText();
        }
        throw new AssertionError("too many pages");
    }
}
