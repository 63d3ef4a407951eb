package app.phaseo.connect.videos.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A source of pages faster than the simulator: every page of the documented history, recorded once from
 * the simulator, served from memory as bytes. Any other request (the connector's validation probe, ...)
 * is passed on to the simulator. Used to measure the connector side without the simulator's rendering
 * competing for the same cores.
 */
final class ReplayServer implements AutoCloseable {

    private final String simulatorBase;
    private final String apiKey;
    private final int limit;
    /** Page bodies by the {@code after} cursor ("" for the first page). */
    private final Map<String, byte[]> pages = new HashMap<>();
    private final OkHttpClient http = new OkHttpClient();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong passedOn = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;
    private long recordedBytes;

    /** Records every page of {@code limit} jobs of the simulator's history, newest first. */
    ReplayServer(String simulatorBaseUrl, String apiKey, int limit) {
        this.simulatorBase = simulatorBaseUrl;
        this.apiKey = apiKey;
        this.limit = limit;
        String after = "";
        while (true) {
            byte[] body = fetch("/videos?limit=" + limit + (after.isEmpty() ? "" : "&after=" + after));
            pages.put(after, body);
            recordedBytes += body.length;
            String last = SimulatorServing.lastIdIfMore(body);
            if (last == null) {
                break;
            }
            after = last;
        }
    }

    int pages() {
        return pages.size();
    }

    long recordedBytes() {
        return recordedBytes;
    }

    long served() {
        return served.get();
    }

    long passedOn() {
        return passedOn.get();
    }

    ReplayServer start() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "replay-server");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        byte[] body = null;
        int status = 200;
        if ("/v1/videos".equals(exchange.getRequestURI().getPath()) && String.valueOf(limit).equals(query.get("limit"))
                && query.size() <= 2 && (query.size() == 1 || query.containsKey("after"))) {
            body = pages.get(query.getOrDefault("after", ""));
        }
        if (body != null) {
            served.incrementAndGet();
        } else {
            passedOn.incrementAndGet();
            String path = exchange.getRequestURI().getRawPath().substring("/v1".length());
            String raw = exchange.getRequestURI().getRawQuery();
            try (Response response = http.newCall(new Request.Builder().url(simulatorBase + path + (raw == null ? "" : "?" + raw))
                    .header("Authorization", "Bearer " + apiKey).build()).execute()) {
                status = response.code();
                body = response.body().bytes();
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private byte[] fetch(String pathAndQuery) {
        try (Response response = http.newCall(new Request.Builder().url(simulatorBase + pathAndQuery)
                .header("Authorization", "Bearer " + apiKey).build()).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("HTTP " + response.code() + " recording " + pathAndQuery);
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
