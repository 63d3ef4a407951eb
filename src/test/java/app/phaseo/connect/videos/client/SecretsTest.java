package app.phaseo.connect.videos.client;

import static app.phaseo.connect.videos.client.TestSupport.FAKE_KEY;
import static app.phaseo.connect.videos.client.TestSupport.json;
import static app.phaseo.connect.videos.client.TestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Drives every failure path with a recognisable key, against a server that tries hard to make the
 * key come back (it echoes it in bodies, headers, redirects and even the status line), then
 * searches every exception text, stack trace, toString() and log line at every level for it.
 */
class SecretsTest {

    /** Any run of the key long enough to be recognised, not only the whole key. */
    private static final String KEY_TAIL = FAKE_KEY.substring("aistats_v1_sk_".length());

    @StartStop
    final MockWebServer server = TestSupport.fastServer();

    @StartStop
    final MockWebServer elsewhere = TestSupport.fastServer();

    private final List<String> texts = new ArrayList<>();

    @Test
    void theKeyNeverShowsInExceptionsToStringsOrLogs() throws Exception {
        try (LogCapture logs = LogCapture.of("app.phaseo.connect.videos.client").andJul("okhttp3");
             PhaseoClient client = new PhaseoClient(TestSupport.settings(server)
                     .readTimeout(Duration.ofMillis(300)).maxResponseBytes(4_096).build())) {

            driveEveryPath(client);

            // The key did travel, in the one place it belongs: the Authorization header to our server.
            RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
            assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + FAKE_KEY);
            assertThat(elsewhere.getRequestCount()).isZero();

            texts.add(client.toString());
            texts.addAll(logs.lines());
            assertThat(logs.lines()).as("DEBUG lines were captured").anyMatch(line -> line.startsWith("DEBUG "));
            assertThat(logs.linesAt("WARN")).as("WARN lines were captured").isNotEmpty();
        }

