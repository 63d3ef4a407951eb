package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.ListQuery;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.client.SortOrder;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.client.VideosApi;
import app.phaseo.connect.videos.model.VideoIds;
import app.phaseo.connect.videos.simulator.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A scripted stand-in for the gateway's video routes, small enough to reason about in a test: the
 * list is, per status filter, the {@value #WINDOW} most recently updated jobs sorted by creation
 * (same creation millisecond: by update), {@code limit} clamped to {@value #MAX_LIMIT}, and an
 * {@code after} outside the window restarts from the top ({@code routes/v1/data/videos.ts},
 * {@code videos.helpers/public.ts} in phaseoteam/Phaseo). Tests write the world by hand: visible
 * updates, the reconciler claim that bumps every unbilled row at one instant without changing what
 * the API shows ({@code supabase/migrations/20260617193428_async_operation_reconciliation_leases.sql}),
 * DELETE's invisible tombstone, by-id answers in another shape or failing, and actions due at a
 * virtual time or before a given request. Each request advances the clock by a fixed latency.
 */
public final class ScriptedVideosApi implements VideosApi {

    static final int WINDOW = 101;
    static final int MAX_LIMIT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS+00:00")
            .withZone(ZoneOffset.UTC);

    private static final class Job {
        final ObjectNode body;
        long updatedAt;
        long seq;
        boolean tombstoned;

        Job(ObjectNode body) {
            this.body = body;
        }
    }

    final MutableClock clock;
    private final Duration latency;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final TreeMap<Long, List<Runnable>> atTime = new TreeMap<>();
    private final Map<Integer, List<Runnable>> atRequest = new HashMap<>();
    private final Map<String, Deque<PhaseoApiException>> getFailures = new HashMap<>();
    private UnaryOperator<ObjectNode> byIdShape = UnaryOperator.identity();
    private int windowRows = WINDOW;
    private long seq;
    private int counter;
    private int requests;
    final List<ListQuery> lists = new ArrayList<>();
    /** The ids each list answer carried, in the order of {@link #lists}. */
    final List<List<String>> pages = new ArrayList<>();
    final List<String> gets = new ArrayList<>();

    public ScriptedVideosApi(MutableClock clock, Duration latency) {
        this.clock = clock;
        this.latency = latency;
    }

    // ---- the world ----

    /** A new job in {@code status}, created now: a visible write. */
    public String create(String status) {
        String id = newId(clock.millis());
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id).put("object", "video").put("status", status)
                .put("created_at", PG.format(clock.instant())).put("progress", 0).put("model", "sora-2");
        body.putObject("billing").put("currency", "usd").put("state", "estimated").putNull("billed_at");
        body.putArray("outputs");
        body.putNull("asset");
        Job job = new Job(body);
        jobs.put(id, job);
        bump(job);
        return id;
    }

    /** A completed job whose billing is settled, billed or not: a visible write. */
    public String createCompleted(boolean billed) {
        String id = create("completed");
        update(id, b -> complete(b, billed));
        return id;
    }

    public static void complete(ObjectNode body, boolean billed) {
        body.put("status", "completed").put("progress", 100).put("completed_at", Instant.ofEpochMilli(
                VideoIds.creationMillis(body.get("id").textValue()) + 60_000).toString());
        ObjectNode billing = (ObjectNode) body.get("billing");
        billing.put("state", "settled").put("settled_user_cost", "0.40");
        if (billed) {
            billing.put("billed_at", PG.format(Instant.ofEpochMilli(VideoIds.creationMillis(body.get("id").textValue()) + 61_000)));
        }
    }

    /** A write that changes what the API shows: the job moves to the top of its windows. */
    public void update(String id, Consumer<ObjectNode> change) {
        Job job = jobs.get(id);
        change.accept(job.body);
        bump(job);
    }

    /** Sets {@code billing.billed_at} (the gateway's {@code markVideoJobBilled}). */
    public void bill(String id) {
        update(id, b -> ((ObjectNode) b.get("billing")).put("billed_at", PG.format(clock.instant())));
    }

    /**
     * The reconciler's claim: one statement bumps up to 1,000 rows whose {@code billed_at} is null,
     * oldest update first, all at the same instant; nothing the API shows changes.
     */
    public int claim() {
        List<Job> unbilled = new ArrayList<>();
        for (Job job : jobs.values()) {
            if (job.body.path("billing").path("billed_at").isNull() || job.body.path("billing").path("billed_at").isMissingNode()) {
                unbilled.add(job);
            }
        }
        unbilled.sort(Comparator.comparingLong((Job j) -> j.updatedAt).thenComparingLong(j -> j.seq));
        List<Job> claimed = unbilled.subList(0, Math.min(1_000, unbilled.size()));
        for (Job job : claimed) {
            bump(job);
        }
        return claimed.size();
    }

    /** DELETE: marks the job tombstoned, a bump the list does not show; by id it answers 404. */
    public void delete(String id) {
        Job job = jobs.get(id);
        job.tombstoned = true;
        bump(job);
    }

    /** Lists the whole history with a stable cursor, as the published docs describe, instead of a window. */
    public ScriptedVideosApi documented() {
        this.windowRows = Integer.MAX_VALUE;
        return this;
    }

    /** What by-id answers look like (the gateway answers OpenAI jobs in OpenAI's own shape). */
    public void byIdShape(UnaryOperator<ObjectNode> shape) {
        this.byIdShape = shape;
    }

    /** The next by-id read of {@code id} fails so. */
    public void failNextGet(String id, ErrorKind kind, int status) {
        getFailures.computeIfAbsent(id, k -> new ArrayDeque<>()).add(new PhaseoApiException(kind,
                "scripted " + status, null, status, "scripted", null, null, null));
    }

    /** Runs {@code action} before the first request answered at or after {@code time}. */
    public void at(Instant time, Runnable action) {
        atTime.computeIfAbsent(time.toEpochMilli(), k -> new ArrayList<>()).add(action);
    }

    /** Runs {@code action} before the {@code n}-th request (1-based) is answered. */
    public void beforeRequest(int n, Runnable action) {
        atRequest.computeIfAbsent(n, k -> new ArrayList<>()).add(action);
    }

    public int requests() {
        return requests;
    }

    public ObjectNode body(String id) {
        return jobs.get(id).body.deepCopy();
    }

    /** The stored body itself: a change made through it is not a write (no bump), as when only the provider knows it. */
    public ObjectNode bodyRef(String id) {
        return jobs.get(id).body;
    }

    public List<String> ids() {
        return new ArrayList<>(jobs.keySet());
    }

    // ---- the routes ----

    @Override
    public VideoPage listVideos(ListQuery query) {
        arrive();
        lists.add(query);
        List<Job> window = window(query.statuses());
        Comparator<Job> byCreation = Comparator.comparingLong((Job j) -> VideoIds.creationMillis(j.body.get("id").textValue()))
                .thenComparingLong(j -> j.updatedAt).thenComparingLong(j -> j.seq);
        window.sort(query.orderOrNull() == SortOrder.ASC ? byCreation : byCreation.reversed());
        int from = 0;
        if (query.afterOrNull() != null) {
            for (int i = 0; i < window.size(); i++) {
                if (window.get(i).body.get("id").textValue().equals(query.afterOrNull())) {
                    from = i + 1;
                    break;
                }
            }
        }
        int to = Math.min(window.size(), from + Math.min(query.limit(), MAX_LIMIT));
        List<ObjectNode> data = new ArrayList<>();
        for (Job job : window.subList(from, to)) {
            data.add(job.body.deepCopy());
        }
        pages.add(data.stream().map(d -> d.get("id").textValue()).toList());
        String first = data.isEmpty() ? null : data.get(0).get("id").textValue();
        String last = data.isEmpty() ? null : data.get(data.size() - 1).get("id").textValue();
        return new VideoPage(data, first, last, to < window.size(), 0, 0);
    }

    @Override
    public ObjectNode getVideo(String id) {
        arrive();
        gets.add(id);
        Deque<PhaseoApiException> failures = getFailures.get(id);
        if (failures != null && !failures.isEmpty()) {
            throw failures.poll();
        }
        Job job = jobs.get(id);
        if (job == null || job.tombstoned) {
            throw new PhaseoApiException(ErrorKind.NOT_FOUND, "scripted 404", null, 404, "video_deleted", null, null, null);
        }
        return byIdShape.apply(job.body.deepCopy());
    }

    private List<Job> window(List<String> statuses) {
        List<Job> matching = new ArrayList<>();
        for (Job job : jobs.values()) {
            if (statuses.isEmpty() || statuses.contains(job.body.get("status").textValue())) {
                matching.add(job);
            }
        }
        matching.sort(Comparator.comparingLong((Job j) -> j.updatedAt).thenComparingLong(j -> j.seq).reversed());
        return new ArrayList<>(matching.subList(0, Math.min(windowRows, matching.size())));
    }

    private void arrive() {
        requests++;
        clock.advance(latency);
        List<Runnable> now = atRequest.remove(requests);
        if (now != null) {
            now.forEach(Runnable::run);
        }
        while (!atTime.isEmpty() && atTime.firstKey() <= clock.millis()) {
            atTime.pollFirstEntry().getValue().forEach(Runnable::run);
        }
    }

    private void bump(Job job) {
        job.updatedAt = clock.millis();
        job.seq = ++seq;
    }

    private String newId(long millis) {
        char[] out = new char[26];
        long t = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (t & 31)];
            t >>>= 5;
        }
        long n = ++counter;
        for (int i = 25; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (n & 31)];
            n >>>= 5;
        }
        return "G-" + new String(out);
    }
}
