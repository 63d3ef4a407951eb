package app.phaseo.connect.videos.client;

import static app.phaseo.connect.videos.client.TestSupport.failureOf;
import static app.phaseo.connect.videos.client.TestSupport.json;
import static app.phaseo.connect.videos.client.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts, broken connections, and cancelling a call from another thread. */
class PhaseoClientTransportTest {

    private static final String LIST_BODY = "{\"data\":[{\"id\":\"G-1\",\"prompt\":\"" + "a".repeat(2_000) + "\"}]}";

    @StartStop
    final MockWebServer server = TestSupport.fastServer();

    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopCaller() {
        caller.shutdownNow();
    }

    private PhaseoClient clientWith(Duration readTimeout, Duration callTimeout) {
        return new PhaseoClient(settings(server).readTimeout(readTimeout).callTimeout(callTimeout).build());
    }

    private static PhaseoApiException list(PhaseoClient client) {
        return failureOf(() -> client.listVideos(ListQuery.firstPage(10)));
    }

    @Test
    void aBodyThatComesLaterThanTheReadTimeout() {
        server.enqueue(new MockResponse.Builder().body(LIST_BODY).bodyDelay(3, TimeUnit.SECONDS).build());

        try (PhaseoClient client = clientWith(Duration.ofMillis(300), Duration.ofSeconds(5))) {
            PhaseoApiException failure = list(client);

            assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(failure.isRetriable()).isTrue();
            assertThat(failure.getMessage()).contains("timed out", "read timeout 300 ms");
            assertThat(failure.getCause()).isNotNull();
        }
    }

    @Test
    void headersThatComeLaterThanTheReadTimeout() {
        server.enqueue(new MockResponse.Builder().body(LIST_BODY).headersDelay(3, TimeUnit.SECONDS).build());

        try (PhaseoClient client = clientWith(Duration.ofMillis(300), Duration.ofSeconds(5))) {
            assertThat(list(client).kind()).isEqualTo(ErrorKind.TIMEOUT);
        }
    }

    @Test
    void aBodyThatStallsHalfway() {
        server.enqueue(new MockResponse.Builder().body(LIST_BODY).onResponseBody(SocketEffect.Stall.INSTANCE).build());

        try (PhaseoClient client = clientWith(Duration.ofMillis(300), Duration.ofSeconds(5))) {
            assertThat(list(client).kind()).isEqualTo(ErrorKind.TIMEOUT);
        }
    }

