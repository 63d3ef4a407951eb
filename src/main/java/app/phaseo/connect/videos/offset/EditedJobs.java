package app.phaseo.connect.videos.offset;

import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The remembered jobs of a {@link CaptureOffset}, kept as a list of jobs plus the edits made to it
 * since, and replayed into a plain list when first read. Immutable.
 *
 * <p>Every record carries the offset right after it, so the capture makes an offset per change;
 * copying all remembered jobs into each one cost O(remembered jobs) per record, while the worker
 * reads only the offset of the last acknowledged record at commit time. With edits, an offset costs
 * one small object; the capture starts a new base list once the edits outnumber the jobs, so the
 * copies add up to O(1) per change (BENCHMARKS.md, "Conversion").
 */
public final class EditedJobs extends AbstractList<TrackedJob> implements RandomAccess {

    /** One edit: a job's new state, or its removal ({@code job} null). Chains back to the base list. */
    public static final class Edit {
        private final Edit previous;
        private final String id;
        private final TrackedJob job;
        private final int count;

        /** @param previous the edit before this one, or null for the first edit after the base */
        public Edit(Edit previous, String id, TrackedJob job) {
            this.previous = previous;
            this.id = Objects.requireNonNull(id, "id");
            this.job = job;
            this.count = previous == null ? 1 : previous.count + 1;
        }

        /** Edits since the base, this one included. */
        public int count() {
            return count;
        }
    }

    private final List<TrackedJob> base;
    private final Edit last;
    private List<TrackedJob> replayed;

    /**
     * @param base an immutable list of jobs, in order
     * @param last the latest edit made to it (never null: without edits, use the base itself)
     */
    public EditedJobs(List<TrackedJob> base, Edit last) {
        this.base = List.copyOf(base);
        this.last = Objects.requireNonNull(last, "last");
    }

    @Override
    public TrackedJob get(int index) {
        return replayed().get(index);
    }

    @Override
    public int size() {
        return replayed().size();
    }

    /**
     * The base with the edits applied in order, as an insertion-ordered map applies them: a new job
     * goes last, a changed job keeps its place, a removed one leaves.
     */
    private synchronized List<TrackedJob> replayed() {
        if (replayed == null) {
            Map<String, TrackedJob> jobs = new LinkedHashMap<>(Math.max(16, (base.size() + last.count) * 4 / 3));
            for (TrackedJob job : base) {
                jobs.put(job.id(), job);
            }
            Edit[] edits = new Edit[last.count];
            for (Edit e = last; e != null; e = e.previous) {
                edits[e.count - 1] = e;
            }
            for (Edit e : edits) {
                if (e.job == null) {
                    jobs.remove(e.id);
                } else {
                    jobs.put(e.id, e.job);
                }
            }
            replayed = List.copyOf(jobs.values());
        }
        return replayed;
    }
}
