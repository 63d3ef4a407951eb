package app.phaseo.connect.videos.simulator;

import java.util.Locale;
import java.util.Optional;

/** The canonical job statuses, with the aliases the gateway accepts in {@code status} filters. */
enum SimStatus {
    QUEUED("queued", "pending"),
    PROCESSING("processing", "running"),
    COMPLETED("completed", "completed"),
    FAILED("failed", "failed"),
    CANCELLED("cancelled", "cancelled"),
    EXPIRED("expired", "expired");

    private final String wire;
    private final String lifecycle;

    SimStatus(String wire, String lifecycle) {
        this.wire = wire;
        this.lifecycle = lifecycle;
    }

    /** The canonical wire name ({@code processing} may also be rendered {@code in_progress}). */
    String wire() {
        return wire;
    }

    /** The code shape's {@code lifecycle_status}. */
    String lifecycle() {
        return lifecycle;
    }

    boolean terminal() {
        return ordinal() >= COMPLETED.ordinal();
    }

    /** The status a filter value means, with the gateway's aliases; empty for unknown values. */
    static Optional<SimStatus> parseFilter(String raw) {
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "queued":
            case "pending":
                return Optional.of(QUEUED);
            case "processing":
            case "running":
            case "in_progress":
                return Optional.of(PROCESSING);
            case "completed":
            case "complete":
            case "success":
            case "succeeded":
                return Optional.of(COMPLETED);
            case "failed":
            case "error":
                return Optional.of(FAILED);
            case "cancelled":
            case "canceled":
                return Optional.of(CANCELLED);
            case "expired":
                return Optional.of(EXPIRED);
            default:
                return Optional.empty();
        }
    }
}
