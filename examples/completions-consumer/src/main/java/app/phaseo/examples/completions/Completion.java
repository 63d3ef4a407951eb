package app.phaseo.examples.completions;

/**
 * One video that finished generating, as the connector announced it.
 *
 * @param videoId   the job's id ({@code G-...}): the value of the record's {@code video.completed} header
 * @param videoJson the job as the connector wrote it (with the completions recipe: plain JSON text)
 * @param timestamp the record's timestamp: when the job completed, in epoch milliseconds
 */
public record Completion(String videoId, String videoJson, long timestamp) {
}
