package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.client.ListQuery;
import app.phaseo.connect.videos.client.SortOrder;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.client.VideosApi;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoIds;
import app.phaseo.connect.videos.offset.BackfillState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The I/O of one cycle and its counters: the API, the state, change detection, the changes
 * produced and not yet handed to the task, and what was requested and observed. What one part of
 * the cycle tells another is not kept here: it is what a {@link Read} returns. One instance per
 * cycle; used from the task thread only.
 */
public final class CycleContext {

    final VideosApi api;
    final CaptureSettings settings;
    final CaptureState state;
    final ChangeDetector detector;
    final Fingerprinter fingerprinter;
    final CaptureListener listener;
    final Clock clock;
    final long startedAt;

    /** Ids observed this cycle (in any window, page or fetch). */
    final Set<String> seen = new HashSet<>();
    /** Changes produced and not yet handed to the task. */
    final List<Change> out = new ArrayList<>();

    /** Whether an API request was made since the engine last reset it (one request per engine step). */
    boolean requestMade;
    int listRequests;
    int getRequests;
    int records;
    int observed;
    /** Billed finished jobs listed again by an invisible write, already written before: remembered without a record. */
    int relisted;

    public CycleContext(VideosApi api, CaptureSettings settings, CaptureState state, ChangeDetector detector,
                        Fingerprinter fingerprinter, CaptureListener listener, Clock clock) {
        this.api = api;
        this.settings = settings;
        this.state = state;
        this.detector = detector;
        this.fingerprinter = fingerprinter;
        this.listener = listener;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    public CaptureSettings settings() {
        return settings;
    }

    public CaptureState state() {
        return state;
    }

    public CaptureListener listener() {
        return listener;
    }

    public Clock clock() {
        return clock;
    }

    /** Records produced so far this cycle. */
    public int records() {
        return records;
    }

    /** The changes produced and not yet handed to the task. */
    public List<Change> changes() {
        return out;
    }

    /** Lists one page of a window: {@code after} a job id (null: from the top), in {@code order}. */
    public VideoPage list(StatusWindow window, String after, SortOrder order) {
        requestMade = true;
        listRequests++;
        // Newest first is the server's default; the parameter is sent only for the other order.
        SortOrder wireOrder = order == SortOrder.DESC ? null : order;
        VideoPage page = api.listVideos(new ListQuery(settings.pageSize(), window.apiStatuses(), after, wireOrder));
        listener.onRequest("list");
        return page;
    }

    ObjectNode get(String id) {
        requestMade = true;
        getRequests++;
        try {
            return api.getVideo(id);
        } finally {
            listener.onRequest("get");
        }
    }

    /** Reads one row and applies it to the state; a change lands in {@link #changes()}. */
    public ChangeDetector.Result observe(ObjectNode row, boolean silent) {
        return observe(row, fingerprinter.fingerprint(row), silent, Long.MIN_VALUE);
    }

    /**
     * Reads one listed row; a billed finished job the state does not remember whose latest
     * change-marking time is before {@code seenBefore} and after the connector first started is
     * remembered without a record (see {@code window.WindowScan#seenBefore}).
     */
    public ChangeDetector.Result observe(ObjectNode row, boolean silent, long seenBefore) {
        return observe(row, fingerprinter.fingerprint(row), silent, seenBefore);
    }

    /**
     * Reads one job fetched by id. With {@code inListShape} (the window behaviour) its fingerprint is
     * taken of the list's shape (the list sends {@code outputs: []} and {@code asset: null} where a
     * read by id of an OpenAI job fills them), so a job read by id and then listed is not a change;
     * the record still carries what the read returned.
     */
    ChangeDetector.Result observeById(ObjectNode row, boolean inListShape) {
        ObjectNode listShape = row;
        if (inListShape) {
            listShape = row.deepCopy();
            if (listShape.has("outputs")) {
                listShape.putArray("outputs");
            }
            if (listShape.has("asset")) {
                listShape.putNull("asset");
            }
        }
        return observe(row, fingerprinter.fingerprint(listShape), false, Long.MIN_VALUE);
    }

    private ChangeDetector.Result observe(ObjectNode row, long fingerprint, boolean silent, long seenBefore) {
        String id = row.get("id").textValue();
        Observation o = new Observation(id, row, JobFacts.of(id, row), fingerprint, clock.millis());
        long changed = o.facts().eventMillis();
        if (!silent && seenBefore != Long.MIN_VALUE && o.facts().immuneToClaim() && changed != ApiTimes.NONE
                && changed < seenBefore && changed >= state.start() && state.remembered(id) == null) {
            silent = true;
            relisted++;
        }
        seen.add(id);
        observed++;
        ChangeDetector.Result result = detector.observe(o, state, silent);
        if (result.change() != null) {
            out.add(result.change());
            records++;
        } else if (result.outcome() == ChangeDetector.Outcome.STALE) {
            listener.onStaleObservation(id);
        }
        return result;
    }

    void emit(Change change) {
        out.add(change);
        records++;
    }

    /** Creation time of a listed row: from its ULID id, else its created_at. */
    public static long createdMillis(JsonNode row) {
        long created = VideoIds.creationMillis(row.path("id").asText(null));
        return created != ApiTimes.NONE ? created : ApiTimes.toMillis(row.get("created_at"));
    }

    /**
     * Whether the first look at a row should remember it without a record: on the very first cycle,
     * for history the user asked not to stream (backfill.mode none, or since a later date).
     */
    public boolean silentFor(JsonNode row) {
        if (state.backfill() != BackfillState.PENDING) {
            return false;
        }
        switch (settings.backfillMode()) {
            case NONE:
                return true;
            case SINCE:
                return beforeBackfillSince(row);
            default:
                return false;
        }
    }

    /** Whether a row created at this time is history the user asked not to stream. */
    public boolean beforeBackfillSince(JsonNode row) {
        long since = settings.backfillSinceMillis();
        if (since == ApiTimes.NONE) {
            return false;
        }
        long created = createdMillis(row);
        return created != ApiTimes.NONE && created < since;
    }
}
