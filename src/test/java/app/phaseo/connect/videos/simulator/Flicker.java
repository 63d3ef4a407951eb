package app.phaseo.connect.videos.simulator;

import java.util.Random;

/**
 * Errors that look permanent but come and go on single requests while the API is open, drawn
 * per request from a seeded random:
 * <ul>
 *   <li>401 {@code db_error} (one in ten of them {@code server_misconfig_missing_pepper}): the key
 *       lookup in the gateway's own database failed ({@code apps/api/src/pipeline/before/auth.ts}),
 *       on any route;</li>
 *   <li>501 {@code video_api_feature_disabled}: the uncached feature-gate check every list request
 *       makes times out or fails, and any error reads as "disabled"
 *       ({@code apps/api/src/core/feature-flags.ts} {@code isStatsigGateEnabled}, called from the
 *       GET / route of {@code apps/api/src/routes/v1/data/videos.ts}), on the list only.</li>
 * </ul>
 * Thread-safe.
 */
final class Flicker {

    /** The default rate of each: one request in 200. */
    static final double DEFAULT_RATE = 1.0 / 200;
    static final String DB_ERROR = "db_error";
    static final String MISSING_PEPPER = "server_misconfig_missing_pepper";

    private final double authRate;
    private final double gateRate;
    private final Random random;

    Flicker(double authRate, double gateRate, long seed) {
        this.authRate = authRate;
        this.gateRate = gateRate;
        this.random = new Random(seed);
    }

    /** The transient 401 reason for this request, or null. */
    synchronized String authFailure() {
        if (authRate == 0 || random.nextDouble() >= authRate) {
            return null;
        }
        return random.nextInt(10) == 0 ? MISSING_PEPPER : DB_ERROR;
    }

    /** Whether this list request's feature-gate check fails. */
    synchronized boolean gateFails() {
        return gateRate != 0 && random.nextDouble() < gateRate;
    }
}
