package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The two video routes, in either behaviour, independent of HTTP. {@code now} is when the
 * request arrives (writes happen then); {@code readAt} is the time whose state is read (older
 * than now under a stale-read fault).
 */
final class VideoApi {

    static final int DOCS_DEFAULT_LIMIT = 50;
    static final int DOCS_MAX_LIMIT = 200;
    static final int CODE_DEFAULT_LIMIT = 50;
    static final int CODE_MAX_LIMIT = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Most recently updated first, ties by id. */
    private static final Comparator<Row> BY_UPDATED_DESC = Comparator
            .comparing((Row r) -> r.state().updatedAt).thenComparing(r -> r.job().id()).reversed();
    /**
     * GATEWAY_CODE's page order ({@code apps/api/src/routes/v1/data/videos.ts}, the GET / route): a
     * stable JavaScript sort on {@code Date.parse(created_at)} (milliseconds) of rows fetched
     * most recently updated first, so rows of the same created_at millisecond stay most
     * recently updated first, in both directions.
     */
    static Comparator<Row> pageOrder(boolean ascending) {
        Comparator<Row> byMillis = Comparator.comparingLong((Row r) -> r.job().createdAt().toEpochMilli());
        return (ascending ? byMillis : byMillis.reversed()).thenComparing(BY_UPDATED_DESC);
    }

    private final SimBehavior behavior;
    private final JobStore store;
    private final VideoRenderer renderer;
    private final int windowSize;
    private final String workspaceId;

    VideoApi(SimBehavior behavior, JobStore store, VideoRenderer renderer, int windowSize, String workspaceId) {
        this.behavior = behavior;
        this.store = store;
        this.renderer = renderer;
        this.windowSize = windowSize;
        this.workspaceId = workspaceId;
    }

    /** A job and its state at the time read. */
    record Row(Job job, JobState state) {
    }

    SimResponse list(SimListQuery query, Instant now, Instant readAt, Supplier<String> requestId) {
        synchronized (store) {
            store.materialise(now);
            return behavior == SimBehavior.GATEWAY_CODE
                    ? listWindow(query, now, readAt)
                    : listHistory(query, now, readAt, requestId);
        }
    }

    SimResponse get(String id, Instant now, Instant readAt, Supplier<String> requestId) {
        synchronized (store) {
            store.materialise(now);
            Job job = store.find(id);
            JobState state = job == null ? null : job.stateAt(readAt);
            if (state == null) {
                return ErrorBodies.notFound("video_not_found_or_not_owned", requestId.get(), workspaceId, id);
            }
            if (state.deleted) {
                return ErrorBodies.notFound("video_deleted", requestId.get(), workspaceId, id);
            }
            if (behavior == SimBehavior.DOCUMENTED) {
                return SimResponse.json(200, renderer.render(job.spec(), state, now));
            }
            // videos.get-by-id.ts: every job is polled; a finished one is finalized again, a
            // running OpenAI job gets its polled progress written.
            if (state.status.terminal()) {
                store.refinalize(job, now);
                state = job.stateAt(readAt);
            } else if (state.status == SimStatus.PROCESSING && job.spec().openai()) {
                store.writeProgress(job, now);
                state = job.stateAt(readAt);
            }
            return SimResponse.json(200, ByIdShape.apply(job.spec(), state, renderer.render(job.spec(), state, now)));
        }
    }

    /**
     * The listed jobs matching the filter, as of {@code readAt}: GATEWAY_CODE lists tombstoned
     * (deleted) jobs too (its list query does not filter them), DOCUMENTED does not.
     */
    List<Row> visible(SimListQuery query, Instant readAt) {
        List<Row> rows = new ArrayList<>();
        boolean listDeleted = behavior == SimBehavior.GATEWAY_CODE;
        for (Job job : store.all()) {
            JobState state = job.stateAt(readAt);
            if (state != null && (listDeleted || !state.deleted) && query.matches(state.status)) {
                rows.add(new Row(job, state));
            }
        }
        return rows;
    }

