package app.phaseo.connect.videos.client;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The parameters of one {@code GET /videos} page.
 *
 * @param limit rows per page, 1..200 (the gateway clamps to 100); always sent, because the gateway
 *     returns zero rows when it is missing
 * @param statuses status filter (words such as {@code queued}), sent comma-joined; empty for no filter
 * @param afterOrNull the id of the last item seen, or null for the first page
 * @param orderOrNull sort order by {@code created_at}, or null for the server's default (newest first)
 */
public record ListQuery(int limit, List<String> statuses, String afterOrNull, SortOrder orderOrNull) {

    public static final int MAX_LIMIT = 200;

    /** Status values are plain words ({@code queued}, {@code in_progress}...), so they travel unescaped. */
    private static final Pattern STATUS_TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    public ListQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        for (String status : statuses) {
            if (!STATUS_TOKEN.matcher(status).matches()) {
                throw new IllegalArgumentException("status filter values are words of letters, digits, '_' or '-', was '"
                        + status + "'");
            }
        }
        if (afterOrNull != null && afterOrNull.isBlank()) {
            throw new IllegalArgumentException("after must be null or a video id, was blank");
        }
    }

    /** The first page of everything, newest first. */
    public static ListQuery firstPage(int limit) {
        return new ListQuery(limit, List.of(), null, null);
    }

    /** The same query, continued after the given id. */
    public ListQuery after(String lastId) {
        return new ListQuery(limit, statuses, lastId, orderOrNull);
    }
}
