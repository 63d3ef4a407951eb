package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.config.BackfillMode;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.ApiTimes;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.simulator.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the backfill tests share ({@code BackfillTest}, {@code window.WindowBackfillTest},
 * {@code cursor.CursorBackfillTest}): a virtual clock, a {@link FakeVideosApi}, a listener that
 * records the backfill's reports, a fresh state, settings by name, and finished history to read.
 */
public abstract class BackfillFixture {

    protected static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    protected final MutableClock clock = new MutableClock(T0);
    protected final FakeVideosApi api = new FakeVideosApi();
    protected final List<String> events = new ArrayList<>();
    protected final CaptureListener listener = new CaptureListener() {
        @Override
        public void onBackfillDone(long jobs, boolean historyBeyondWindowUnreachable) {
            events.add("done " + jobs + " beyond-window-unreachable=" + historyBeyondWindowUnreachable);
        }

        @Override
        public void onBackfillCursorRejected(String cursor, String message) {
            events.add("rejected " + cursor);
        }
    };
    protected final CaptureState state = CaptureState.resume(CaptureOffset.initial(T0.toEpochMilli()), 10_000);

    protected static CaptureSettings settings(ApiBehavior behavior, BackfillMode mode, long sinceMillis, int pagesPerCycle) {
        return CaptureSettings.builder()
                .behavior(behavior)
                .stateMaxJobs(2_000)
                .backfillMode(mode)
                .backfillSinceMillis(sinceMillis)
                .backfillPagesPerCycle(pagesPerCycle)
                .build();
    }

    protected static final CaptureSettings CURSOR = settings(ApiBehavior.CURSOR, BackfillMode.ALL, ApiTimes.NONE, 2);

    protected CycleContext context(CaptureSettings settings) {
        return new CycleContext(api, settings, state, new ChangeDetector(Set.of()),
                new Fingerprinter(settings.volatileFields()), listener, clock);
    }

    /** {@code n} finished jobs of the given status, created a minute apart, oldest first; returns their ids. */
    protected List<String> history(int n, String status, int firstNumber) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = FakeVideosApi.id(T0.minus(Duration.ofDays(2)).toEpochMilli() + (firstNumber + i) * 60_000L,
                    firstNumber + i);
            api.put("completed".equals(status) ? FakeVideosApi.finished(id) : FakeVideosApi.video(id, status, 0, "void"));
            ids.add(id);
        }
        return ids;
    }
}
