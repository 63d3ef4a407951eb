package app.phaseo.connect.videos.config;

import java.util.Locale;

/** What the task does while the API answers {@code 501 not_implemented_yet}. */
public enum DisabledBehavior {
    /** Stay RUNNING, retry slowly, resume by itself when the API opens. */
    WAIT,
    /** Fail the task with the API's reason. */
    FAIL;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
