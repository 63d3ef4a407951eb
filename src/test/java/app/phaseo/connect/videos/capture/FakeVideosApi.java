package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.ListQuery;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.client.SortOrder;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.client.VideosApi;
import app.phaseo.connect.videos.model.VideoStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small scripted {@link VideosApi} for unit tests of the capture stage: no HTTP, no clock, no
 * lifecycle. A test puts jobs (JSON objects), changes them, deletes them, queues failures, and reads
 * back which requests the stage made. For HTTP, timing and lifecycle use the simulator instead.
 *
 * <p>What it answers, close to the gateway's list route ({@code apps/api/src/routes/v1/data/videos.ts}
 * of {@code phaseoteam/Phaseo}) in the few points the capture stage relies on:
 * <ul>
 *   <li>{@code GET /videos}: the jobs whose status is in the query's filter (all when empty), only the
 *       {@link #windowRows(int)} most recently put of them (the gateway's window of recently updated
 *       jobs; unlimited by default, which is the documented full history), sorted by creation (the
 *       id, a ULID) newest first or, with {@code order=asc}, oldest first; {@code after} continues after
 *       that id, and an {@code after} id that is not in the window restarts from the top, as the
 *       gateway does; {@code has_more} speaks of the rows left in the window;</li>
 *   <li>{@code GET /videos/{id}}: the job, or a 404 {@link ErrorKind#NOT_FOUND} when it is unknown or deleted;</li>
 *   <li>a failure queued with {@link #failNext} is thrown by the next call instead of answering.</li>
 * </ul>
 * Every answer is a deep copy, so a test may keep and change what it put.
 */
public final class FakeVideosApi implements VideosApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /** The jobs, least recently put first (so the last entries are the top of the window). */
    private final LinkedHashMap<String, ObjectNode> jobs = new LinkedHashMap<>();
    private final Deque<PhaseoApiException> failures = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    private int windowRows = Integer.MAX_VALUE;

    /**
     * A gateway id ({@code G-} + ULID) created at {@code createdMillis}; {@code n} makes ids of the
     * same millisecond distinct and sorts them.
     */
    public static String id(long createdMillis, int n) {
        StringBuilder id = new StringBuilder("G-");
        for (int shift = 45; shift >= 0; shift -= 5) {
            id.append(CROCKFORD.charAt((int) ((createdMillis >>> shift) & 31)));
        }
        for (int shift = 75; shift >= 0; shift -= 5) {
            id.append(CROCKFORD.charAt(shift < 32 ? (n >>> shift) & 31 : 0));
        }
        return id.toString();
    }

    /**
     * A job as the list shows it, reduced to what the capture stage reads: id, status, progress and
     * billing state. A terminal job whose billing is {@code settled} or {@code void} is also marked billed
     * ({@code billing.billed_at}), so it is final: the gateway's last write, which the claim never bumps.
     */
    public static ObjectNode video(String id, String status, int progress, String billingState) {
        ObjectNode video = JSON.createObjectNode();
        video.put("id", id);
        video.put("object", "video");
        video.put("status", status);
        video.put("progress", progress);
        ObjectNode billing = video.putObject("billing").put("state", billingState);
        boolean terminal = List.of("completed", "failed", "cancelled", "expired").contains(status);
        if (terminal && ("settled".equals(billingState) || "void".equals(billingState))) {
            billing.put("billed_at", "2026-11-28T12:00:00.000000+00:00");
        }
        return video;
    }

    /** A finished job: completed, billing settled and billed. */
    public static ObjectNode finished(String id) {
        return video(id, "completed", 100, "settled");
    }

    /** Lists only the {@code rows} most recently put jobs per status filter (the gateway's 101); default unlimited. */
    public FakeVideosApi windowRows(int rows) {
        this.windowRows = rows;
        return this;
    }

    /** Adds or replaces a job; it moves to the top of the window, as any write does in the gateway. */
    public FakeVideosApi put(ObjectNode video) {
        String id = video.get("id").textValue();
        jobs.remove(id);
        jobs.put(id, video.deepCopy());
        return this;
    }

    /** Removes a job: no longer listed, and {@code GET /videos/{id}} answers 404. */
    public FakeVideosApi delete(String id) {
        jobs.remove(id);
        return this;
    }

    /** The next call throws {@code failure} instead of answering (queued failures are thrown in order). */
    public FakeVideosApi failNext(PhaseoApiException failure) {
        failures.add(failure);
        return this;
    }

    /** A 404 as the client reports it. */
    public static PhaseoApiException notFound(String what) {
        return new PhaseoApiException(ErrorKind.NOT_FOUND, what + " not found", null, 404, "video_not_found_or_not_owned",
                null, null, null);
    }

    /**
     * The requests made so far, in order, one line each: {@code list status=<s,...> after=<id> order=<asc|desc>}
     * or {@code get <id>}.
     */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The ids fetched by {@code GET /videos/{id}}, in order. */
    public List<String> gets() {
        return requests.stream().filter(r -> r.startsWith("get ")).map(r -> r.substring(4)).toList();
    }

    /** How many {@code GET /videos} requests were made. */
    public long lists() {
        return requests.stream().filter(r -> r.startsWith("list ")).count();
    }

    @Override
    public VideoPage listVideos(ListQuery query) {
        SortOrder order = query.orderOrNull() == null ? SortOrder.DESC : query.orderOrNull();
        requests.add("list status=" + String.join(",", query.statuses()) + " after=" + query.afterOrNull()
                + " order=" + order.wireValue());
        throwIfQueued();
        List<ObjectNode> window = new ArrayList<>();
        List<String> ids = new ArrayList<>(jobs.keySet());
        for (int i = ids.size() - 1; i >= 0 && window.size() < windowRows; i--) {
            ObjectNode video = jobs.get(ids.get(i));
            if (inFilter(query.statuses(), video.path("status").asText())) {
                window.add(video);
            }
        }
        Comparator<ObjectNode> byCreation = Comparator.comparing(v -> v.get("id").textValue());
        window.sort(order == SortOrder.ASC ? byCreation : byCreation.reversed());
        int from = 0;
        if (query.afterOrNull() != null) {
            for (int i = 0; i < window.size(); i++) {
                if (window.get(i).get("id").textValue().equals(query.afterOrNull())) {
                    from = i + 1;
                }
            }
        }
        int to = Math.min(window.size(), from + Math.min(query.limit(), 100));
        List<ObjectNode> data = new ArrayList<>();
        for (ObjectNode video : window.subList(from, to)) {
            data.add(video.deepCopy());
        }
        String first = data.isEmpty() ? null : data.get(0).get("id").textValue();
        String last = data.isEmpty() ? null : data.get(data.size() - 1).get("id").textValue();
        return new VideoPage(data, first, last, to < window.size(), 0, 0);
    }

    @Override
    public ObjectNode getVideo(String id) {
        requests.add("get " + id);
        throwIfQueued();
        ObjectNode video = jobs.get(id);
        if (video == null) {
            throw notFound("video " + id);
        }
        return video.deepCopy();
    }

    private void throwIfQueued() {
        PhaseoApiException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
    }

    private static boolean inFilter(List<String> statuses, String status) {
        if (statuses.isEmpty()) {
            return true;
        }
        VideoStatus actual = VideoStatus.fromWire(status);
        for (String wanted : statuses) {
            if (VideoStatus.fromWire(wanted) == actual) {
                return true;
            }
        }
        return false;
    }

    /** The jobs as put, by id (for assertions). */
    public Map<String, ObjectNode> jobs() {
        return java.util.Collections.unmodifiableMap(jobs);
    }
}
