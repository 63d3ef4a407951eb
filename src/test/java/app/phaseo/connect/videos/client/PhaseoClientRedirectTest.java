package app.phaseo.connect.videos.client;

import static app.phaseo.connect.videos.client.TestSupport.FAKE_KEY;
import static app.phaseo.connect.videos.client.TestSupport.failureOf;
import static app.phaseo.connect.videos.client.TestSupport.json;
import static app.phaseo.connect.videos.client.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redirects are followed only on the API's own origin, so the key never goes anywhere else. */
class PhaseoClientRedirectTest {

    @StartStop
    final MockWebServer server = TestSupport.fastServer();

    @StartStop
    final MockWebServer elsewhere = TestSupport.fastServer();

    private PhaseoClient client;

    @BeforeEach
    void createClient() {
        client = new PhaseoClient(settings(server).build());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static MockResponse redirect(int code, String location) {
        return new MockResponse.Builder().code(code).setHeader("Location", location).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void followsARedirectOnTheSameOriginWithTheKey(int code) throws Exception {
        server.enqueue(redirect(code, "/v1/videos-moved?limit=10"));
        server.enqueue(json(200, "{\"data\":[{\"id\":\"G-1\"}]}"));

        VideoPage page = client.listVideos(ListQuery.firstPage(10));

        assertThat(page.data()).hasSize(1);
        server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest followed = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(followed.getUrl().encodedPath()).isEqualTo("/v1/videos-moved");
        assertThat(followed.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
    }

    @Test
    void followsAnAbsoluteRedirectToTheSameOrigin() {
        server.enqueue(redirect(302, server.url("/v1/other").toString()));
        server.enqueue(json(200, "{\"data\":[]}"));

        assertThat(client.listVideos(ListQuery.firstPage(10)).data()).isEmpty();
    }

    @Test
    void followsAtMostThreeRedirects() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(redirect(302, "/v1/hop" + i));
        }
        server.enqueue(json(200, "{\"data\":[]}"));
        assertThat(client.listVideos(ListQuery.firstPage(10)).data()).isEmpty();

        for (int i = 0; i < 4; i++) {
            server.enqueue(redirect(302, "/v1/loop" + i));
        }
        PhaseoApiException failure = failureOf(() -> client.listVideos(ListQuery.firstPage(10)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.REDIRECT_REFUSED);
        assertThat(failure.getMessage()).contains("more than 3 times");
        assertThat(server.getRequestCount()).isEqualTo(4 + 4);
    }

    @Test
    void refusesARedirectToAnotherHostAndNeverSendsItTheKey() {
        server.enqueue(redirect(302, elsewhere.url("/steal?limit=10").toString()));
        elsewhere.enqueue(json(200, "{\"data\":[]}"));

        PhaseoApiException failure = failureOf(() -> client.listVideos(ListQuery.firstPage(10)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.REDIRECT_REFUSED);
        assertThat(failure.isPermanent()).isTrue();
        assertThat(failure.getMessage()).contains("'phaseo.api.url'", ":" + elsewhere.getPort());
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void refusesARedirectToAnotherScheme() {
        server.enqueue(redirect(301, "https://" + server.getHostName() + ":" + server.getPort() + "/v1/videos"));

        assertThat(failureOf(() -> client.listVideos(ListQuery.firstPage(10))).kind())
                .isEqualTo(ErrorKind.REDIRECT_REFUSED);
    }

    @Test
    void refusesARedirectAfterSameOriginHopsToo() {
        server.enqueue(redirect(302, "/v1/hop"));
        server.enqueue(redirect(307, elsewhere.url("/v1/videos").toString()));

        assertThat(failureOf(() -> client.getVideo("G-1")).kind()).isEqualTo(ErrorKind.REDIRECT_REFUSED);
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void aRedirectWithoutLocationIsUnexpected() {
        server.enqueue(new MockResponse.Builder().code(302).build());

        PhaseoApiException failure = failureOf(() -> client.listVideos(ListQuery.firstPage(10)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.UNEXPECTED_STATUS);
        assertThat(failure.getMessage()).contains("no usable Location");
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 304})
    void redirectLikeStatusesThatAreNotFollowedAreUnexpected(int code) {
        server.enqueue(redirect(code, "/v1/somewhere"));

        assertThat(failureOf(() -> client.listVideos(ListQuery.firstPage(10))).kind())
                .isEqualTo(ErrorKind.UNEXPECTED_STATUS);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
