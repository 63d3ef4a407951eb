package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One state a job went through (ground truth for tests). Events at the same instant make one
 * version, since no reader can ever see between them; invisible writes (reconciler claims,
 * bookkeeping) make none.
 *
 * @param number 1-based, in time order
 * @param time when the job reached this state (its {@code updatedAt})
 * @param eventType the first event applied at that instant
 * @param meaningful whether a consumer should see this version: not a mere progress tick, and
 *     different from the previous version once the volatile fields are ignored (a deletion
 *     alone is not: it repeats the last rendering, and no list reader can see it)
 * @param isFinal whether the job was final at this version: terminal, billing settled or void and
 *     {@code billed_at} set, no webhook delivery queued or pending, billing not stuck (nothing the
 *     gateway plans can change it; a GET-by-id side effect or the user's DELETE still can)
 * @param stable the job rendered as the API would at this version, without the volatile
 *     fields ({@code download_url}, {@code expires_at}, and both in {@code outputs[]}), as a
 *     default {@code ObjectMapper} parses it (so it equals a served body minus those fields); a
 *     deletion's version repeats the last rendering
 */
public record JobVersion(int number, Instant time, EventType eventType, boolean meaningful, boolean isFinal,
                         ObjectNode stable) {

    public JobVersion {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(eventType, "eventType");
        stable = Objects.requireNonNull(stable, "stable").deepCopy();
    }

    /** A copy of the rendering (the version itself stays immutable). */
    @Override
    public ObjectNode stable() {
        return stable.deepCopy();
    }
}
