package app.phaseo.connect.videos;

import app.phaseo.connect.videos.client.ListQuery;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.client.PhaseoClient;
import app.phaseo.connect.videos.config.DisabledBehavior;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One list request made while a config is validated, so the REST validate endpoint can tell the
 * user what to fix before anything is deployed: a rejected key on {@code phaseo.api.key}, an
 * unreachable or wrong URL on {@code phaseo.api.url}.
 *
 * <p>A {@code 501 not_implemented_yet} is reported as an error only with
 * {@code api.disabled.behavior=fail} (on that key): with the default {@code wait} the connector is
 * meant to be deployed now and start streaming when the API opens, so it is logged, not refused.
 * Transient answers (5xx, 429, a 401 {@code db_error}) are logged and not reported: they say
 * nothing about the config.
 */
final class ApiProbe {

    private static final Logger log = LoggerFactory.getLogger(ApiProbe.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PhaseoVideosConfig config;

    ApiProbe(PhaseoVideosConfig config) {
        this.config = config;
    }

    /** (config key, message) pairs; empty when the API accepted the request. */
    List<Map.Entry<String, String>> problems() {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        Wiring wiring = new Wiring(config, Clock.systemUTC());
        PhaseoClient client;
        try {
            client = new PhaseoClient(wiring.clientSettings(TIMEOUT, TIMEOUT, TIMEOUT));
        } catch (IllegalArgumentException e) {
            problems.add(Map.entry(PhaseoVideosConfig.API_URL, e.getMessage()));
            return problems;
        }
        try {
            client.listVideos(ListQuery.firstPage(1));
        } catch (PhaseoApiException e) {
            String url = config.apiUrl().toString();
            switch (e.kind()) {
                case UNAUTHORIZED:
                case FORBIDDEN:
                    problems.add(Map.entry(PhaseoVideosConfig.API_KEY, e.getMessage()));
                    break;
                case TRANSPORT:
                case TIMEOUT:
                    problems.add(Map.entry(PhaseoVideosConfig.API_URL, "Could not reach " + url + ": " + e.getMessage()));
                    break;
                case REDIRECT_REFUSED:
                case UNEXPECTED_STATUS:
                case BAD_REQUEST:
                case MALFORMED_RESPONSE:
                    problems.add(Map.entry(PhaseoVideosConfig.API_URL, "The answer from " + url
                            + " is not the Phaseo videos API's: " + e.getMessage()));
                    break;
                case API_DISABLED:
                case API_GATE_CLOSED:
                    // One answer cannot tell a flicker of the feature gate from a closed API; a task would fail
                    // on either if it lasts, so with 'fail' both are reported (validating again settles a blip).
                    if (config.disabledBehavior() == DisabledBehavior.FAIL) {
                        problems.add(Map.entry(PhaseoVideosConfig.DISABLED_BEHAVIOR, "The video API answers 501 ("
                                + e.reason() + "), so a task would fail at once; set " + PhaseoVideosConfig.DISABLED_BEHAVIOR
                                + "=wait to deploy now and stream when the API opens"));
                    } else {
                        log.warn("Validation: the Phaseo video API answers 501 ({}). A connector started now waits and "
                                + "streams when the API opens.", e.reason());
                    }
                    break;
                default:
                    log.warn("Validation: the Phaseo API answered {} ({}); not a config problem, so not reported",
                            e.kind(), e.getMessage());
            }
        } finally {
            client.close();
        }
        return problems;
    }
}
