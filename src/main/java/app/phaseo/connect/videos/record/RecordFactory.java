package app.phaseo.connect.videos.record;

import app.phaseo.connect.videos.capture.Change;
import app.phaseo.connect.videos.config.KeyFormat;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.schema.ValueShaper;
import app.phaseo.connect.videos.schema.VideoSchemas;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a {@link Change} into a {@link SourceRecord}: key = video id, value = the shaped job,
 * timestamp = time of the change, headers for filtering without reading the value, and the
 * source offset valid once this record is stored.
 *
 * <p>Headers: {@code phaseo.change} (snapshot, created, updated, terminal, final, deleted),
 * {@code phaseo.status}, {@code phaseo.previous.status} (absent on first sight), {@code phaseo.final}
 * ("true"/"false"), {@code phaseo.events} (comma-separated event names), and one header per event whose
 * key is the event name ({@code video.completed}, {@code video.billing_settled}, ...) and whose value
 * is the video id, so a stock {@code HasHeaderKey} predicate can select exactly those records.
 * {@code phaseo.fingerprint} (not on tombstones) is the 64-bit fingerprint the capture compared to
 * decide the job changed (content without volatile fields, a by-id read in the list's shape), as 16 lowercase hex digits: the same state always gives the same
 * value, so the video id plus it names one change, and a record sent again lands once in a history
 * table keyed on both (docs/WAREHOUSE.md).
 */
public final class RecordFactory {

    public static final String HEADER_CHANGE = "phaseo.change";
    public static final String HEADER_STATUS = "phaseo.status";
    public static final String HEADER_PREVIOUS_STATUS = "phaseo.previous.status";
    public static final String HEADER_FINAL = "phaseo.final";
    public static final String HEADER_EVENTS = "phaseo.events";
    public static final String HEADER_FINGERPRINT = "phaseo.fingerprint";

    private final String topic;
    private final Map<String, String> partition;
    private final KeyFormat keyFormat;
    private final ValueShaper shaper;
    private final OffsetCodec codec;

    public RecordFactory(String topic, Map<String, String> partition, KeyFormat keyFormat, ValueShaper shaper,
                         OffsetCodec codec) {
        this.topic = topic;
        // As given, never Map.copyOf: its iteration order changes per JVM, and Connect stores the
        // offset under the serialized partition (SourcePartition).
        this.partition = Collections.unmodifiableMap(new LinkedHashMap<>(partition));
        this.keyFormat = keyFormat;
        this.shaper = shaper;
        this.codec = codec;
    }

    public SourceRecord toRecord(Change change) {
        Schema keySchema;
        Object key;
        if (keyFormat == KeyFormat.STRING) {
            keySchema = Schema.STRING_SCHEMA;
            key = change.id();
        } else {
            keySchema = VideoSchemas.KEY;
            key = VideoSchemas.key(change.id());
        }
        Schema valueSchema = null;
        Object value = null;
        if (change.video() != null) {
            SchemaAndValue shaped = shaper.shape(change.video());
            valueSchema = shaped.schema();
            value = shaped.value();
        }
        return new SourceRecord(partition, codec.toMap(change.offset()), topic, null, keySchema, key, valueSchema,
                value, change.timestamp(), headers(change));
    }

    private Headers headers(Change change) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_CHANGE, change.kind().headerValue());
        headers.addString(HEADER_STATUS, change.status().apiName());
        if (change.previousStatus() != null) {
            headers.addString(HEADER_PREVIOUS_STATUS, change.previousStatus().apiName());
        }
        headers.addString(HEADER_FINAL, Boolean.toString(change.isFinal()));
        headers.addString(HEADER_EVENTS, String.join(",", change.events()));
        for (String event : change.events()) {
            headers.addString(event, change.id());
        }
        if (change.video() != null) {
            headers.addString(HEADER_FINGERPRINT, fingerprintHex(change.fingerprint()));
        }
        return headers;
    }

    /** 16 lowercase hex digits, zero-padded: one fixed width, never read as a number by a header converter. */
    static String fingerprintHex(long fingerprint) {
        String hex = Long.toHexString(fingerprint);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
