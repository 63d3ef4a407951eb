package app.phaseo.connect.videos.client;

import static app.phaseo.connect.videos.client.TestSupport.FAKE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A generated corpus of hostile answers (status x body x framing and headers, for both calls, plus
 * broken connections and oversized bodies), each checked against the taxonomy: success with the
 * right entries, or exactly the {@link ErrorKind} the taxonomy says, with a clean message.
 *
 * <p>{@link #expectedKind} restates the taxonomy table independently of the code under test.
 */
class HostileResponseCorpusTest {

    private static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");
    private static final long CAP = 64 * 1024;

    private static MockWebServer server;
    private static MockWebServer elsewhere;
    private static PhaseoClient client;
    /** Every request gets the current case's answer: OkHttp may repeat a request (408) on its own. */
    private static volatile MockResponse answer;

    @BeforeAll
    static void start() throws Exception {
        server = TestSupport.fastServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer;
            }
        });
        server.start();
        elsewhere = new MockWebServer();
        elsewhere.start();
        client = new PhaseoClient(TestSupport.settings(server)
                // Long enough that a loaded CI machine reads every answer in time; the two slow cases below exceed it.
                .readTimeout(Duration.ofMillis(1_000))
                .callTimeout(Duration.ofSeconds(6))
                .maxResponseBytes(CAP)
                .build(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        elsewhere.close();
    }

    enum Call { LIST, GET }

    /** Bodies, good and bad. {@code listEntries} >= 0 marks a valid list with that many usable entries. */
    enum Body {
        VIDEO_LIST(2, 0, status -> "{\"object\":\"list\",\"data\":[{\"id\":\"G-C1\",\"status\":\"queued\"},{\"id\":\"G-C2\"}],"
                + "\"first_id\":\"G-C1\",\"last_id\":\"G-C2\",\"has_more\":false}"),
        FIXTURE_LIST(3, 0, status -> ApiFixtures.text("list-code-mixed.json")),
        LIST_WITH_BAD_ENTRIES(1, 3, status -> "{\"data\":[{\"id\":\"G-C1\"},1,{\"x\":1},{\"id\":false}],\"surprise\":[]}"),
        ONE_VIDEO(-1, 0, status -> "{\"id\":\"G-CORPUS\",\"object\":\"video\",\"status\":\"processing\"}"),
        ERROR_JSON_KNOWN_REASON(-1, 0, status -> "{\"error\":\"some_error\",\"reason\":\"" + knownReason(status)
                + "\",\"message\":\"Something happened.\",\"status_code\":" + status
                + ",\"error_type\":\"user\",\"error_origin\":\"user\",\"request_id\":\"G-REQ\"}"),
        /** The other reason the gateway gives for 401 and 501: a key check that failed, the API closed for everyone. */
        ERROR_JSON_OTHER_KNOWN_REASON(-1, 0, status -> "{\"error\":\"some_error\",\"reason\":\""
                + (status == 401 ? "db_error" : status == 501 ? "video_api_temporarily_disabled" : "request_failed")
                + "\",\"status_code\":" + status + "}"),
        ERROR_JSON_UNKNOWN_REASON(-1, 0, status -> "{\"error\":\"brand_new_error\",\"reason\":\"brand_new_reason\","
                + "\"status_code\":" + status + "}"),
        PLAIN_TEXT(-1, 0, status -> "Internal Server Error"),
        HTML(-1, 0, status -> "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"),
        EMPTY(-1, 0, status -> ""),
        CUT_OFF_JSON(-1, 0, status -> "{\"object\":\"list\",\"data\":[{\"id\":\"G-C1\",\"status\":\"que"),
        JSON_ARRAY(-1, 0, status -> "[{\"id\":\"G-CORPUS\"}]"),
        JSON_NULL(-1, 0, status -> "null"),
        JSON_STRING(-1, 0, status -> "\"ok\""),
        DATA_NOT_AN_ARRAY(-1, 0, status -> "{\"data\":\"G-C1\",\"has_more\":true}"),
        BINARY(-1, 0, status -> new String(new byte[] {0, (byte) 0xFF, (byte) 0xFE, 0x1F, (byte) 0x8B, 0x08, 0x0A, 0x1B},
                StandardCharsets.ISO_8859_1)),
        TRAILING_GARBAGE(-1, 0, status -> "{\"data\":[]}<html>"),
        DEEP_NESTING(-1, 0, status -> "{\"data\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}");

        final int listEntries;
        final int skippedEntries;
        final java.util.function.IntFunction<String> text;

        Body(int listEntries, int skippedEntries, java.util.function.IntFunction<String> text) {
            this.listEntries = listEntries;
            this.skippedEntries = skippedEntries;
            this.text = text;
        }

        Buffer bytes(int status) {
            // ISO-8859-1 round-trips BINARY byte for byte; the other bodies are ASCII or UTF-8 below.
            String value = text.apply(status);
            return this == BINARY ? new Buffer().writeString(value, StandardCharsets.ISO_8859_1) : new Buffer().writeUtf8(value);
        }

        private static String knownReason(int status) {
            return switch (status) {
                case 401 -> "invalid_key_format";
                case 404 -> "video_deleted";
                case 501 -> "video_api_feature_disabled";
                case 502 -> "upstream_error";
                default -> "request_failed";
            };
        }
    }

    /** How the body travels, and which headers come with it. */
    enum Framing { CONTENT_LENGTH, CHUNKED_LYING_HTML_TYPE, RETRY_AFTER }

    private static final int[] STATUSES = {200, 202, 400, 401, 403, 404, 408, 409, 410, 418, 422, 429, 500, 501, 502, 503, 504};

    /** The taxonomy, restated: what each status and body must become; empty for success. */
    static Optional<ErrorKind> expectedKind(Call call, int status, Body body) {
        if (status >= 200 && status <= 299) {
            boolean fits = call == Call.LIST ? body.listEntries >= 0 : body == Body.ONE_VIDEO;
            return fits ? Optional.empty() : Optional.of(ErrorKind.MALFORMED_RESPONSE);
        }
        ErrorKind kind;
        if (status == 401) {
            kind = body == Body.ERROR_JSON_OTHER_KNOWN_REASON ? ErrorKind.KEY_CHECK_FAILED : ErrorKind.UNAUTHORIZED;
        } else if (status == 403) {
            kind = ErrorKind.FORBIDDEN;
        } else if (status == 404) {
            kind = body == Body.ERROR_JSON_KNOWN_REASON ? ErrorKind.NOT_FOUND : ErrorKind.UNEXPECTED_STATUS;
        } else if (status == 400 || status == 422) {
            kind = ErrorKind.BAD_REQUEST;
        } else if (status == 408) {
            kind = ErrorKind.TIMEOUT;
        } else if (status == 429) {
            kind = ErrorKind.RATE_LIMITED;
        } else if (status == 501) {
            // The known 501 reason here is the workspace's feature gate, which may flicker; any other is the slow kind.
            kind = body == Body.ERROR_JSON_KNOWN_REASON ? ErrorKind.API_GATE_CLOSED : ErrorKind.API_DISABLED;
        } else if (status >= 500) {
            kind = ErrorKind.SERVER_ERROR;
        } else {
            kind = ErrorKind.UNEXPECTED_STATUS;
        }
        return Optional.of(kind);
    }

    /** One case: the answer to give, the call to make, and what must come of it. */
    record Case(String name, Call call, MockResponse response, Optional<ErrorKind> expected, int expectedEntries,
                int expectedSkipped, Optional<Duration> expectedRetryAfter) {
    }

    static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        for (int status : STATUSES) {
            for (Body body : Body.values()) {
                for (Framing framing : Framing.values()) {
                    cases.add(generated(Call.LIST, status, body, framing));
                }
                cases.add(generated(Call.GET, status, body, Framing.CONTENT_LENGTH));
            }
        }
        cases.addAll(specialCases());
        return cases;
    }

    private static Case generated(Call call, int status, Body body, Framing framing) {
        MockResponse.Builder response = new MockResponse.Builder().code(status);
        Optional<Duration> retryAfter = Optional.empty();
        String framingName = framing.name();
        switch (framing) {
            case CONTENT_LENGTH -> response.setHeader("Content-Type", "application/json").body(body.bytes(status));
            case CHUNKED_LYING_HTML_TYPE -> response.setHeader("Content-Type", "text/html").chunkedBody(body.bytes(status), 7);
            case RETRY_AFTER -> {
                response.body(body.bytes(status));
                // Rotate through the header's forms so each status meets all of them across bodies.
                switch (body.ordinal() % 3) {
                    case 0 -> {
                        response.setHeader("Retry-After", "3");
                        retryAfter = Optional.of(Duration.ofSeconds(3));
                        framingName = "RETRY_AFTER_SECONDS";
                    }
                    case 1 -> {
                        response.setHeader("Retry-After",
                                DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(45).atZone(ZoneOffset.UTC)));
                        retryAfter = Optional.of(Duration.ofSeconds(45));
                        framingName = "RETRY_AFTER_DATE";
                    }
                    default -> {
                        response.setHeader("Retry-After", "tomorrow-ish");
                        framingName = "RETRY_AFTER_GARBAGE";
                    }
                }
            }
            default -> throw new AssertionError(framing);
        }
        Optional<ErrorKind> expected = expectedKind(call, status, body);
        Optional<Duration> expectedRetryAfter = expected.isPresent() && status >= 300 ? retryAfter : Optional.empty();
        int entries = call == Call.LIST ? Math.max(body.listEntries, 0) : 1;
        String name = call + " " + status + " " + body + " " + framingName + " -> "
                + expected.map(ErrorKind::name).orElse("success");
        return new Case(name, call, response.build(), expected, entries, body.skippedEntries, expectedRetryAfter);
    }

    /** Broken connections, size caps, redirects and bodiless statuses. */
    private static List<Case> specialCases() {
        String list = Body.VIDEO_LIST.text.apply(200);
        String big = "{\"data\":[],\"pad\":\"" + "p".repeat((int) CAP) + "\"}";
        List<Case> cases = new ArrayList<>();
        cases.add(special("200 body cut off mid-way", new MockResponse.Builder().body(list)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE), ErrorKind.TRANSPORT));
        cases.add(special("200 chunked body cut off mid-way", new MockResponse.Builder().chunkedBody(list, 5)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE), ErrorKind.TRANSPORT));
        cases.add(special("500 body cut off mid-way: the status wins", new MockResponse.Builder().code(500)
                .body("Internal Server Error, and more text after it")
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE), ErrorKind.SERVER_ERROR));
        cases.add(special("200 body stalls mid-way", new MockResponse.Builder().body(list)
                .onResponseBody(SocketEffect.Stall.INSTANCE), ErrorKind.TIMEOUT));
        cases.add(special("200 headers too slow", new MockResponse.Builder().body(list)
                .headersDelay(3, java.util.concurrent.TimeUnit.SECONDS), ErrorKind.TIMEOUT));
        cases.add(special("connection closed before the answer", new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE), ErrorKind.TRANSPORT));
        cases.add(special("200 over the cap with Content-Length", new MockResponse.Builder().body(big),
                ErrorKind.RESPONSE_TOO_LARGE));
        cases.add(special("200 over the cap, chunked", new MockResponse.Builder().chunkedBody(big, 1024),
                ErrorKind.RESPONSE_TOO_LARGE));
        cases.add(special("200 lying Content-Length far over the cap", new MockResponse.Builder().body(list)
                .setHeader("Content-Length", Long.toString(CAP * 1000)), ErrorKind.RESPONSE_TOO_LARGE));
        cases.add(special("502 over the cap: the status wins", new MockResponse.Builder().code(502).body(big),
                ErrorKind.SERVER_ERROR));
        cases.add(special("204 no content", new MockResponse.Builder().code(204), ErrorKind.MALFORMED_RESPONSE));
        cases.add(special("304 not modified", new MockResponse.Builder().code(304), ErrorKind.UNEXPECTED_STATUS));
        cases.add(special("302 without Location", new MockResponse.Builder().code(302), ErrorKind.UNEXPECTED_STATUS));
        cases.add(special("302 with an unusable Location", new MockResponse.Builder().code(302)
                .setHeader("Location", "mailto:someone@example.com"), ErrorKind.UNEXPECTED_STATUS));
        cases.add(special("302 to another origin", new MockResponse.Builder().code(302)
                .setHeader("Location", elsewhere.url("/v1/videos").toString()), ErrorKind.REDIRECT_REFUSED));
        cases.add(special("302 loop on the same origin", new MockResponse.Builder().code(302)
                .setHeader("Location", "/v1/videos?limit=10"), ErrorKind.REDIRECT_REFUSED));
        cases.add(special("200 gzip header on a body that is not gzip", new MockResponse.Builder().body(list)
                .setHeader("Content-Encoding", "gzip"), ErrorKind.TRANSPORT));
        cases.add(special("200 with a UTF-8 byte order mark", new MockResponse.Builder()
                .body(new Buffer().write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).writeUtf8(list)), null));
        cases.add(special("200 in UTF-16", new MockResponse.Builder()
                .body(new Buffer().writeString(list, StandardCharsets.UTF_16BE)), null));
        return cases;
    }

    private static Case special(String name, MockResponse.Builder response, ErrorKind expected) {
        return new Case("LIST special: " + name + " -> " + (expected == null ? "success" : expected.name()), Call.LIST,
                response.build(), Optional.ofNullable(expected), 2, 0, Optional.empty());
    }

    @Test
    void theCorpusIsLargeAndCoversEveryKindAClientCanProduceFromAnAnswer() {
        List<Case> cases = corpus();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        assertThat(cases.stream().map(Case::expected).flatMap(Optional::stream).distinct())
                .containsExactlyInAnyOrder(ErrorKind.UNAUTHORIZED, ErrorKind.FORBIDDEN, ErrorKind.NOT_FOUND,
                        ErrorKind.KEY_CHECK_FAILED, ErrorKind.API_DISABLED, ErrorKind.API_GATE_CLOSED, ErrorKind.RATE_LIMITED, ErrorKind.BAD_REQUEST, ErrorKind.SERVER_ERROR,
                        ErrorKind.TRANSPORT, ErrorKind.TIMEOUT, ErrorKind.MALFORMED_RESPONSE,
                        ErrorKind.RESPONSE_TOO_LARGE, ErrorKind.REDIRECT_REFUSED, ErrorKind.UNEXPECTED_STATUS);
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerGetsTheOutcomeTheTaxonomySays() {
        return corpus().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    private static void run(Case c) {
        answer = c.response();
        Supplier<Object> call = c.call() == Call.LIST
                ? () -> client.listVideos(ListQuery.firstPage(10))
                : () -> client.getVideo("G-CORPUS");
        Object result;
        try {
            result = call.get();
        } catch (PhaseoApiException failure) {
            assertThat(c.expected()).as("%s: failed with %s: %s", c.name(), failure.kind(), failure.getMessage())
                    .contains(failure.kind());
            assertThat(failure.getMessage()).isNotBlank().doesNotContain("\n", "\r", FAKE_KEY);
            if (failure.httpStatus() != 0 && c.response().getCode() < 300) {
                assertThat(failure.httpStatus()).isEqualTo(c.response().getCode());
            }
            if (c.response().getCode() >= 400) {
                assertThat(failure.httpStatus()).isEqualTo(c.response().getCode());
                assertThat(failure.retryAfter()).as("Retry-After").isEqualTo(c.expectedRetryAfter());
            }
            return;
        }
        assertThat(c.expected()).as("%s: succeeded", c.name()).isEmpty();
        if (c.call() == Call.LIST) {
            VideoPage page = (VideoPage) result;
            assertThat(page.data()).hasSize(c.expectedEntries());
            assertThat(page.skippedEntries()).isEqualTo(c.expectedSkipped());
        } else {
            assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) result).get("id").textValue()).isEqualTo("G-CORPUS");
        }
        assertThat(elsewhere.getRequestCount()).as("requests that left for another origin").isZero();
    }
}
