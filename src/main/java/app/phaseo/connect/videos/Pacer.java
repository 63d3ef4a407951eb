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
 * When the task talks to the API next, and what it does with each kind of failure: the failure
 * taxonomy of the task, in one place (STYLE.md item 6).
 *
 * <ul>
 *   <li>Permanent (401, 403, a refused redirect): the task fails with a message that names the
 *       config key to fix and the API's reason. Never the key itself.</li>
 *   <li>400 on a request the connector builds: an API change; logged at ERROR and retried with backoff.</li>
 *   <li>501 {@code not_implemented_yet}: with {@code api.disabled.behavior=wait} the task stays RUNNING,
 *       logs the reason once per change, reports it in metrics and checks again every
 *       {@code api.disabled.retry.interval.ms}; it resumes by itself. With {@code fail} it fails.</li>
 *   <li>429: waits for {@code Retry-After}, capped by {@code retry.after.max.ms}, else backs off.</li>
 *   <li>Everything else (5xx, IO, timeouts, malformed or oversized bodies): exponential backoff with
 *       jitter, forever; logged at WARN on the first failure of a streak and every tenth after.</li>
 * </ul>
 * Cycles start when the capture says they are due (see {@code WindowSchedule}): every
 * {@code poll.interval.ms}, sooner for windows that fill fast.
 */
final class Pacer {

    private static final Logger log = LoggerFactory.getLogger(Pacer.class);

    private final Clock clock;
    private final Duration retryAfterMax;
    private final Duration disabledRetry;
    private final DisabledBehavior disabledBehavior;
    private final Backoff backoff;
    private final PhaseoTaskMetrics metrics;

    private long nextRunAt;
    private ApiState state = ApiState.OK;
    private String disabledReason;
    private int failureStreak;
    private long streakStartedAt;
    private ErrorKind lastKind;

    Pacer(PhaseoVideosConfig config, Backoff backoff, PhaseoTaskMetrics metrics, Clock clock) {
        this.clock = clock;
        this.retryAfterMax = config.retryAfterMax();
        this.disabledRetry = config.disabledRetryInterval();
        this.disabledBehavior = config.disabledBehavior();
        this.backoff = backoff;
        this.metrics = metrics;
        this.nextRunAt = clock.millis();
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
        lastKind = null;
        backoff.reset();
    }

    /**
     * Sorts a failed request: schedules the retry, or throws a {@link ConnectException} when the
     * task cannot go on without the user.
     */
    void failed(PhaseoApiException e) {
        metrics.requestFailed();
        if (failureStreak == 0) {
            streakStartedAt = clock.millis();
        }
        failureStreak++;
        ErrorKind kind = e.kind();
        switch (kind) {
            case UNAUTHORIZED:
            case FORBIDDEN:
            case REDIRECT_REFUSED:
                throw new ConnectException(e.getMessage(), e);
            case BAD_REQUEST:
                // The API refused a request this connector builds: an incompatible API change. Keep
                // trying (it may be rolled back) but say so loudly every time.
                log.error("The Phaseo API refused a request of this connector ({}): {}. This points to an API change; "
                        + "please report it.", e.kind(), e.getMessage());
                enter(ApiState.BACKING_OFF, reasonOf(e));
                schedule(backoff.next(), e);
                return;
            case API_DISABLED:
                disabled(e);
                return;
            case CANCELLED:
                return;
            case RATE_LIMITED:
                enter(ApiState.RATE_LIMITED, reasonOf(e));
                schedule(RetryAfter.delayFor(e, backoff, retryAfterMax), e);
                return;
            default:
                // A server that says when to come back (a 503 with Retry-After) is taken at its word, capped.
                enter(ApiState.BACKING_OFF, reasonOf(e));
                schedule(RetryAfter.delayFor(e, backoff, retryAfterMax), e);
        }
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
                    + "again every {} s; it resumes by itself when the API opens.", reason, e.apiMessage(),
                    disabledRetry.toSeconds());
        }
        state = ApiState.DISABLED;
        disabledReason = reason;
        metrics.apiState(ApiState.DISABLED, reason);
        nextRunAt = clock.millis() + disabledRetry.toMillis();
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
