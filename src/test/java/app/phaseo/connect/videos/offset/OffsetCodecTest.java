package app.phaseo.connect.videos.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Offsets survive the trip through Connect's offsets topic, and a shape this version cannot read fails clearly. */
class OffsetCodecTest {

    private static final String RESET = "DELETE /connectors/{name}/offsets";
    private static final long T = 1_795_876_504_289L;

    private final OffsetCodec codec = new OffsetCodec();

    /** The way a distributed worker stores an offset: JsonConverter, schemas disabled. */
    static Map<String, Object> throughJsonConverter(Map<String, Object> map) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
        byte[] bytes = converter.fromConnectData("connect-offsets", null, map);
        SchemaAndValue back = converter.toConnectData("connect-offsets", bytes);
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) back.value();
        return value;
    }

    static byte[] storedBytes(Map<String, Object> map) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
        return converter.fromConnectData("connect-offsets", null, map);
    }

    /** A plain JSON reader gives back Integers for small numbers: the codec must take those too. */
    static Map<String, Object> throughJackson(Map<String, Object> map) {
        ObjectMapper mapper = new ObjectMapper();
        try {
            return mapper.readValue(mapper.writeValueAsBytes(map), new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String ulid(SplittableRandom random, long millis) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder id = new StringBuilder("G-");
        for (int shift = 45; shift >= 0; shift -= 5) {
            id.append(alphabet.charAt((int) (millis >>> shift) & 31));
        }
        for (int i = 0; i < 16; i++) {
            id.append(alphabet.charAt(random.nextInt(32)));
        }
        return id.toString();
    }

    /** Jobs as a running task remembers them: real ids, full 64-bit fingerprints, times around now. */
    static List<TrackedJob> jobs(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        VideoStatus[] statuses = VideoStatus.values();
        List<TrackedJob> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long created = T - random.nextLong(86_400_000L);
            VideoStatus status = statuses[random.nextInt(statuses.length)];
            jobs.add(new TrackedJob(ulid(random, created), random.nextLong(), status, status.isTerminal() && random.nextBoolean(),
                    created + random.nextLong(600_000), created + random.nextLong(1_000), created + random.nextLong(700_000),
                    status == VideoStatus.UNKNOWN ? -1 : random.nextInt(1 << 19)));
        }
        return jobs;
    }

    static CaptureOffset full(List<TrackedJob> jobs) {
        return new CaptureOffset(123_456, ApiBehavior.CURSOR, "G-01M8HC0VGRQKGPARXB7XCMX24W", T, "G-01M8H99GQ1540YTHR8W1STSVVM",
                BackfillState.RUNNING, T - 5_000, T - 86_400_000L, jobs);
    }

    @Test
    void shouldRoundTripAFullOffset() {
        CaptureOffset offset = full(jobs(50, 1));

        assertThat(codec.fromMap(codec.toMap(offset))).isEqualTo(offset);
    }

    @Test
    void shouldRoundTripTheOffsetOfAConnectorThatHasSeenNothing() {
        CaptureOffset initial = CaptureOffset.initial(T);

        assertThat(codec.fromMap(codec.toMap(initial))).isEqualTo(initial);
        assertThat(codec.fromMap(throughJsonConverter(codec.toMap(initial)))).isEqualTo(initial);
        assertThat(initial.cycle()).isZero();
        assertThat(initial.mode()).isEqualTo(ApiBehavior.AUTO);
        assertThat(initial.backfill()).isEqualTo(BackfillState.PENDING);
        assertThat(initial.start()).isEqualTo(T);
        assertThat(initial.jobs()).isEmpty();
        assertThat(initial.firstCreated()).isEqualTo(Long.MIN_VALUE);
        assertThat(initial.watermark()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldRoundTripThroughTheJsonConverterConnectStoresOffsetsWith() {
        for (ApiBehavior mode : ApiBehavior.values()) {
            for (BackfillState backfill : BackfillState.values()) {
                CaptureOffset offset = new CaptureOffset(7, mode, null, Long.MIN_VALUE, null, backfill, Long.MIN_VALUE, T,
                        jobs(20, mode.ordinal() * 10L + backfill.ordinal()));
                assertThat(codec.fromMap(throughJsonConverter(codec.toMap(offset)))).isEqualTo(offset);
            }
        }
        CaptureOffset offset = full(jobs(300, 2));
        assertThat(codec.fromMap(throughJsonConverter(codec.toMap(offset)))).isEqualTo(offset);
    }

    @Test
    void shouldStoreTheListingBehaviourInTheWordsEveryVersionHasWritten() {
        // The offset's mode words predate the single ApiBehavior enum: an undecided behaviour is
        // "unknown" (not the config's "auto"), so older offsets decode and older connectors read newer ones.
        Map<ApiBehavior, String> words = new LinkedHashMap<>();
        words.put(ApiBehavior.AUTO, "unknown");
        words.put(ApiBehavior.WINDOW, "window");
        words.put(ApiBehavior.CURSOR, "cursor");
        assertThat(words.keySet()).containsExactly(ApiBehavior.values());
        words.forEach((mode, word) -> {
            CaptureOffset offset = new CaptureOffset(1, mode, null, Long.MIN_VALUE, null, BackfillState.PENDING,
                    Long.MIN_VALUE, T, List.of());
            Map<String, Object> stored = throughJsonConverter(codec.toMap(offset));
            assertThat(stored.get(OffsetCodec.MODE)).as("stored word for %s", mode).isEqualTo(word);
            Map<String, Object> upper = new LinkedHashMap<>(stored);
            upper.put(OffsetCodec.MODE, word.toUpperCase(java.util.Locale.ROOT));
            assertThat(codec.fromMap(upper).mode()).as("read back from '%s'", word).isEqualTo(mode);
        });
        Map<String, Object> stored = new LinkedHashMap<>(codec.toMap(CaptureOffset.initial(T)));
        stored.remove(OffsetCodec.MODE);
        assertThat(codec.fromMap(stored).mode()).as("an offset without a mode is undecided").isEqualTo(ApiBehavior.AUTO);
        stored.put(OffsetCodec.MODE, "sideways");
        assertThatThrownBy(() -> codec.fromMap(stored)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("sideways").hasMessageContaining("Reset the connector's offsets");
    }

    @Test
    void shouldReadNumbersThatComeBackAsIntegers() {
        CaptureOffset offset = new CaptureOffset(3, ApiBehavior.WINDOW, "G-x", 17, null, BackfillState.DONE, 11, 5, jobs(3, 3));
        Map<String, Object> read = throughJackson(codec.toMap(offset));

        assertThat(read.get(OffsetCodec.CYCLE)).isInstanceOf(Integer.class);
        assertThat(read.get(OffsetCodec.VERSION)).isInstanceOf(Integer.class);
        assertThat(codec.fromMap(read)).isEqualTo(offset);
    }

    @Test
    void shouldRoundTripEveryEdgeOfAJobEntry() {
        List<TrackedJob> edges = new ArrayList<>();
        for (VideoStatus status : VideoStatus.values()) {
            edges.add(new TrackedJob("G-" + status, Long.MIN_VALUE, status, true, Long.MIN_VALUE, Long.MIN_VALUE,
                    Long.MIN_VALUE, -1));
            edges.add(new TrackedJob("G-" + status + "-max", Long.MAX_VALUE, status, false, Long.MAX_VALUE, 0, -1, Integer.MAX_VALUE));
        }
        edges.add(new TrackedJob("video_a7b068e06e58e3d133476004", 0, VideoStatus.QUEUED, false, -86_400_000L, -1, 1, 0));

        for (TrackedJob job : edges) {
            assertThat(OffsetCodec.decode(OffsetCodec.encode(job))).isEqualTo(job);
        }
        CaptureOffset offset = new CaptureOffset(0, ApiBehavior.AUTO, null, Long.MIN_VALUE, null, BackfillState.PENDING,
                Long.MIN_VALUE, 0, edges);
        assertThat(codec.fromMap(throughJsonConverter(codec.toMap(offset)))).isEqualTo(offset);
    }

    @ParameterizedTest
    @ValueSource(strings = {"job|with|bars|", "job,with,commas", "|", ",", "%", "%7C", "%2C%25", "100%,|%", "a%2", "%%%"})
    void shouldRoundTripAnIdHoldingTheFormatsOwnCharacters(String id) {
        // Ids come from the API: an odd one must not make the whole offset unreadable at the next start.
        TrackedJob odd = new TrackedJob(id, 42, VideoStatus.PROCESSING, false, T, T, T, 5);
        List<TrackedJob> jobs = new ArrayList<>(jobs(2, 14));
        jobs.add(1, odd);
        CaptureOffset offset = full(jobs);

        assertThat(OffsetCodec.decode(OffsetCodec.encode(odd))).isEqualTo(odd);
        assertThat(codec.fromMap(throughJsonConverter(codec.toMap(offset)))).isEqualTo(offset);
    }

    @Test
    void shouldWriteAnOrdinaryIdAsItIs() {
        TrackedJob job = jobs(1, 15).get(0);

        assertThat(OffsetCodec.encode(job)).startsWith(job.id() + "|");
    }

    @Test
    void shouldHoldOnlyPrimitiveValuesAsConnectRequires() {
        Map<String, Object> map = codec.toMap(full(jobs(20, 16)));
        Map<String, Object> initial = codec.toMap(CaptureOffset.initial(T));

        // The worker's own check, which refuses lists and maps in an offset.
        org.apache.kafka.connect.storage.OffsetUtils.validateFormat(map);
        org.apache.kafka.connect.storage.OffsetUtils.validateFormat(initial);
        org.apache.kafka.connect.storage.OffsetUtils.validateFormat(SourcePartition.of("studio-a"));
    }

    @Test
    void shouldReadAnOffsetWithNoJobs() {
        Map<String, Object> map = codec.toMap(full(List.of()));

        assertThat(map.get(OffsetCodec.JOBS)).isEqualTo("");
        assertThat(codec.fromMap(map).jobs()).isEmpty();
        map.remove(OffsetCodec.JOBS);
        assertThat(codec.fromMap(map).jobs()).isEmpty();
    }

    @Test
    void shouldKeepTheJobsOfConsecutiveOffsetsApart() {
        // The codec caches the last encoded jobs list: a different list must never get the cached text.
        List<TrackedJob> a = jobs(5, 4);
        List<TrackedJob> b = new ArrayList<>(a);
        b.set(2, new TrackedJob(a.get(2).id(), a.get(2).fingerprint() + 1, a.get(2).status(), a.get(2).isFinal(),
                a.get(2).stateSince(), a.get(2).firstSeen(), a.get(2).recordTimestamp(), a.get(2).rank()));

        Map<String, Object> first = codec.toMap(full(a));
        Map<String, Object> second = codec.toMap(full(b));
        Map<String, Object> third = codec.toMap(full(a));

        assertThat(codec.fromMap(first).jobs()).isEqualTo(a);
        assertThat(codec.fromMap(second).jobs()).isEqualTo(b);
        assertThat(codec.fromMap(third).jobs()).isEqualTo(a);
    }

    @Test
    void shouldKeepAFullStateOf2000JobsUnder200KilobytesAsStored() {
        CaptureOffset offset = full(jobs(2_000, 5));

        byte[] stored = storedBytes(codec.toMap(offset));

        // About 80 bytes a job, as the config's doc says: well under the 1 MB default message size.
        assertThat(stored.length).as("bytes of a 2,000-job offset").isLessThan(200 * 1024);
        assertThat(stored.length / 2_000).as("bytes per job").isLessThanOrEqualTo(90);
        assertThat(codec.fromMap(throughJsonConverter(codec.toMap(offset)))).isEqualTo(offset);
    }

    @Test
    void shouldTellToUpgradeWhenTheOffsetWasWrittenByANewerConnector() {
        Map<String, Object> map = codec.toMap(full(jobs(1, 6)));
        map.put(OffsetCodec.VERSION, CaptureOffset.VERSION + 1);

        assertThatThrownBy(() -> codec.fromMap(map))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("newer connector: upgrade")
                .hasMessageContaining(RESET);
    }

    @Test
    void shouldRefuseAnOffsetWithoutAVersionAndSayHowToReset() {
        Map<String, Object> map = codec.toMap(full(jobs(1, 7)));
        map.remove(OffsetCodec.VERSION);

        assertThatThrownBy(() -> codec.fromMap(map))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("format version null")
                .hasMessageNotContaining("upgrade")
                .hasMessageContaining(RESET);
    }

    @Test
    void shouldRefuseAnOlderOrNonNumericVersion() {
        Map<String, Object> older = codec.toMap(full(jobs(1, 8)));
        older.put(OffsetCodec.VERSION, 0);
        Map<String, Object> text = codec.toMap(full(jobs(1, 8)));
        text.put(OffsetCodec.VERSION, "1");

        assertThatThrownBy(() -> codec.fromMap(older)).isInstanceOf(ConnectException.class).hasMessageContaining(RESET);
        assertThatThrownBy(() -> codec.fromMap(text)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'v' is not a number").hasMessageContaining(RESET);
    }

    @Test
    void shouldRefuseAnEmptyOffset() {
        assertThatThrownBy(() -> codec.fromMap(null)).isInstanceOf(ConnectException.class).hasMessageContaining(RESET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"G-x|zz", "G-x|1|q|0||||1|extra", "|1|q|0||||1", "G-x|1|k|0||||1", "G-x|!|q|0||||1",
            "G-x|1|q|0|ye$|||1", "G-x|1|q|0||||", "G-x", ""})
    void shouldRefuseAMalformedJobEntryAndSayHowToReset(String entry) {
        Map<String, Object> map = codec.toMap(full(jobs(2, 9)));
        map.put(OffsetCodec.JOBS, map.get(OffsetCodec.JOBS) + "," + entry);

        assertThatThrownBy(() -> codec.fromMap(map))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("job entry of the stored offset is malformed")
                .hasMessageContaining(RESET);
    }

    @Test
    void shouldCutAHugeMalformedEntryShortInTheMessage() {
        Map<String, Object> map = codec.toMap(full(List.of()));
        map.put(OffsetCodec.JOBS, "x".repeat(10_000));

        assertThatThrownBy(() -> codec.fromMap(map)).isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    void shouldRefuseJobsThatAreNotAString() {
        Map<String, Object> list = codec.toMap(full(jobs(1, 10)));
        list.put(OffsetCodec.JOBS, List.of("G-x|1|q|0||||1"));
        Map<String, Object> number = codec.toMap(full(jobs(1, 10)));
        number.put(OffsetCodec.JOBS, 7);

        assertThatThrownBy(() -> codec.fromMap(list)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'jobs' is not a string of job entries").hasMessageContaining(RESET);
        assertThatThrownBy(() -> codec.fromMap(number)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'jobs' is not a string of job entries").hasMessageContaining(RESET);
    }

    @Test
    void shouldRefuseAnUnknownModeOrBackfillState() {
        Map<String, Object> mode = codec.toMap(full(jobs(1, 11)));
        mode.put(OffsetCodec.MODE, "sideways");
        Map<String, Object> backfill = codec.toMap(full(jobs(1, 11)));
        backfill.put(OffsetCodec.BACKFILL, "halfway");

        assertThatThrownBy(() -> codec.fromMap(mode)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("unknown ApiBehavior 'sideways'").hasMessageContaining(RESET);
        assertThatThrownBy(() -> codec.fromMap(backfill)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("unknown BackfillState 'halfway'").hasMessageContaining(RESET);
    }

    @Test
    void shouldRefuseATextWhereANumberBelongs() {
        Map<String, Object> map = codec.toMap(full(jobs(1, 12)));
        map.put(OffsetCodec.WATERMARK, "yesterday");

        assertThatThrownBy(() -> codec.fromMap(map)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'watermark' is not a number").hasMessageContaining(RESET);
    }

    @Test
    void shouldValidateExactlyWhatItCanRead() {
        Map<String, Object> good = codec.toMap(full(jobs(3, 13)));
        Map<String, Object> bad = new HashMap<>(good);
        bad.put(OffsetCodec.VERSION, 99);

        codec.validate(good);
        codec.validate(throughJsonConverter(good));
        assertThatThrownBy(() -> codec.validate(bad)).isInstanceOf(ConnectException.class);
    }
}
