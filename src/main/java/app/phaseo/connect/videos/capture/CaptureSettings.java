package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.config.ApiBehavior;
import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The settings the capture stage needs, taken from the connector config once, so the stage does
 * not depend on how keys are spelled.
 *
 * @param pressureMaxRequestsPerMinute at most this many window-read requests in any minute
 */
public record CaptureSettings(Duration pollInterval, Duration pressureInterval, int pageSize, int windowRows, ApiBehavior behavior, Set<VideoStatus> statusFilter,
                              Duration fullScanInterval, int followMaxRequests, boolean followOnWindowOverflow, Duration followInterval,
                              Duration followMaxAge, int stateMaxJobs, List<String> volatileFields,
                              boolean tombstones, BackfillMode backfillMode, long backfillSinceMillis,
                              int backfillPagesPerCycle, int pressureMaxRequestsPerMinute) {

    public CaptureSettings {
        statusFilter = Set.copyOf(statusFilter);
        volatileFields = List.copyOf(volatileFields);
    }

    public static CaptureSettings from(PhaseoVideosConfig config) {
        return new CaptureSettings(config.pollInterval(), config.pressureInterval(), config.pageSize(), config.windowRows(), config.apiBehavior(), config.statusFilter(),
                config.fullScanInterval(), config.followMaxRequestsPerCycle(), config.followOnWindowOverflow(), config.followInterval(),
                config.followMaxAge(), config.stateMaxJobs(), config.volatileFields(), config.tombstonesOnDelete(),
                config.backfillMode(),
                config.backfillSince().map(java.time.Instant::toEpochMilli).orElse(ApiTimes.NONE),
                config.backfillPagesPerCycle(), config.pressureMaxRequestsPerMinute());
    }
}
