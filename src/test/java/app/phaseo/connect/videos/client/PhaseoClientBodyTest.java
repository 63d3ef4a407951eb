package app.phaseo.connect.videos.client;

import static app.phaseo.connect.videos.client.TestSupport.failureOf;
import static app.phaseo.connect.videos.client.TestSupport.json;
import static app.phaseo.connect.videos.client.TestSupport.settings;
import static app.phaseo.connect.videos.client.TestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Success statuses whose bodies are not what the API sends, and bodies over the size cap. */
class PhaseoClientBodyTest {

    private static final long CAP = 1_000;

    @StartStop
    final MockWebServer server = TestSupport.fastServer();

    private PhaseoClient client;

    @BeforeEach
    void createClient() {
        client = new PhaseoClient(settings(server).maxResponseBytes(CAP).build());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private PhaseoApiException listFailsWith(MockResponse response) {
        server.enqueue(response);
        return failureOf(() -> client.listVideos(ListQuery.firstPage(10)));
    }

    private void assertMalformed(MockResponse response, String... messageParts) {
        PhaseoApiException failure = listFailsWith(response);
        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.httpStatus()).isEqualTo(response.getCode());
        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).contains(messageParts);
    }

    @Test
    void aBodyThatIsNotJson() {
        assertMalformed(text(200, "text/plain", "OK"), "not valid JSON", "starting 'OK'");
    }

    @Test
    void cutOffJson() {
        assertMalformed(json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"G-1\",\"status\":"), "not valid JSON");
    }

    @Test
    void anEmptyBody() {
        assertMalformed(json(200, ""), "the body is empty");
    }

    @Test
    void anHtmlPage() {
        assertMalformed(text(200, "text/html", "<html><body>Please log in</body></html>"),
                "content type text/html", "an HTML page");
    }

    @Test
    void dataThatIsNotAnArray() {
        assertMalformed(json(200, "{\"data\":{\"id\":\"G-1\"},\"has_more\":false}"), "'data' is a JSON object");
    }

    @Test
    void anEnvelopeWithoutData() {
        assertMalformed(json(200, "{\"object\":\"list\"}"), "'data' is missing");
    }

    @Test
    void aRootThatIsNotAnObject() {
        assertMalformed(json(200, "[{\"id\":\"G-1\"}]"), "JSON array");
        assertMalformed(json(200, "null"), "JSON null");
    }

    @Test
    void trailingGarbageAfterTheJson() {
        assertMalformed(json(200, "{\"data\":[]} {\"data\":[]}"), "not valid JSON");
    }

    @Test
    void absurdlyDeepNestingIsRefusedByTheParserLimits() {
        try (PhaseoClient uncapped = new PhaseoClient(settings(server).build())) {
            server.enqueue(json(200, "{\"data\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));

            PhaseoApiException failure = failureOf(() -> uncapped.listVideos(ListQuery.firstPage(10)));

            assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(failure.getMessage()).contains("not valid JSON");
        }
    }

    @Test
    void nestingWithinTheLimitsIsJustAnEntryWithoutId() {
        server.enqueue(json(200, "{\"data\":" + "[".repeat(300) + "]".repeat(300) + "}"));

        VideoPage page = client.listVideos(ListQuery.firstPage(10));

        assertThat(page.data()).isEmpty();
        assertThat(page.skippedEntries()).isEqualTo(1);
    }

    @Test
    void aNoContentAnswer() {
        assertMalformed(new MockResponse.Builder().code(204).build(), "the body is empty");
    }

    @Test
    void aBodyExactlyAtTheCapIsRead() {
        String body = padded("{\"data\":[],\"pad\":\"", CAP);
        server.enqueue(json(200, body));

        VideoPage page = client.listVideos(ListQuery.firstPage(1));

        assertThat(page.bodyBytes()).isEqualTo(CAP);
    }

    @Test
    void aBodyOverTheCapWithContentLengthIsRefusedUnread() {
        PhaseoApiException failure = listFailsWith(json(200, padded("{\"data\":[],\"pad\":\"", CAP + 1)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE);
        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).contains("limit of 1000 bytes", "declares 1001 bytes");
    }

    @Test
    void aChunkedBodyOverTheCapIsRefusedWhileReading() {
        PhaseoApiException failure = listFailsWith(new MockResponse.Builder()
                .chunkedBody(padded("{\"data\":[],\"pad\":\"", 50_000), 512).build());

        assertThat(failure.kind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE);
        assertThat(failure.getMessage()).contains("went past the limit while being read");
    }

    @Test
    void aChunkedBodyUnderTheCapIsRead() {
        server.enqueue(new MockResponse.Builder().chunkedBody("{\"data\":[{\"id\":\"G-1\"}]}", 4).build());

        assertThat(client.listVideos(ListQuery.firstPage(1)).data()).hasSize(1);
    }

    @Test
    void aGzippedBodyIsCappedAfterDecoding() throws Exception {
        // 50 kB of JSON that compresses to far less than the cap: the decoded size is what counts.
        Buffer gzipped = new Buffer();
        try (okio.BufferedSink sink = okio.Okio.buffer(new okio.GzipSink(gzipped))) {
            sink.writeUtf8(padded("{\"data\":[],\"pad\":\"", 50_000));
        }
        assertThat(gzipped.size()).isLessThan(CAP);

        PhaseoApiException failure = listFailsWith(new MockResponse.Builder()
                .setHeader("Content-Encoding", "gzip").body(gzipped).build());

        assertThat(failure.kind()).isEqualTo(ErrorKind.RESPONSE_TOO_LARGE);
    }

    @Test
    void anErrorBodyOverTheCapDoesNotHideTheStatus() {
        PhaseoApiException failure = listFailsWith(text(502, "text/plain", "Bad Gateway " + "x".repeat(200_000)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(failure.apiMessage()).startsWith("Bad Gateway xxx").hasSizeLessThan(200);
    }

    /** A JSON object of exactly {@code size} bytes: {@code prefix}, padding, then {@code "}}. */
    private static String padded(String prefix, long size) {
        return prefix + "p".repeat((int) (size - prefix.length() - 2)) + "\"}";
    }
}
