package app.phaseo.connect.videos.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulator was asked: counts by route and by HTTP status, and a log of every
 * request. Thread-safe; {@link #reset()} starts over.
 */
public final class RequestStats {

    /** {@code GET /v1/videos}. */
    public static final String LIST = "list";
    /** {@code GET /v1/videos/{id}}. */
    public static final String GET = "get";
    /** Any other path. */
    public static final String OTHER = "other";

    /**
     * One request.
     *
     * @param time the simulator clock when it arrived
     * @param method HTTP method
     * @param pathAndQuery raw path, with {@code ?query} when there was one
     * @param route {@link #LIST}, {@link #GET} or {@link #OTHER}
     * @param status the HTTP status answered
     */
    public record Entry(Instant time, String method, String pathAndQuery, String route, int status) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void record(Entry entry) {
        entries.add(entry);
    }

    /** Requests to {@code route} ({@link #LIST}, {@link #GET}, {@link #OTHER}). */
    public synchronized long count(String route) {
        return entries.stream().filter(e -> e.route().equals(route)).count();
    }

    /** Requests answered with {@code status}. */
    public synchronized long countStatus(int status) {
        return entries.stream().filter(e -> e.status() == status).count();
    }

    /** All requests. */
    public synchronized long total() {
        return entries.size();
    }

    /** Counts by route. */
    public synchronized Map<String, Long> byRoute() {
        Map<String, Long> counts = new TreeMap<>();
        entries.forEach(e -> counts.merge(e.route(), 1L, Long::sum));
        return counts;
    }

    /** Counts by HTTP status. */
    public synchronized Map<Integer, Long> byStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        entries.forEach(e -> counts.merge(e.status(), 1L, Long::sum));
        return counts;
    }

    /** Every request so far, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Forgets every request. */
    public synchronized void reset() {
        entries.clear();
    }
}
