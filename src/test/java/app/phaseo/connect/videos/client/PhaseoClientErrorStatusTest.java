package app.phaseo.connect.videos.client;

import static app.phaseo.connect.videos.client.TestSupport.failureOf;
import static app.phaseo.connect.videos.client.TestSupport.json;
import static app.phaseo.connect.videos.client.TestSupport.settings;
import static app.phaseo.connect.videos.client.TestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error status the API (or a gateway in front of it) sends, and the kind each becomes. */
class PhaseoClientErrorStatusTest {

    /** "Now" for HTTP-date Retry-After values. */
    private static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");

    @StartStop
    final MockWebServer server = TestSupport.fastServer();

    private PhaseoClient client;

    @BeforeEach
    void createClient() {
        client = new PhaseoClient(settings(server).build(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private PhaseoApiException listFailsWith(MockResponse response) {
        server.enqueue(response);
        return failureOf(() -> client.listVideos(ListQuery.firstPage(10)));
    }

    private static String flatError(int status, String error, String reason, String message) {
        return "{\"error\":\"" + error + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + (message == null ? "" : ",\"message\":\"" + message + "\"")
                + ",\"status_code\":" + status + ",\"error_type\":\"user\",\"error_origin\":\"user\","
                + "\"request_id\":\"G-REQ\"}";
    }

    @Test
    void unauthorisedNamesTheConfigKeyAndTheReason() {
        PhaseoApiException failure = listFailsWith(json(401, ApiFixtures.text("error-401-unauthorised.json")));

        assertThat(failure.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(failure.httpStatus()).isEqualTo(401);
        assertThat(failure.reason()).isEqualTo("invalid_key_format");
        assertThat(failure.requestId()).isEqualTo("G-01M8HC0WAWN79FM9PPTMMD3YVP");
        assertThat(failure.isPermanent()).isTrue();
        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).contains("'phaseo.api.key'", "invalid_key_format", "HTTP 401");
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing_key", "invalid_key_format", "key_not_found", "key_revoked", "key_expired",
        "missing_or_invalid_authorization_header", "key_not_found_or_revoked", "invalid_secret",
        "legacy_key_prefix_retired", "management_key_not_valid_for_gateway", "oauth_delegated_key_required"})
    void unauthorisedForEachReason(String reason) {
        PhaseoApiException failure = listFailsWith(json(401, flatError(401, "unauthorised", reason, null)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.getMessage()).contains("'phaseo.api.key'", reason);
    }

    /** The gateway's own database or secret failed while it looked the key up: its fault, not the key's. */
    @ParameterizedTest
    @ValueSource(strings = {"db_error", "server_misconfig_missing_pepper"})
    void aKeyCheckThatFailedInTheGatewayIsRetriedNotBlamedOnTheKey(String reason) {
        PhaseoApiException failure = listFailsWith(json(401, flatError(401, "unauthorised", reason, null)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.KEY_CHECK_FAILED);
        assertThat(failure.httpStatus()).isEqualTo(401);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.isPermanent()).isFalse();
        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).contains(reason, "HTTP 401", "not of 'phaseo.api.key'", "retry");
    }

    @Test
    void unauthorisedWithoutAReasonFallsBackToTheErrorCode() {
        PhaseoApiException failure = listFailsWith(json(401, "{\"error\":\"unauthorised\",\"status_code\":401}"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(failure.reason()).isEqualTo("unauthorised");
    }

    @Test
    void unauthorisedWithAnEmptyBodyIsStillUnauthorised() {
        PhaseoApiException failure = listFailsWith(new MockResponse.Builder().code(401).build());

        assertThat(failure.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(failure.reason()).isNull();
        assertThat(failure.getMessage()).contains("'phaseo.api.key'");
    }

    @Test
    void forbiddenIsPermanent() {
        PhaseoApiException failure = listFailsWith(json(403, flatError(403, "forbidden", "workspace_suspended", null)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(failure.isPermanent()).isTrue();
        assertThat(failure.getMessage()).contains("'phaseo.api.key'", "workspace_suspended");
    }

    @Test
    void notFoundOrNotOwned() {
        server.enqueue(json(404, ApiFixtures.text("error-404-not-found.json")));

        PhaseoApiException failure = failureOf(() -> client.getVideo("G-NOPE"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(failure.reason()).isEqualTo("video_not_found_or_not_owned");
        assertThat(failure.requestId()).isEqualTo("G-01M8HC1B0F3QYDGAQXT66CN4YX");
        assertThat(failure.isPermanent()).isTrue();
        assertThat(failure.kind().handling()).isEqualTo(ErrorKind.Handling.FAIL_REQUEST);
    }

    @Test
    void notFoundBecauseDeleted() {
        server.enqueue(json(404, flatError(404, "not_found", "video_deleted", null)));

        PhaseoApiException failure = failureOf(() -> client.getVideo("G-GONE"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(failure.reason()).isEqualTo("video_deleted");
    }

    @Test
    void aNotFoundWithoutAVideoReasonIsAWrongUrlNotADeletedVideo() {
        server.enqueue(text(404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>"));

        PhaseoApiException failure = failureOf(() -> client.getVideo("G-1"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.UNEXPECTED_STATUS);
        assertThat(failure.apiMessage()).isEqualTo("(an HTML page)");
        assertThat(failure.getMessage()).contains("'phaseo.api.url'");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 422})
    void badRequestIsPermanentForThatRequest(int status) {
        PhaseoApiException failure = listFailsWith(json(status,
                flatError(status, "invalid_request", "invalid_after", "after must be a video id.")));

        assertThat(failure.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(failure.apiMessage()).isEqualTo("after must be a video id.");
        assertThat(failure.getMessage()).contains("invalid_after", ": after must be a video id. ");
        assertThat(failure.kind().handling()).isEqualTo(ErrorKind.Handling.FAIL_REQUEST);
    }

    @Test
    void rateLimitedWithoutRetryAfter() {
        PhaseoApiException failure = listFailsWith(json(429, flatError(429, "rate_limited", null, null)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).contains("No Retry-After");
    }

    @Test
    void rateLimitedWithRetryAfterInSeconds() {
        PhaseoApiException failure = listFailsWith(new MockResponse.Builder().code(429)
                .setHeader("Retry-After", "17").build());

        assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(17));
        assertThat(failure.getMessage()).contains("wait 17 s");
    }

    @Test
    void rateLimitedWithRetryAfterAsHttpDate() {
        PhaseoApiException failure = listFailsWith(new MockResponse.Builder().code(429)
                .setHeader("Retry-After", "Sat, 28 Nov 2026 15:01:30 GMT").build());

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void rateLimitedWithAnUnreadableRetryAfter() {
        PhaseoApiException failure = listFailsWith(new MockResponse.Builder().code(429)
                .setHeader("Retry-After", "soon").build());

        assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void thePlainTextInternalServerErrorOfTheGateway() {
        PhaseoApiException failure = listFailsWith(text(500, "text/plain", ApiFixtures.text("error-500-plain-text.txt")));

        assertThat(failure.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(failure.apiMessage()).isEqualTo("Internal Server Error");
        assertThat(failure.reason()).isNull();
        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).contains("HTTP 500", "Internal Server Error");
    }

    @Test
    void upstreamErrorAsJson() {
        PhaseoApiException failure = listFailsWith(json(502, flatError(502, "upstream_error", null, "Provider timed out")));

        assertThat(failure.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(failure.reason()).isEqualTo("upstream_error");
        assertThat(failure.apiMessage()).isEqualTo("Provider timed out");
        assertThat(failure.requestId()).isEqualTo("G-REQ");
    }

    @Test
    void serviceUnavailableKeepsItsRetryAfter() {
        PhaseoApiException failure = listFailsWith(new MockResponse.Builder().code(503)
                .setHeader("Retry-After", "30").body("Service Unavailable").build());

        assertThat(failure.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void serviceUnavailableAsAnHtmlPage() {
        PhaseoApiException failure = listFailsWith(text(503, "text/html; charset=utf-8",
                "<!DOCTYPE html><html><head><title>503</title></head><body>down</body></html>"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(failure.apiMessage()).isEqualTo("(an HTML page)");
    }

    @Test
    void apiDisabledForEveryoneIsNeitherPermanentNorAPlainTransient() {
        PhaseoApiException failure = listFailsWith(json(501, ApiFixtures.text("error-501-temporarily-disabled.json")));

        assertThat(failure.kind()).isEqualTo(ErrorKind.API_DISABLED);
        assertThat(failure.reason()).isEqualTo("video_api_temporarily_disabled");
        assertThat(failure.apiMessage()).isNotBlank();
        assertThat(failure.isPermanent()).isFalse();
        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.kind().handling()).isEqualTo(ErrorKind.Handling.RETRY_SLOWLY);
        assertThat(failure.getMessage()).contains(failure.reason(), failure.apiMessage().replaceAll("\\.$", ""));
    }

    /** The workspace's feature gate: the gateway reads any failure of its check as "closed", so it may flicker. */
    @Test
    void aClosedFeatureGateIsRetriedSlowlyOnlyWhenItPersists() {
        PhaseoApiException failure = listFailsWith(json(501, ApiFixtures.text("error-501-feature-disabled.json")));

        assertThat(failure.kind()).isEqualTo(ErrorKind.API_GATE_CLOSED);
        assertThat(failure.reason()).isEqualTo("video_api_feature_disabled");
        assertThat(failure.isPermanent()).isFalse();
        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.kind().handling()).isEqualTo(ErrorKind.Handling.RETRY_SLOWLY_IF_PERSISTENT);
        assertThat(failure.getMessage()).contains("video_api_feature_disabled", "HTTP 501", "blip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"some_future_reason", ""})
    void a501WithAnotherReasonOrNoneIsTheSlowDisabledKind(String reason) {
        String body = reason.isEmpty() ? "{\"error\":\"not_implemented_yet\",\"status_code\":501}"
                : flatError(501, "not_implemented_yet", reason, null);
        PhaseoApiException failure = listFailsWith(json(501, body));

        assertThat(failure.kind()).isEqualTo(ErrorKind.API_DISABLED);
    }

    @Test
    void anUnexpectedStatus() {
        PhaseoApiException failure = listFailsWith(text(418, "text/plain", "I'm a teapot"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.UNEXPECTED_STATUS);
        assertThat(failure.httpStatus()).isEqualTo(418);
        assertThat(failure.apiMessage()).isEqualTo("I'm a teapot");
        assertThat(failure.isRetriable()).isTrue();
    }

    @Test
    void aRequestIdFromTheHeaderWhenTheBodyHasNone() {
        PhaseoApiException failure = listFailsWith(new MockResponse.Builder().code(500)
                .setHeader("X-Request-Id", "req-123").build());

        assertThat(failure.requestId()).isEqualTo("req-123");
    }

    @Test
    void anOpenAiStyleNestedErrorIsUnderstoodToo() {
        PhaseoApiException failure = listFailsWith(json(400,
                "{\"error\":{\"message\":\"Invalid limit\",\"type\":\"invalid_request_error\",\"code\":\"bad_limit\"}}"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(failure.reason()).isEqualTo("bad_limit");
        assertThat(failure.apiMessage()).isEqualTo("Invalid limit");
    }

    @Test
    void serverTextCannotForgeLogLinesOrGrowWithoutBound() {
        String longLine = "x".repeat(5_000);
        PhaseoApiException failure = listFailsWith(json(502,
                "{\"error\":\"upstream_error\",\"message\":\"line one\\nFAKE LOG LINE\\r\\n" + longLine + "\"}"));

        assertThat(failure.apiMessage()).doesNotContain("\n", "\r").startsWith("line one FAKE LOG LINE x");
        assertThat(failure.apiMessage().length()).isLessThan(400);
        assertThat(failure.getMessage()).doesNotContain("\n");
    }
}
