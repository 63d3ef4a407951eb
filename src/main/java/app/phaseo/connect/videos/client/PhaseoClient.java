package app.phaseo.connect.videos.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Phaseo video-jobs API over HTTP: {@code GET /videos} and {@code GET /videos/{id}}.
 *
 * <p>Every failure comes out as a {@link PhaseoApiException} with one {@link ErrorKind}; this
 * class retries nothing itself (the caller owns retries, see {@link Backoff} and
 * {@link RetryAfter}). OkHttp may still repeat a request once on its own, as HTTP allows: on a
 * pooled connection the server had closed, after a 408, or after a 503 with {@code Retry-After: 0}. Redirects are followed only within the same scheme, host and port, so the
 * API key is never sent anywhere else. The key is never logged: requests are logged at DEBUG as
 * method, URL (this client's own query parameters only), status, duration and size.
 *
 * <p>Calls are made from one thread (the task's); {@link #cancelInFlight()} and {@link #close()}
 * may be called from any thread and end a running call at once.
 */
public final class PhaseoClient implements VideosApi, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PhaseoClient.class);

    /** Redirects followed per call (same origin only). */
    static final int MAX_REDIRECTS = 3;
    /** Error bodies are read up to this size; the rest is ignored (the status decides the kind). */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final ClientSettings settings;
    private final OkHttpClient http;
    private final SafeText safe;
    private final SuccessBodies successBodies;
    private final ErrorResponses errorResponses;

    /** Calls running now, so that another thread can cancel them. */
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    /** Bumped by every {@link #cancelInFlight()}: an operation that sees it change was cancelled. */
    private final AtomicLong cancellations = new AtomicLong();
    private volatile boolean closed;

    public PhaseoClient(ClientSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the clock HTTP-date {@code Retry-After} values are measured against */
    public PhaseoClient(ClientSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                // We follow redirects ourselves, to keep the key on its origin.
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        ObjectMapper json = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.safe = new SafeText(settings.apiKey().value());
        this.successBodies = new SuccessBodies(json, safe);
        this.errorResponses = new ErrorResponses(json, safe, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * One page of {@code GET {base}/videos}. {@code limit} is always sent (the gateway returns no
     * rows without it).
     *
     * @throws PhaseoApiException on any failure, sorted by {@link ErrorKind}
     */
    @Override
    public VideoPage listVideos(ListQuery query) {
        Objects.requireNonNull(query, "query");
        HttpUrl.Builder url = videosUrl().newBuilder()
                .addQueryParameter("limit", Integer.toString(query.limit()));
        if (!query.statuses().isEmpty()) {
            // A literal comma, as the docs show it: the values are plain words, so nothing needs escaping.
            url.addEncodedQueryParameter("status", String.join(",", query.statuses()));
        }
        if (query.orderOrNull() != null) {
            url.addQueryParameter("order", query.orderOrNull().wireValue());
        }
        if (query.afterOrNull() != null) {
            url.addQueryParameter("after", query.afterOrNull());
        }
        Answer answer = get(url.build());
        return successBodies.listPage(answer.status(), answer.body(), answer.contentType(), answer.url());
    }

    /**
     * {@code GET {base}/videos/{id}}. Note that on a finished job this call has side effects in
     * today's gateway (docs/CAPTURE.md, "What the API shows"): only fetch jobs that are still in flight.
     *
     * @throws PhaseoApiException on any failure; {@link ErrorKind#NOT_FOUND} when the video is gone
     */
    @Override
    public ObjectNode getVideo(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("not a video id: '" + id + "'");
        }
        HttpUrl url = videosUrl().newBuilder().addPathSegment(id).build();
        Answer answer = get(url);
        return successBodies.video(answer.status(), answer.body(), answer.contentType(), answer.url(), id);
    }

    /**
     * Ends the running call, if any, at once: it fails with {@link ErrorKind#CANCELLED}. Safe to
     * call from any thread and at any time; calls started afterwards run normally.
     */
    public void cancelInFlight() {
        cancellations.incrementAndGet();
        for (Call call : inFlight) {
            call.cancel();
        }
    }

    /**
     * Cancels the running call and releases the connection pool and dispatcher threads. Later
     * calls fail with {@link ErrorKind#CANCELLED}. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        cancelInFlight();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "PhaseoClient{" + settings.baseUrl() + "}";
    }

    private HttpUrl videosUrl() {
        // addPathSegment on a base ending in '/' replaces the empty last segment.
        return settings.baseUrl().newBuilder().addPathSegment("videos").build();
    }

    /** GET with same-origin redirects followed; returns a 2xx answer or throws. */
    private Answer get(HttpUrl url) {
        long cancelMark = cancellations.get();
        HttpUrl current = url;
        for (int redirects = 0; ; redirects++) {
            Answer answer = exchange(current, cancelMark);
            if (answer.status() >= 200 && answer.status() <= 299) {
                return answer;
            }
            if (!isFollowableRedirect(answer.status())) {
                throw errorResponses.fromAnswer(answer.status(), answer.headers(), answer.body(), answer.url());
            }
            HttpUrl target = redirectTarget(answer);
            if (redirects >= MAX_REDIRECTS) {
                throw new PhaseoApiException(ErrorKind.REDIRECT_REFUSED, "The Phaseo API redirected " + SafeText.describeCall(url)
                        + " more than " + MAX_REDIRECTS + " times; check '" + ClientSettings.URL_CONFIG + "'.",
                        null, answer.status(), null, null, null, null);
            }
            current = target;
        }
    }

    private static boolean isFollowableRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where a redirect points, if it stays on the API's origin; otherwise it is refused. */
    private HttpUrl redirectTarget(Answer answer) {
        String location = answer.headers().get("Location");
        HttpUrl target = location == null ? null : answer.url().resolve(location);
        if (target == null) {
            throw new PhaseoApiException(ErrorKind.UNEXPECTED_STATUS, "The Phaseo API answered "
                    + SafeText.describeCall(answer.url()) + " with HTTP " + answer.status()
                    + " but no usable Location header. Retry with backoff; report it if it persists.",
                    null, answer.status(), null, null, null, null);
        }
        if (!sameOrigin(target, settings.baseUrl())) {
            throw new PhaseoApiException(ErrorKind.REDIRECT_REFUSED, "The Phaseo API redirected "
                    + SafeText.describeCall(answer.url()) + " to " + SafeText.origin(target)
                    + "; the API key is only ever sent to " + SafeText.origin(settings.baseUrl())
                    + ", so the redirect was not followed. Check '" + ClientSettings.URL_CONFIG + "'.",
                    null, answer.status(), null, null, null, null);
        }
        return target;
    }

    private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    /** One HTTP request and its answer, body read (or, for a redirect, discarded). */
    private Answer exchange(HttpUrl url, long cancelMark) {
        if (!sameOrigin(url, settings.baseUrl())) {
            // Cannot happen (redirectTarget checks it); a second lock on the door that holds the key.
            throw new IllegalStateException("refusing to send the API key to " + SafeText.origin(url));
        }
        Request request = new Request.Builder()
                .url(url)
                .get()
                .header("Authorization", "Bearer " + settings.apiKey().value())
                .header("Accept", "application/json")
                .header("User-Agent", settings.userAgent())
                .build();
        Call call = http.newCall(request);
        inFlight.add(call);
        long started = System.nanoTime();
        try {
            // Checked after registering the call, so a cancel from another thread is never missed.
            if (wasCancelled(cancelMark)) {
                throw cancelled(url, null);
            }
            try (Response response = call.execute()) {
                int status = response.code();
                byte[] body = readBody(status, response.body(), url);
                log.debug("GET {} -> {} in {} ms, {} bytes", SafeText.forLog(url), status, millisSince(started), body.length);
                return new Answer(url, status, response.headers(), body);
            }
        } catch (IOException e) {
            PhaseoApiException failure = fromIoException(e, url, cancelMark);
            log.debug("GET {} failed after {} ms: {}", SafeText.forLog(url), millisSince(started), failure.kind());
            throw failure;
        } catch (PhaseoApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // OkHttp itself can throw on an answer it cannot handle: a 503 or 408 whose Retry-After
            // is a number past Integer.MAX_VALUE ends in a NumberFormatException from its retry logic.
            // Left alone, that would fail the task; it is a bad answer like any other, so retry it.
            PhaseoApiException failure = fromLibraryFailure(e, url, cancelMark);
            log.debug("GET {} failed after {} ms: {}", SafeText.forLog(url), millisSince(started), failure.kind());
            throw failure;
        } finally {
            inFlight.remove(call);
        }
    }

    /**
     * The body of a success is read whole, up to {@code maxResponseBytes}. A redirect's body is
     * not needed. An error body is read up to {@link #MAX_ERROR_BODY_BYTES}, and a failure while
     * reading it is ignored, because the status already says what went wrong.
     */
    private byte[] readBody(int status, ResponseBody body, HttpUrl url) throws IOException {
        if (status >= 200 && status <= 299) {
            long limit = settings.maxResponseBytes();
            long declared = body.contentLength();
            if (declared > limit) {
                throw tooLarge(url, status, "it declares " + declared + " bytes");
            }
            byte[] bytes = readAtMost(body, limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(url, status, "it went past the limit while being read");
            }
            return bytes;
        }
        if (isFollowableRedirect(status)) {
            return new byte[0];
        }
        try {
            return readAtMost(body, MAX_ERROR_BODY_BYTES);
        } catch (InterruptedIOException e) {
            throw e; // a timeout or a cancel still counts as one
        } catch (IOException e) {
            log.debug("Could not read the body of an HTTP {} answer to {}: {}", status, SafeText.forLog(url),
                    e.getClass().getSimpleName());
            return new byte[0];
        }
    }

    /** Reads up to {@code max} bytes of the body; stops there without reading the rest. */
    private static byte[] readAtMost(ResponseBody body, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = body.byteStream()) {
            long remaining = max;
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read == -1) {
                    break;
                }
                out.write(buffer, 0, read);
                remaining -= read;
            }
        }
        return out.toByteArray();
    }

    private PhaseoApiException tooLarge(HttpUrl url, int status, String detail) {
        log.warn("Refused the answer to {}: larger than the limit of {} bytes ({})", SafeText.describeCall(url),
                settings.maxResponseBytes(), detail);
        return new PhaseoApiException(ErrorKind.RESPONSE_TOO_LARGE, "The Phaseo API answer to " + SafeText.describeCall(url)
                + " is larger than the limit of " + settings.maxResponseBytes() + " bytes (" + detail
                + "). Ask for smaller pages or raise the response size limit.", null, status, null, null, null, null);
    }

    private boolean wasCancelled(long cancelMark) {
        return closed || cancellations.get() != cancelMark;
    }

    /** Sorts an I/O failure: our own cancel, a timeout, or a transport problem. */
    private PhaseoApiException fromIoException(IOException error, HttpUrl url, long cancelMark) {
        Throwable e = safe.scrubbed(error);
        if (wasCancelled(cancelMark)) {
            return cancelled(url, e);
        }
        String call = SafeText.describeCall(url) + " to " + SafeText.origin(url);
        String cause = error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + safe.clean(error.getMessage(), 200));
        if (error instanceof SocketTimeoutException
                || (error instanceof InterruptedIOException && !Thread.currentThread().isInterrupted())) {
            // OkHttp reports the whole-call timeout as InterruptedIOException("timeout").
            return new PhaseoApiException(ErrorKind.TIMEOUT, "The Phaseo API call " + call + " timed out (" + cause
                    + "; connect timeout " + settings.connectTimeout().toMillis() + " ms, read timeout "
                    + settings.readTimeout().toMillis() + " ms, call timeout " + settings.callTimeout().toMillis()
                    + " ms). Retry with backoff.", e);
        }
        if (error instanceof InterruptedIOException) {
            // The calling thread was interrupted: treat it like a cancel, and keep the interrupt flag set.
            return cancelled(url, e);
        }
        String advice = error instanceof SSLException
                ? " The TLS handshake failed: the server's certificate must be valid and trusted by this JVM."
                : " Retry with backoff.";
        return new PhaseoApiException(ErrorKind.TRANSPORT, "The Phaseo API call " + call + " failed (" + cause + ")."
                + advice, e);
    }

    /** Sorts an unchecked failure of the HTTP library while it handled an answer: our own cancel, or a bad answer. */
    private PhaseoApiException fromLibraryFailure(RuntimeException error, HttpUrl url, long cancelMark) {
        Throwable e = safe.scrubbed(error);
        if (wasCancelled(cancelMark)) {
            return cancelled(url, e);
        }
        String cause = error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + safe.clean(error.getMessage(), 200));
        return new PhaseoApiException(ErrorKind.MALFORMED_RESPONSE, "The Phaseo API answered " + SafeText.describeCall(url)
                + " in a way the HTTP client could not handle (" + cause + "). Usually a proxy or a bad deploy; "
                + "retry with backoff.", e);
    }

    private static PhaseoApiException cancelled(HttpUrl url, Throwable cause) {
        return new PhaseoApiException(ErrorKind.CANCELLED, "The Phaseo API call " + SafeText.describeCall(url)
                + " was cancelled because the client is stopping.", cause);
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** An HTTP answer with its body already read. */
    private record Answer(HttpUrl url, int status, Headers headers, byte[] body) {
        String contentType() {
            return headers.get("Content-Type");
        }
    }
}
