package app.phaseo.connect.videos.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status of a video job, normalised from what the API sends.
 *
 * <p>The gateway accepts and sometimes sends aliases ({@code in_progress}, {@code running},
 * {@code succeeded}, {@code canceled}, ...); they all map onto the six statuses of the published
 * docs. A status string nobody knows maps to {@link #UNKNOWN}, which is never terminal, so a job
 * with an unexpected status keeps being watched rather than being declared finished.
 */
public enum VideoStatus {
    QUEUED(0),
    PROCESSING(1),
    COMPLETED(2),
    FAILED(2),
    CANCELLED(2),
    EXPIRED(2),
    UNKNOWN(0);

    private static final Map<String, VideoStatus> WIRE_NAMES = Map.ofEntries(
            Map.entry("queued", QUEUED),
            Map.entry("pending", QUEUED),
            Map.entry("processing", PROCESSING),
            Map.entry("running", PROCESSING),
            Map.entry("in_progress", PROCESSING),
            Map.entry("completed", COMPLETED),
            Map.entry("complete", COMPLETED),
            Map.entry("success", COMPLETED),
            Map.entry("succeeded", COMPLETED),
            Map.entry("failed", FAILED),
            Map.entry("error", FAILED),
            Map.entry("cancelled", CANCELLED),
            Map.entry("canceled", CANCELLED),
            Map.entry("expired", EXPIRED));

    private final int stage;

    VideoStatus(int stage) {
        this.stage = stage;
    }

    /** Parses a wire value or alias; an unknown value gives {@link Optional#empty()}. */
    public static Optional<VideoStatus> parse(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(WIRE_NAMES.get(wire.trim().toLowerCase(Locale.ROOT)));
    }

    /** Like {@link #parse} but never empty: unknown or missing values give {@link #UNKNOWN}. */
    public static VideoStatus fromWire(String wire) {
        return parse(wire).orElse(UNKNOWN);
    }

    /** The value the API uses in its {@code status} filter. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return stage == 2;
    }

    /** 0 before work starts, 1 while running, 2 once terminal: a job never moves backwards. */
    public int stage() {
        return stage;
    }
}
