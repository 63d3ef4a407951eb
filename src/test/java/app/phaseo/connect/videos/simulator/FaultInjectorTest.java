package app.phaseo.connect.videos.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault kind, through real HTTP, and the queue/random/clear mechanics. */
class FaultInjectorTest {

    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private PhaseoSimulator sim;
    private SimHttp http;

    @BeforeEach
    void start() {
        sim = PhaseoSimulator.builder().clock(clock).seed(23).noFlicker().preexisting(20, Duration.ofHours(1)).build().start();
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private SimHttp.Reply listWith(Fault fault) {
        sim.faults().next(fault);
        return http.get("/videos?limit=100");
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInWholeSeconds() {
        SimHttp.Reply withHeader = listWith(Fault.tooManyRequests(Duration.ofMillis(2500)));
        SimHttp.Reply without = listWith(Fault.tooManyRequests(null));

        assertThat(withHeader.status()).isEqualTo(429);
        assertThat(withHeader.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(withHeader.json().get("status_code").asInt()).isEqualTo(429);
        assertThat(without.status()).isEqualTo(429);
        assertThat(without.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void serverErrorsAndRefusalsHaveTheGatewayBodies() {
        SimHttp.Reply internal = listWith(Fault.serverErrorPlainText());
        SimHttp.Reply badGateway = listWith(Fault.badGateway());
        SimHttp.Reply unavailable = listWith(Fault.serviceUnavailable());
        SimHttp.Reply notImplemented = listWith(Fault.notImplemented("video_api_feature_disabled"));
        SimHttp.Reply unauthorized = listWith(Fault.unauthorized("invalid_api_key"));
        SimHttp.Reply forbidden = listWith(Fault.forbidden());

        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.body()).isEqualTo("Internal Server Error");
        assertThat(internal.contentType()).startsWith("text/plain");
        assertThat(badGateway.status()).isEqualTo(502);
        assertThat(badGateway.json().get("error").asText()).isEqualTo("upstream_error");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.json().get("status_code").asInt()).isEqualTo(503);
        assertThat(notImplemented.json()).isEqualTo(ApiFixtures.json("error-501-feature-disabled.json"));
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.json().get("reason").asText()).isEqualTo("invalid_api_key");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("error").asText()).isEqualTo("forbidden");
    }

    @Test
    void bodiesThatAreNotTheExpectedJson() {
        SimHttp.Reply malformed = listWith(Fault.malformedJson());
        SimHttp.Reply empty = listWith(Fault.emptyBody());
        SimHttp.Reply html = listWith(Fault.html());
        SimHttp.Reply wrongShape = listWith(Fault.wrongShape());
        String normal = http.get("/videos?limit=100").body();

        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.body()).isNotEmpty();
        assertThat(malformed.body()).startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"G-")
                .hasSizeLessThan(normal.length() * 2 / 3);
        assertThatThrownBy(() -> SimHttp.MAPPER.readTree(malformed.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).startsWith("<!DOCTYPE html>");
        assertThat(wrongShape.status()).isEqualTo(200);
        assertThat(wrongShape.json().get("data").isObject()).isTrue();
    }

    @Test
    void truncatedBodyPromisesMoreBytesThanItSendsThenCloses() throws IOException, InterruptedException {
        sim.faults().next(Fault.truncatedBody());
        byte[] raw;
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/videos?limit=100 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + sim.apiKey() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            raw = in.readAllBytes(); // returns only because the server closes the connection
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        long promised = Long.parseLong(text.substring(0, headerEnd).toLowerCase(Locale.ROOT)
                .replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
        long received = raw.length - (headerEnd + 4);

        assertThat(text).startsWith("HTTP/1.1 200");
        assertThat(received).isPositive().isLessThan(promised);

        sim.faults().next(Fault.truncatedBody());
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/videos?limit=100"))
                .header("Authorization", "Bearer " + sim.apiKey()).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(http.get("/videos?limit=100").status()).isEqualTo(200);
    }

    @Test
    void slowAnswersAfterTheDelay() {
        long started = System.nanoTime();
        SimHttp.Reply slow = listWith(Fault.slow(Duration.ofMillis(300)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(slow.status()).isEqualTo(200);
        assertThat(slow.json().get("data")).hasSize(20);
    }

    @Test
    void staleReadAnswersAsTheStateWasThatLongAgo() {
        String id = sim.createJob();
        clock.advance(Duration.ofSeconds(30));
        String statusNow = sim.render(id).get("status").asText();

        sim.faults().next(Fault.staleRead(Duration.ofMinutes(1)));
        List<String> stale = SimHttp.ids(http.ok("/videos?limit=100"));
        sim.faults().next(Fault.staleRead(Duration.ofSeconds(30)));
        JsonNode staleJob = http.ok("/videos/" + id);

        assertThat(stale).doesNotContain(id).hasSize(20);
        assertThat(SimHttp.ids(http.ok("/videos?limit=100"))).contains(id);
        assertThat(statusNow).isNotEqualTo("queued");
        assertThat(staleJob.get("status").asText()).isEqualTo("queued");
    }

    @Test
    void hugeBodyPadsAValidAnswer() {
        SimHttp.Reply huge = listWith(Fault.hugeBody(2_000_000));

        assertThat(huge.status()).isEqualTo(200);
        assertThat(huge.body().length()).isGreaterThan(2_000_000);
        JsonNode body = huge.json();
        assertThat(body.get("data")).hasSize(20);
        assertThat(body.get(FaultAnswers.PADDING_FIELD).asText()).hasSize(2_000_000);
    }

    @Test
    void queuedFaultsApplyInOrderToTheNextRequestsThenStop() {
        sim.faults().next(Fault.badGateway()).next(Fault.tooManyRequests(null), 2);
        assertThat(sim.faults().queued()).isEqualTo(3);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(http.get("/videos?limit=1").status());
        }

        assertThat(statuses).containsExactly(502, 429, 429, 200);
        assertThat(sim.stats().countStatus(429)).isEqualTo(2);
    }

    @Test
    void randomFaultsAreSeededAndClearStopsThem() {
        sim.faults().random(0.5, 77, Fault.badGateway(), Fault.serviceUnavailable());
        List<Integer> first = statuses(100);
        sim.faults().random(0.5, 77, Fault.badGateway(), Fault.serviceUnavailable());
        List<Integer> again = statuses(100);
        sim.faults().clear();
        List<Integer> cleared = statuses(10);

        assertThat(again).isEqualTo(first);
        assertThat(first.stream().filter(s -> s != 200).count()).isBetween(30L, 70L);
        assertThat(first).contains(502, 503);
        assertThat(cleared).containsOnly(200);
    }

    @Test
    void aFaultThatReplacesTheAnswerPreventsTheGetSideEffect() {
        String finished = sim.jobIds().iterator().next();
        sim.faults().next(Fault.tooManyRequests(Duration.ofSeconds(1)));

        assertThat(http.get("/videos/" + finished).status()).isEqualTo(429);
        assertThat(sim.sideEffectCount()).isZero();
        sim.faults().next(Fault.malformedJson());
        assertThat(http.get("/videos/" + finished).status()).isEqualTo(200);
        assertThat(sim.sideEffectCount()).as("the API handled it; only the body was damaged").isEqualTo(1);
    }

    private List<Integer> statuses(int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(http.get("/videos?limit=1").status());
        }
        return statuses;
    }
}
