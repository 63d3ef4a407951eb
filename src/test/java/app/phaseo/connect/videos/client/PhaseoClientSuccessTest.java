package app.phaseo.connect.videos.client;

import static app.phaseo.connect.videos.client.TestSupport.FAKE_KEY;
import static app.phaseo.connect.videos.client.TestSupport.failureOf;
import static app.phaseo.connect.videos.client.TestSupport.json;
import static app.phaseo.connect.videos.client.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import app.phaseo.connect.videos.testkit.LogCapture;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PhaseoClientSuccessTest {

    @StartStop
    final MockWebServer server = TestSupport.fastServer();

    private PhaseoClient client;

    @BeforeEach
    void createClient() {
        client = new PhaseoClient(settings(server).build());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request).as("request reached the server").isNotNull();
        return request;
    }

    @Test
    void readsAPageInTheGatewayCodeShape() throws Exception {
        String body = ApiFixtures.text("list-code-mixed.json");
        server.enqueue(json(200, body));

        VideoPage page = client.listVideos(ListQuery.firstPage(50));

        assertThat(page.data()).extracting(video -> video.get("id").textValue()).containsExactly(
                "G-01M8HC0VGRQKGPARXB7XCMX24W", "G-01M8HC0THE880R02JK6GNYPAHK", "G-01M8HC0SJ4G588FPPVJJX8SA41");
        assertThat(page.firstId()).isEqualTo("G-01M8HC0VGRQKGPARXB7XCMX24W");
        assertThat(page.lastId()).isEqualTo("G-01M8HC0SJ4G588FPPVJJX8SA41");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.skippedEntries()).isZero();
        assertThat(page.bodyBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        // The objects are passed on whole, unknown fields included.
        assertThat(page.data().get(0).has("lifecycle_status")).isTrue();
    }

    @Test
    void readsAPageInThePublishedDocsShape() {
        server.enqueue(json(200, ApiFixtures.text("list-docs-shape.json")));

        VideoPage page = client.listVideos(ListQuery.firstPage(2));

        assertThat(page.data()).hasSize(2);
        assertThat(page.firstId()).isEqualTo("G-01M8H99GQ1540YTHR8W1STSVVM");
        assertThat(page.lastId()).isEqualTo("G-01M8H6HM71PVVVS11G820WBB03");
        assertThat(page.data().get(0).get("created_at").isNumber()).isTrue();
    }

    @Test
    void readsTheEmptyPageTheGatewayGivesWithoutLimit() {
        server.enqueue(json(200, ApiFixtures.text("list-code-no-limit-param.json")));

        VideoPage page = client.listVideos(ListQuery.firstPage(10));

        assertThat(page.data()).isEmpty();
        assertThat(page.firstId()).isNull();
        assertThat(page.lastId()).isNull();
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void alwaysSendsLimitAndTheKeyAsBearerToken() throws Exception {
        server.enqueue(json(200, "{\"data\":[]}"));

        client.listVideos(ListQuery.firstPage(50));

        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/videos");
        assertThat(request.getUrl().queryParameterNames()).containsExactly("limit");
        assertThat(request.getUrl().queryParameter("limit")).isEqualTo("50");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo(ClientSettings.DEFAULT_USER_AGENT);
    }

    @Test
    void sendsStatusesCommaJoinedAndEncodesAfterAndOrder() throws Exception {
        server.enqueue(json(200, "{\"data\":[]}"));

        client.listVideos(new ListQuery(100, List.of("queued", "processing"), "G-01 x&y=z#", SortOrder.ASC));

        RecordedRequest request = takeRequest();
        assertThat(request.getUrl().queryParameter("limit")).isEqualTo("100");
        assertThat(request.getUrl().queryParameter("status")).isEqualTo("queued,processing");
        assertThat(request.getUrl().queryParameter("order")).isEqualTo("asc");
        assertThat(request.getUrl().queryParameter("after")).isEqualTo("G-01 x&y=z#");
        assertThat(request.getUrl().encodedQuery())
                .isEqualTo("limit=100&status=queued,processing&order=asc&after=G-01%20x%26y%3Dz%23");
    }

    @Test
    void sendsDescendingOrderAsDesc() throws Exception {
        server.enqueue(json(200, "{\"data\":[]}"));

        client.listVideos(new ListQuery(5, List.of(), null, SortOrder.DESC));

        assertThat(takeRequest().getUrl().encodedQuery()).isEqualTo("limit=5&order=desc");
    }

    @Test
    void buildsPathsBelowABaseUrlWithATrailingSlash() throws Exception {
        try (PhaseoClient slashClient = new PhaseoClient(settings(server.url("/v1/")).build())) {
            server.enqueue(json(200, "{\"data\":[]}"));
            slashClient.listVideos(ListQuery.firstPage(1));
        }
        assertThat(takeRequest().getUrl().encodedPath()).isEqualTo("/v1/videos");
    }

    @Test
    void ignoresUnknownEnvelopeFieldsAndTreatsMissingHasMoreAsFalse() {
        server.enqueue(json(200, "{\"object\":\"list\",\"cursor_v2\":{\"x\":1},\"data\":[{\"id\":\"G-A\"},{\"id\":\"G-B\"}]}"));

        VideoPage page = client.listVideos(ListQuery.firstPage(2));

        assertThat(page.hasMore()).isFalse();
        // Without first_id/last_id in the envelope, the page's own ends stand in.
        assertThat(page.firstId()).isEqualTo("G-A");
        assertThat(page.lastId()).isEqualTo("G-B");
    }

    @Test
    void skipsCountsAndLogsEntriesThatAreNotVideosWithAnId() {
        server.enqueue(json(200, "{\"data\":[{\"id\":\"G-A\"},42,{\"object\":\"video\",\"status\":\"queued\"},"
                + "{\"id\":7},{\"id\":\"\"},null,\"G-X\",[],{\"id\":null},{\"id\":\"G-B\"}],\"has_more\":false}"));

        try (LogCapture logs = LogCapture.of("app.phaseo.connect.videos.client").andJul("okhttp3")) {
            VideoPage page = client.listVideos(ListQuery.firstPage(10));

            assertThat(page.data()).extracting(video -> video.get("id").textValue()).containsExactly("G-A", "G-B");
            assertThat(page.skippedEntries()).isEqualTo(8);
            assertThat(logs.linesAt("WARN")).singleElement().asString()
                    .contains("Skipped 8 of 10 entries", "GET /v1/videos", "first: 42");
        }
    }

    @Test
    void getsOneVideoWithItsIdPathEncoded() throws Exception {
        server.enqueue(json(200, "{\"id\":\"G-1/../x?y\",\"status\":\"processing\"}"));

        ObjectNode video = client.getVideo("G-1/../x?y");

        assertThat(video.get("status").textValue()).isEqualTo("processing");
        RecordedRequest request = takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/videos/G-1%2F..%2Fx%3Fy");
        assertThat(request.getUrl().query()).isNull();
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    }

    @Test
    void refusesIdsThatWouldEscapeTheVideosPath() {
        assertThatThrownBy(() -> client.getVideo("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getVideo(".")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getVideo(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void refusesAVideoOfAnotherIdAsMalformed() {
        server.enqueue(json(200, "{\"id\":\"G-OTHER\"}"));

        PhaseoApiException failure = failureOf(() -> client.getVideo("G-MINE"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.getMessage()).contains("G-OTHER", "not the one asked for");
    }

    @Test
    void reusesTheConnectionAcrossCalls() throws Exception {
        server.enqueue(json(200, "{\"data\":[]}"));
        server.enqueue(json(200, "{\"data\":[]}"));

        client.listVideos(ListQuery.firstPage(1));
        client.listVideos(ListQuery.firstPage(1));

        assertThat(takeRequest().getConnectionIndex()).isEqualTo(takeRequest().getConnectionIndex());
    }

    @Test
    void listQueryRejectsOutOfRangeLimitsAndBadStatuses() {
        assertThatThrownBy(() -> ListQuery.firstPage(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListQuery.firstPage(201)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListQuery(5, List.of("queued,failed"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListQuery(5, List.of("a&b"), null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListQuery(5, List.of(""), null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListQuery(5, List.of(), " ", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ListQuery(5, null, null, null).statuses()).isEmpty();
        assertThat(ListQuery.firstPage(5).after("G-1").afterOrNull()).isEqualTo("G-1");
    }
}