    @Test
    void aBodyThatTricklesPastTheCallTimeout() {
        // Each read is quick, so only the whole-call timeout can end this one.
        server.enqueue(new MockResponse.Builder().body(LIST_BODY).throttleBody(64, 100, TimeUnit.MILLISECONDS).build());

        try (PhaseoClient client = clientWith(Duration.ofSeconds(2), Duration.ofMillis(500))) {
            long started = System.nanoTime();
            PhaseoApiException failure = list(client);

            assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(failure.getMessage()).contains("call timeout 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aBodyCutOffByAClosedConnection() {
        server.enqueue(new MockResponse.Builder().body(LIST_BODY)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        try (PhaseoClient client = clientWith(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            PhaseoApiException failure = list(client);

            assertThat(failure.kind()).isEqualTo(ErrorKind.TRANSPORT);
            assertThat(failure.isRetriable()).isTrue();
            assertThat(failure.getCause()).isNotNull();
        }
    }

    @Test
    void aChunkedBodyCutOffByAClosedConnection() {
        server.enqueue(new MockResponse.Builder().chunkedBody(LIST_BODY, 100)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        try (PhaseoClient client = clientWith(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            assertThat(list(client).kind()).isEqualTo(ErrorKind.TRANSPORT);
        }
    }

    @Test
    void aConnectionClosedBeforeAnyAnswer() {
        for (int i = 0; i < 3; i++) {
            // OkHttp may retry a failed connection once on its own; every attempt meets the same fate.
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        }

        try (PhaseoClient client = clientWith(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            assertThat(list(client).kind()).isEqualTo(ErrorKind.TRANSPORT);
        }
    }

    @Test
    void aRefusedConnection() throws Exception {
        HttpUrl closedPort;
        try (MockWebServer gone = new MockWebServer()) {
            gone.start();
            closedPort = gone.url("/v1");
        }

        try (PhaseoClient client = new PhaseoClient(TestSupport.settings(closedPort).build())) {
            PhaseoApiException failure = list(client);

            assertThat(failure.kind()).isEqualTo(ErrorKind.TRANSPORT);
            assertThat(failure.getMessage()).contains("GET /v1/videos to http://" + closedPort.host() + ":" + closedPort.port());
        }
    }

    @Test
    void cancelInFlightEndsAHangingCallAtOnce() throws Exception {
        server.enqueue(new MockResponse.Builder().body(LIST_BODY).headersDelay(30, TimeUnit.SECONDS).build());

        try (PhaseoClient client = clientWith(Duration.ofSeconds(30), Duration.ofSeconds(60))) {
            CompletableFuture<PhaseoApiException> call = CompletableFuture.supplyAsync(() -> list(client), caller);
            assertThat(server.takeRequest(2, TimeUnit.SECONDS)).as("the call reached the server").isNotNull();

            long cancelledAt = System.nanoTime();
            client.cancelInFlight();
            PhaseoApiException failure = call.get(2, TimeUnit.SECONDS);

            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofMillis(500));
            assertThat(failure.kind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(failure.isPermanent()).isFalse();
            assertThat(failure.isRetriable()).isFalse();
            assertThat(failure.getMessage()).contains("cancelled");
        }
    }

    @Test
    void cancelInFlightEndsACallStalledInTheBody() throws Exception {
        server.enqueue(new MockResponse.Builder().body(LIST_BODY).onResponseBody(SocketEffect.Stall.INSTANCE).build());

        try (PhaseoClient client = clientWith(Duration.ofSeconds(30), Duration.ofSeconds(60))) {
            CompletableFuture<PhaseoApiException> call = CompletableFuture.supplyAsync(() -> list(client), caller);
            assertThat(server.takeRequest(2, TimeUnit.SECONDS)).isNotNull();
            Thread.sleep(100); // let the client start reading the body

            client.cancelInFlight();

            assertThat(call.get(2, TimeUnit.SECONDS).kind()).isEqualTo(ErrorKind.CANCELLED);
        }
    }

    @Test
    void aCancelWithNothingInFlightDoesNotSpoilTheNextCall() {
        server.enqueue(json(200, "{\"data\":[]}"));

        try (PhaseoClient client = clientWith(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            client.cancelInFlight();

            assertThat(client.listVideos(ListQuery.firstPage(1)).data()).isEmpty();
        }
    }

    @Test
    void closeEndsARunningCallAndRefusesLaterOnes() throws Exception {
        server.enqueue(new MockResponse.Builder().body(LIST_BODY).headersDelay(30, TimeUnit.SECONDS).build());
        PhaseoClient client = clientWith(Duration.ofSeconds(30), Duration.ofSeconds(60));
        CompletableFuture<PhaseoApiException> call = CompletableFuture.supplyAsync(() -> list(client), caller);
        assertThat(server.takeRequest(2, TimeUnit.SECONDS)).isNotNull();

        client.close();
        client.close(); // idempotent

        assertThat(call.get(2, TimeUnit.SECONDS).kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(list(client).kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aCallThatFailsDoesNotStopTheNextOne() throws ExecutionException, InterruptedException {
        server.enqueue(new MockResponse.Builder().body(LIST_BODY)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(200, LIST_BODY));

        try (PhaseoClient client = clientWith(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            assertThat(list(client).kind()).isEqualTo(ErrorKind.TRANSPORT);
            assertThat(client.listVideos(ListQuery.firstPage(10)).data()).hasSize(1);
        }
    }
}
