package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP face of the simulator: takes the request's fault, then answers in the gateway's
 * order (disabled-before-auth, auth, disabled-after-auth, route), writes the answer, and
 * records the request in the stats.
 */
final class SimulatorHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(SimulatorHandler.class.getName());
    private static final String LIST_PATH = "/v1/videos";

    private final Clock clock;
    private final VideoApi api;
    private final Authenticator authenticator;
    private final FaultInjector faults;
    private final RequestStats stats;
    private final Supplier<String> requestIds;
    private final Supplier<String> disabledReason;
    private final Flicker flicker;
    private final ObjectMapper mapper = new ObjectMapper();

    SimulatorHandler(Clock clock, VideoApi api, Authenticator authenticator, FaultInjector faults,
                     RequestStats stats, Supplier<String> requestIds, Supplier<String> disabledReason,
                     Flicker flicker) {
        this.clock = clock;
        this.api = api;
        this.authenticator = authenticator;
        this.faults = faults;
        this.stats = stats;
        this.requestIds = requestIds;
        this.disabledReason = disabledReason;
        this.flicker = flicker;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant now = clock.instant();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String videoId = videoId(rawPath);
        String route = LIST_PATH.equals(rawPath) || (LIST_PATH + "/").equals(rawPath) ? RequestStats.LIST
                : videoId != null ? RequestStats.GET : RequestStats.OTHER;
        Fault fault = faults.take();
        int status = 0;
        boolean recorded = false;
        String pathAndQuery = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
        try {
            SimResponse response;
            try {
                response = fault != null && fault.replacesAnswer()
                        ? FaultAnswers.replacement(fault, requestIds.get())
                        : answer(exchange, method, route, videoId, rawQuery, now, fault);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "simulator failed on " + method + " " + rawPath, e);
                response = ErrorBodies.internalServerError();
            }
            status = response.status();
            // Counted before the answer leaves, so a client that has its answer sees it counted.
            stats.record(new RequestStats.Entry(now, method, pathAndQuery, route, status));
            recorded = true;
            if (fault != null && fault.kind() == Fault.Kind.SLOW) {
                sleep(fault);
            }
            write(exchange, response, fault);
        } finally {
            if (!recorded) {
                stats.record(new RequestStats.Entry(now, method, pathAndQuery, route, status));
            }
        }
    }

    private SimResponse answer(HttpExchange exchange, String method, String route, String videoId,
                               String rawQuery, Instant now, Fault fault) {
        if (RequestStats.OTHER.equals(route)) {
            return ErrorBodies.notFound("route_not_found", requestIds.get(), null, null);
        }
        String disabled = disabledReason.get();
        if (ErrorBodies.TEMPORARILY_DISABLED.equals(disabled)) {
            return ErrorBodies.notImplemented(disabled);
        }
        String authFailure = authenticator.check(exchange.getRequestHeaders().getFirst("Authorization"));
        if (authFailure == null) {
            authFailure = flicker.authFailure();
        }
        if (authFailure != null) {
            return ErrorBodies.unauthorised(authFailure, requestIds.get());
        }
        if (disabled == null && RequestStats.LIST.equals(route) && flicker.gateFails()) {
            disabled = ErrorBodies.FEATURE_DISABLED;
        }
        if (disabled != null) {
            return ErrorBodies.notImplemented(disabled);
        }
        if (!"GET".equals(method)) {
            return ErrorBodies.methodNotAllowed(requestIds.get());
        }
        Instant readAt = fault != null && fault.kind() == Fault.Kind.STALE_READ ? now.minus(fault.duration()) : now;
        SimResponse response = RequestStats.LIST.equals(route)
                ? api.list(SimListQuery.parse(rawQuery), now, readAt, requestIds)
                : api.get(videoId, now, readAt, requestIds);
        if (fault != null && fault.kind() == Fault.Kind.HUGE_BODY) {
            FaultAnswers.pad(response, fault);
        }
        return response;
    }

    private void write(HttpExchange exchange, SimResponse response, Fault fault) throws IOException {
        byte[] body = bytes(response);
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (kind == Fault.Kind.MALFORMED_JSON) {
            body = FaultAnswers.cut(body);
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        if (body.length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        OutputStream out = exchange.getResponseBody();
        if (kind == Fault.Kind.TRUNCATED_BODY) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // Throwing makes the JDK server drop the connection mid-body (closing would not).
            throw new IOException("simulated truncated body");
        }
        out.write(body);
        out.close();
    }

    private byte[] bytes(SimResponse response) {
        if (response.json() == null) {
            return response.raw();
        }
        try {
            return mapper.writeValueAsBytes(response.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** The id of {@code /v1/videos/{id}}, or null for any other path. */
    private static String videoId(String rawPath) {
        String prefix = LIST_PATH + "/";
        if (rawPath == null || !rawPath.startsWith(prefix)) {
            return null;
        }
        String rest = rawPath.substring(prefix.length());
        if (rest.isEmpty() || rest.contains("/")) {
            return null;
        }
        return URLDecoder.decode(rest, StandardCharsets.UTF_8);
    }

    private static void sleep(Fault fault) {
        try {
            Thread.sleep(fault.duration().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