        texts.add(TestSupport.settings(server).build().toString());
        assertThat(texts).hasSizeGreaterThan(40);
        assertThat(texts).as("texts that hold the key").filteredOn(text -> text.contains(KEY_TAIL)).isEmpty();
    }

    @Test
    void theLogCaptureWouldCatchTheKeyIfItWereLogged() {
        try (LogCapture logs = LogCapture.of("app.phaseo.connect.videos.client").andJul("okhttp3")) {
            LoggerFactory.getLogger(PhaseoClient.class).trace("canary {}", FAKE_KEY);

            assertThat(logs.lines()).anyMatch(line -> line.contains(FAKE_KEY));
        }
    }

    private void driveEveryPath(PhaseoClient client) throws Exception {
        String echo = "{\"error\":\"unauthorised\",\"reason\":\"invalid_key_format: " + FAKE_KEY + "\","
                + "\"message\":\"The key " + FAKE_KEY + " (Bearer " + FAKE_KEY + ") is not valid\","
                + "\"request_id\":\"" + FAKE_KEY + "\",\"status_code\":401}";

        expectFailure(client, json(401, echo));
        expectFailure(client, json(403, echo.replace("401", "403")));
        expectFailure(client, json(400, echo.replace("401", "400")));
        expectFailure(client, new MockResponse.Builder().code(429).setHeader("Retry-After", "5")
                .setHeader("X-Request-Id", FAKE_KEY).body(echo).build());
        expectFailure(client, text(500, "text/plain", "Internal Server Error\nAuthorization: Bearer " + FAKE_KEY));
        expectFailure(client, json(501, echo.replace("401", "501")));
        expectFailure(client, text(502, "text/html", "<html>" + FAKE_KEY + "</html>"));
        expectFailure(client, text(503, "text/plain", FAKE_KEY));
        expectFailure(client, text(418, "text/plain", "teapot " + FAKE_KEY));
        expectFailure(client, json(404, echo.replace("401", "404")));
        getFailure(client, json(404, "{\"error\":\"not_found\",\"reason\":\"video_deleted\",\"message\":\"" + FAKE_KEY + "\"}"));

        // Success statuses with bodies that quote the key where a parser or a preview would repeat it.
        expectFailure(client, text(200, "text/plain", FAKE_KEY));
        expectFailure(client, text(200, "text/plain", "Bearer " + FAKE_KEY));
        expectFailure(client, json(200, "{\"data\":[" + "\"" + FAKE_KEY + "\""));
        expectFailure(client, json(200, "{\"data\":\"" + FAKE_KEY + "\"}"));
        expectFailure(client, text(200, "text/html", "<html>" + FAKE_KEY + "</html>"));
        expectFailure(client, json(200, ""));
        getFailure(client, json(200, "{\"id\":\"" + FAKE_KEY + "\"}"));
        expectFailure(client, json(200, "{\"data\":[]," + "\"pad\":\"" + FAKE_KEY.repeat(200) + "\"}"));
        expectFailure(client, new MockResponse.Builder().chunkedBody("{\"data\":[],\"pad\":\"" + FAKE_KEY.repeat(200) + "\"}", 64)
                .build());

        // Broken transport, and a status line no parser accepts.
        expectFailure(client, new MockResponse.Builder().body("{\"data\":[\"" + FAKE_KEY + "\"]}")
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        expectFailure(client, new MockResponse.Builder().body("{}").onResponseBody(SocketEffect.Stall.INSTANCE).build());
        expectFailure(client, new MockResponse.Builder().status("XTTP/1.1 200 " + FAKE_KEY).build());
        expectFailure(client, new MockResponse.Builder().status("HTTP/1.1 " + FAKE_KEY).build());

        // Redirects that carry the key in their Location, to another origin and to our own.
        expectFailure(client, new MockResponse.Builder().code(302)
                .setHeader("Location", elsewhere.url("/steal?token=" + FAKE_KEY).toString()).build());
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/v1/videos?limit=5&sig=" + FAKE_KEY).build());
        server.enqueue(json(200, "{\"data\":[{\"id\":\"G-1\"},{\"leak\":\"" + FAKE_KEY + "\"}]}"));
        texts.add(client.listVideos(ListQuery.firstPage(5)).toString());

        // Cancelled from another thread.
        server.enqueue(new MockResponse.Builder().body("{}").headersDelay(5, TimeUnit.SECONDS).build());
        CompletableFuture<Void> hanging = CompletableFuture.runAsync(() -> collect(() -> client.listVideos(ListQuery.firstPage(5))));
        Thread.sleep(200);
        client.cancelInFlight();
        hanging.get(2, TimeUnit.SECONDS);

        // Nothing listening.
        HttpUrl closedPort;
        try (MockWebServer gone = new MockWebServer()) {
            gone.start();
            closedPort = gone.url("/v1");
        }
        try (PhaseoClient refused = new PhaseoClient(TestSupport.settings(closedPort).build())) {
            collect(() -> refused.listVideos(ListQuery.firstPage(5)));
            texts.add(refused.toString());
        }

        // Settings errors, with the key pasted where it does not belong.
        collectSettingsError(() -> ClientSettings.builder(HttpUrl.get("http://api.phaseo.app/" + FAKE_KEY),
                new Password(FAKE_KEY)).build());
        collectSettingsError(() -> ClientSettings.builder(HttpUrl.get("https://u:" + FAKE_KEY + "@api.phaseo.app/v1"),
                new Password(FAKE_KEY)).build());
        collectSettingsError(() -> ClientSettings.parseBaseUrl("htp://" + FAKE_KEY));
        collectSettingsError(() -> ClientSettings.builder(HttpUrl.get("https://api.phaseo.app/v1"),
                new Password(FAKE_KEY + " " + FAKE_KEY)).build());
    }

    private void expectFailure(PhaseoClient client, MockResponse response) {
        server.enqueue(response);
        collect(() -> client.listVideos(ListQuery.firstPage(5)));
    }

    private void getFailure(PhaseoClient client, MockResponse response) {
        server.enqueue(response);
        collect(() -> client.getVideo("G-1"));
    }

    private void collect(Runnable call) {
        try {
            call.run();
            texts.add("(call succeeded)");
        } catch (PhaseoApiException failure) {
            addException(failure);
            texts.add(String.valueOf(failure.reason()));
            texts.add(String.valueOf(failure.apiMessage()));
            texts.add(String.valueOf(failure.requestId()));
        }
    }

    private void collectSettingsError(Runnable build) {
        try {
            build.run();
        } catch (IllegalArgumentException expected) {
            addException(expected);
            return;
        }
        throw new AssertionError("expected the settings to be refused");
    }

    private void addException(Throwable failure) {
        texts.add(failure.getMessage());
        texts.add(failure.toString());
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        texts.add(trace.toString());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            texts.add(String.valueOf(cause.getMessage()));
            texts.add(cause.toString());
        }
    }
}
