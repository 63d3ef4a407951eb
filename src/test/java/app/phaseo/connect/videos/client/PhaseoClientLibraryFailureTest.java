package app.phaseo.connect.videos.client;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers that make OkHttp itself throw an unchecked exception still come out as a
 * {@link PhaseoApiException} the task retries, never as a raw RuntimeException that would fail it.
 * OkHttp reads the Retry-After of a 503 (and of a 408) as an int for its own retry decision, so a
 * number past {@code Integer.MAX_VALUE} ends in a NumberFormatException inside {@code execute()}.
 */
class PhaseoClientLibraryFailureTest {

    @StartStop
    final MockWebServer server = TestSupport.fastServer();

    @ParameterizedTest(name = "HTTP {0} with Retry-After {1}")
    @CsvSource({"503, 99999999999999999999", "503, 3000000000", "408, 3000000000"})
    void aRetryAfterOkHttpCannotReadIsARetriableFailure(int status, String retryAfter) {
        try (PhaseoClient client = new PhaseoClient(TestSupport.settings(server).build())) {
            server.enqueue(new MockResponse.Builder().code(status).setHeader("Retry-After", retryAfter).body("busy").build());
            server.enqueue(new MockResponse.Builder().code(status).setHeader("Retry-After", retryAfter).body("busy").build());

            PhaseoApiException failure = TestSupport.failureOf(() -> client.listVideos(ListQuery.firstPage(5)));

            assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(failure.isRetriable()).isTrue();
            assertThat(failure.getMessage()).contains("GET /v1/videos", "NumberFormatException").doesNotContain("\n");
        }
    }
}
