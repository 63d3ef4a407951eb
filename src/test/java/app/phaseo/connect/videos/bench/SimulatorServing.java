package app.phaseo.connect.videos.bench;

import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The simulator's own serving rate: a client that does nearly nothing (it reads each page's bytes and
 * streams them for {@code last_id} and {@code has_more}) pages through the whole documented history.
 * If the connector reads as fast as this, the simulator is its bottleneck.
 */
final class SimulatorServing {

    private static final JsonFactory JSON = new JsonFactory();

    /** Pages, jobs, bytes and seconds of one pass through the history. */
    record Pass(int pages, long jobs, long bytes, double seconds) {
        double jobsPerSecond() {
            return jobs / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }
    }

    private SimulatorServing() {
    }

    /** Reads the whole history, {@code limit} jobs a page, newest first. */
    static Pass pass(PhaseoSimulator sim, int limit) {
        OkHttpClient http = new OkHttpClient();
        HttpUrl base = HttpUrl.get(sim.baseUrl()).newBuilder().addPathSegment("videos")
                .addQueryParameter("limit", Integer.toString(limit)).build();
        String after = null;
        int pages = 0;
        long jobs = 0;
        long bytes = 0;
        long started = System.nanoTime();
        try {
            while (true) {
                HttpUrl url = after == null ? base : base.newBuilder().addQueryParameter("after", after).build();
                byte[] body;
                try (Response response = http.newCall(new Request.Builder().url(url)
                        .header("Authorization", "Bearer " + sim.apiKey()).build()).execute()) {
                    if (response.code() != 200) {
                        throw new IllegalStateException("HTTP " + response.code() + " for " + url);
                    }
                    body = response.body().bytes();
                }
                pages++;
                bytes += body.length;
                Envelope envelope = envelope(body);
                jobs += envelope.rows;
                if (!envelope.hasMore || envelope.lastId == null) {
                    break;
                }
                after = envelope.lastId;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        return new Pass(pages, jobs, bytes, (System.nanoTime() - started) / 1e9);
    }

    private record Envelope(int rows, String lastId, boolean hasMore) {
    }

    /** The page's {@code last_id} when {@code has_more} is true, else null. */
    static String lastIdIfMore(byte[] body) {
        try {
            Envelope envelope = envelope(body);
            return envelope.hasMore && envelope.rows > 0 ? envelope.lastId : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope's fields, skipping the rows' content. */
    private static Envelope envelope(byte[] body) throws IOException {
        int rows = 0;
        String lastId = null;
        boolean hasMore = false;
        try (JsonParser p = JSON.createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("data".equals(name) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        rows++;
                        p.skipChildren();
                    }
                } else if ("last_id".equals(name)) {
                    lastId = value == JsonToken.VALUE_STRING ? p.getText() : null;
                } else if ("has_more".equals(name)) {
                    hasMore = value == JsonToken.VALUE_TRUE;
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Envelope(rows, lastId, hasMore);
    }
}
