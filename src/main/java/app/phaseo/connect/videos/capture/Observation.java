package app.phaseo.connect.videos.capture;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One job as read from the API at one moment.
 *
 * @param id          video id
 * @param video       the object as the API sent it
 * @param facts       its lifecycle facts
 * @param fingerprint its content fingerprint without volatile fields
 * @param observedAt  epoch ms when the response arrived
 */
public record Observation(String id, ObjectNode video, JobFacts facts, long fingerprint, long observedAt) {
}
