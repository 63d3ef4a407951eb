package app.phaseo.connect.videos;

import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.simulator.SimBehavior;
import app.phaseo.connect.videos.simulator.LifecycleProfile;
import app.phaseo.connect.videos.simulator.MutableClock;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import app.phaseo.connect.videos.simulator.RequestStats;
import app.phaseo.connect.videos.simulator.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The sizing figures of docs/WAREHOUSE.md, measured on the task against the simulator in virtual time
 * (gateway behaviour, the fast lifecycle, 2 new jobs a second for 2 minutes, then until every job is
 * final): bytes of a record value with and without JsonConverter's schema envelope (nested and flat),
 * bytes of the offset each poll batch commits (what an exactly-once transaction writes to the offsets
 * topic, as Connect stores it: JSON without schema), and API requests a minute.
 *
 * <p>Run: {@code mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test && java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * app.phaseo.connect.videos.WarehouseSizing}
 */
public final class WarehouseSizing {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private WarehouseSizing() {
    }

    public static void main(String[] args) throws Exception {
        for (String flatten : List.of("false", "true")) {
            run(flatten);
        }
    }

    private static void run(String flatten) throws Exception {
        MutableClock clock = new MutableClock(T0);
        Duration load = Duration.ofMinutes(2);
        try (PhaseoSimulator sim = PhaseoSimulator.builder().behavior(SimBehavior.GATEWAY_CODE).clock(clock).seed(7)
                .profile(LifecycleProfile.fast()).workload(Workload.steady(2, load, 7)).build().start()) {
            Map<String, String> props = TaskHarness.props(sim, PhaseoVideosConfig.VALUE_FLATTEN, flatten);
            props.remove(PhaseoVideosConfig.POLL_INTERVAL); // the default, as deployed
            TaskHarness h = TaskHarness.started(clock, sim, props, (Map<String, ?>) null);
            List<Integer> offsetBytes = new ArrayList<>();
            JsonConverter offsets = converter(false);
            try {
                Instant end = T0.plus(load);
                while (clock.instant().isBefore(end) || !sim.jobIds().stream().allMatch(sim::isFinal)
                        || clock.instant().isBefore(end.plusSeconds(60))) {
                    List<SourceRecord> batch = h.poll();
                    if (batch != null && !batch.isEmpty()) {
                        Object offset = batch.get(batch.size() - 1).sourceOffset();
                        offsetBytes.add(offsets.fromConnectData("offsets", null, offset).length);
                    }
                }
            } finally {
                h.stop();
            }
            double minutes = Duration.between(T0, clock.instant()).toMillis() / 60_000.0;
            JsonConverter withSchema = converter(true);
            JsonConverter withoutSchema = converter(false);
            long with = 0;
            long without = 0;
            for (SourceRecord r : h.records) {
                with += withSchema.fromConnectData("t", r.valueSchema(), r.value()).length;
                without += withoutSchema.fromConnectData("t", r.valueSchema(), r.value()).length;
            }
            int n = h.records.size();
            Collections.sort(offsetBytes);
            System.out.printf("value.flatten=%s: %d jobs, %d records in %.1f virtual minutes%n", flatten,
                    sim.jobIds().size(), n, minutes);
            System.out.printf("  value bytes a record: %d with the schema envelope, %d without (%.1fx)%n",
                    with / n, without / n, (double) with / without);
            System.out.printf("  offset committed per poll batch (%d batches): median %d bytes, max %d bytes%n",
                    offsetBytes.size(), offsetBytes.get(offsetBytes.size() / 2), offsetBytes.get(offsetBytes.size() - 1));
            System.out.printf("  API requests: %d list + %d get = %.1f a minute%n", sim.stats().count(RequestStats.LIST),
                    sim.stats().count(RequestStats.GET), sim.stats().total() / minutes);
        }
    }

    private static JsonConverter converter(boolean schemas) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", Boolean.toString(schemas), "decimal.format", "NUMERIC"), false);
        return converter;
    }
}
