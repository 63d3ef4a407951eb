package app.phaseo.connect.videos.offset;

import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Converts {@link CaptureOffset} to and from the map Connect stores as JSON in its offsets topic.
 *
 * <p>The map carries {@code "v"}, the format version. Connect accepts only primitive values in an
 * offset (no lists or maps), so version 1 keeps every job as one compact text entry
 * ({@code id|fingerprint|status|final|stateSince|firstSeen|recordTs|rank}, numbers in base 36), the
 * entries joined by commas into one string: a full offset of 2,000 jobs stays near 180 KB. Numbers
 * are read through {@link Number} because the JSON converter may give back an Integer or a Long. A
 * shape this code does not know fails with a {@link ConnectException} that says how to reset the
 * offsets.
 *
 * <p>{@link #toMap} encodes on first read. Every record carries its own offset, but the worker reads
 * only the offset of the last acknowledged record when it commits (then converts it to JSON): encoding
 * each record's jobs text up front cost O(remembered jobs) per record, most of the conversion time
 * with a few thousand jobs remembered (BENCHMARKS.md, "Conversion"), and kept one such text per
 * record in memory until the producer acknowledged it.
 */
public final class OffsetCodec {

    static final String VERSION = "v";
    static final String CYCLE = "cycle";
    static final String MODE = "mode";
    static final String FIRST_ID = "first_id";
    static final String FIRST_CREATED = "first_created";
    static final String LAST_ID = "last_id";
    static final String BACKFILL = "backfill";
    static final String WATERMARK = "watermark";
    static final String START = "start";
    static final String JOBS = "jobs";
    static final char JOB_SEPARATOR = ',';
    static final String UNDECIDED_MODE = "unknown";

    private static final String RESET_ADVICE = " Reset the connector's offsets (DELETE /connectors/{name}/offsets "
            + "while it is stopped) to start again from a fresh backfill.";

    /** One-entry cache: consecutive records usually share the same jobs list. */
    private List<TrackedJob> lastJobs;
    private String lastEncoded;

    /**
     * The map Connect stores for an offset: a mutable map, encoded when it is first read (from any
     * thread; the offset is immutable).
     */
    public Map<String, Object> toMap(CaptureOffset offset) {
        return new EncodedOnDemand(Objects.requireNonNull(offset, "offset"));
    }

    /** The encoding itself. */
    private Map<String, Object> encode(CaptureOffset offset) {
        Map<String, Object> map = new LinkedHashMap<>(16);
        map.put(VERSION, CaptureOffset.VERSION);
        map.put(CYCLE, offset.cycle());
        map.put(MODE, modeText(offset.mode()));
        map.put(FIRST_ID, offset.firstId());
        map.put(FIRST_CREATED, offset.firstCreated() == Long.MIN_VALUE ? null : offset.firstCreated());
        map.put(LAST_ID, offset.lastId());
        map.put(BACKFILL, offset.backfill().name().toLowerCase(Locale.ROOT));
        map.put(WATERMARK, offset.watermark() == Long.MIN_VALUE ? null : offset.watermark());
        map.put(START, offset.start());
        map.put(JOBS, encodeJobs(offset.jobs()));
        return map;
    }

    /**
     * An offset map that encodes its {@link CaptureOffset} on first use, then behaves as the plain
     * {@code LinkedHashMap} it encoded, in a fixed key order (reads, writes, equality, JSON conversion).
     */
    private final class EncodedOnDemand extends AbstractMap<String, Object> {

        private CaptureOffset offset;
        private Map<String, Object> encoded;

        EncodedOnDemand(CaptureOffset offset) {
            this.offset = offset;
        }

        private synchronized Map<String, Object> encoded() {
            if (encoded == null) {
                encoded = encode(offset);
                offset = null;
            }
            return encoded;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return encoded().entrySet();
        }

        @Override
        public Object get(Object key) {
            return encoded().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return encoded().containsKey(key);
        }

        @Override
        public int size() {
            return encoded().size();
        }

        @Override
        public Object put(String key, Object value) {
            return encoded().put(key, value);
        }

        @Override
        public Object remove(Object key) {
            return encoded().remove(key);
        }
    }

    private synchronized String encodeJobs(List<TrackedJob> jobs) {
        if (jobs != lastJobs) {
            StringBuilder encoded = new StringBuilder(jobs.size() * 90);
            for (TrackedJob job : jobs) {
                if (encoded.length() > 0) {
                    encoded.append(JOB_SEPARATOR);
                }
                encoded.append(encode(job));
            }
            lastJobs = jobs;
            lastEncoded = encoded.toString();
        }
        return lastEncoded;
    }

    /** Reads an offset map back; throws {@link ConnectException} on a shape it does not know. */
    public CaptureOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            throw new ConnectException("The offset is empty." + RESET_ADVICE);
        }
        int version = (int) number(map, VERSION, -1);
        if (version != CaptureOffset.VERSION) {
            throw new ConnectException("The offset has format version " + map.get(VERSION)
                    + " but this connector reads version " + CaptureOffset.VERSION
                    + (version > CaptureOffset.VERSION ? " (it was written by a newer connector: upgrade this one)." : ".")
                    + RESET_ADVICE);
        }
        List<TrackedJob> jobs = new ArrayList<>();
        Object rawJobs = map.get(JOBS);
        if (rawJobs != null) {
            if (!(rawJobs instanceof String)) {
                throw new ConnectException("The offset's '" + JOBS + "' is not a string of job entries." + RESET_ADVICE);
            }
            String text = (String) rawJobs;
            if (!text.isEmpty()) {
                for (String entry : text.split(String.valueOf(JOB_SEPARATOR), -1)) {
                    jobs.add(decode(entry));
                }
            }
        }
        return new CaptureOffset(
                number(map, CYCLE, 0),
                mode(map.get(MODE)),
                text(map, FIRST_ID),
                number(map, FIRST_CREATED, Long.MIN_VALUE),
                text(map, LAST_ID),
                parseEnum(BackfillState.class, map.get(BACKFILL), BackfillState.PENDING),
                number(map, WATERMARK, Long.MIN_VALUE),
                number(map, START, 0),
                jobs);
    }

    /** Checks an offset map the way {@link #fromMap} would, for the REST alter-offsets call. */
    public void validate(Map<String, ?> map) {
        fromMap(map);
    }

    static String encode(TrackedJob job) {
        return escapeId(job.id()) + '|' + Long.toString(job.fingerprint(), 36) + '|' + statusCode(job.status()) + '|'
                + (job.isFinal() ? '1' : '0') + '|' + time(job.stateSince()) + '|' + time(job.firstSeen()) + '|'
                + time(job.recordTimestamp()) + '|' + Integer.toString(job.rank(), 36);
    }

    static TrackedJob decode(String entry) {
        String[] parts = entry.split("\\|", -1);
        if (parts.length != 8 || parts[0].isEmpty()) {
            throw new ConnectException("A job entry of the stored offset is malformed: '" + abbreviate(entry) + "'." + RESET_ADVICE);
        }
        try {
            return new TrackedJob(unescapeId(parts[0]), Long.parseLong(parts[1], 36), statusOf(parts[2]), "1".equals(parts[3]),
                    parseTime(parts[4]), parseTime(parts[5]), parseTime(parts[6]), Integer.parseInt(parts[7], 36));
        } catch (RuntimeException e) {
            throw new ConnectException("A job entry of the stored offset is malformed: '" + abbreviate(entry) + "'." + RESET_ADVICE, e);
        }
    }

    /**
     * Ids come from the API and may hold anything: the characters the format itself uses ('|' between
     * fields, ',' between entries, and '%') are written as %7C, %2C and %25, so every id reads back.
     */
    static String escapeId(String id) {
        if (id.indexOf('%') < 0 && id.indexOf('|') < 0 && id.indexOf(JOB_SEPARATOR) < 0) {
            return id;
        }
        StringBuilder out = new StringBuilder(id.length() + 8);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            switch (c) {
                case '%': out.append("%25"); break;
                case '|': out.append("%7C"); break;
                case JOB_SEPARATOR: out.append("%2C"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /** The reverse of {@link #escapeId}; a '%' that starts none of its three escapes stays as it is. */
    static String unescapeId(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = c == '%' && i + 3 <= text.length() ? text.substring(i, i + 3) : "";
            switch (escape) {
                case "%25": out.append('%'); i += 2; break;
                case "%7C": out.append('|'); i += 2; break;
                case "%2C": out.append(JOB_SEPARATOR); i += 2; break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    private static char statusCode(VideoStatus status) {
        switch (status) {
            case QUEUED: return 'q';
            case PROCESSING: return 'p';
            case COMPLETED: return 'c';
            case FAILED: return 'f';
            case CANCELLED: return 'x';
            case EXPIRED: return 'e';
            default: return 'u';
        }
    }

    private static VideoStatus statusOf(String code) {
        switch (code) {
            case "q": return VideoStatus.QUEUED;
            case "p": return VideoStatus.PROCESSING;
            case "c": return VideoStatus.COMPLETED;
            case "f": return VideoStatus.FAILED;
            case "x": return VideoStatus.CANCELLED;
            case "e": return VideoStatus.EXPIRED;
            case "u": return VideoStatus.UNKNOWN;
            default: throw new IllegalArgumentException("unknown status code " + code);
        }
    }

    private static String time(long millis) {
        return millis == Long.MIN_VALUE ? "" : Long.toString(millis, 36);
    }

    private static long parseTime(String text) {
        return text.isEmpty() ? Long.MIN_VALUE : Long.parseLong(text, 36);
    }

    private static long number(Map<String, ?> map, String key, long fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        throw new ConnectException("The offset's '" + key + "' is not a number: " + abbreviate(String.valueOf(value))
                + "." + RESET_ADVICE);
    }

    private static String text(Map<String, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    /**
     * The listing behaviour as the offset stores it: {@code window}, {@code cursor}, or {@code unknown}
     * while it is not decided ({@link ApiBehavior#AUTO}; the word every version so far has written).
     */
    static String modeText(ApiBehavior mode) {
        return mode == ApiBehavior.AUTO ? UNDECIDED_MODE : mode.configValue();
    }

    private static ApiBehavior mode(Object value) {
        if (value == null || UNDECIDED_MODE.equalsIgnoreCase(value.toString())) {
            return ApiBehavior.AUTO;
        }
        return parseEnum(ApiBehavior.class, value, ApiBehavior.AUTO);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, Object value, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConnectException("The offset has an unknown " + type.getSimpleName() + " '" + value + "'."
                    + RESET_ADVICE, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
