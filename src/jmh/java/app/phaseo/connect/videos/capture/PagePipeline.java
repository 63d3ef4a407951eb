package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.client.ListPageReader;
import app.phaseo.connect.videos.client.VideoPage;
import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.offset.ApiMode;
import app.phaseo.connect.videos.offset.BackfillState;
import app.phaseo.connect.videos.offset.CaptureOffset;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.offset.SourcePartition;
import app.phaseo.connect.videos.offset.TrackedJob;
import app.phaseo.connect.videos.record.RecordFactory;
import app.phaseo.connect.videos.schema.ConversionListener;
import app.phaseo.connect.videos.schema.ValueShaper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The task's path for one page, from the response bytes to the {@link SourceRecord}s handed to
 * the worker, with the production classes wired as {@code PhaseoVideosSourceTask} wires them: the
 * client's body reader, {@link CycleContext#observe} (job facts, fingerprint, change detection,
 * the offset snapshot), and {@link RecordFactory} (value shaping, key, headers, offset map). Only
 * the HTTP exchange is left out.
 *
 * <p>The state starts with {@code trackedJobs} jobs in flight (the offsets grow with it, as in a
 * running task); after each page its jobs are forgotten again, so every page is new to the state.
 */
public final class PagePipeline {

    private final ListPageReader reader = new ListPageReader();
    private final CaptureState state;
    private final CycleContext ctx;
    private final RecordFactory records;

    /**
     * @param trackedJobs jobs already remembered (in flight) when the page arrives
     * @param config      the connector config (value format, key format, filters, volatile fields)
     * @param idFor       a job id for an index, for the remembered jobs
     */
    public PagePipeline(int trackedJobs, Map<String, String> config, LongFunction<String> idFor) {
        PhaseoVideosConfig cfg = new PhaseoVideosConfig(config);
        CaptureSettings settings = CaptureSettings.from(cfg);
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T16:00:00Z"), ZoneOffset.UTC);
        List<TrackedJob> jobs = new ArrayList<>(trackedJobs);
        long now = clock.millis();
        for (int i = 0; i < trackedJobs; i++) {
            jobs.add(new TrackedJob(idFor.apply(i), 0x5EED_0000L + i, VideoStatus.PROCESSING, false, now - 60_000,
                    now - 120_000, now - 60_000, 2 << 17));
        }
        // start = 0: every job of the page counts as created after the connector started, so records carry
        // the event headers too (the heavier case; a backfilled job is a snapshot with none).
        CaptureOffset offset = new CaptureOffset(7, ApiMode.CURSOR, null, Long.MIN_VALUE, null, BackfillState.DONE,
                Long.MIN_VALUE, 0, jobs);
        this.state = CaptureState.resume(offset, 10_000);
        this.ctx = new CycleContext(null, settings, state, new ChangeDetector(settings.statusFilter()),
                new Fingerprinter(settings.volatileFields()), new CaptureListener() { }, clock);
        this.records = new RecordFactory(cfg.topic(), SourcePartition.of(cfg.workspace()), cfg.keyFormat(),
                new ValueShaper(cfg.valueFormat(), cfg.valueFlatten(), ConversionListener.NO_OP), new OffsetCodec());
    }

    /** One page: bytes to records. */
    public List<SourceRecord> convert(byte[] body) {
        VideoPage page = reader.read(body);
        for (ObjectNode row : page.data()) {
            ctx.observe(row, false);
        }
        List<SourceRecord> out = new ArrayList<>(ctx.out.size());
        for (Change change : ctx.out) {
            out.add(records.toRecord(change));
        }
        ctx.out.clear();
        ctx.seen.clear();
        for (ObjectNode row : page.data()) {
            state.forget(row.get("id").textValue());
        }
        return out;
    }

    public int trackedCount() {
        return state.trackedCount();
    }
}
