/**
 * The HTTP client stage: calls to the Phaseo video-jobs API, the failure taxonomy, and backoff.
 *
 * <p>Start with {@link app.phaseo.connect.videos.client.PhaseoClient}: it takes
 * {@link app.phaseo.connect.videos.client.ClientSettings}, returns
 * {@link app.phaseo.connect.videos.client.VideoPage}s and video objects, and throws one exception
 * type, {@link app.phaseo.connect.videos.client.PhaseoApiException}, whose
 * {@link app.phaseo.connect.videos.client.ErrorKind} tells the caller what to do:
 *
 * <table>
 *   <caption>The failure taxonomy</caption>
 *   <tr><th>Kind</th><th>From</th><th>Handling</th></tr>
 *   <tr><td>UNAUTHORIZED</td><td>401</td><td>fail the task (fix {@code phaseo.api.key})</td></tr>
 *   <tr><td>FORBIDDEN</td><td>403</td><td>fail the task</td></tr>
 *   <tr><td>REDIRECT_REFUSED</td><td>3xx to another origin, or more than 3 hops</td><td>fail the task (fix {@code phaseo.api.url})</td></tr>
 *   <tr><td>NOT_FOUND</td><td>404 {@code video_not_found_or_not_owned} / {@code video_deleted}</td><td>fail this request (the video is gone)</td></tr>
 *   <tr><td>BAD_REQUEST</td><td>400, 422</td><td>fail this request</td></tr>
 *   <tr><td>API_DISABLED</td><td>501</td><td>retry slowly, report the reason</td></tr>
 *   <tr><td>RATE_LIMITED</td><td>429</td><td>wait for Retry-After (capped) or back off</td></tr>
 *   <tr><td>SERVER_ERROR</td><td>5xx but 501</td><td>back off</td></tr>
 *   <tr><td>TIMEOUT</td><td>connect/read/call timeout, 408</td><td>back off</td></tr>
 *   <tr><td>TRANSPORT</td><td>refused, reset, DNS, TLS, body cut off</td><td>back off</td></tr>
 *   <tr><td>MALFORMED_RESPONSE</td><td>2xx whose body is not the API's shape</td><td>back off</td></tr>
 *   <tr><td>RESPONSE_TOO_LARGE</td><td>body over {@code maxResponseBytes}</td><td>back off</td></tr>
 *   <tr><td>UNEXPECTED_STATUS</td><td>anything else (418, 404 without a video reason, 3xx without Location...)</td><td>back off</td></tr>
 *   <tr><td>CANCELLED</td><td>{@code cancelInFlight()} / {@code close()}</td><td>stop quietly</td></tr>
 * </table>
 *
 * <p>The key is never logged or put in a message; server text is scrubbed before it is (see
 * {@code SafeText}).
 */
package app.phaseo.connect.videos.client;
