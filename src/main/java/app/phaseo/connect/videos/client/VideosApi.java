package app.phaseo.connect.videos.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two calls the capture stage makes; {@link PhaseoClient} is the real one.
 * Both throw {@link PhaseoApiException} on any failure.
 */
public interface VideosApi {

    /** One page of {@code GET /videos}. */
    VideoPage listVideos(ListQuery query);

    /** {@code GET /videos/{id}}: on a finished job this has side effects in today's gateway. */
    ObjectNode getVideo(String id);
}
