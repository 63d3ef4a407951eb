package app.phaseo.connect.videos.config;

import java.util.Locale;

/**
 * Which listing behaviour of {@code GET /v1/videos} the connector plans for (docs/CAPTURE.md, "What the API shows").
 */
public enum ApiBehavior {
    /** Decide from what the server answers: a listing longer than one window is a full history. */
    AUTO,
    /**
     * The gateway's code today: the list is a window of the most recently <em>updated</em> jobs,
     * a changed job moves into it, and history beyond it is unreachable.
     */
    WINDOW,
    /** The published docs: the whole history newest first, with a stable {@code after} cursor. */
    CURSOR;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
