package app.phaseo.connect.videos.model;

import java.util.Locale;

/**
 * How {@code GET /v1/videos} lists jobs (docs/CAPTURE.md, "What the API shows"): the behaviour a
 * user plans for in the config ({@code phaseo.api.behavior}), and the one the capture has
 * established so far, kept in the offset.
 */
public enum ApiBehavior {
    /**
     * Not decided: decided from what the server answers (a listing longer than one window is a full
     * history). Until then the list is scanned like a window, which is right for both behaviours.
     */
    AUTO,
    /**
     * The gateway's code today: the list is a window of the most recently <em>updated</em> jobs,
     * a changed job moves into it, and history beyond it is unreachable.
     */
    WINDOW,
    /** The published docs: the whole history newest first, with a stable {@code after} cursor. */
    CURSOR;

    /** How the config spells it. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
