package app.phaseo.connect.videos.offset;

import app.phaseo.connect.videos.model.VideoStatus;
import java.util.Objects;

/**
 * What the connector remembers of one job between cycles and across restarts: the fingerprint of
 * the last state it emitted, enough lifecycle to classify the next change, and when that state was
 * first seen (the basis of the window-coverage proof, see {@code capture.window.WindowScan}).
 *
 * @param id              video id
 * @param fingerprint     64-bit fingerprint of the last emitted state, volatile fields left out
 * @param status          status of that state
 * @param isFinal         whether that state was final (terminal, billing closed, no webhook retry pending)
 * @param stateSince      epoch ms when that state was first observed
 * @param firstSeen       epoch ms when the job was first observed (bounds how long it is followed)
 * @param recordTimestamp timestamp of the last record written for the job (keeps record times monotonic)
 * @param rank            packed lifecycle progress (see {@code capture.JobFacts#rank}); a lower rank is a stale read
 */
public record TrackedJob(String id, long fingerprint, VideoStatus status, boolean isFinal, long stateSince,
                         long firstSeen, long recordTimestamp, int rank) {

    public TrackedJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }
}
