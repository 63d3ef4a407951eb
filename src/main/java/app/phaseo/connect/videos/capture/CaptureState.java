package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.offset.BackfillState;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.EditedJobs;
import app.phaseo.connect.videos.offset.TrackedJob;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable capture state of a running task; {@link #snapshot()} gives the immutable
 * {@link CaptureOffset} to attach to the next record.
 *
 * <p>Beside the remembered jobs it keeps, in memory only, a bounded cache of jobs it stopped
 * remembering ("retired": final jobs that left the windows), so a final job that comes back
 * unchanged writes no duplicate record.
 */
public final class CaptureState {

    /** Edits kept before a new base list is taken, at the least (see {@link EditedJobs}). */
    private static final int MIN_EDITS_PER_BASE = 64;

    private final Map<String, TrackedJob> jobs = new LinkedHashMap<>();
    private final Map<String, TrackedJob> retired;

    private long cycle;
    private ApiBehavior mode;
    private String firstId;
    private long firstCreated;
    private String lastId;
    private BackfillState backfill;
    private long watermark;
    private final long start;

    private CaptureOffset cached;
    /** The jobs as of the last base, and the edits since (null if none): what a snapshot holds. */
    private List<TrackedJob> base;
    private EditedJobs.Edit edits;

    private CaptureState(CaptureOffset offset, int retiredCapacity) {
        this.cycle = offset.cycle();
        this.mode = offset.mode();
        this.firstId = offset.firstId();
        this.firstCreated = offset.firstCreated();
        this.lastId = offset.lastId();
        this.backfill = offset.backfill();
        this.watermark = offset.watermark();
        this.start = offset.start();
        for (TrackedJob job : offset.jobs()) {
            jobs.put(job.id(), job);
        }
        this.retired = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TrackedJob> eldest) {
                return size() > retiredCapacity;
            }
        };
        this.cached = offset;
        this.base = List.copyOf(jobs.values());
    }

    /** The state a task resumes from. */
    public static CaptureState resume(CaptureOffset offset, int retiredCapacity) {
        return new CaptureState(offset, retiredCapacity);
    }

    /**
     * The offset describing the state right now; the same instance until something changes. O(1): its
     * jobs are the last base list plus the edits since, replayed only if the offset is read.
     */
    public CaptureOffset snapshot() {
        if (cached == null) {
            cached = new CaptureOffset(cycle, mode, firstId, firstCreated, lastId, backfill, watermark, start,
                    edits == null ? base : new EditedJobs(base, edits));
        }
        return cached;
    }

    private void changed() {
        cached = null;
    }

    /** Records a job's new state (null: removed) for the snapshots; a new base once the edits outnumber the jobs. */
    private void jobEdited(String id, TrackedJob job) {
        cached = null;
        edits = new EditedJobs.Edit(edits, id, job);
        if (edits.count() > Math.max(MIN_EDITS_PER_BASE, jobs.size())) {
            base = List.copyOf(jobs.values());
            edits = null;
        }
    }

    public TrackedJob tracked(String id) {
        return jobs.get(id);
    }

    /** The job as last seen, remembered or retired; null if unknown. */
    public TrackedJob remembered(String id) {
        TrackedJob job = jobs.get(id);
        return job != null ? job : retired.get(id);
    }

    public Collection<TrackedJob> trackedJobs() {
        return jobs.values();
    }

    public int trackedCount() {
        return jobs.size();
    }

    public void track(TrackedJob job) {
        retired.remove(job.id());
        jobs.put(job.id(), job);
        jobEdited(job.id(), job);
    }

    /** Stops remembering a job in the offsets but keeps it in the in-memory retired cache. */
    public void retire(String id) {
        TrackedJob job = jobs.remove(id);
        if (job != null) {
            retired.put(id, job);
            jobEdited(id, null);
        }
    }

    /** Forgets a job entirely (deleted, or followed for too long). */
    public void forget(String id) {
        retired.remove(id);
        if (jobs.remove(id) != null) {
            jobEdited(id, null);
        }
    }

    /** Jobs ordered oldest first-seen first, for eviction. */
    public List<TrackedJob> trackedByAge() {
        List<TrackedJob> list = new ArrayList<>(jobs.values());
        list.sort((a, b) -> Long.compare(a.firstSeen(), b.firstSeen()));
        return list;
    }

    public long cycle() {
        return cycle;
    }

    public void nextCycle() {
        cycle++;
        changed();
    }

    public ApiBehavior mode() {
        return mode;
    }

    public void mode(ApiBehavior mode) {
        this.mode = mode;
        changed();
    }

    public String firstId() {
        return firstId;
    }

    public long firstCreated() {
        return firstCreated;
    }

    public void head(String id, long created) {
        this.firstId = id;
        this.firstCreated = created;
        changed();
    }

    public String lastId() {
        return lastId;
    }

    public void lastId(String id) {
        this.lastId = id;
        changed();
    }

    public BackfillState backfill() {
        return backfill;
    }

    public void backfill(BackfillState state) {
        this.backfill = state;
        changed();
    }

    public long watermark() {
        return watermark;
    }

    public void watermark(long millis) {
        this.watermark = millis;
        changed();
    }

    public long start() {
        return start;
    }
}
