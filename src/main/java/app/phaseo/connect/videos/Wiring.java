package app.phaseo.connect.videos;

import app.phaseo.connect.videos.client.Backoff;
import app.phaseo.connect.videos.client.ClientSettings;
import app.phaseo.connect.videos.client.PhaseoClient;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.metrics.PhaseoTaskMetrics;
import app.phaseo.connect.videos.schema.ConversionListener;
import app.phaseo.connect.videos.schema.ValueShaper;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the stages of a task from its config. */
final class Wiring {

    private static final Logger log = LoggerFactory.getLogger(Wiring.class);
    /** A raw-kept value is unexpected: warn, but at most once a minute. */
    private static final long RAW_WARNING_EVERY_MILLIS = 60_000;

    private final PhaseoVideosConfig config;
    private final Clock clock;

    Wiring(PhaseoVideosConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    ClientSettings clientSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        return ClientSettings.builder(ClientSettings.parseBaseUrl(config.apiUrl().toString()), config.apiKey())
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(callTimeout)
                .maxResponseBytes(config.maxResponseBytes())
                .userAgent("kafka-connect-phaseo-videos/" + Version.get())
                .allowInsecureLoopback(config.allowInsecureLoopback())
                .build();
    }

    PhaseoClient client() {
        return new PhaseoClient(clientSettings(config.connectTimeout(), config.readTimeout(), config.callTimeout()), clock);
    }

    Backoff backoff() {
        return Backoff.exponential(config.backoffInitial(), config.backoffMax(), new SplittableRandom());
    }

    ValueShaper valueShaper(PhaseoTaskMetrics metrics) {
        return new ValueShaper(config.valueFormat(), config.valueFlatten(), config.valueTimestampFormat(), new ConversionListener() {
            private long lastWarning = Long.MIN_VALUE;

            @Override
            public void unknownField(String path) {
                metrics.unknownField();
            }

            @Override
            public void coercedValue(String path) {
                metrics.coercedValue();
            }

            @Override
            public void rawValueKept(String path, String reason) {
                metrics.rawKeptValue();
                long now = clock.millis();
                if (lastWarning == Long.MIN_VALUE || now - lastWarning >= RAW_WARNING_EVERY_MILLIS) {
                    lastWarning = now;
                    log.warn("A value of an unexpected type at '{}' was kept raw ({}); the record is complete. "
                            + "Further cases are counted in the RawKeptValues metric.", path, reason);
                }
            }
        });
    }
}
