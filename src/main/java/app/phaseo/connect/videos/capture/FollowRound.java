package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.client.ErrorKind;
import app.phaseo.connect.videos.client.PhaseoApiException;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.TrackedJob;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Fetches by id the jobs that are not final and were not visible in this cycle's listing, within
 * a per-cycle budget. Never a final job (today's gateway re-finalizes a finished job when it is
 * read by id: docs/CAPTURE.md, "What the API shows"), but for one confirmation under the documented
 * behaviour: a job that a read by id found final is read once more a follow interval later. A
 * reconciler claim that took the job just before its billing mark re-finalizes it just after and
 * rewrites its {@code completed_at}; the documented listing never shows a change of an older job, so
 * without that read the rewrite would be lost.
 *
 * <p>Under the window behaviour a change moves a job into the window, so nothing needs fetching while
 * the windows prove every change was seen; final states always surface in the terminal windows.
 * Only with {@code follow.on.window.overflow=true}, after an overflow or a read of an in-flight window
 * that could not be proven (the gateway bumps jobs in flight invisibly), are jobs last seen queued or
 * processing fetched, to catch intermediate states, and only when the terminal windows did not
 * overflow. It stays off by default because a job can finish between the scan and the read (seen
 * in tests within the 2-3 s a follow round lasts), and today's gateway rewrites a finished job's
 * {@code completed_at} when it is read by id. Under the documented behaviour nothing surfaces changes of older jobs, so every job
 * that is not final is fetched on a schedule: {@code follow.interval.ms}, doubling while it stays
 * unchanged (up to ten times), back to the base after a change.
 *
 * <p>A read by id is not the list's shape in today's gateway ({@code videos.get-by-id.ts}: OpenAI
 * jobs come with epoch times, {@code quality}, filled {@code outputs}/{@code asset}); under the
 * window behaviour its fingerprint is taken of the list's shape, so switching between the two never
 * looks like a change (see {@link CycleContext#observeById}). A by-id failure that concerns the job
 * alone (400 {@code not_supported}, 409 {@code not_ready}, 502 from the provider) skips that job
 * until its next turn; the cycle goes on.
 */
final class FollowRound implements Work {

    /** When a followed job was last fetched and when it is next due; memory only. */
    static final class Timer {
        long lastChecked = Long.MIN_VALUE;
        long interval;
        long nextCheck = Long.MIN_VALUE;
        /** Found final by its last read: read once more at {@link #nextCheck}, then never again. */
        boolean confirming;
    }

    /** How long after an announced webhook retry the job is fetched again. */
    static final long RETRY_MARGIN_MILLIS = 2_000;

    private final Map<String, Timer> timers;
    private final Following following;
    private Deque<String> due;

    FollowRound(Map<String, Timer> timers, Following following) {
        this.timers = timers;
        this.following = following;
    }

    @Override
    public boolean step(CycleContext ctx) {
        if (due == null) {
            expireOldJobs(ctx);
            due = pickDue(ctx);
        }
        if (due.isEmpty()) {
            return true;
        }
        fetch(ctx, due.poll());
        return due.isEmpty();
    }

    private void expireOldJobs(CycleContext ctx) {
        long now = ctx.clock.millis();
        long maxAge = ctx.settings.followMaxAge().toMillis();
        List<String> expired = new ArrayList<>();
        for (TrackedJob job : ctx.state.trackedJobs()) {
            if (!job.isFinal() && job.firstSeen() != Long.MIN_VALUE && now - job.firstSeen() > maxAge) {
                expired.add(job.id());
            }
        }
        for (String id : expired) {
            TrackedJob job = ctx.state.tracked(id);
            if (job.status().isTerminal()) {
                // Finished, waiting for a billing mark that may never come: no need to follow it, but an
                // unchanged sighting (the claim bumps it every minute) must not write it again.
                ctx.state.retire(id);
            } else {
                ctx.state.forget(id);
            }
            timers.remove(id);
            ctx.listener.onFollowExpired(id);
        }
    }

    private Deque<String> pickDue(CycleContext ctx) {
        boolean cursor = following == Following.SCHEDULED;
        long now = ctx.clock.millis();
        List<TrackedJob> candidates = new ArrayList<>();
        for (TrackedJob job : ctx.state.trackedJobs()) {
            if (job.isFinal() || ctx.seen.contains(job.id())) {
                continue;
            }
            if (cursor) {
                Timer timer = timers.get(job.id());
                if (timer == null || timer.nextCheck <= now) {
                    candidates.add(job);
                }
            } else if (following == Following.IN_FLIGHT && !job.status().isTerminal()) {
                candidates.add(job);
            }
        }
        // Jobs in flight first, then finished ones still to be billed, then billed ones waiting only for a
        // webhook attempt (the outbox can hold those for minutes); the least recently fetched first within each.
        candidates.sort(java.util.Comparator.comparingInt(FollowRound::urgency).thenComparingLong(j -> lastChecked(j.id())));
        Deque<String> picked = new ArrayDeque<>();
        for (TrackedJob job : candidates) {
            if (picked.size() >= ctx.settings.followMaxRequests()) {
                break;
            }
            picked.add(job.id());
        }
        for (String id : dueConfirmations(ctx, now)) {
            if (picked.size() >= ctx.settings.followMaxRequests()) {
                break;
            }
            picked.add(id);
        }
        return picked;
    }

    /**
     * Final jobs due for their confirmation read, the longest waiting first (then by id: the same
     * order in every JVM). A job this cycle's listing showed after its due time needs none: the
     * listing read it late enough. A job the state no longer knows (deleted, evicted) needs none either.
     */
    private List<String> dueConfirmations(CycleContext ctx, long now) {
        List<Map.Entry<String, Timer>> due = new ArrayList<>();
        for (var it = timers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Timer> entry = it.next();
            Timer timer = entry.getValue();
            if (!timer.confirming || timer.nextCheck > now) {
                continue;
            }
            if (ctx.seen.contains(entry.getKey()) || ctx.state.remembered(entry.getKey()) == null) {
                it.remove();
            } else {
                due.add(entry);
            }
        }
        due.sort(Map.Entry.<String, Timer>comparingByValue(java.util.Comparator.comparingLong(t -> t.nextCheck))
                .thenComparing(Map.Entry.comparingByKey()));
        return due.stream().map(Map.Entry::getKey).toList();
    }

    /** 0 in flight, 1 finished and not billed, 2 billed (only webhook attempts to come). */
    static int urgency(TrackedJob job) {
        if (!job.status().isTerminal()) {
            return 0;
        }
        return JobFacts.billingRankOf(job.rank()) == 3 ? 2 : 1;
    }

    private long lastChecked(String id) {
        Timer timer = timers.get(id);
        return timer == null ? Long.MIN_VALUE : timer.lastChecked;
    }

    private void fetch(CycleContext ctx, String id) {
        Timer timer = timers.get(id);
        boolean confirming = timer != null && timer.confirming;
        // A final job is retired from the offsets soon after; its confirmation reads it from the cache.
        TrackedJob before = confirming ? ctx.state.remembered(id) : ctx.state.tracked(id);
        if (before == null || (before.isFinal() && !confirming)) {
            return; // changed state since it was picked
        }
        ctx.listener.onFollow(id);
        ObjectNode video;
        try {
            video = ctx.get(id);
        } catch (PhaseoApiException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                gone(ctx, before);
                return;
            }
            if (!concernsTheJobAlone(e.kind())) {
                throw e;
            }
            ctx.listener.onFollowFailed(id, e.kind(), e.httpStatus());
            if (confirming) {
                timers.remove(id); // one try: the job is final, and the read may fail for it alone for good
            } else {
                schedule(ctx, id, false, ApiTimes.NONE);
            }
            return;
        }
        if (!video.path("id").isTextual() || !id.equals(video.get("id").textValue())) {
            video.put("id", id);
        }
        ChangeDetector.Result result = ctx.observeById(video, following.fingerprintsInListShape());
        boolean changed = result.outcome() == ChangeDetector.Outcome.CHANGED || result.outcome() == ChangeDetector.Outcome.NEW;
        if (confirming) {
            timers.remove(id); // a rewrite, if any, is written now (still final, no second video.final)
            return;
        }
        if (changed && result.facts().isFinal() && following == Following.SCHEDULED) {
            confirmLater(ctx, id);
            return;
        }
        // A job that moved on, even only in progress (not a change worth a record), is alive: its next
        // state is coming. A webhook delivery still to come (a retry announced, or a terminal delivery
        // queued) is attempted at the gateway's next outbox drain, some time after the announced moment.
        // Both keep the base interval; doubling is for jobs that stopped moving.
        boolean moved = result.facts().rank() != before.rank();
        schedule(ctx, id, changed || moved || result.facts().webhookPending(), result.facts().nextRetryMillis());
    }

    /**
     * Failures of a read by id that say something about that job, not about the API: 400
     * {@code not_supported}, 409 {@code not_ready} (an unexpected status here), 502 from the job's
     * provider. The rest (transport, 429, 401, 501...) concern every request and end the cycle.
     */
    static boolean concernsTheJobAlone(ErrorKind kind) {
        return kind == ErrorKind.BAD_REQUEST || kind == ErrorKind.UNEXPECTED_STATUS || kind == ErrorKind.SERVER_ERROR;
    }

    private void gone(CycleContext ctx, TrackedJob before) {
        ctx.state.forget(before.id());
        timers.remove(before.id());
        ctx.listener.onFollowedJobGone(before.id());
        if (ctx.settings.tombstones()) {
            long now = ctx.clock.millis();
            ctx.emit(new Change(before.id(), null, ChangeKind.DELETED, VideoStatus.UNKNOWN, before.status(),
                    List.of("video.deleted"), true, Math.max(now, before.recordTimestamp()), 0, ctx.state.snapshot()));
        }
    }

    /** One more read a follow interval from now, for a job this read found final (see the class comment). */
    private void confirmLater(CycleContext ctx, String id) {
        Timer timer = timers.computeIfAbsent(id, k -> new Timer());
        long now = ctx.clock.millis();
        timer.confirming = true;
        timer.lastChecked = now;
        timer.nextCheck = now + Math.max(1, ctx.settings.followInterval().toMillis());
    }

    /**
     * The next fetch: right after the webhook retry the job announces, if any (the next change is
     * known to come then), else after the base interval, doubled each time the job did not move at all (not
     * while a webhook delivery is still to come: the outbox attempts it at its next drain, after the announced time).
     */
    private void schedule(CycleContext ctx, String id, boolean changed, long nextRetryMillis) {
        long base = Math.max(1, ctx.settings.followInterval().toMillis());
        Timer timer = timers.computeIfAbsent(id, k -> new Timer());
        long now = ctx.clock.millis();
        timer.interval = changed || timer.interval == 0 ? base : Math.min(timer.interval * 2, base * 10);
        timer.lastChecked = now;
        timer.nextCheck = now + timer.interval;
        if (nextRetryMillis != ApiTimes.NONE && nextRetryMillis > now) {
            timer.nextCheck = nextRetryMillis + RETRY_MARGIN_MILLIS;
        }
    }
}
