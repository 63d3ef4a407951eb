package app.phaseo.connect.videos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.client.Backoff;
import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.ListQuery;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.client.PhaseoClient;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.metrics.ApiState;
import app.phaseo.connect.videos.metrics.PhaseoTaskMetrics;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.testkit.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pacing of the task, in virtual time: what it does with each {@link ErrorKind.Handling}, the
 * flicker rule for 501 video_api_feature_disabled, and the wait while the API is closed. The
 * failures come from real answers of a MockWebServer through the real client wherever an answer
 * makes them; kinds without an answer (transport, cancellation...) are built as values.
 */
class PacerTest {

    private static final String KEY = "aistats_v1_sk_fake_pacer_key_zz";
    private static final long POLL_MS = 5_000;
    private static final long BACKOFF_INITIAL_MS = 1_000;
    private static final String GATE = "video_api_feature_disabled";
    private static final String EVERYONE = "video_api_temporarily_disabled";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final PhaseoTaskMetrics metrics = new PhaseoTaskMetrics(clock);
    private PhaseoClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private PhaseoVideosConfig config(String... overrides) {
        Map<String, String> props = new HashMap<>();
        props.put(PhaseoVideosConfig.API_URL, server.url("/v1").toString());
        props.put(PhaseoVideosConfig.API_KEY, KEY);
        props.put(PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK, "true");
        props.put(PhaseoVideosConfig.POLL_INTERVAL, Long.toString(POLL_MS));
        props.put(PhaseoVideosConfig.BACKOFF_INITIAL, Long.toString(BACKOFF_INITIAL_MS));
        props.put(PhaseoVideosConfig.BACKOFF_MAX, "60000");
        for (int i = 0; i < overrides.length; i += 2) {
            props.put(overrides[i], overrides[i + 1]);
        }
        return new PhaseoVideosConfig(props);
    }

    /** A pacer whose backoff has no jitter, so each wait is known: initial, then doubling. */
    private Pacer pacer(String... overrides) {
        PhaseoVideosConfig config = config(overrides);
        client = new Wiring(config, clock).client();
        Backoff backoff = new Backoff(config.backoffInitial(), config.backoffMax(), 2.0, 0.0, new SplittableRandom(1));
        return new Pacer(config, backoff, metrics, clock);
    }

    /** The failure the real client makes of one answer of the server. */
    private PhaseoApiException failureOf(int status, String reason) {
        return failureOf(new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body("{\"error\":\"some_error\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                        + ",\"message\":\"It said no.\",\"status_code\":" + status + "}")
                .build());
    }

    private PhaseoApiException failureOf(MockResponse answer) {
        server.enqueue(answer);
        try {
            client.listVideos(ListQuery.firstPage(1));
        } catch (PhaseoApiException e) {
            return e;
        }
        throw new AssertionError("the answer did not fail the call");
    }

