package app.phaseo.examples.completions;

/**
 * What the service does when a video completes: notify the user, publish the video, start the
 * next pipeline step. Replace the example's handler with yours.
 *
 * <p>Throwing stops the service before the record's offset is committed and before its id is
 * recorded as handled, so the completion is handled again when the service restarts.
 */
@FunctionalInterface
public interface CompletionHandler {

    void handle(Completion completion) throws Exception;
}
