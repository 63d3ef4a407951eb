/**
 * The HTTP client stage: calls to the Phaseo video-jobs API, the failure taxonomy, and backoff.
 *
 * <p>Start with {@link app.phaseo.connect.videos.client.PhaseoClient}: it takes
 * {@link app.phaseo.connect.videos.client.ClientSettings}, returns
 * {@link app.phaseo.connect.videos.client.VideoPage}s and video objects, and throws one exception
 * type, {@link app.phaseo.connect.videos.client.PhaseoApiException}, whose
 * {@link app.phaseo.connect.videos.client.ErrorKind} tells the caller what to do.
 *
 * <p>Each kind states the answers it covers ({@link app.phaseo.connect.videos.client.ErrorKind#answers()})
 * and its {@link app.phaseo.connect.videos.client.ErrorKind.Handling}, which is all the task acts on;
 * the error table of docs/OPERATIONS.md is generated from them, so the code and the docs cannot disagree.
 *
 * <p>The key is never logged or put in a message; server text is scrubbed before it is (see
 * {@code SafeText}).
 */
package app.phaseo.connect.videos.client;
