package app.phaseo.connect.videos;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.schema.VideoSchemas;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.util.ConnectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A corpus of hostile answers fed through the whole task, not only the client: each case serves
 * one bad answer (or a streak of them) at a chosen point of a cycle, then good answers, and
 * checks what the failure taxonomy says must come of it.
 *
 * <ul>
 *   <li>401, 403 and a refused redirect fail the task with a {@link ConnectException} that names
 *       the config key to fix (and the API's reason), never the key itself;</li>
 *   <li>501 keeps the task RUNNING (state DISABLED with the reason over JMX, a slow retry) unless
 *       {@code api.disabled.behavior=fail};</li>
 *   <li>429 waits at least the Retry-After (capped), 5xx, IO errors, timeouts, malformed and
 *       oversized bodies back off; then the good answer gives every record exactly once, also when
 *       the failure hit the second page of a cycle;</li>
 *   <li>malformed rows, unknown fields and odd types never fail the task: every row with a usable
 *       id becomes a record that Kafka's converters can write, the rest are skipped, and the offset
 *       the last record carries lets a new task resume without re-sending anything.</li>
 * </ul>
 * Time is virtual (waits move the clock), HTTP is real (a local MockWebServer).
 */
class TaskHostileCorpusTest {

    /** Recognisable and obviously not a real key. */
    static final String KEY = "aistats_v1_sk_fake_task_corpus_key";
    static final String CONNECTOR = "task-corpus";
    static final Instant START = Instant.parse("2026-11-28T15:00:00Z");
    static final int PAGE_SIZE = 2;
    static final long CAP_BYTES = 64 * 1024;
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(8);
    static final Duration RETRY_AFTER_CAP = Duration.ofMinutes(2);
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static MockWebServer server;
    private static MockWebServer elsewhere;
    /** Five final jobs as today's gateway renders them, newest first. */
    private static List<ObjectNode> goodRows;
    private static final ScriptedApi api = new ScriptedApi();

    @BeforeAll
    static void start() throws IOException {
        MutableClock simClock = new MutableClock(START);
        // The corpus needs five final rows to distort; a job stuck before its billing mark is never final, and this
        // test is about hostile bodies, not billing: no stuck jobs here.
        PhaseoSimulator sim = PhaseoSimulator.builder().clock(simClock).seed(505)
                .profile(app.phaseo.connect.videos.simulator.LifecycleProfile.realistic().toBuilder().stuckBillingRate(0).build())
                .preexisting(5, Duration.ofHours(6)).build();
        List<String> ids = new ArrayList<>(sim.jobIds());
        Collections.reverse(ids);
        goodRows = ids.stream().map(sim::render).collect(Collectors.toUnmodifiableList());
        assertThat(goodRows).allMatch(row -> sim.isFinal(row.get("id").textValue()));

        server = noDelayServer();
        server.setDispatcher(api);
        server.start();
        elsewhere = new MockWebServer();
        elsewhere.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        elsewhere.close();
    }

    // ---- the API: good answers from a row list, hostile answers at chosen requests ------------------

    /** What a hostile answer is made from: the request it answers and the virtual time. */
    interface Answer extends BiFunction<RecordedRequest, Instant, MockResponse> {
    }

    /**
     * Serves {@code rows} as today's gateway does (newest first, {@code order=asc} reverses,
     * {@code after} continues after an id or restarts at the top when the id is unknown, a status
     * filter keeps matching rows, {@code limit} rows a page), except at the request numbers given a
     * hostile answer. Records the virtual time of every request.
     */
    static final class ScriptedApi extends Dispatcher {
        volatile MutableClock clock;
        volatile List<JsonNode> rows = List.of();
        volatile Map<Integer, Answer> hostile = Map.of();
        final AtomicInteger count = new AtomicInteger();
        final List<Long> times = new CopyOnWriteArrayList<>();
        final List<Integer> statuses = new CopyOnWriteArrayList<>();

        /** For {@code GET /videos/{id}}: a hostile answer for the next {@code hostileGets} of them. */
        volatile Answer hostileGet;
        final AtomicInteger hostileGets = new AtomicInteger();
        /** Virtual times of the {@code GET /videos/{id}} requests. */
        final List<Long> getTimes = new CopyOnWriteArrayList<>();

        void reset(MutableClock clock, List<JsonNode> rows, Map<Integer, Answer> hostile) {
            this.clock = clock;
            this.rows = rows;
            this.hostile = hostile;
            count.set(0);
            times.clear();
            statuses.clear();
            hostileGet = null;
            hostileGets.set(0);
            getTimes.clear();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            int n = count.incrementAndGet();
            Instant now = clock.instant();
            times.add(now.toEpochMilli());
            Answer answer = hostile.get(n);
            if (isGet(request.getUrl())) {
                getTimes.add(now.toEpochMilli());
                if (hostileGet != null && hostileGets.getAndDecrement() > 0) {
                    answer = hostileGet;
                }
            }
            MockResponse response = answer != null ? answer.apply(request, now) : good(request.getUrl());
            statuses.add(answer != null ? -response.getCode() : response.getCode());
            return response;
        }

        private static boolean isGet(HttpUrl url) {
            List<String> segments = url.pathSegments();
            return !segments.get(segments.size() - 1).equals("videos");
        }

        MockResponse good(HttpUrl url) {
            List<String> segments = url.pathSegments();
            if (isGet(url)) {
                String id = segments.get(segments.size() - 1);
                for (JsonNode row : rows) {
                    if (id.equals(idOf(row))) {
                        return json(200, row.toString());
                    }
                }
                return json(404, "{\"error\":\"not_found\",\"reason\":\"video_not_found_or_not_owned\",\"status_code\":404}");
            }
            List<JsonNode> matching = new ArrayList<>();
            String status = url.queryParameter("status");
            for (JsonNode row : rows) {
                if (status == null || matchesStatus(row, status)) {
                    matching.add(row);
                }
            }
            if ("asc".equals(url.queryParameter("order"))) {
                Collections.reverse(matching);
            }
            int from = 0;
            String after = url.queryParameter("after");
            if (after != null) {
                for (int i = 0; i < matching.size(); i++) {
                    if (after.equals(idOf(matching.get(i)))) {
                        from = i + 1;
                    }
                }
            }
            String limitText = url.queryParameter("limit");
            int limit = limitText == null ? 0 : Math.max(0, Math.min(100, Integer.parseInt(limitText)));
            List<JsonNode> page = matching.subList(Math.min(from, matching.size()), Math.min(from + limit, matching.size()));
            ObjectNode body = NODES.objectNode();
            body.put("object", "list");
            ArrayNode data = body.putArray("data");
            page.forEach(data::add);
            body.put("first_id", page.isEmpty() ? null : idOf(page.get(0)));
            body.put("last_id", page.isEmpty() ? null : idOf(page.get(page.size() - 1)));
            body.put("has_more", from + limit < matching.size());
            return json(200, body.toString());
        }

        private static boolean matchesStatus(JsonNode row, String filter) {
            Set<VideoStatus> wanted = new LinkedHashSet<>();
            for (String s : filter.split(",")) {
                VideoStatus.parse(s).ifPresent(wanted::add);
            }
            return wanted.isEmpty() || wanted.contains(VideoStatus.fromWire(row.path("status").asText(null)));
        }
    }

    static String idOf(JsonNode row) {
        JsonNode id = row.get("id");
        return id != null && id.isTextual() ? id.textValue() : null;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    // ---- cases ----------------------------------------------------------------------------------

    enum Outcome {
        /** The task fails with a ConnectException naming {@link Case#failKey}. */
        FAILS,
        /** The answer is a failure the task retries (backoff or Retry-After); then every record once. */
        RETRIES,
        /** 501: the task stays RUNNING, reports DISABLED with the reason, retries slowly; then every record once. */
        WAITS_DISABLED,
        /** The answer is acceptable as it is; every record with a usable id, once. */
        STREAMS
    }

    /**
     * One case. {@code at} is the request number the first hostile answer goes to (1: the first
     * page of the first cycle; 2: its second page), {@code times} how many requests in a row get it.
     */
    record Case(String name, Answer answer, int at, int times, Outcome outcome, String failKey, String reason,
                Duration minGap, List<JsonNode> rows, Map<String, String> props, Consumer<List<SourceRecord>> check) {

        Case withProps(Map<String, String> extra, String suffix) {
            Map<String, String> merged = new HashMap<>(props);
            merged.putAll(extra);
            return new Case(name + suffix, answer, at, times, outcome, failKey, reason, minGap, rows, merged, check);
        }
    }

    private static final int[] ERROR_STATUSES = {400, 401, 403, 404, 405, 408, 409, 410, 418, 422, 429, 451,
        500, 501, 502, 503, 504, 505, 520, 599};

    /** Bodies an error status may come with. */
    enum ErrorBody {
        API_JSON, PLAIN_TEXT, HTML, EMPTY;

        String text(int status) {
            return switch (this) {
                case API_JSON -> "{\"error\":\"" + errorCode(status) + "\",\"reason\":\"" + reason(status)
                        + "\",\"message\":\"Something went wrong.\",\"status_code\":" + status
                        + ",\"error_type\":\"user\",\"error_origin\":\"gateway\",\"request_id\":\"G-REQ-1\"}";
                case PLAIN_TEXT -> status == 500 ? "Internal Server Error" : "Error " + status;
                case HTML -> "<!DOCTYPE html><html><body><h1>" + status + "</h1><p>nginx</p></body></html>";
                case EMPTY -> "";
            };
        }

        String contentType() {
            return switch (this) {
                case API_JSON -> "application/json";
                case HTML -> "text/html; charset=utf-8";
                default -> "text/plain; charset=utf-8";
            };
        }

        static String errorCode(int status) {
            return switch (status) {
                case 401 -> "unauthorised";
                case 501 -> "not_implemented_yet";
                case 502 -> "upstream_error";
                default -> "some_error";
            };
        }

        static String reason(int status) {
            return switch (status) {
                case 401 -> "invalid_key_format";
                case 403 -> "workspace_access_denied";
                case 404 -> "video_deleted";
                case 501 -> "video_api_feature_disabled";
                default -> "reason_" + status;
            };
        }
    }

    static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        for (int status : ERROR_STATUSES) {
            for (ErrorBody body : ErrorBody.values()) {
                for (int at : new int[] {1, 2}) {
                    cases.add(errorCase(status, body, at));
                }
            }
        }
        cases.addAll(retryAfterCases());
        cases.addAll(disabledCases());
        cases.addAll(envelopeCases());
        cases.addAll(transportCases());
        List<Case> rowCases = rowCases();
        for (Case c : rowCases) {
            cases.add(c);
            cases.add(c.withProps(Map.of(PhaseoVideosConfig.VALUE_FORMAT, "map"), " [value.format=map]"));
            cases.add(c.withProps(Map.of(PhaseoVideosConfig.VALUE_FLATTEN, "true"), " [value.flatten=true]"));
        }
        return cases;
    }

    private static Case errorCase(int status, ErrorBody body, int at) {
        Answer answer = (request, now) -> new MockResponse.Builder().code(status)
                .setHeader("Content-Type", body.contentType()).body(body.text(status)).build();
        String name = "HTTP " + status + " " + body + " at request " + at;
        String reason = body == ErrorBody.API_JSON ? ErrorBody.reason(status) : null;
        return switch (status) {
            case 401, 403 -> new Case(name, answer, at, 2, Outcome.FAILS, PhaseoVideosConfig.API_KEY, reason, null,
                    null, Map.of(), null);
            // A lone 501 video_api_feature_disabled may be a blip of the gateway's gate check: backed off.
            case 501 -> reason != null
                    ? new Case(name, answer, at, 2, Outcome.RETRIES, null, null, minBackoff(), null, Map.of(), null)
                    : new Case(name, answer, at, 2, Outcome.WAITS_DISABLED, null, "not_implemented_yet", POLL_INTERVAL,
                            null, Map.of(), null);
            // OkHttp repeats a 408 once by itself, so the task may see fewer failures than answers.
            default -> new Case(name, answer, at, 2, Outcome.RETRIES, null, null, minBackoff(), null, Map.of(), null);
        };
    }

    private static Duration minBackoff() {
        return BACKOFF_INITIAL.dividedBy(2);
    }

    /**
     * Retry-After in every form. The task waits for it (capped by retry.after.max.ms) on a 429, and on
     * a 503 or 408 when it asks for longer than the backoff would wait. Numbers past
     * Integer.MAX_VALUE also reach OkHttp's own retry logic (for 503 and 408), which used to throw;
     * such answers are retried after the backoff.
     */
    private static List<Case> retryAfterCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(retryAfter(429, "7", Duration.ofSeconds(7)));
        cases.add(retryAfter(429, "86400", RETRY_AFTER_CAP));
        cases.add(retryAfter(429, "garbage", minBackoff()));
        cases.add(retryAfter(429, "date +45 s", Duration.ofSeconds(44)));
        cases.add(retryAfter(429, "date in the past", minBackoff()));
        cases.add(retryAfter(429, "3000000000", RETRY_AFTER_CAP));
        cases.add(retryAfter(429, "99999999999999999999", RETRY_AFTER_CAP));
        for (int status : new int[] {503, 408}) {
            cases.add(retryAfter(status, "7", Duration.ofSeconds(7)));
            cases.add(retryAfter(status, "86400", RETRY_AFTER_CAP));
            cases.add(retryAfter(status, "date +45 s", Duration.ofSeconds(44)));
            for (String form : new String[] {"garbage", "date in the past", "3000000000", "99999999999999999999"}) {
                cases.add(retryAfter(status, form, minBackoff()));
            }
        }
        return cases;
    }

    private static Case retryAfter(int status, String form, Duration minGap) {
        Answer answer = (request, now) -> {
            String value = switch (form) {
                case "garbage" -> "soon-ish";
                case "date +45 s" -> DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(45).atZone(ZoneOffset.UTC));
                case "date in the past" -> DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(600).atZone(ZoneOffset.UTC));
                default -> form;
            };
            return new MockResponse.Builder().code(status).setHeader("Retry-After", value)
                    .setHeader("Content-Type", "application/json")
                    .body("{\"error\":\"rate_limited\",\"reason\":\"too_many_requests\",\"status_code\":" + status + "}").build();
        };
        return new Case("HTTP " + status + " Retry-After " + form, answer, 1, 2, Outcome.RETRIES, null, null, minGap, null,
                Map.of(), null);
    }

    /**
     * 501 for everyone waits once per poll interval (or fails when told to) at once; 501
     * video_api_feature_disabled a few times in a row is a blip, backed off, even with
     * api.disabled.behavior=fail (its persistent form is in PacerTest and the task test).
     */
    private static List<Case> disabledCases() {
        List<Case> cases = new ArrayList<>();
        for (String reason : new String[] {"video_api_temporarily_disabled", "video_api_feature_disabled"}) {
            Answer answer = (request, now) -> json(501, "{\"error\":\"not_implemented_yet\",\"reason\":\"" + reason
                    + "\",\"message\":\"Video endpoints are disabled.\",\"status_code\":501,\"error_type\":\"user\","
                    + "\"error_origin\":\"user\"}");
            boolean everyone = reason.equals("video_api_temporarily_disabled");
            cases.add(everyone
                    ? new Case("HTTP 501 " + reason + ", three checks in a row", answer, 1, 3, Outcome.WAITS_DISABLED,
                            null, reason, POLL_INTERVAL, null, Map.of(), null)
                    : new Case("HTTP 501 " + reason + ", three answers in a row (a blip)", answer, 1, 3, Outcome.RETRIES,
                            null, null, minBackoff(), null, Map.of(), null));
            cases.add(everyone
                    ? new Case("HTTP 501 " + reason + " with api.disabled.behavior=fail", answer, 1, 1, Outcome.FAILS,
                            PhaseoVideosConfig.DISABLED_BEHAVIOR, reason, null, null,
                            Map.of(PhaseoVideosConfig.DISABLED_BEHAVIOR, "fail"), null)
                    : new Case("HTTP 501 " + reason + " once with api.disabled.behavior=fail (a blip)", answer, 1, 1,
                            Outcome.RETRIES, null, null, minBackoff(), null,
                            Map.of(PhaseoVideosConfig.DISABLED_BEHAVIOR, "fail"), null));
        }
        for (String reason : new String[] {"db_error", "server_misconfig_missing_pepper"}) {
            Answer answer = (request, now) -> json(401, "{\"error\":\"unauthorised\",\"reason\":\"" + reason
                    + "\",\"status_code\":401,\"error_type\":\"user\",\"error_origin\":\"gateway\"}");
            cases.add(new Case("HTTP 401 " + reason + ", twice in a row (the gateway could not check the key)", answer,
                    1, 2, Outcome.RETRIES, null, null, minBackoff(), null, Map.of(), null));
        }
        return cases;
    }

    /** 200 answers whose envelope is not what the API sends. */
    private static List<Case> envelopeCases() {
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("empty body", "");
        bodies.put("JSON null", "null");
        bodies.put("JSON array", "[{\"id\":\"G-X\"}]");
        bodies.put("JSON string", "\"ok\"");
        bodies.put("JSON number", "200");
        bodies.put("empty object", "{}");
        bodies.put("data null", "{\"data\":null,\"has_more\":false}");
        bodies.put("data an object", "{\"data\":{\"id\":\"G-X\"},\"has_more\":false}");
        bodies.put("data a string", "{\"data\":\"G-X\",\"has_more\":true}");
        bodies.put("cut-off JSON", "{\"object\":\"list\",\"data\":[{\"id\":\"G-01\",\"status\":\"que");
        bodies.put("HTML page", "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>");
        bodies.put("trailing garbage", "{\"data\":[],\"has_more\":false}<html>");
        bodies.put("two JSON documents", "{\"data\":[]}{\"data\":[]}");
        bodies.put("NaN token", "{\"data\":[],\"has_more\":NaN}");
        bodies.put("comments", "/* hi */{\"data\":[]}");
        bodies.put("single quotes", "{'data':[]}");
        bodies.put("nested 3000 deep", "{\"data\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}");
        bodies.put("binary", new String(new byte[] {0, (byte) 0xFF, (byte) 0xFE, 0x1F, (byte) 0x8B, 0x08}, StandardCharsets.ISO_8859_1));
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            for (int at : new int[] {1, 2}) {
                Answer answer = (request, now) -> new MockResponse.Builder().code(200)
                        .setHeader("Content-Type", "application/json")
                        .body(new Buffer().writeString(body.getValue(), StandardCharsets.ISO_8859_1)).build();
                cases.add(new Case("HTTP 200 " + body.getKey() + " at request " + at, answer, at, 2, Outcome.RETRIES, null,
                        null, minBackoff(), null, Map.of(), null));
            }
        }
        // Acceptable as they are: an empty page, a 2xx other than 200 with a list, odd but valid envelopes.
        Map<String, Answer> fine = new java.util.LinkedHashMap<>();
        fine.put("an empty page", (r, now) -> json(200, "{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}"));
        fine.put("an empty page with has_more true", (r, now) -> json(200, "{\"data\":[],\"has_more\":true}"));
        fine.put("a page without first_id, last_id, has_more", (r, now) -> json(200, "{\"data\":[" + goodRows.get(0) + "]}"));
        fine.put("has_more a string", (r, now) -> json(200, "{\"data\":[" + goodRows.get(0) + "],\"has_more\":\"maybe\"}"));
        fine.put("first_id and last_id numbers", (r, now) -> json(200, "{\"data\":[" + goodRows.get(0)
                + "],\"first_id\":1,\"last_id\":2,\"has_more\":false}"));
        fine.put("HTTP 202 with a list", (r, now) -> new MockResponse.Builder(api.good(r.getUrl())).code(202).build());
        fine.put("a UTF-8 byte order mark", (r, now) -> new MockResponse.Builder().code(200)
                .body(new Buffer().write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).writeUtf8(goodPage(r))).build());
        fine.put("UTF-16", (r, now) -> new MockResponse.Builder().code(200)
                .body(new Buffer().writeString(goodPage(r), StandardCharsets.UTF_16BE)).build());
        fine.put("text/html content type on a good list", (r, now) -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "text/html").body(goodPage(r)).build());
        fine.put("chunked in 7-byte pieces", (r, now) -> new MockResponse.Builder().code(200).chunkedBody(goodPage(r), 7).build());
        fine.put("an unknown envelope field", (r, now) -> json(200, goodPage(r).replaceFirst("\\{", "{\"x_new\":{\"a\":[1,2]},")));
        for (Map.Entry<String, Answer> answer : fine.entrySet()) {
            for (int at : new int[] {1, 2}) {
                cases.add(new Case("HTTP 200 " + answer.getKey() + " at request " + at, answer.getValue(), at, 1,
                        Outcome.STREAMS, null, null, null, null, Map.of(), null));
            }
        }
        return cases;
    }

    /** The good answer's body for this request, as text. */
    private static String goodPage(RecordedRequest request) {
        try {
            Buffer buffer = new Buffer();
            api.good(request.getUrl()).getBody().writeTo(buffer);
            return buffer.readUtf8();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Broken connections, stalls, size caps and redirects. */
    private static List<Case> transportCases() {
        List<Case> cases = new ArrayList<>();
        String big = "{\"data\":[],\"pad\":\"" + "p".repeat((int) CAP_BYTES) + "\"}";
        Map<String, Answer> retried = new java.util.LinkedHashMap<>();
        retried.put("body cut off mid-way", (r, now) -> new MockResponse.Builder().body(goodPage(r))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        retried.put("chunked body cut off mid-way", (r, now) -> new MockResponse.Builder().chunkedBody(goodPage(r), 5)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        retried.put("connection closed before the answer", (r, now) -> new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        retried.put("body stalls (read timeout)", (r, now) -> new MockResponse.Builder().body(goodPage(r))
                .onResponseBody(SocketEffect.Stall.INSTANCE).build());
        retried.put("headers too slow (read timeout)", (r, now) -> new MockResponse.Builder().body(goodPage(r))
                .headersDelay(1, java.util.concurrent.TimeUnit.SECONDS).build());
        retried.put("body trickles past the call timeout", (r, now) -> new MockResponse.Builder().body(goodPage(r))
                .throttleBody(64, 150, java.util.concurrent.TimeUnit.MILLISECONDS).build());
        retried.put("over the size cap with Content-Length", (r, now) -> new MockResponse.Builder().body(big).build());
        retried.put("over the size cap, chunked", (r, now) -> new MockResponse.Builder().chunkedBody(big, 4096).build());
        retried.put("a Content-Length far over the cap", (r, now) -> new MockResponse.Builder().body(goodPage(r))
                .setHeader("Content-Length", Long.toString(CAP_BYTES * 1000)).build());
        retried.put("gzip header on a body that is not gzip", (r, now) -> new MockResponse.Builder().body(goodPage(r))
                .setHeader("Content-Encoding", "gzip").build());
        retried.put("HTTP 204 no content", (r, now) -> new MockResponse.Builder().code(204).build());
        retried.put("HTTP 304 not modified", (r, now) -> new MockResponse.Builder().code(304).build());
        retried.put("HTTP 302 without Location", (r, now) -> new MockResponse.Builder().code(302).build());
        retried.put("HTTP 302 to a mailto: Location", (r, now) -> new MockResponse.Builder().code(302)
                .setHeader("Location", "mailto:someone@example.com").build());
        for (Map.Entry<String, Answer> answer : retried.entrySet()) {
            for (int at : new int[] {1, 2}) {
                cases.add(new Case(answer.getKey() + " at request " + at, answer.getValue(), at, 2, Outcome.RETRIES, null,
                        null, minBackoff(), null, Map.of(), null));
            }
        }
        for (int code : new int[] {301, 302, 303, 307, 308}) {
            Answer away = (r, now) -> new MockResponse.Builder().code(code)
                    .setHeader("Location", elsewhere.url("/v1/videos?" + r.getUrl().encodedQuery()).toString()).build();
            cases.add(new Case("HTTP " + code + " to another origin", away, 1, 1, Outcome.FAILS, PhaseoVideosConfig.API_URL,
                    null, null, null, Map.of(), null));
            Answer https = (r, now) -> new MockResponse.Builder().code(code)
                    .setHeader("Location", r.getUrl().newBuilder().scheme("https").build().toString()).build();
            cases.add(new Case("HTTP " + code + " to https on the same host", https, 1, 1, Outcome.FAILS,
                    PhaseoVideosConfig.API_URL, null, null, null, Map.of(), null));
            Answer same = (r, now) -> new MockResponse.Builder().code(code)
                    .setHeader("Location", r.getUrl().encodedPath() + "?" + r.getUrl().encodedQuery()).build();
            cases.add(new Case("HTTP " + code + " to the same URL, once, at request 2", same, 2, 1, Outcome.STREAMS, null,
                    null, null, null, Map.of(), null));
            cases.add(new Case("HTTP " + code + " loop on the same origin", same, 1, 6, Outcome.FAILS,
                    PhaseoVideosConfig.API_URL, null, null, null, Map.of(), null));
        }
        return cases;
    }

    // ---- hostile rows -----------------------------------------------------------------------------

    /** A change to the rows of every answer; the rows stay bad for the whole case. */
    interface RowEdit extends Consumer<List<JsonNode>> {
    }

    private static List<Case> rowCases() {
        Map<String, RowEdit> edits = new java.util.LinkedHashMap<>();
        edits.put("an unknown top-level string", rows -> obj(rows, 0).put("brand_new_field", "hello"));
        edits.put("an unknown top-level object", rows -> obj(rows, 0).putObject("brand_new").putArray("list").add(1).add("x"));
        edits.put("an unknown field in billing", rows -> obj(rows, 0).withObjectProperty("billing").put("new_thing", 1));
        edits.put("an unknown field with an empty name", rows -> obj(rows, 0).put("", "empty"));
        edits.put("an unknown field named like a path", rows -> obj(rows, 0).put("a.b[0]", "path"));
        edits.put("an unknown field nested 300 deep", rows -> {
            ObjectNode node = obj(rows, 0).putObject("deep");
            for (int i = 0; i < 300; i++) {
                node = node.putObject("d");
            }
        });
        for (Object seconds : new Object[] {"8", "eight", true, NODES.objectNode(), NODES.arrayNode(), 1e308, -1, "", "8.5s"}) {
            edits.put("seconds " + seconds, rows -> obj(rows, 0).set("seconds", JSON.valueToTree(seconds)));
        }
        for (Object created : new Object[] {1795876504L, 1795876504123L, "2026-11-28T15:22:49.173300+00:00", "yesterday", -5,
            1e20, "", "2026-11-28", "2026-11-28T15:00:00", "2026-11-28T15:00:00+05:30", "+10000-01-01T00:00:00Z",
            "2026-13-45T99:99:99Z"}) {
            edits.put("created_at " + created, rows -> obj(rows, 0).set("created_at", JSON.valueToTree(created)));
        }
        edits.put("created_at null", rows -> obj(rows, 0).putNull("created_at"));
        edits.put("created_at absent", rows -> obj(rows, 0).remove("created_at"));
        edits.put("completed_at an impossible date", rows -> obj(rows, 0).put("completed_at", "2026-02-30T10:00:00Z"));
        for (Object progress : new Object[] {"50", 50.7, -3, new java.math.BigInteger("123456789012345678901234567890"), "NaN"}) {
            edits.put("progress " + progress, rows -> obj(rows, 0).set("progress", JSON.valueToTree(progress)));
        }
        edits.put("error a string", rows -> obj(rows, 0).put("error", "boom"));
        edits.put("error an object with a numeric code", rows -> obj(rows, 0).putObject("error").put("code", 1));
        edits.put("error a number", rows -> obj(rows, 0).put("error", 42));
        edits.put("error an array", rows -> obj(rows, 0).putArray("error").add("a"));
        edits.put("billing a string", rows -> obj(rows, 0).put("billing", "free"));
        edits.put("billing an array", rows -> obj(rows, 0).putArray("billing"));
        edits.put("billing null", rows -> obj(rows, 0).putNull("billing"));
        edits.put("settled cost a number", rows -> obj(rows, 0).withObjectProperty("billing").put("settled_user_cost", 1.5));
        edits.put("settled cost not a number", rows -> obj(rows, 0).withObjectProperty("billing").put("settled_user_cost", "abc"));
        edits.put("settled cost 1e400", rows -> obj(rows, 0).withObjectProperty("billing").put("settled_user_cost", "1e400"));
        edits.put("billing state unknown", rows -> obj(rows, 0).withObjectProperty("billing").put("state", "refunded"));
        edits.put("outputs an object", rows -> obj(rows, 0).putObject("outputs").put("a", 1));
        edits.put("outputs numbers and nulls", rows -> obj(rows, 0).putArray("outputs").add(1).addNull().add("x"));
        edits.put("outputs with a text index", rows -> obj(rows, 0).putArray("outputs").addObject().put("index", "zero"));
        edits.put("webhook a string", rows -> obj(rows, 0).put("webhook", "yes"));
        edits.put("webhook attempts not objects", rows -> obj(rows, 0).putObject("webhook").putArray("attempts").add(1).add("x").addNull());
        edits.put("webhook events not strings", rows -> obj(rows, 0).putObject("webhook").putArray("events").add(1).add(true)
                .addObject());
        edits.put("asset bytes a word", rows -> obj(rows, 0).putObject("asset").put("bytes", "big"));
        edits.put("asset a string", rows -> obj(rows, 0).put("asset", "x"));
        edits.put("audio the string true", rows -> obj(rows, 0).put("audio", "true"));
        edits.put("audio 1", rows -> obj(rows, 0).put("audio", 1));
        edits.put("poll_after_seconds a string", rows -> obj(rows, 0).put("poll_after_seconds", "20"));
        edits.put("status unknown", rows -> obj(rows, 0).put("status", "exploded"));
        edits.put("status an alias", rows -> obj(rows, 0).put("status", "succeeded"));
        edits.put("status a number", rows -> obj(rows, 0).put("status", 7));
        edits.put("status absent", rows -> obj(rows, 0).remove("status"));
        edits.put("object not video", rows -> obj(rows, 0).put("object", "not_video"));
        edits.put("every field null but the id", rows -> {
            ObjectNode row = obj(rows, 0);
            List<String> names = new ArrayList<>();
            row.fieldNames().forEachRemaining(names::add);
            names.stream().filter(name -> !name.equals("id")).forEach(row::putNull);
        });
        edits.put("only an id", rows -> {
            String id = idOf(rows.get(0));
            ObjectNode only = NODES.objectNode();
            only.put("id", id);
            rows.set(0, only);
        });
        edits.put("a 40 KB prompt", rows -> obj(rows, 0).put("prompt", "p".repeat(40_000)));
        edits.put("unicode, control characters and a lone surrogate", rows -> obj(rows, 0)
                .put("prompt", "emoji \uD83C\uDFAC, RTL \u05E9\u05DC\u05D5\u05DD, NUL \u0000, lone \uD800, bell \u0007")
                .put("model", "sora\n2\r\t"));
        edits.put("a very long id", rows -> obj(rows, 0).put("id", "G-" + "A".repeat(5_000)));
        edits.put("a non-ASCII id", rows -> obj(rows, 0).put("id", "G-\u00E9\u2713"));
        edits.put("an id with a newline", rows -> obj(rows, 0).put("id", "G-01\nX"));
        edits.put("an id that is not a ULID", rows -> obj(rows, 0).put("id", "video-123"));
        edits.put("id missing in one row", rows -> obj(rows, 1).remove("id"));
        edits.put("id empty in one row", rows -> obj(rows, 1).put("id", ""));
        edits.put("id blank in one row", rows -> obj(rows, 1).put("id", "   "));
        edits.put("id a number in one row", rows -> obj(rows, 1).put("id", 123));
        edits.put("id null in one row", rows -> obj(rows, 1).putNull("id"));
        edits.put("id an object in one row", rows -> obj(rows, 1).putObject("id"));
        edits.put("a row that is a number", rows -> rows.set(1, NODES.numberNode(7)));
        edits.put("a row that is null", rows -> rows.set(1, NODES.nullNode()));
        edits.put("a row that is an array", rows -> rows.set(1, NODES.arrayNode().add(1)));
        edits.put("a row that is a string", rows -> rows.set(1, NODES.textNode(idOf(rows.get(1)))));
        edits.put("only one usable row", rows -> {
            for (int i = 1; i < rows.size(); i++) {
                obj(rows, i).remove("id");
            }
        });
        edits.put("the same row twice", rows -> rows.add(1, rows.get(0).deepCopy()));
        // Where the odd value must still be found in the record: nothing the API sent is lost.
        Map<String, String[]> kept = new HashMap<>();
        kept.put("an unknown top-level string", new String[] {VideoSchemas.UNKNOWN_FIELDS, "brand_new_field"});
        kept.put("an unknown top-level object", new String[] {VideoSchemas.UNKNOWN_FIELDS, "brand_new"});
        kept.put("an unknown field in billing", new String[] {VideoSchemas.UNKNOWN_FIELDS, "billing.new_thing"});
        kept.put("an unknown field nested 300 deep", new String[] {VideoSchemas.UNKNOWN_FIELDS, "deep"});
        kept.put("seconds eight", new String[] {VideoSchemas.RAW_VALUES, "eight"});
        kept.put("progress 123456789012345678901234567890", new String[] {VideoSchemas.RAW_VALUES, "123456789012345678901234567890"});
        kept.put("created_at yesterday", new String[] {"created_at_raw", "yesterday"});
        kept.put("asset bytes a word", new String[] {VideoSchemas.RAW_VALUES, "big"});
        kept.put("billing a string", new String[] {VideoSchemas.RAW_VALUES, "free"});
        kept.put("outputs numbers and nulls", new String[] {VideoSchemas.RAW_VALUES, "outputs"});
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, RowEdit> edit : edits.entrySet()) {
            List<JsonNode> rows = new ArrayList<>();
            goodRows.forEach(row -> rows.add(row.deepCopy()));
            edit.getValue().accept(rows);
            String[] where = kept.get(edit.getKey());
            String firstId = rows.get(0).isObject() ? idOf(rows.get(0)) : null;
            Consumer<List<SourceRecord>> check = where == null ? null : written -> {
                SourceRecord record = written.stream().filter(r -> recordId(r).equals(firstId)).findFirst().orElseThrow();
                assertThat(String.valueOf(topLevel(record.value(), where[0])))
                        .as("%s of the record for the edited row", where[0]).contains(where[1]);
            };
            cases.add(new Case("rows: " + edit.getKey(), null, 0, 0, Outcome.STREAMS, null, null, null,
                    List.copyOf(rows), Map.of(), check));
        }
        return cases;
    }

    private static Object topLevel(Object value, String field) {
        if (value instanceof Struct) {
            return ((Struct) value).get(field);
        }
        return ((Map<?, ?>) value).get(field);
    }

    private static ObjectNode obj(List<JsonNode> rows, int index) {
        return (ObjectNode) rows.get(index);
    }

    // ---- running a case ---------------------------------------------------------------------------

    static Map<String, String> props(HttpUrl baseUrl, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("name", CONNECTOR);
        props.put(PhaseoVideosConfig.API_URL, baseUrl.toString());
        props.put(PhaseoVideosConfig.API_KEY, KEY);
        props.put(PhaseoVideosConfig.ALLOW_INSECURE_LOOPBACK, "true");
        props.put(PhaseoVideosConfig.WORKSPACE, "corpus");
        props.put(PhaseoVideosConfig.TOPIC, "videos");
        props.put(PhaseoVideosConfig.PAGE_SIZE, Integer.toString(PAGE_SIZE));
        props.put(PhaseoVideosConfig.POLL_INTERVAL, Long.toString(POLL_INTERVAL.toMillis()));
        props.put(PhaseoVideosConfig.CONNECT_TIMEOUT, "1000");
        props.put(PhaseoVideosConfig.READ_TIMEOUT, "250");
        props.put(PhaseoVideosConfig.CALL_TIMEOUT, "1500");
        props.put(PhaseoVideosConfig.MAX_RESPONSE_BYTES, Long.toString(CAP_BYTES));
        props.put(PhaseoVideosConfig.BACKOFF_INITIAL, Long.toString(BACKOFF_INITIAL.toMillis()));
        props.put(PhaseoVideosConfig.BACKOFF_MAX, Long.toString(BACKOFF_MAX.toMillis()));
        props.put(PhaseoVideosConfig.RETRY_AFTER_MAX, Long.toString(RETRY_AFTER_CAP.toMillis()));
        props.put(PhaseoVideosSourceTask.TASK_ID, "0");
        props.putAll(extra);
        return props;
    }

    /** The ids a page of these rows makes records of: objects with a non-blank string id. */
    static Set<String> usableIds(List<JsonNode> rows) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode row : rows) {
            String id = row.isObject() ? idOf(row) : null;
            if (id != null && !id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    static String recordId(SourceRecord record) {
        return record.key() instanceof Struct ? ((Struct) record.key()).getString("id") : (String) record.key();
    }

    @Test
    void theCorpusHasMoreThan200CasesAndEveryOutcome() {
        List<Case> cases = corpus();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        assertThat(cases.stream().map(Case::outcome).distinct()).containsExactlyInAnyOrder(Outcome.values());
        assertThat(cases.stream().map(Case::name).distinct().count()).as("unique names").isEqualTo(cases.size());
    }

    @TestFactory
    Stream<DynamicTest> everyHostileAnswerGetsTheOutcomeTheTaxonomySays() {
        return corpus().stream().map(c -> DynamicTest.dynamicTest(c.name() + " -> " + c.outcome(), () -> run(c)));
    }

    private static void run(Case c) throws Exception {
        List<JsonNode> rows = c.rows() != null ? c.rows() : List.copyOf(goodRows);
        Set<String> expected = usableIds(rows);
        MutableClock clock = new MutableClock(START);
        Map<Integer, Answer> hostile = new HashMap<>();
        for (int i = 0; i < c.times(); i++) {
            hostile.put(c.at() + i, c.answer());
        }
        api.reset(clock, rows, hostile);
        int elsewhereBefore = elsewhere.getRequestCount();
        Map<String, String> props = props(server.url("/v1"), c.props());
        List<SourceRecord> written;
        try (TaskHarness driver = TaskHarness.started(clock, props, null)) {
            ConnectException failure = null;
            try {
                // Until every expected record is out and two more cycles passed, or the task fails.
                long[] doneAt = {Long.MAX_VALUE};
                driver.pollUntil(() -> {
                    if (doneAt[0] == Long.MAX_VALUE && driver.records.stream().map(TaskHostileCorpusTest::recordId)
                            .collect(Collectors.toSet()).containsAll(expected)) {
                        doneAt[0] = clock.millis();
                    }
                    return doneAt[0] != Long.MAX_VALUE && clock.millis() >= doneAt[0] + 2 * POLL_INTERVAL.toMillis();
                }, Duration.ofMinutes(15), 5_000);
            } catch (ConnectException e) {
                failure = e;
            }
            written = List.copyOf(driver.records);
            if (c.outcome() == Outcome.FAILS) {
                assertThat(failure).as("the task fails").isNotNull();
                assertThat(failure.getMessage()).contains(c.failKey()).doesNotContain(KEY)
                        .doesNotContain("fake_task_corpus");
                if (c.reason() != null) {
                    assertThat(failure.getMessage()).contains(c.reason());
                }
                assertThat(elsewhere.getRequestCount()).as("requests that reached another origin").isEqualTo(elsewhereBefore);
                return;
            }
            assertThat(failure).as("the task keeps running, but failed with: %s", failure).isNull();
            assertThat(elsewhere.getRequestCount()).isEqualTo(elsewhereBefore);
            assertEveryRecordOnce(written, expected);
            assertThat(driver.attribute("ApiState")).as("API state at the end").isEqualTo("OK");
            List<Integer> hostileAnswers = hostileRequestNumbers();
            assertThat(hostileAnswers).as("hostile answers served").hasSize(c.times());
            if (c.outcome() == Outcome.RETRIES || c.outcome() == Outcome.WAITS_DISABLED) {
                long failures = driver.longAttribute("FailedRequests");
                // OkHttp may repeat a request by itself (after a 408, or on a connection the server closed),
                // so two hostile answers may make one failure the task sees.
                // A connection closed before any answer is retried by OkHttp on every route it has (localhost
                // has two), so the task may not see a failure at all.
                boolean silentRetries = c.name().startsWith("connection closed before the answer");
                assertThat(failures).as("failed requests counted").isBetween(silentRetries ? 0L : 1L, (long) c.times());
                assertThat(driver.longAttribute("Retries")).as("retries scheduled").isEqualTo(
                        c.outcome() == Outcome.RETRIES ? failures : 0);
                if (!silentRetries) {
                    assertWaited(c, hostileAnswers, failures == c.times());
                }
            }
            if (c.outcome() == Outcome.WAITS_DISABLED) {
                assertThat(driver.apiStates).as("API states over JMX").contains("DISABLED:" + c.reason());
                assertThat(driver.apiStates.get(driver.apiStates.size() - 1)).isEqualTo("OK");
            }
            assertWritable(written, props);
            if (c.check() != null) {
                c.check().accept(written);
            }
        }
        assertResumesWithoutResending(written, props);
    }

    // ---- the follow route: GET /videos/{id} of a job still in flight ----------------------------------

    /** What must come of a hostile answer to the fetch of a followed job. */
    enum FollowOutcome {
        /** The job is gone: no longer followed, counted in FollowedJobsGone; a tombstone only if configured. */
        GONE,
        /** Transient: the job is fetched again later, nothing else changes. */
        FETCHED_AGAIN,
        /** The task fails, naming the key to fix. */
        FAILS
    }

    record FollowCase(String name, Answer answer, FollowOutcome outcome, boolean tombstones) {
    }

    static List<FollowCase> followCases() {
        List<FollowCase> cases = new ArrayList<>();
        for (String reason : List.of("video_deleted", "video_not_found_or_not_owned")) {
            Answer gone = (r, now) -> json(404, "{\"error\":\"not_found\",\"reason\":\"" + reason + "\",\"status_code\":404}");
            cases.add(new FollowCase("404 " + reason, gone, FollowOutcome.GONE, false));
            cases.add(new FollowCase("404 " + reason + " with tombstones.on.delete=true", gone, FollowOutcome.GONE, true));
        }
        Map<String, Answer> passing = new java.util.LinkedHashMap<>();
        passing.put("404 without a video reason (a proxy page)", (r, now) -> new MockResponse.Builder().code(404)
                .setHeader("Content-Type", "text/html").body("<html>Not Found</html>").build());
        passing.put("404 with an unknown reason", (r, now) -> json(404, "{\"error\":\"not_found\",\"reason\":\"route_not_found\"}"));
        passing.put("500 plain text", (r, now) -> new MockResponse.Builder().code(500).body("Internal Server Error").build());
        passing.put("502", (r, now) -> json(502, "{\"error\":\"upstream_error\",\"status_code\":502}"));
        passing.put("429 Retry-After 5", (r, now) -> new MockResponse.Builder().code(429).setHeader("Retry-After", "5").build());
        passing.put("501 feature disabled", (r, now) -> json(501, "{\"error\":\"not_implemented_yet\","
                + "\"reason\":\"video_api_feature_disabled\",\"status_code\":501}"));
        passing.put("200 with another video", (r, now) -> json(200, "{\"id\":\"G-SOMEONE-ELSE\",\"status\":\"queued\"}"));
        passing.put("200 that is a list", (r, now) -> json(200, "{\"data\":[]}"));
        passing.put("200 cut off", (r, now) -> json(200, "{\"id\":\"G-"));
        passing.put("body stalls (read timeout)", (r, now) -> new MockResponse.Builder().body("{}")
                .onResponseBody(SocketEffect.Stall.INSTANCE).build());
        passing.forEach((name, answer) -> cases.add(new FollowCase(name, answer, FollowOutcome.FETCHED_AGAIN, false)));
        cases.add(new FollowCase("401", (r, now) -> json(401, "{\"error\":\"unauthorised\",\"reason\":\"revoked_key\"}"),
                FollowOutcome.FAILS, false));
        cases.add(new FollowCase("403", (r, now) -> json(403, "{\"error\":\"forbidden\"}"), FollowOutcome.FAILS, false));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> aHostileAnswerToTheFetchOfAFollowedJobGetsTheOutcomeDesignMdSays() {
        return followCases().stream().map(c -> DynamicTest.dynamicTest("GET of a followed job: " + c.name() + " -> "
                + c.outcome() + (c.tombstones() ? " + tombstone" : ""), () -> runFollow(c)));
    }

    /**
     * Under the documented behaviour (full history, page size 1), job A is older than the newest job
     * B the connector knows, so the head scan stops at B and A, still in flight, is fetched by id
     * every follow interval. The first fetch of A gets the hostile answer.
     */
    private static void runFollow(FollowCase c) throws Exception {
        ObjectNode b = inFlight(goodRows.get(0));
        ObjectNode a = inFlight(goodRows.get(1));
        String followed = idOf(a);
        MutableClock clock = new MutableClock(START);
        api.reset(clock, List.of(b, a), Map.of());
        api.hostileGet = c.answer();
        api.hostileGets.set(1);
        Map<String, String> props = props(server.url("/v1"), Map.of(PhaseoVideosConfig.API_BEHAVIOR, "cursor",
                PhaseoVideosConfig.PAGE_SIZE, "1", PhaseoVideosConfig.FOLLOW_INTERVAL, "5000",
                PhaseoVideosConfig.TOMBSTONES, Boolean.toString(c.tombstones())));
        try (TaskHarness driver = TaskHarness.started(clock, props, null)) {
            ConnectException failure = null;
            try {
                driver.pollFor(Duration.ofMinutes(2));
            } catch (ConnectException e) {
                failure = e;
            }
            assertThat(api.getTimes).as("fetches of the followed job").isNotEmpty();
            if (c.outcome() == FollowOutcome.FAILS) {
                assertThat(failure).as("the task fails").isNotNull();
                assertThat(failure.getMessage()).contains(PhaseoVideosConfig.API_KEY).doesNotContain(KEY);
                return;
            }
            assertThat(failure).as("the task keeps running, but failed with: %s", failure).isNull();
            List<SourceRecord> values = driver.records.stream().filter(r -> r.value() != null).collect(Collectors.toList());
            assertEveryRecordOnce(values, Set.of(idOf(b), followed));
            List<SourceRecord> tombstones = driver.records.stream().filter(r -> r.value() == null).collect(Collectors.toList());
            if (c.outcome() == FollowOutcome.GONE) {
                assertThat(api.getTimes).as("fetches: the one answered 404, then none").hasSize(1);
                assertThat(driver.longAttribute("FollowedJobsGone")).isEqualTo(1);
                if (c.tombstones()) {
                    assertThat(tombstones).hasSize(1).allSatisfy(t -> {
                        assertThat(recordId(t)).isEqualTo(followed);
                        assertThat(t.headers().lastWithName("phaseo.change").value()).isEqualTo("deleted");
                        assertThat(t.headers().lastWithName("video.deleted").value()).isEqualTo(followed);
                    });
                } else {
                    assertThat(tombstones).as("tombstones without tombstones.on.delete").isEmpty();
                }
            } else {
                assertThat(api.getTimes).as("the job is fetched again after the hostile answer").hasSizeGreaterThan(2);
                assertThat(driver.longAttribute("FollowedJobsGone")).isZero();
                assertThat(tombstones).isEmpty();
                assertThat(driver.attribute("ApiState")).isEqualTo("OK");
            }
            assertWritable(driver.records.stream().filter(r -> r.value() != null).collect(Collectors.toList()), props);
        }
    }

    /** A final job of the fixtures turned back into one still processing. */
    private static ObjectNode inFlight(ObjectNode row) {
        ObjectNode copy = row.deepCopy();
        copy.put("status", "processing");
        copy.put("lifecycle_status", "running");
        copy.putNull("completed_at");
        return copy;
    }

    /** Request numbers (1-based) that got a hostile answer. */
    private static List<Integer> hostileRequestNumbers() {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < api.statuses.size(); i++) {
            if (api.statuses.get(i) < 0) {
                numbers.add(i + 1);
            }
        }
        return numbers;
    }

    /** After each hostile answer, the next request waited at least what the taxonomy says, and not far more. */
    private static void assertWaited(Case c, List<Integer> hostileAnswers, boolean eachAnswerFailedACall) {
        for (int i = 0; i < hostileAnswers.size(); i++) {
            int number = hostileAnswers.get(i);
            boolean last = i == hostileAnswers.size() - 1;
            if (number >= api.times.size() || !(eachAnswerFailedACall || last)) {
                continue;
            }
            long gap = api.times.get(number) - api.times.get(number - 1);
            assertThat(gap).as("virtual ms between hostile answer %d and the next request", number)
                    .isGreaterThanOrEqualTo(c.minGap().toMillis())
                    .isLessThanOrEqualTo(Math.max(c.minGap().toMillis(), BACKOFF_MAX.toMillis()) + 1_000);
        }
    }

    private static void assertEveryRecordOnce(List<SourceRecord> written, Set<String> expected) {
        Map<String, Long> perId = written.stream().collect(Collectors.groupingBy(TaskHostileCorpusTest::recordId,
                Collectors.counting()));
        assertThat(perId.keySet()).as("ids written").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(perId).as("records per id").allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
    }

    /** Every record goes through Kafka's JsonConverter and the worker's default header converter. */
    private static void assertWritable(List<SourceRecord> written, Map<String, String> props) {
        boolean schemas = !"map".equals(props.get(PhaseoVideosConfig.VALUE_FORMAT));
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", Boolean.toString(schemas), "decimal.format", "NUMERIC"), false);
        SimpleHeaderConverter headers = new SimpleHeaderConverter();
        headers.configure(Map.of());
        for (SourceRecord record : written) {
            assertThat(keys.fromConnectData("videos", record.keySchema(), record.key())).isNotEmpty();
            byte[] value = values.fromConnectData("videos", record.valueSchema(), record.value());
            assertThat(value).isNotEmpty();
            record.headers().forEach(h -> headers.fromConnectHeader("videos", h.key(), h.schema(), h.value()));
            Object back = values.toConnectData("videos", value).value();
            Object id = back instanceof Struct ? ((Struct) back).get("id") : ((Map<?, ?>) back).get("id");
            assertThat(id).isEqualTo(recordId(record));
            assertThat(record.sourceOffset()).isNotNull();
            // What the worker does with the timestamp before it builds the ProducerRecord: a negative one fails the task.
            Long timestamp = ConnectUtils.checkAndConvertTimestamp(record.timestamp());
            assertThat(timestamp).as("record timestamp").isNotNull().isNotNegative();
        }
    }

    /** A new task started from the offset of the last record re-sends nothing and fails on nothing. */
    private static void assertResumesWithoutResending(List<SourceRecord> written, Map<String, String> props)
            throws InterruptedException {
        if (written.isEmpty()) {
            return;
        }
        MutableClock clock = new MutableClock(START.plus(Duration.ofHours(1)));
        api.reset(clock, api.rows, Map.of());
        try (TaskHarness resumed = TaskHarness.started(clock, props, written.get(written.size() - 1).sourceOffset())) {
            resumed.pollFor(POLL_INTERVAL.multipliedBy(3));
            assertThat(resumed.records).as("records re-sent after a resume").isEmpty();
            assertThat(api.count.get()).as("requests after the resume").isGreaterThanOrEqualTo(2);
        }
    }

    private static MockWebServer noDelayServer() {
        MockWebServer mock = new MockWebServer();
        mock.setServerSocketFactory(new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new ServerSocket() {
                    @Override
                    public Socket accept() throws IOException {
                        Socket socket = super.accept();
                        socket.setTcpNoDelay(true);
                        return socket;
                    }
                };
            }

            @Override
            public ServerSocket createServerSocket(int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
                throw new UnsupportedOperationException();
            }
        });
        return mock;
    }

}
