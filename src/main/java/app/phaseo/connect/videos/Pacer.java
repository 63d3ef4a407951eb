package app.phaseo.connect.videos;

import app.phaseo.connect.videos.client.Backoff;
import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.client.RetryAfter;
import app.phaseo.connect.videos.config.DisabledBehavior;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.metrics.ApiState;
import app.phaseo.connect.videos.metrics.PhaseoTaskMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the task talks to the API next, and what it does with a failure: it acts on the failure's
 * {@link ErrorKind.Handling} alone (one source of truth; each handling's
 * {@link ErrorKind.Handling#whatTheTaskDoes() words} are the error table of docs/OPERATIONS.md).
 *
 * <ul>
 *   <li>{@code FAIL_TASK}: the task fails with a message that names the config key to fix and the
 *       API's reason. Never the key itself.</li>
 *   <li>{@code FAIL_REQUEST} (reaches the pacer only when no stage could do without the request):
 *       an API change; logged at ERROR and retried with backoff.</li>
 *   <li>{@code BACK_OFF}: waits for the server's Retry-After, capped by {@code retry.after.max.ms},
 *       else backs off exponentially with jitter, forever; logged at WARN on the first failure of
 *       a streak, on a change of kind and every tenth after.</li>
 *   <li>{@code RETRY_SLOWLY}: with {@code api.disabled.behavior=wait} the task stays RUNNING, logs
 *       the reason once per change, reports it in metrics and checks again once per
 *       {@code poll.interval.ms}: a closed API costs no more than an idle poll, and streaming
 *       starts within one poll interval of it opening. With {@code fail} it fails.</li>
 *   <li>{@code RETRY_SLOWLY_IF_PERSISTENT}: like {@code BACK_OFF} (never waiting longer than one
 *       poll interval) until it persists, then like {@code RETRY_SLOWLY}.</li>
 *   <li>{@code STOP}: nothing.</li>
 * </ul>
 * Cycles start when the capture says they are due (see {@code WindowSchedule}): every
 * {@code poll.interval.ms}, sooner for windows that fill fast.
 */
final class Pacer {

    private static final Logger log = LoggerFactory.getLogger(Pacer.class);
    private static final long PERSISTENT_MILLIS = ErrorKind.Handling.PERSISTENT_SECONDS * 1_000L;

    private final Clock clock;
    private final Duration retryAfterMax;
    private final Duration pollInterval;
    private final DisabledBehavior disabledBehavior;
    private final Backoff backoff;
    private final PhaseoTaskMetrics metrics;

    private long nextRunAt;
    private ApiState state = ApiState.OK;
    private String disabledReason;
    private int failureStreak;
    private long streakStartedAt;
    private ErrorKind lastKind;
    /** The unbroken run of RETRY_SLOWLY_IF_PERSISTENT answers: how many, and when the first came. */
    private int maybeClosedAnswers;
    private long maybeClosedSince;

    Pacer(PhaseoVideosConfig config, Backoff backoff, PhaseoTaskMetrics metrics, Clock clock) {
        this.clock = clock;
        this.retryAfterMax = config.retryAfterMax();
        this.pollInterval = config.pollInterval();
        this.disabledBehavior = config.disabledBehavior();
        this.backoff = backoff;
        this.metrics = metrics;
        this.nextRunAt = clock.millis();
        if (config.disabledRetryIntervalSet()) {
            log.warn("{} is deprecated and ignored: while the video API is closed the task checks once per {} ({} ms), "
                    + "so it streams within one poll interval of the API opening", PhaseoVideosConfig.DISABLED_RETRY_INTERVAL,
                    PhaseoVideosConfig.POLL_INTERVAL, pollInterval.toMillis());
        }
    }

    /** Milliseconds until the next request may go out; 0 or less means now. */
    long millisUntilNextRun() {
        return nextRunAt - clock.millis();
    }

    /** @param nextDueAt when the capture wants its next cycle (its windows' own schedule) */
    void cycleDone(long nextDueAt) {
        nextRunAt = Math.max(clock.millis(), nextDueAt);
    }

    /** The API answered: ends any failure streak or disabled period. */
    void succeeded() {
        if (state != ApiState.OK) {
            long seconds = Math.max(0, (clock.millis() - streakStartedAt) / 1000);
            if (state == ApiState.DISABLED) {
                log.info("The Phaseo video API is open again after {} s ({} was reported); streaming resumes", seconds,
                        disabledReason);
            } else {
                log.info("The Phaseo API answers again after {} failed requests over {} s", failureStreak, seconds);
            }
            state = ApiState.OK;
            disabledReason = null;
            metrics.apiState(ApiState.OK, null);
        }
        failureStreak = 0;
        maybeClosedAnswers = 0;
        lastKind = null;
        backoff.reset();
    }

    /**
     * Sorts a failed request by its kind's {@link ErrorKind.Handling}: schedules the retry, or throws
     * a {@link ConnectException} when the task cannot go on without the user.
     */
    void failed(PhaseoApiException e) {
        ErrorKind.Handling handling = e.kind().handling();
        if (handling == ErrorKind.Handling.STOP) {
            return;
        }
        metrics.requestFailed();
        if (failureStreak == 0) {
            streakStartedAt = clock.millis();
        }
        failureStreak++;
        if (handling != ErrorKind.Handling.RETRY_SLOWLY_IF_PERSISTENT) {
            maybeClosedAnswers = 0;
        }
        switch (handling) {
            case FAIL_TASK:
                throw new ConnectException(e.getMessage(), e);
            case FAIL_REQUEST:
                // The API refused a request this connector builds and cannot do without: an incompatible
                // API change. Keep trying (it may be rolled back) but say so loudly every time.
                log.error("The Phaseo API refused a request of this connector ({}): {}. This points to an API change; "
                        + "please report it.", e.kind(), e.getMessage());
                backOff(e, Long.MAX_VALUE);
                return;
            case RETRY_SLOWLY:
                disabled(e);
                return;
            case RETRY_SLOWLY_IF_PERSISTENT:
                maybeClosed(e);
                return;
            default:
                // BACK_OFF. A server that says when to come back (a 429 or 503 with Retry-After) is taken at
                // its word, capped.
                backOff(e, Long.MAX_VALUE);
        }
    }

    /** A 501 that may be a blip: backs off within one poll interval until it persists, then waits as disabled. */
    private void maybeClosed(PhaseoApiException e) {
        long now = clock.millis();
        if (maybeClosedAnswers == 0) {
            maybeClosedSince = now;
        }
        maybeClosedAnswers++;
        if (state == ApiState.DISABLED
                || (maybeClosedAnswers >= ErrorKind.Handling.PERSISTENT_ANSWERS && now - maybeClosedSince >= PERSISTENT_MILLIS)) {
            disabled(e);
        } else {
            backOff(e, pollInterval.toMillis());
        }
    }

    private void backOff(PhaseoApiException e, long longestMillis) {
        Duration wait = RetryAfter.delayFor(e, backoff, retryAfterMax);
        if (wait.toMillis() > longestMillis) {
            wait = Duration.ofMillis(longestMillis);
        }
        enter(e.retryAfter().isPresent() ? ApiState.RATE_LIMITED : ApiState.BACKING_OFF, reasonOf(e));
        schedule(wait, e);
    }

    private void disabled(PhaseoApiException e) {
        String reason = e.reason() == null ? "not_implemented_yet" : e.reason();
        if (disabledBehavior == DisabledBehavior.FAIL) {
            throw new ConnectException("The Phaseo video API is disabled (" + reason + "): " + e.getMessage()
                    + ". The task fails because " + PhaseoVideosConfig.DISABLED_BEHAVIOR + "=fail; set it to wait to "
                    + "keep the task running until the API opens.", e);
        }
        if (state != ApiState.DISABLED || !Objects.equals(reason, disabledReason)) {
            log.warn("The Phaseo video API answers 501 not_implemented_yet ({}): {}. The task stays RUNNING and checks "
                    + "again every {} ms (poll.interval.ms); it resumes by itself when the API opens.", reason,
                    e.apiMessage(), pollInterval.toMillis());
        }
        state = ApiState.DISABLED;
        disabledReason = reason;
        metrics.apiState(ApiState.DISABLED, reason);
        nextRunAt = clock.millis() + pollInterval.toMillis();
    }
    /** The reason shown in metrics: the API's own reason when it gave one, else the failure kind. */
    private static String reasonOf(PhaseoApiException e) {
        return e.reason() != null && !e.reason().isBlank() ? e.reason()
                : e.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private void enter(ApiState next, String reason) {
        state = next;
        metrics.apiState(next, reason);
    }

    private void schedule(Duration wait, PhaseoApiException e) {
        metrics.retryScheduled();
        nextRunAt = clock.millis() + wait.toMillis();
        if (failureStreak == 1 || failureStreak % 10 == 0 || e.kind() != lastKind) {
            log.warn("Phaseo API request failed ({}, failure {} in a row): {}. Retrying in {} ms", e.kind(),
                    failureStreak, e.getMessage(), wait.toMillis());
        } else {
            log.debug("Phaseo API request failed ({}): {}. Retrying in {} ms", e.kind(), e.getMessage(), wait.toMillis());
        }
        lastKind = e.kind();
    }

    ApiState state() {
        return state;
    }
}
