package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Replays a job's events into its {@link JobVersion}s. */
final class History {

    private History() {
    }

    /**
     * Every version of {@code job} up to {@code now}, rendered by {@code renderer}. Invisible writes
     * ({@link EventType#visible()}: the reconciler's claim, bookkeeping) bump {@code updated_at} but
     * make no version. A deletion makes a version (its {@link EventType#DELETED} time matters to
     * tests) that is not meaningful unless the rendering changed with it.
     */
    static List<JobVersion> versions(Job job, Instant now, VideoRenderer renderer) {
        List<JobEvent> events = job.eventsUpTo(now);
        List<JobVersion> versions = new ArrayList<>();
        JobState state = new JobState();
        ObjectNode previous = null;
        int i = 0;
        while (i < events.size()) {
            Instant time = events.get(i).time();
            EventType first = null;
            boolean meaningfulKind = false;
            for (; i < events.size() && events.get(i).time().equals(time); i++) {
                JobEvent event = events.get(i);
                state.apply(event);
                if (event.type().visible() && first == null) {
                    first = event.type();
                }
                meaningfulKind |= event.type().meaningful();
            }
            if (first == null) {
                continue;
            }
            ObjectNode stable = Json.asParsed(
                    VideoRenderer.withoutVolatileFields(renderer.render(job.spec(), state, time)));
            boolean changed = previous == null || !withoutUnbilledCompletion(stable).equals(withoutUnbilledCompletion(previous));
            // A deletion alone changes nothing the list shows: the gateway keeps a tombstoned job listed
            // and unchanged (routes/v1/data/videos.ts, DELETE: setVideoJobStatus(..., {tombstoned: true})
            // with the same status), and the documented API only drops it. No list reader can see it as
            // a new state; the connector's optional tombstone record (a 404 video_deleted read by id)
            // carries no state either. So it is meaningful only when something else changed with it.
            boolean meaningful = meaningfulKind && changed;
            boolean isFinal = state.isFinal() && job.spec().stuckReason() == null && !job.webhookPlannedAfter(time);
            versions.add(new JobVersion(versions.size() + 1, time, first, meaningful, isFinal, stable));
            previous = stable;
        }
        return versions;
    }

    /**
     * The rendering without the {@code completed_at} of a terminal job not yet billed: the gateway's
     * {@code finalizeVideoJob} rewrites it at every claim while the billing mark is postponed, possibly
     * for ever, and a rewritten completion time of a finished job is not a new event for a consumer
     * (docs/CAPTURE.md, "What a change is"). Once {@code billed_at} is set, it counts again.
     */
    static ObjectNode withoutUnbilledCompletion(ObjectNode rendering) {
        boolean terminal = SimStatus.parseFilter(rendering.path("status").asText("")).map(SimStatus::terminal)
                .orElse(false);
        if (!terminal || rendering.path("billing").hasNonNull("billed_at")) {
            return rendering;
        }
        ObjectNode copy = rendering.deepCopy();
        copy.remove("completed_at");
        return copy;
    }
}