    /**
     * GATEWAY_CODE: the {@code windowSize} most recently updated matching jobs, sorted by
     * created_at; {@code after} outside the window silently restarts from the top.
     */
    private SimResponse listWindow(SimListQuery query, Instant now, Instant readAt) {
        String rawLimit = query.limitRaw();
        if (rawLimit == null || rawLimit.isEmpty()) {
            return SimResponse.json(200, page(List.of(), true, now));
        }
        int limit = gatewayLimit(rawLimit);
        List<Row> rows = visible(query, readAt);
        rows.sort(BY_UPDATED_DESC);
        List<Row> window = new ArrayList<>(rows.subList(0, Math.min(windowSize, rows.size())));
        window.sort(pageOrder(query.ascending()));
        int start = 0;
        if (query.after() != null) {
            for (int i = 0; i < window.size(); i++) {
                if (window.get(i).job().id().equals(query.after())) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(window.size(), start + limit);
        return SimResponse.json(200, page(window.subList(Math.min(start, end), end), end < window.size(), now));
    }

    /**
     * DOCUMENTED: the whole history, newest first, with a stable {@code after} cursor. Walks the
     * store's creation-ordered index from the cursor and folds only the jobs it shows (plus the next
     * visible one, for {@code has_more}), so a page costs O(limit), not O(history).
     */
    private SimResponse listHistory(SimListQuery query, Instant now, Instant readAt, Supplier<String> requestId) {
        Integer limit = docsLimit(query.limitRaw());
        if (limit == null) {
            return ErrorBodies.invalidRequest("invalid_limit",
                    "limit must be an integer from 1 to " + DOCS_MAX_LIMIT + ".", requestId.get());
        }
        List<Job> byCreated = store.byCreated();
        boolean ascending = query.ascending();
        // The first index to look at, walking in the listing's direction (+1 ascending, -1 descending).
        int from = ascending ? 0 : byCreated.size() - 1;
        if (query.after() != null) {
            Job cursor = store.find(query.after());
            if (cursor == null || cursor.createdAt().isAfter(readAt)) {
                return ErrorBodies.invalidRequest("unknown_after_cursor",
                        "No video with id " + query.after() + " to list after.", requestId.get());
            }
            int at = Collections.binarySearch(byCreated, cursor, JobStore.BY_CREATED);
            from = ascending ? at + 1 : at - 1;
        }
        int step = ascending ? 1 : -1;
        List<Row> rows = new ArrayList<>(limit);
        boolean hasMore = false;
        for (int i = from; i >= 0 && i < byCreated.size(); i += step) {
            Job job = byCreated.get(i);
            JobState state = job.stateAt(readAt);
            if (state == null || state.deleted || !query.matches(state.status)) {
                continue;
            }
            if (rows.size() == limit) {
                hasMore = true;
                break;
            }
            rows.add(new Row(job, state));
        }
        return SimResponse.json(200, page(rows, hasMore, now));
    }

    /** A list body; the rows' download URLs are signed at {@code now}. */
    private ObjectNode page(List<Row> rows, boolean hasMore, Instant now) {
        ObjectNode body = NODES.objectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        for (Row row : rows) {
            data.add(renderer.render(row.job().spec(), row.state(), now));
        }
        body.put("first_id", rows.isEmpty() ? null : rows.get(0).job().id());
        body.put("last_id", rows.isEmpty() ? null : rows.get(rows.size() - 1).job().id());
        body.put("has_more", hasMore);
        return body;
    }

    /** Non-numeric → 50, then truncated and clamped to 0..100 (as JavaScript's Number would). */
    static int gatewayLimit(String raw) {
        String trimmed = raw.trim();
        if (!trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return CODE_DEFAULT_LIMIT;
        }
        double value = Double.parseDouble(trimmed);
        return (int) Math.max(0, Math.min(CODE_MAX_LIMIT, value));
    }

    /** Absent or empty → 50; an integer 1..200; anything else is invalid (null). */
    static Integer docsLimit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DOCS_DEFAULT_LIMIT;
        }
        if (!raw.matches("\\d{1,9}")) {
            return null;
        }
        int limit = Integer.parseInt(raw);
        return limit >= 1 && limit <= DOCS_MAX_LIMIT ? limit : null;
    }
}