    /** Lets virtual time run to when the pacer allows the next request. */
    private void waitForNextRun(Pacer pacer) {
        clock.advance(Duration.ofMillis(Math.max(0, pacer.millisUntilNextRun())));
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void everyKindIsPacedAsItsHandlingSays(ErrorKind kind) {
        Pacer pacer = pacer();
        PhaseoApiException failure = new PhaseoApiException(kind, "failed: " + kind, null);

        switch (kind.handling()) {
            case FAIL_TASK -> assertThatThrownBy(() -> pacer.failed(failure)).isInstanceOf(ConnectException.class)
                    .hasMessage("failed: " + kind).hasCause(failure);
            case FAIL_REQUEST, BACK_OFF, RETRY_SLOWLY_IF_PERSISTENT -> {
                pacer.failed(failure);
                assertThat(pacer.millisUntilNextRun()).isEqualTo(BACKOFF_INITIAL_MS);
                assertThat(pacer.state()).isEqualTo(ApiState.BACKING_OFF);
                assertThat(metrics.getRetries()).isEqualTo(1);
            }
            case RETRY_SLOWLY -> {
                pacer.failed(failure);
                assertThat(pacer.millisUntilNextRun()).isEqualTo(POLL_MS);
                assertThat(pacer.state()).isEqualTo(ApiState.DISABLED);
                assertThat(metrics.getRetries()).isZero();
            }
            case STOP -> {
                pacer.failed(failure);
                assertThat(pacer.millisUntilNextRun()).isLessThanOrEqualTo(0);
                assertThat(pacer.state()).isEqualTo(ApiState.OK);
                assertThat(metrics.getFailedRequests()).isZero();
            }
            default -> throw new AssertionError("a handling this test does not know: " + kind.handling());
        }
        if (kind.handling() != ErrorKind.Handling.STOP) {
            assertThat(metrics.getFailedRequests()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db_error", "server_misconfig_missing_pepper"})
    void a401FromAKeyCheckTheGatewayCouldNotMakeIsRetriedWithBackoff(String reason) {
        Pacer pacer = pacer();

        pacer.failed(failureOf(401, reason));
        assertThat(pacer.millisUntilNextRun()).isEqualTo(BACKOFF_INITIAL_MS);
        waitForNextRun(pacer);
        pacer.failed(failureOf(401, reason));

        assertThat(pacer.millisUntilNextRun()).isEqualTo(2 * BACKOFF_INITIAL_MS);
        assertThat(pacer.state()).isEqualTo(ApiState.BACKING_OFF);
        assertThat(metrics.getApiStateReason()).isEqualTo(reason);
        pacer.succeeded();
        assertThat(pacer.state()).isEqualTo(ApiState.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_key_format", "key_not_found_or_revoked", "key_expired", "invalid_secret",
        "missing_or_invalid_authorization_header", "unauthorised"})
    void anyOther401FailsAtOnceNamingTheKeySettingButNeverTheKey(String reason) {
        Pacer pacer = pacer();

        assertThatThrownBy(() -> pacer.failed(failureOf(401, reason))).isInstanceOf(ConnectException.class)
                .hasMessageContaining(PhaseoVideosConfig.API_KEY).hasMessageContaining(reason)
                .hasMessageNotContaining(KEY);
    }

    @Test
    void aLone501FromTheFeatureGateIsRetriedWithTheNormalBackoff() {
        Pacer pacer = pacer();

        pacer.failed(failureOf(501, GATE));

        assertThat(pacer.millisUntilNextRun()).isEqualTo(BACKOFF_INITIAL_MS);
        assertThat(pacer.state()).isEqualTo(ApiState.BACKING_OFF);
        assertThat(metrics.getApiStateReason()).isEqualTo(GATE);
        pacer.succeeded();
        assertThat(pacer.state()).isEqualTo(ApiState.OK);
    }

    @Test
    void aPersistent501FromTheFeatureGateMovesToTheDisabledWait() {
        Pacer pacer = pacer();
        Instant first = clock.instant();
        int answers = 0;
        while (pacer.state() != ApiState.DISABLED && answers < 100) {
            pacer.failed(failureOf(501, GATE));
            answers++;
            if (pacer.state() != ApiState.DISABLED) {
                assertThat(pacer.state()).isEqualTo(ApiState.BACKING_OFF);
                waitForNextRun(pacer);
            }
        }

        Duration span = Duration.between(first, clock.instant());
        assertThat(answers).isGreaterThanOrEqualTo(ErrorKind.Handling.PERSISTENT_ANSWERS);
        assertThat(span).isGreaterThanOrEqualTo(Duration.ofSeconds(ErrorKind.Handling.PERSISTENT_SECONDS));
        // Not much later than the rule says: the answer before the last one was still inside the span.
        assertThat(span).isLessThan(Duration.ofSeconds(ErrorKind.Handling.PERSISTENT_SECONDS).plusMillis(POLL_MS));
        assertThat(metrics.getApiStateReason()).isEqualTo(GATE);
        assertThat(pacer.millisUntilNextRun()).isEqualTo(POLL_MS);
    }

    @Test
    void aFeatureGate501IsNeverWaitedOnLongerThanOnePollInterval() {
        Pacer pacer = pacer(PhaseoVideosConfig.BACKOFF_INITIAL, "20000");

        pacer.failed(failureOf(501, GATE));

        assertThat(pacer.millisUntilNextRun()).isEqualTo(POLL_MS);
        assertThat(pacer.state()).isEqualTo(ApiState.BACKING_OFF);
    }

    @Test
    void aSuccessBetweenFeatureGateAnswersStartsTheirCountAgain() {
        Pacer pacer = pacer();
        for (int i = 0; i < 20; i++) {
            pacer.failed(failureOf(501, GATE));
            assertThat(pacer.state()).as("after gate answer %d", i + 1).isEqualTo(ApiState.BACKING_OFF);
            waitForNextRun(pacer);
            clock.advance(Duration.ofSeconds(10));
            pacer.succeeded();
        }

        assertThat(pacer.state()).isEqualTo(ApiState.OK);
    }

    @Test
    void anotherFailureBetweenFeatureGateAnswersStartsTheirCountAgain() {
        Pacer pacer = pacer();
        for (int i = 0; i < 20; i++) {
            pacer.failed(failureOf(501, GATE));
            assertThat(pacer.state()).as("after gate answer %d", i + 1).isEqualTo(ApiState.BACKING_OFF);
            waitForNextRun(pacer);
            clock.advance(Duration.ofSeconds(10));
            pacer.failed(failureOf(502, "upstream_error"));
            waitForNextRun(pacer);
        }
    }

    @Test
    void a501ForEveryoneWaitsOnePollIntervalAtOnceAndEndsOnTheFirstAnswer() {
        Pacer pacer = pacer();
        try (LogCapture logs = LogCapture.of(Pacer.class.getName())) {
            for (int check = 0; check < 5; check++) {
                pacer.failed(failureOf(501, EVERYONE));
                assertThat(pacer.state()).isEqualTo(ApiState.DISABLED);
                assertThat(pacer.millisUntilNextRun()).as("a check costs one request per poll interval").isEqualTo(POLL_MS);
                waitForNextRun(pacer);
            }
            pacer.succeeded();

            assertThat(pacer.state()).isEqualTo(ApiState.OK);
            assertThat(metrics.getApiStateReason()).isEmpty();
            assertThat(logs.linesAt("WARN")).as("one WARN for the whole closed period").hasSize(1);
            assertThat(logs.text()).contains("open again");
        }
        assertThat(metrics.getRetries()).isZero();
        assertThat(metrics.getFailedRequests()).isEqualTo(5);
    }

    @Test
    void aGateAnswerWhileClosedForEveryoneKeepsTheDisabledWait() {
        Pacer pacer = pacer();
        pacer.failed(failureOf(501, EVERYONE));
        waitForNextRun(pacer);

        pacer.failed(failureOf(501, GATE));

        assertThat(pacer.state()).isEqualTo(ApiState.DISABLED);
        assertThat(metrics.getApiStateReason()).isEqualTo(GATE);
        assertThat(pacer.millisUntilNextRun()).isEqualTo(POLL_MS);
    }

    @Test
    void withDisabledBehaviourFailALoneGateAnswerIsRetriedAndAPersistentOneFails() {
        Pacer pacer = pacer(PhaseoVideosConfig.DISABLED_BEHAVIOR, "fail");
        pacer.failed(failureOf(501, GATE));
        assertThat(pacer.state()).isEqualTo(ApiState.BACKING_OFF);

        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                waitForNextRun(pacer);
                pacer.failed(failureOf(501, GATE));
            }
        }).isInstanceOf(ConnectException.class).hasMessageContaining(GATE)
                .hasMessageContaining(PhaseoVideosConfig.DISABLED_BEHAVIOR + "=fail");
    }

    @Test
    void withDisabledBehaviourFailA501ForEveryoneFailsAtOnce() {
        Pacer pacer = pacer(PhaseoVideosConfig.DISABLED_BEHAVIOR, "fail");

        assertThatThrownBy(() -> pacer.failed(failureOf(501, EVERYONE))).isInstanceOf(ConnectException.class)
                .hasMessageContaining(EVERYONE);
    }

    @Test
    void a429WaitsForItsRetryAfterCappedAndBacksOffWithoutOne() {
        Pacer pacer = pacer(PhaseoVideosConfig.RETRY_AFTER_MAX, "20000");

        pacer.failed(failureOf(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build()));
        assertThat(pacer.millisUntilNextRun()).isEqualTo(7_000);
        assertThat(pacer.state()).isEqualTo(ApiState.RATE_LIMITED);
        waitForNextRun(pacer);

        pacer.failed(failureOf(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build()));
        assertThat(pacer.millisUntilNextRun()).isEqualTo(20_000);
        waitForNextRun(pacer);

        pacer.failed(failureOf(new MockResponse.Builder().code(429).build()));
        assertThat(pacer.millisUntilNextRun()).isEqualTo(4 * BACKOFF_INITIAL_MS);
        assertThat(pacer.state()).isEqualTo(ApiState.BACKING_OFF);
        assertThat(metrics.getApiStateReason()).isEqualTo("rate_limited");
    }

    @Test
    void a400OnARequestNothingCanReplaceIsLoggedAsAnApiChangeAndRetriedWithBackoff() {
        Pacer pacer = pacer();
        try (LogCapture logs = LogCapture.of(Pacer.class.getName())) {
            pacer.failed(failureOf(400, "invalid_limit"));

            assertThat(logs.linesAt("ERROR")).singleElement().asString().contains("API change", "invalid_limit");
        }
        assertThat(pacer.millisUntilNextRun()).isEqualTo(BACKOFF_INITIAL_MS);
        assertThat(pacer.state()).isEqualTo(ApiState.BACKING_OFF);
    }

    @Test
    void theDeprecatedDisabledRetryIntervalIsIgnoredAndSaidToBe() {
        try (LogCapture logs = LogCapture.of(Pacer.class.getName())) {
            Pacer pacer = pacer(PhaseoVideosConfig.DISABLED_RETRY_INTERVAL, "60000");

            assertThat(logs.linesAt("WARN")).singleElement().asString()
                    .contains(PhaseoVideosConfig.DISABLED_RETRY_INTERVAL, "deprecated and ignored");
            pacer.failed(failureOf(501, EVERYONE));
            assertThat(pacer.millisUntilNextRun()).isEqualTo(POLL_MS);
        }
    }
}
