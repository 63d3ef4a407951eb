package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.CaptureOffset;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A change worth a record, with the offset that is valid once this record is stored.
 *
 * @param id              video id (the record key)
 * @param video           the job's new state, or null for a {@link ChangeKind#DELETED} tombstone
 * @param kind            why the record is written
 * @param status          the job's status after the change
 * @param previousStatus  its status before, or null on first sight
 * @param events          transitions seen, as event names ({@code video.completed}, ...)
 * @param isFinal         whether the new state is final
 * @param timestamp       epoch ms of the change (best available field), for the record timestamp
 * @param fingerprint     the content fingerprint the capture compared (in the list's shape, volatile
 *                        fields left out); 0 for a tombstone
 * @param offset          the capture state right after this change
 */
public record Change(String id, ObjectNode video, ChangeKind kind, VideoStatus status, VideoStatus previousStatus,
                     List<String> events, boolean isFinal, long timestamp, long fingerprint,
                     CaptureOffset offset) {
}
