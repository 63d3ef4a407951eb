package app.phaseo.connect.videos.offset;

import app.phaseo.connect.videos.model.ApiBehavior;
import java.util.List;
import java.util.Objects;

/**
 * The source offset of the connector: everything a restarted task needs to lose no change and
 * repeat none. It is a value; {@link OffsetCodec} turns it into the map Connect stores, and back.
 *
 * <p>Invariant: the offset attached to a record describes the state right after that record, so
 * any committed offset is a valid resume point.
 *
 * @param cycle       number of the last scan cycle started
 * @param mode        listing behaviour established for the API
 * @param firstId     newest job id known at the head of the listing (cursor mode: the high-water mark)
 * @param firstCreated creation time (epoch ms) of {@code firstId}, or {@code Long.MIN_VALUE}
 * @param lastId      backfill cursor: the oldest job id reached by the backfill, or null
 * @param backfill    where the backfill stands
 * @param watermark   epoch ms up to which every change is proven captured (window mode)
 * @param start       epoch ms of the connector's first start; jobs created after it are new, not history
 * @param jobs        jobs whose last state is remembered (windows and followed jobs), bounded by config
 */
public record CaptureOffset(long cycle, ApiBehavior mode, String firstId, long firstCreated, String lastId,
                            BackfillState backfill, long watermark, long start, List<TrackedJob> jobs) {

    /** The offset format written by this version of the connector. */
    public static final int VERSION = 1;

    public CaptureOffset {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(backfill, "backfill");
        jobs = jobs instanceof EditedJobs ? jobs : List.copyOf(jobs);
    }

    /** The offset of a connector that has never run: it starts now and has seen nothing. */
    public static CaptureOffset initial(long nowMillis) {
        return new CaptureOffset(0, ApiBehavior.AUTO, null, Long.MIN_VALUE, null, BackfillState.PENDING,
                Long.MIN_VALUE, nowMillis, List.of());
    }
}
