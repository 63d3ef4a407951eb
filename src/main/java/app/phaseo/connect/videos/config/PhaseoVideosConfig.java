package app.phaseo.connect.videos.config;

import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.schema.TimestampFormat;
import app.phaseo.connect.videos.schema.ValueFormat;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the connector: the {@link ConfigDef}, typed accessors and the cross-field rules.
 *
 * <p>Nothing outside this class reads a raw key: the rest of the code asks for a {@link Duration},
 * an enum or a {@link Set}. Cross-field rules are checked in the constructor and reported per key
 * by {@link #crossFieldErrors()}, which {@code Connector.validate()} surfaces in the REST answer.
 */
public final class PhaseoVideosConfig extends AbstractConfig {

    // ---- Connection ---------------------------------------------------------------------------
    public static final String API_URL = "phaseo.api.url";
    public static final String API_URL_DEFAULT = "https://api.phaseo.app/v1";
    private static final String API_URL_DOC = "Base URL of the Phaseo API, up to and including /v1. "
            + "Must be https; plain http is accepted only for a loopback host when "
            + "phaseo.api.allow.insecure.loopback is true (local simulators and tests).";

    public static final String API_KEY = "phaseo.api.key";
    private static final String API_KEY_DOC = "Phaseo API key of the workspace to stream, sent as a bearer token. "
            + "A PASSWORD: hidden in logs and in the validate answer, but Connect's GET /connectors/{name}/config and "
            + "/tasks show a key typed into the config as it is; use a config provider such as "
            + "${file:/etc/secrets/phaseo.properties:key} or ${env:PHASEO_API_KEY} so that only the placeholder is "
            + "stored and shown.";

    public static final String ALLOW_INSECURE_LOOPBACK = "phaseo.api.allow.insecure.loopback";
    private static final String ALLOW_INSECURE_LOOPBACK_DOC = "Allow a plain http URL when its host is a loopback address "
            + "(127.0.0.0/8, ::1, localhost). Off by default; never allows http to any other host. "
            + "TLS certificate checks cannot be turned off.";

    public static final String WORKSPACE = "phaseo.workspace";
    private static final String WORKSPACE_DOC = "A stable name for the workspace behind the API key. It names the source "
            + "partition of the offsets, so keep it unchanged when you rotate the key; give each connector of a "
            + "cluster that streams a different workspace its own name.";

    public static final String VALIDATE_PROBE = "phaseo.api.validate.probe";
    private static final String VALIDATE_PROBE_DOC = "Whether validating this config (the Connect REST validate call) "
            + "makes one list request with the key, to report a rejected key or an unreachable URL on the right field. "
            + "Turn off to validate configs offline.";

    public static final String CONNECT_TIMEOUT = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT = "http.read.timeout.ms";
    public static final String CALL_TIMEOUT = "http.call.timeout.ms";
    public static final String MAX_RESPONSE_BYTES = "http.max.response.bytes";

    // ---- Capture ------------------------------------------------------------------------------
    public static final String TOPIC = "topic";
    public static final String POLL_INTERVAL = "poll.interval.ms";
    public static final String PRESSURE_INTERVAL = "poll.pressure.interval.ms";
    public static final String PRESSURE_MAX_REQUESTS = "poll.pressure.max.requests.per.minute";
    public static final String PAGE_SIZE = "page.size";
    public static final String STATUS_FILTER = "status.filter";
    public static final String API_BEHAVIOR = "api.behavior";
    public static final String WINDOW_ROWS = "api.window.rows";
    public static final String FULL_SCAN_INTERVAL = "window.full.scan.interval.ms";
    public static final String FOLLOW_MAX_REQUESTS = "follow.max.requests.per.cycle";
    public static final String FOLLOW_ON_WINDOW_OVERFLOW = "follow.on.window.overflow";
    public static final String FOLLOW_INTERVAL = "follow.interval.ms";
    public static final String FOLLOW_MAX_AGE = "follow.max.age.ms";
    public static final String STATE_MAX_JOBS = "state.max.jobs";
    public static final String FINGERPRINT_IGNORE = "fingerprint.ignore.fields";
    public static final String TOMBSTONES = "tombstones.on.delete";

    // ---- Backfill -----------------------------------------------------------------------------
    public static final String BACKFILL_MODE = "backfill.mode";
    public static final String BACKFILL_SINCE = "backfill.since";
    public static final String BACKFILL_PAGES = "backfill.pages.per.cycle";

    // ---- Record format ------------------------------------------------------------------------
    public static final String VALUE_FORMAT = "value.format";
    public static final String VALUE_FLATTEN = "value.flatten";
    public static final String VALUE_TIMESTAMP_FORMAT = "value.timestamp.format";
    public static final String KEY_FORMAT = "key.format";

    // ---- Errors and retries -------------------------------------------------------------------
    public static final String BACKOFF_INITIAL = "retry.backoff.initial.ms";
    public static final String BACKOFF_MAX = "retry.backoff.max.ms";
    public static final String RETRY_AFTER_MAX = "retry.after.max.ms";
    public static final String DISABLED_RETRY_INTERVAL = "api.disabled.retry.interval.ms";
    public static final String DISABLED_BEHAVIOR = "api.disabled.behavior";

    public static final List<String> DEFAULT_VOLATILE_FIELDS =
            List.of("download_url", "expires_at", "outputs[].download_url", "outputs[].expires_at");

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_CAPTURE = "Capture";
    private static final String GROUP_BACKFILL = "Backfill";
    private static final String GROUP_FORMAT = "Record format";
    private static final String GROUP_ERRORS = "Errors and retries";

    /** The definition of every key, shared by the connector, the task and the docs generator. */
    public static final ConfigDef CONFIG_DEF = buildConfigDef();

    /** Parses and checks a config; throws {@link ConfigException} naming the first key in error. */
    public PhaseoVideosConfig(Map<String, String> originals) {
        this(originals, true);
    }

    private PhaseoVideosConfig(Map<String, String> originals, boolean checkCrossField) {
        // The config of a starting connector or task is logged (passwords hidden); one being validated is not.
        super(CONFIG_DEF, originals, checkCrossField);
        if (checkCrossField) {
            List<Map.Entry<String, String>> problems = crossFieldErrors();
            if (!problems.isEmpty()) {
                Map.Entry<String, String> first = problems.get(0);
                throw new ConfigException(first.getKey() + ": " + first.getValue());
            }
        }
    }

    /**
     * Parses a config whose single keys are valid without checking the cross-field rules, so that
     * {@code Connector.validate()} can report all of them through {@link #crossFieldErrors()}.
     */
    public static PhaseoVideosConfig withoutCrossFieldChecks(Map<String, String> originals) {
        return new PhaseoVideosConfig(originals, false);
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(API_URL, Type.STRING, API_URL_DEFAULT, Validators.httpUrl(), Importance.HIGH, API_URL_DOC,
                GROUP_CONNECTION, ++order, Width.LONG, "API base URL");
        def.define(API_KEY, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonNullValidator(), Importance.HIGH,
                API_KEY_DOC, GROUP_CONNECTION, ++order, Width.LONG, "API key");
        def.define(WORKSPACE, Type.STRING, "default", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
                WORKSPACE_DOC, GROUP_CONNECTION, ++order, Width.MEDIUM, "Workspace name");
        def.define(ALLOW_INSECURE_LOOPBACK, Type.BOOLEAN, false, Importance.LOW, ALLOW_INSECURE_LOOPBACK_DOC,
                GROUP_CONNECTION, ++order, Width.SHORT, "Allow http on loopback");
        def.define(VALIDATE_PROBE, Type.BOOLEAN, true, Importance.LOW, VALIDATE_PROBE_DOC,
                GROUP_CONNECTION, ++order, Width.SHORT, "Probe the API on validate");
        def.define(CONNECT_TIMEOUT, Type.LONG, 10_000L, Range.between(100L, 300_000L), Importance.LOW,
                "How long to wait for a TCP/TLS connection to the API, in milliseconds.",
                GROUP_CONNECTION, ++order, Width.SHORT, "Connect timeout (ms)");
        def.define(READ_TIMEOUT, Type.LONG, 30_000L, Range.between(100L, 600_000L), Importance.LOW,
                "How long a response may stay silent before the request is abandoned and retried, in milliseconds.",
                GROUP_CONNECTION, ++order, Width.SHORT, "Read timeout (ms)");
        def.define(CALL_TIMEOUT, Type.LONG, 60_000L, Range.between(100L, 900_000L), Importance.LOW,
                "Upper bound on one whole request (connect, send, read the body), in milliseconds.",
                GROUP_CONNECTION, ++order, Width.SHORT, "Call timeout (ms)");
        def.define(MAX_RESPONSE_BYTES, Type.INT, 32 * 1024 * 1024, Range.between(64 * 1024, 512 * 1024 * 1024), Importance.LOW,
                "Largest response body accepted, in bytes. A larger body is refused with a clear error and retried "
                        + "later; it protects the worker's heap from a misbehaving proxy.",
                GROUP_CONNECTION, ++order, Width.SHORT, "Max response bytes");

        order = 0;
        def.define(TOPIC, Type.STRING, "phaseo.videos", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.HIGH,
                "Kafka topic the records are written to. Keyed by video id: a compacted topic keeps the latest state of every job.",
                GROUP_CAPTURE, ++order, Width.MEDIUM, "Topic");
        def.define(POLL_INTERVAL, Type.LONG, 5_000L, Range.between(200L, 3_600_000L), Importance.HIGH,
                "Time between two scans of the API, in milliseconds. A state that lasts less than this can be skipped "
                        + "(the API exposes no history of a job), but every final state is captured.",
                GROUP_CAPTURE, ++order, Width.SHORT, "Poll interval (ms)");
        def.define(PRESSURE_INTERVAL, Type.LONG, 500L, Range.between(50L, 3_600_000L), Importance.LOW,
                "Least time between two reads of one list window, in milliseconds. Each window is read when its own "
                        + "change rate says it has half filled, at most every poll.interval.ms and at least this far "
                        + "apart; the gateway keeps only a window's most recent changes, so during a burst reading "
                        + "sooner keeps changes from being pushed out unseen.",
                GROUP_CAPTURE, ++order, Width.SHORT, "Shortest window read interval (ms)");
        def.define(PRESSURE_MAX_REQUESTS, Type.INT, 600, Range.between(1, 1_000_000), Importance.LOW,
                "At most this many list requests per minute for reading the windows. A calm workspace costs one "
                        + "or two requests per poll.interval.ms (12 to 24 a minute); in a burst each status window is "
                        + "read as often as its change rate asks, which can cost ten to twenty times that. Above this bound reads "
                        + "wait; a window that overflows meanwhile is reported (WindowOverflows), never lost silently.",
                GROUP_CAPTURE, ++order, Width.SHORT, "Most window requests per minute");
        def.define(PAGE_SIZE, Type.INT, 100, Range.between(1, 100), Importance.LOW,
                "Rows asked per list request, always sent as limit (the gateway returns nothing without it and "
                        + "clamps to 100).",
                GROUP_CAPTURE, ++order, Width.SHORT, "Page size");
        def.define(STATUS_FILTER, Type.LIST, "", Validators.statuses(), Importance.MEDIUM,
                "Only stream jobs whose current status is one of these (aliases accepted). Empty streams all jobs.",
                GROUP_CAPTURE, ++order, Width.LONG, "Status filter");
        def.define(API_BEHAVIOR, Type.STRING, ApiBehavior.AUTO.configValue(), Validators.oneOf(ApiBehavior.class),
                Importance.LOW,
                "Which listing behaviour to plan for: 'window' (the gateway today: a window of the most recently "
                        + "updated jobs), 'cursor' (the published docs: full history with a stable cursor), or 'auto' "
                        + "(decide from the answers; starts as window and switches when a listing goes past one window).",
                GROUP_CAPTURE, ++order, Width.SHORT, "API behaviour");
        def.define(WINDOW_ROWS, Type.INT, 101, Range.between(1, 100_000), Importance.LOW,
                "Rows in one list window of the gateway (101 today). A listing that ends with fewer rows holds every job.",
                GROUP_CAPTURE, ++order, Width.SHORT, "Window rows");
        def.define(FULL_SCAN_INTERVAL, Type.LONG, 300_000L, Range.between(0L, 86_400_000L), Importance.LOW,
                "When the first page of a window is unchanged and nothing is in flight, the rest of the window is "
                        + "read at least this often (milliseconds); 0 reads the whole window every cycle.",
                GROUP_CAPTURE, ++order, Width.SHORT, "Full window scan interval (ms)");
        def.define(FOLLOW_MAX_REQUESTS, Type.INT, 20, Range.between(0, 10_000), Importance.MEDIUM,
                "Most GET /v1/videos/{id} requests per cycle for jobs that are not final and not visible in the list.",
                GROUP_CAPTURE, ++order, Width.SHORT, "Follow budget per cycle");
        def.define(FOLLOW_ON_WINDOW_OVERFLOW, Type.BOOLEAN, false, Importance.LOW,
                "Under the gateway's window behaviour, after a window overflowed, fetch by id the jobs last seen queued "
                        + "or processing, to catch intermediate states. Off by default: a job that finished meanwhile is "
                        + "re-finalized by today's gateway when read by id (its completed_at is rewritten). Final states "
                        + "never need it.",
                GROUP_CAPTURE, ++order, Width.SHORT, "Follow on window overflow");
        def.define(FOLLOW_INTERVAL, Type.LONG, 20_000L, Range.between(0L, 86_400_000L), Importance.LOW,
                "Least time between two fetches of the same followed job, in milliseconds (the API advises "
                        + "poll_after_seconds=20). Doubles while the job stays unchanged, up to ten times this value.",
                GROUP_CAPTURE, ++order, Width.SHORT, "Follow interval (ms)");
        def.define(FOLLOW_MAX_AGE, Type.LONG, 86_400_000L, Range.between(60_000L, 90L * 86_400_000L), Importance.LOW,
                "Stop following a job that is still not final this long after it was first seen, in milliseconds.",
                GROUP_CAPTURE, ++order, Width.SHORT, "Follow max age (ms)");
        def.define(STATE_MAX_JOBS, Type.INT, 5_000, Range.between(100, 10_000), Importance.LOW,
                "Most jobs whose last state the offsets remember: the windows' recent final jobs (and the finished "
                        + "history jobs the first reads listed) plus every job not final yet (in flight, billing open or "
                        + "a webhook retry pending). Bounds the offset size (about 80 bytes a job, so 400 KB at the "
                        + "default; the 10,000 maximum stays under the 1 MB default message size of the offsets topic). "
                        + "Past it, final jobs are let go first (a DELETE listing one again after a restart may then "
                        + "write it once more), then the oldest jobs are dropped with a warning and their later changes "
                        + "are no longer followed.",
                GROUP_CAPTURE, ++order, Width.SHORT, "State max jobs");
        def.define(FINGERPRINT_IGNORE, Type.LIST, String.join(",", DEFAULT_VOLATILE_FIELDS), Validators.fieldPaths(),
                Importance.LOW,
                "Fields left out of change detection because the API re-signs them on every request. A change to "
                        + "them alone produces no record.",
                GROUP_CAPTURE, ++order, Width.LONG, "Volatile fields");
        def.define(TOMBSTONES, Type.BOOLEAN, false, Importance.LOW,
                "Write a tombstone (null value) for a followed job the API answers 404 for (deleted or no longer owned).",
                GROUP_CAPTURE, ++order, Width.SHORT, "Tombstones on delete");

        order = 0;
        def.define(BACKFILL_MODE, Type.STRING, BackfillMode.ALL.configValue(), Validators.oneOf(BackfillMode.class),
                Importance.MEDIUM,
                "History streamed on the first start: 'all' (everything the API can reach), 'none' (only changes from "
                        + "now on) or 'since' (jobs created at or after backfill.since). Today's gateway reaches only "
                        + "its recent windows; the connector says so once and carries on.",
                GROUP_BACKFILL, ++order, Width.SHORT, "Backfill mode");
        def.define(BACKFILL_SINCE, Type.STRING, "", Validators.optionalInstant(), Importance.LOW,
                "With backfill.mode=since: the earliest creation time to stream, ISO-8601 (2026-01-01T00:00:00Z or 2026-01-01).",
                GROUP_BACKFILL, ++order, Width.MEDIUM, "Backfill since");
        def.define(BACKFILL_PAGES, Type.INT, 10, Range.between(1, 10_000), Importance.LOW,
                "Most history pages read per cycle, so live changes are not held up by a long backfill.",
                GROUP_BACKFILL, ++order, Width.SHORT, "Backfill pages per cycle");

        order = 0;
        def.define(VALUE_FORMAT, Type.STRING, ValueFormat.STRUCT.name().toLowerCase(Locale.ROOT), Validators.oneOf(ValueFormat.class),
                Importance.MEDIUM,
                "Record value: 'struct' (the typed, versioned schema), 'json' (the API's JSON text as a string) or "
                        + "'map' (schemaless map of plain JSON values).",
                GROUP_FORMAT, ++order, Width.SHORT, "Value format");
        def.define(VALUE_FLATTEN, Type.BOOLEAN, false, Importance.LOW,
                "With value.format=struct or map: flatten nested structs (maps) into parent_child fields, for sinks "
                        + "that cannot take nesting (arrays of structs become JSON text). Not with value.format=json.",
                GROUP_FORMAT, ++order, Width.SHORT, "Flatten value");
        def.define(VALUE_TIMESTAMP_FORMAT, Type.STRING, TimestampFormat.CONNECT.configValue(),
                Validators.oneOf(TimestampFormat.configValues()), Importance.LOW,
                "With value.format=struct or map: how the time fields (created_at, billing.billed_at, ...) are written. "
                        + "'connect': Connect's Timestamp logical type (epoch milliseconds; the schemas Video and "
                        + "VideoFlat). 'iso-zoned': ISO-8601 text in UTC to the millisecond, e.g. "
                        + "2026-12-05T23:10:00.123Z, as an optional string named io.debezium.time.ZonedTimestamp, "
                        + "version 1 (the schemas VideoZoned and VideoFlatZoned), which Debezium's JDBC sink writes to "
                        + "timestamptz columns (docs/WAREHOUSE.md). Same fields and _raw companions either way.",
                GROUP_FORMAT, ++order, Width.SHORT, "Timestamp format");
        def.define(KEY_FORMAT, Type.STRING, KeyFormat.STRUCT.configValue(), Validators.oneOf(KeyFormat.class),
                Importance.LOW,
                "Record key: 'struct' (a named VideoKey{id} struct) or 'string' (the bare video id).",
                GROUP_FORMAT, ++order, Width.SHORT, "Key format");

        order = 0;
        def.define(BACKOFF_INITIAL, Type.LONG, 1_000L, Range.between(10L, 600_000L), Importance.LOW,
                "Base of the first wait after a transient failure (5xx, timeout, IO, malformed body), in milliseconds. "
                        + "Jitter takes up to half off each wait, so the first one lasts between half of this and all of it; "
                        + "the base doubles with each further failure, up to retry.backoff.max.ms.",
                GROUP_ERRORS, ++order, Width.SHORT, "Backoff initial (ms)");
        def.define(BACKOFF_MAX, Type.LONG, 60_000L, Range.between(10L, 3_600_000L), Importance.LOW,
                "Longest wait between retries of a transient failure, in milliseconds.",
                GROUP_ERRORS, ++order, Width.SHORT, "Backoff max (ms)");
        def.define(RETRY_AFTER_MAX, Type.LONG, 300_000L, Range.between(0L, 3_600_000L), Importance.LOW,
                "Cap on a 429 answer's Retry-After, in milliseconds.",
                GROUP_ERRORS, ++order, Width.SHORT, "Retry-After cap (ms)");
        def.define(DISABLED_RETRY_INTERVAL, Type.LONG, 60_000L, Range.between(100L, 86_400_000L), Importance.LOW,
                "Deprecated and ignored: while the API answers 501 not_implemented_yet the task checks once per "
                        + "poll.interval.ms, which costs no more than an idle poll and starts streaming within one poll "
                        + "interval of the API opening. Still accepted so that existing configs stay valid; a task "
                        + "started with it set logs a WARN.",
                GROUP_ERRORS, ++order, Width.SHORT, "Disabled API retry (ms)");
        def.define(DISABLED_BEHAVIOR, Type.STRING, DisabledBehavior.WAIT.configValue(), Validators.oneOf(DisabledBehavior.class),
                Importance.LOW,
                "While the API answers 501: 'wait' keeps the task RUNNING and resumes by itself when the API opens; "
                        + "'fail' fails the task with the API's reason.",
                GROUP_ERRORS, ++order, Width.SHORT, "Disabled API behaviour");
        return def;
    }

    /** Rules that involve more than one key, as (key, message) pairs; empty when the config is sound. */
    public List<Map.Entry<String, String>> crossFieldErrors() {
        List<Map.Entry<String, String>> errors = new ArrayList<>();
        URI url = URI.create(getString(API_URL).trim());
        if ("http".equalsIgnoreCase(url.getScheme())) {
            if (!isLoopback(url.getHost())) {
                errors.add(Map.entry(API_URL, "Plain http is refused for " + url.getHost() + ": use https"));
            } else if (!getBoolean(ALLOW_INSECURE_LOOPBACK)) {
                errors.add(Map.entry(API_URL, "Plain http to a loopback host needs " + ALLOW_INSECURE_LOOPBACK + "=true"));
            }
        }
        Password key = getPassword(API_KEY);
        if (key == null || key.value() == null || key.value().isBlank()) {
            errors.add(Map.entry(API_KEY, "The API key is empty"));
        } else if (!key.value().equals(key.value().strip()) || key.value().chars().anyMatch(Character::isWhitespace)) {
            errors.add(Map.entry(API_KEY, "The API key contains white space; check how it was pasted"));
        }
        if (backfillMode() == BackfillMode.SINCE && getString(BACKFILL_SINCE).isBlank()) {
            errors.add(Map.entry(BACKFILL_SINCE, "backfill.mode=since needs backfill.since"));
        }
        if (backoffMax().compareTo(backoffInitial()) < 0) {
            errors.add(Map.entry(BACKOFF_MAX, "Must not be smaller than " + BACKOFF_INITIAL));
        }
        if (valueFlatten() && valueFormat() == ValueFormat.JSON) {
            errors.add(Map.entry(VALUE_FLATTEN, "Flattening applies to value.format=struct and map, not to json "
                    + "(the API's own text)"));
        }
        if (valueTimestampFormat() != TimestampFormat.CONNECT && valueFormat() == ValueFormat.JSON) {
            errors.add(Map.entry(VALUE_TIMESTAMP_FORMAT, "value.format=json writes the API's own text, whose times "
                    + "are not converted: use value.timestamp.format=" + TimestampFormat.CONNECT.configValue()
                    + " or value.format=struct"));
        }
        return errors;
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses are checked, so that no DNS lookup happens during validation.
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // ---- Typed accessors ----------------------------------------------------------------------

    public URI apiUrl() {
        return URI.create(getString(API_URL).trim());
    }

    public Password apiKey() {
        return getPassword(API_KEY);
    }

    public boolean allowInsecureLoopback() {
        return getBoolean(ALLOW_INSECURE_LOOPBACK);
    }

    public boolean validateProbe() {
        return getBoolean(VALIDATE_PROBE);
    }

    public String workspace() {
        return getString(WORKSPACE).trim();
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getLong(CONNECT_TIMEOUT));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getLong(READ_TIMEOUT));
    }

    public Duration callTimeout() {
        return Duration.ofMillis(getLong(CALL_TIMEOUT));
    }

    public int maxResponseBytes() {
        return getInt(MAX_RESPONSE_BYTES);
    }

    public String topic() {
        return getString(TOPIC).trim();
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL));
    }

    public Duration pressureInterval() {
        return Duration.ofMillis(getLong(PRESSURE_INTERVAL));
    }

    public int pressureMaxRequestsPerMinute() {
        return getInt(PRESSURE_MAX_REQUESTS);
    }

    public int pageSize() {
        return getInt(PAGE_SIZE);
    }

    /** The normalised statuses to stream; empty means all. */
    public Set<VideoStatus> statusFilter() {
        Set<VideoStatus> statuses = EnumSet.noneOf(VideoStatus.class);
        for (String wire : getList(STATUS_FILTER)) {
            VideoStatus.parse(wire).ifPresent(statuses::add);
        }
        return statuses;
    }

    public ApiBehavior apiBehavior() {
        return ApiBehavior.valueOf(getString(API_BEHAVIOR).trim().toUpperCase(Locale.ROOT));
    }

    public int windowRows() {
        return getInt(WINDOW_ROWS);
    }

    public Duration fullScanInterval() {
        return Duration.ofMillis(getLong(FULL_SCAN_INTERVAL));
    }

    public int followMaxRequestsPerCycle() {
        return getInt(FOLLOW_MAX_REQUESTS);
    }

    public boolean followOnWindowOverflow() {
        return getBoolean(FOLLOW_ON_WINDOW_OVERFLOW);
    }

    public Duration followInterval() {
        return Duration.ofMillis(getLong(FOLLOW_INTERVAL));
    }

    public Duration followMaxAge() {
        return Duration.ofMillis(getLong(FOLLOW_MAX_AGE));
    }

    public int stateMaxJobs() {
        return getInt(STATE_MAX_JOBS);
    }

    public List<String> volatileFields() {
        return List.copyOf(getList(FINGERPRINT_IGNORE));
    }

    public boolean tombstonesOnDelete() {
        return getBoolean(TOMBSTONES);
    }

    public BackfillMode backfillMode() {
        return BackfillMode.valueOf(getString(BACKFILL_MODE).trim().toUpperCase(Locale.ROOT));
    }

    /** The earliest creation time to backfill; present only with {@code backfill.mode=since}. */
    public Optional<Instant> backfillSince() {
        String text = getString(BACKFILL_SINCE).trim();
        return text.isEmpty() ? Optional.empty() : Optional.ofNullable(Validators.parseInstant(text));
    }

    public int backfillPagesPerCycle() {
        return getInt(BACKFILL_PAGES);
    }

    public ValueFormat valueFormat() {
        return ValueFormat.valueOf(getString(VALUE_FORMAT).trim().toUpperCase(Locale.ROOT));
    }

    public boolean valueFlatten() {
        return getBoolean(VALUE_FLATTEN);
    }

    public TimestampFormat valueTimestampFormat() {
        return TimestampFormat.fromConfig(getString(VALUE_TIMESTAMP_FORMAT));
    }

    public KeyFormat keyFormat() {
        return KeyFormat.valueOf(getString(KEY_FORMAT).trim().toUpperCase(Locale.ROOT));
    }

    public Duration backoffInitial() {
        return Duration.ofMillis(getLong(BACKOFF_INITIAL));
    }

    public Duration backoffMax() {
        return Duration.ofMillis(getLong(BACKOFF_MAX));
    }

    public Duration retryAfterMax() {
        return Duration.ofMillis(getLong(RETRY_AFTER_MAX));
    }

    /** Whether the deprecated, ignored {@link #DISABLED_RETRY_INTERVAL} was set (the task then says it is ignored). */
    public boolean disabledRetryIntervalSet() {
        return originals().containsKey(DISABLED_RETRY_INTERVAL);
    }

    public DisabledBehavior disabledBehavior() {
        return DisabledBehavior.valueOf(getString(DISABLED_BEHAVIOR).trim().toUpperCase(Locale.ROOT));
    }
}
