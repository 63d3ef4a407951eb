package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The settings the capture stage needs, taken from the connector config once, so the stage does
 * not depend on how keys are spelled. Built by name: {@link #from} for a task, {@link #builder()}
 * (the config's defaults) or {@link #toBuilder()} elsewhere.
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
        return builder()
                .pollInterval(config.pollInterval())
                .pressureInterval(config.pressureInterval())
                .pressureMaxRequestsPerMinute(config.pressureMaxRequestsPerMinute())
                .pageSize(config.pageSize())
                .windowRows(config.windowRows())
                .behavior(config.apiBehavior())
                .statusFilter(config.statusFilter())
                .fullScanInterval(config.fullScanInterval())
                .followMaxRequests(config.followMaxRequestsPerCycle())
                .followOnWindowOverflow(config.followOnWindowOverflow())
                .followInterval(config.followInterval())
                .followMaxAge(config.followMaxAge())
                .stateMaxJobs(config.stateMaxJobs())
                .volatileFields(config.volatileFields())
                .tombstones(config.tombstonesOnDelete())
                .backfillMode(config.backfillMode())
                .backfillSinceMillis(config.backfillSince().map(Instant::toEpochMilli).orElse(ApiTimes.NONE))
                .backfillPagesPerCycle(config.backfillPagesPerCycle())
                .build();
    }

    /** A builder that starts at the config's defaults (a test checks they agree). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts at these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.pollInterval = pollInterval;
        b.pressureInterval = pressureInterval;
        b.pressureMaxRequestsPerMinute = pressureMaxRequestsPerMinute;
        b.pageSize = pageSize;
        b.windowRows = windowRows;
        b.behavior = behavior;
        b.statusFilter = statusFilter;
        b.fullScanInterval = fullScanInterval;
        b.followMaxRequests = followMaxRequests;
        b.followOnWindowOverflow = followOnWindowOverflow;
        b.followInterval = followInterval;
        b.followMaxAge = followMaxAge;
        b.stateMaxJobs = stateMaxJobs;
        b.volatileFields = volatileFields;
        b.tombstones = tombstones;
        b.backfillMode = backfillMode;
        b.backfillSinceMillis = backfillSinceMillis;
        b.backfillPagesPerCycle = backfillPagesPerCycle;
        return b;
    }

    /** Named setters for {@link CaptureSettings}; each starts at the config's default. */
    public static final class Builder {
        private Duration pollInterval = Duration.ofSeconds(5);
        private Duration pressureInterval = Duration.ofMillis(500);
        private int pressureMaxRequestsPerMinute = 600;
        private int pageSize = 100;
        private int windowRows = 101;
        private ApiBehavior behavior = ApiBehavior.AUTO;
        private Set<VideoStatus> statusFilter = Set.of();
        private Duration fullScanInterval = Duration.ofMinutes(5);
        private int followMaxRequests = 20;
        private boolean followOnWindowOverflow;
        private Duration followInterval = Duration.ofSeconds(20);
        private Duration followMaxAge = Duration.ofDays(1);
        private int stateMaxJobs = 5_000;
        private List<String> volatileFields = PhaseoVideosConfig.DEFAULT_VOLATILE_FIELDS;
        private boolean tombstones;
        private BackfillMode backfillMode = BackfillMode.ALL;
        private long backfillSinceMillis = ApiTimes.NONE;
        private int backfillPagesPerCycle = 10;

        private Builder() {
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public Builder pressureInterval(Duration value) {
            pressureInterval = value;
            return this;
        }

        public Builder pressureMaxRequestsPerMinute(int value) {
            pressureMaxRequestsPerMinute = value;
            return this;
        }

        public Builder pageSize(int value) {
            pageSize = value;
            return this;
        }

        public Builder windowRows(int value) {
            windowRows = value;
            return this;
        }

        public Builder behavior(ApiBehavior value) {
            behavior = value;
            return this;
        }

        public Builder statusFilter(Set<VideoStatus> value) {
            statusFilter = value;
            return this;
        }

        public Builder fullScanInterval(Duration value) {
            fullScanInterval = value;
            return this;
        }

        public Builder followMaxRequests(int value) {
            followMaxRequests = value;
            return this;
        }

        public Builder followOnWindowOverflow(boolean value) {
            followOnWindowOverflow = value;
            return this;
        }

        public Builder followInterval(Duration value) {
            followInterval = value;
            return this;
        }

        public Builder followMaxAge(Duration value) {
            followMaxAge = value;
            return this;
        }

        public Builder stateMaxJobs(int value) {
            stateMaxJobs = value;
            return this;
        }

        public Builder volatileFields(List<String> value) {
            volatileFields = value;
            return this;
        }

        public Builder tombstones(boolean value) {
            tombstones = value;
            return this;
        }

        public Builder backfillMode(BackfillMode value) {
            backfillMode = value;
            return this;
        }

        /** Creation time (epoch ms) before which history is not streamed, or {@link ApiTimes#NONE}. */
        public Builder backfillSinceMillis(long value) {
            backfillSinceMillis = value;
            return this;
        }

        public Builder backfillPagesPerCycle(int value) {
            backfillPagesPerCycle = value;
            return this;
        }

        public CaptureSettings build() {
            return new CaptureSettings(pollInterval, pressureInterval, pageSize, windowRows, behavior, statusFilter,
                    fullScanInterval, followMaxRequests, followOnWindowOverflow, followInterval, followMaxAge,
                    stateMaxJobs, volatileFields, tombstones, backfillMode, backfillSinceMillis, backfillPagesPerCycle,
                    pressureMaxRequestsPerMinute);
        }
    }
}
