package app.phaseo.connect.videos.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of {@code GET /videos}.
 *
 * @param data the video objects, each a JSON object with a string {@code id}, in the server's order
 * @param firstId the envelope's {@code first_id}, else the id of the first entry, else null
 * @param lastId the envelope's {@code last_id}, else the id of the last entry, else null
 * @param hasMore the envelope's {@code has_more}; false when missing. Note that in today's gateway it
 *     speaks of the 101-row window only
 * @param skippedEntries entries dropped because they were not objects or had no string {@code id}
 * @param bodyBytes size of the (decoded) response body
 */
public record VideoPage(List<ObjectNode> data, String firstId, String lastId, boolean hasMore,
                        int skippedEntries, long bodyBytes) {

    public VideoPage {
        data = List.copyOf(data);
    }

    /** A short description for logs: counts and ids, no content. */
    @Override
    public String toString() {
        return "VideoPage{entries=" + data.size() + ", firstId=" + firstId + ", lastId=" + lastId
                + ", hasMore=" + hasMore + ", skippedEntries=" + skippedEntries + ", bodyBytes=" + bodyBytes + "}";
    }
}
