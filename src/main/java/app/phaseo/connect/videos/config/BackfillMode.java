package app.phaseo.connect.videos.config;

import java.util.Locale;

/** How much history a connector streams on its first start (when it has no offsets). */
public enum BackfillMode {
    /** Everything the API lets us reach. */
    ALL,
    /** Nothing: remember what exists today, then stream changes only. */
    NONE,
    /** Jobs created at or after {@code backfill.since}. */
    SINCE;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
