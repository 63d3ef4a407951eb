package app.phaseo.connect.videos.capture;

import java.util.Locale;

/** Why a record was written; sent in the {@code phaseo.change} header. */
public enum ChangeKind {
    /** First sight of a job created before the connector started: history, not an event. */
    SNAPSHOT,
    /** First sight of a job created after the connector started. */
    CREATED,
    /** The job changed without reaching a new terminal status or becoming final. */
    UPDATED,
    /** The job reached a terminal status (completed, failed, cancelled, expired). */
    TERMINAL,
    /** The job became final: terminal, billed, no webhook retry pending. Only a rewritten completed_at follows. */
    FINAL,
    /** The API answered 404 for a followed job: deleted or no longer owned. */
    DELETED;

    public String headerValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
