package app.phaseo.connect.videos.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A faithful, deterministic, scriptable simulator of the Phaseo video-jobs API
 * ({@code GET /v1/videos}, {@code GET /v1/videos/{id}}) on {@code 127.0.0.1}, in either
 * behaviour of docs/CAPTURE.md ("What the API shows").
 *
 * <p>Every job's life is decided when it is created, from the seed and the job's index, as a
 * schedule of events; what a request sees is the fold of the events up to the clock's now.
 * With a {@link MutableClock} time moves only when the test moves it; with
 * {@link Clock#systemUTC()} the jobs live in real time.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock(Instant.parse("2026-11-28T15:00:00Z"));
 * try (PhaseoSimulator sim = PhaseoSimulator.builder().clock(clock).seed(7)
 *         .workload(Workload.steady(2, Duration.ofMinutes(1), 7)).build().start()) {
 *     clock.advance(Duration.ofSeconds(30));
 *     // GET sim.baseUrl() + "/videos?limit=100" with "Authorization: Bearer " + sim.apiKey()
 * }
 * }</pre>
 */
public final class PhaseoSimulator implements AutoCloseable {

    /** A key of the right format that can never be mistaken for a real one. */
    public static final String DEFAULT_API_KEY = "aistats_v1_sk_fake_simulator_key";
    /** The gateway's list window. */
    public static final int DEFAULT_WINDOW_SIZE = 101;

    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final SimBehavior behavior;
    private final Clock clock;
    private final String apiKey;
    private final int requestedPort;
    private final Instant startedAt;
    private final String workspaceId;
    private final JobStore store;
    private final VideoRenderer renderer;
    private final VideoApi api;
    private final FaultInjector faults = new FaultInjector();
    private final RequestStats stats = new RequestStats();
    private final AtomicReference<String> disabledReason = new AtomicReference<>();
    private final Random requestIdRandom;
    private final Flicker flicker;
    private HttpServer server;
    private ExecutorService executor;

    private PhaseoSimulator(Builder b) {
        this.behavior = b.behavior;
        this.clock = b.clock;
        this.apiKey = b.apiKey;
        this.requestedPort = b.port;
        this.startedAt = clock.instant();
        this.workspaceId = new UUID(Seeds.derive(b.seed, Seeds.WORKSPACE, 0),
                Seeds.derive(b.seed, Seeds.WORKSPACE, 1)).toString();
        this.requestIdRandom = new Random(Seeds.derive(b.seed, Seeds.REQUESTS, 0));
        this.flicker = new Flicker(b.authFlickerRate, b.gateFlickerRate, Seeds.derive(b.seed, Seeds.FLICKER, 0));
        UrlSigner signer = new UrlSigner(workspaceId, b.seed);
        VideoRenderer shape = behavior == SimBehavior.GATEWAY_CODE
                ? new CodeShapeRenderer(signer) : new DocsShapeRenderer(signer);
        this.renderer = b.largeRows ? new LargeRows(shape) : shape;
        this.store = new JobStore(new JobFactory(b.seed, b.profile), b.profile, startedAt, b.workload,
                b.preexistingCount, b.preexistingSpan);
        this.api = new VideoApi(behavior, store, renderer, b.windowSize, workspaceId);
    }

    /** A builder with the defaults: GATEWAY_CODE, system UTC clock, seed 42, realistic lifecycle. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds {@code 127.0.0.1} and starts answering; returns this.
     *
     * <p>Unless already set, this sets the JVM property {@code sun.net.httpserver.nodelay=true}
     * (read once, when the JDK server is first used): without TCP_NODELAY each answer waits
     * about 40 ms for a delayed ACK on loopback.
     */
    public synchronized PhaseoSimulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + requestedPort, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread t = new Thread(runnable, "phaseo-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Authenticator authenticator = new Authenticator(apiKey);
        server.createContext("/", new SimulatorHandler(clock, api, authenticator, faults, stats,
                this::nextRequestId, disabledReason::get, flicker));
        server.setExecutor(executor);
        server.start();
        return this;
    }

    /** Stops the server (the ground truth stays readable). */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    public synchronized String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** The bound port (after {@link #start()}). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    public String apiKey() {
        return apiKey;
    }

    public SimBehavior behavior() {
        return behavior;
    }

    public Clock clock() {
        return clock;
    }

    /** The clock's instant when the simulator was built: the start of the workload. */
    public Instant startedAt() {
        return startedAt;
    }

    /** The workspace the key belongs to (in 404 bodies and download tokens). */
    public String workspaceId() {
        return workspaceId;
    }

    public FaultInjector faults() {
        return faults;
    }

    public RequestStats stats() {
        return stats;
    }

    /**
     * Disables the video API with {@code reason}: {@code video_api_temporarily_disabled} answers
     * 501 before authentication, any other reason (e.g. {@code video_api_feature_disabled})
     * after it; null enables it again.
     */
    public void disable(String reason) {
        disabledReason.set(reason);
    }

    /** Creates a job now; returns its id. */
    public String createJob() {
        return store.createRuntime(clock.instant()).id();
    }

    /** Creates {@code n} jobs now; returns their ids in creation order. */
    public List<String> createJobs(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(createJob());
        }
        return ids;
    }

    /** Deletes a job now; false when unknown or already deleted. */
    public boolean deleteJob(String id) {
        Instant now = clock.instant();
        store.materialise(now);
        return store.delete(id, now);
    }

    /** Ids of every job created as of now (deleted ones included), in creation order. */
    public Set<String> jobIds() {
        Instant now = clock.instant();
        synchronized (store) {
            store.materialise(now);
            Set<String> ids = new LinkedHashSet<>();
            for (Job job : store.all()) {
                if (!job.createdAt().isAfter(now)) {
                    ids.add(job.id());
                }
            }
            return ids;
        }
    }

    /** Every version of the job up to now, oldest first. */
    public List<JobVersion> versions(String id) {
        Instant now = clock.instant();
        synchronized (store) {
            return History.versions(job(id, now), now, renderer);
        }
    }

    /**
     * The job now, as the list serves it (volatile fields freshly signed, no side effect), as a
     * default {@code ObjectMapper} parses it. A deleted job renders in GATEWAY_CODE (its list keeps
     * tombstoned jobs) and throws in DOCUMENTED.
     */
    public ObjectNode render(String id) {
        Instant now = clock.instant();
        synchronized (store) {
            JobState state = job(id, now).stateAt(now);
            if (state.deleted && behavior == SimBehavior.DOCUMENTED) {
                throw new NoSuchElementException("job " + id + " is deleted");
            }
            return Json.asParsed(renderer.render(store.find(id).spec(), state, now));
        }
    }

    /**
     * Whether the job is final now: nothing the gateway still plans can change it. Its status is
     * terminal, its billing void or settled <em>and</em> {@code billed_at} is set, no webhook
     * delivery is queued (planned, not yet attempted) or pending a retry, and its billing is not
     * stuck ({@link #billingStuckReason}). Deleted jobs follow the same rule (the gateway keeps
     * claiming and finalizing unbilled ones).
     */
    public boolean isFinal(String id) {
        Instant now = clock.instant();
        synchronized (store) {
            return job(id, now).isFinalAt(now);
        }
    }

    /**
     * Why the job's billing mark is postponed at every finalization, for good ({@code missing_model},
     * {@code missing_seconds}, {@code capture_failed}, {@code release_failed},
     * {@code gateway_request_not_found}), or null when it is not: a stuck job is never final and,
     * with the reconciler on, gets its {@code completed_at} rewritten at every cron run.
     */
    public String billingStuckReason(String id) {
        Instant now = clock.instant();
        synchronized (store) {
            return job(id, now).spec().stuckReason();
        }
    }

    /** Whether the job's billing is stuck: it will never be final ({@link #billingStuckReason}). */
    public boolean isBillingStuck(String id) {
        return billingStuckReason(id) != null;
    }

    /**
     * The job's {@code updated_at} now (never shown by the API): the time of its last write,
     * invisible ones (reconciler claims, bookkeeping) included. The GATEWAY_CODE list window is
     * the most recently updated jobs by this time.
     */
    public Instant updatedAt(String id) {
        Instant now = clock.instant();
        synchronized (store) {
            return job(id, now).stateAt(now).updatedAt;
        }
    }

    /** Whether the job has been deleted. */
    public boolean isDeleted(String id) {
        Instant now = clock.instant();
        synchronized (store) {
            return job(id, now).stateAt(now).deleted;
        }
    }

    /** How many GET-by-id requests re-finalized a finished job (GATEWAY_CODE's side effect). */
    public long sideEffectCount() {
        return store.sideEffects();
    }

    /**
     * How many GET-by-id requests of a running OpenAI job wrote its polled progress (GATEWAY_CODE's
     * other side effect: an invisible write that moves the job to the top of the window).
     */
    public long progressWriteCount() {
        return store.progressWrites();
    }

    /** How many rows the reconciler cron has claimed so far, over all its runs up to now. */
    public long reconcilerClaimCount() {
        Instant now = clock.instant();
        synchronized (store) {
            store.materialise(now);
            return store.claims();
        }
    }

    /**
     * The most jobs still in flight that one reconciler run has claimed so far: all bumped at the same
     * instant, so more than a window's 101 of them replace a whole window with rows that look unchanged.
     */
    public int reconcilerLargestInFlightClaim() {
        Instant now = clock.instant();
        synchronized (store) {
            store.materialise(now);
            return store.largestInFlightClaim();
        }
    }

    private Job job(String id, Instant now) {
        store.materialise(now);
        Job job = store.find(id);
        if (job == null || job.createdAt().isAfter(now)) {
            throw new NoSuchElementException("no job " + id + " as of " + now);
        }
        return job;
    }

    private String nextRequestId() {
        synchronized (requestIdRandom) {
            return "G-" + Ulid.next(clock.instant(), requestIdRandom);
        }
    }

    /** Configures a {@link PhaseoSimulator}. */
    public static final class Builder {
        private SimBehavior behavior = SimBehavior.GATEWAY_CODE;
        private Clock clock = Clock.systemUTC();
        private long seed = 42;
        private String apiKey = DEFAULT_API_KEY;
        private int windowSize = DEFAULT_WINDOW_SIZE;
        private LifecycleProfile profile = LifecycleProfile.realistic();
        private Workload workload = Workload.none();
        private int preexistingCount;
        private Duration preexistingSpan = Duration.ofDays(1);
        private int port;
        private double authFlickerRate = Flicker.DEFAULT_RATE;
        private double gateFlickerRate = Flicker.DEFAULT_RATE;
        private boolean largeRows;

        private Builder() {
        }

        /**
         * Rows of production size (off by default): OpenAI prompts of 600–2,400 characters and
         * webhook response previews at the gateway's 500-character cap ({@link LargeRows}): under the
         * load benchmark a 100-row page grows from about 220 KB to 250–300 KB (up to 370 KB).
         */
        public Builder largeRows(boolean on) {
            this.largeRows = on;
            return this;
        }

        /**
         * Rates of the flickering errors of single requests (default one in 200 each): a 401
         * {@code db_error} (or {@code server_misconfig_missing_pepper}) on any route, and a 501
         * {@code video_api_feature_disabled} on the list. Drawn from the seed.
         */
        public Builder flicker(double authDbErrorRate, double featureGateRate) {
            this.authFlickerRate = checkRate(authDbErrorRate, "authDbErrorRate");
            this.gateFlickerRate = checkRate(featureGateRate, "featureGateRate");
            return this;
        }

        /** No flickering errors. */
        public Builder noFlicker() {
            return flicker(0, 0);
        }

        private static double checkRate(double rate, String name) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1]: " + rate);
            }
            return rate;
        }

        public Builder behavior(SimBehavior behavior) {
            this.behavior = Objects.requireNonNull(behavior, "behavior");
            return this;
        }

        /** Any clock: a {@link MutableClock} for virtual time, {@link Clock#systemUTC()} for real time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Decides every job: the same seed gives the same ids and the same lives. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The one key accepted; it must start with {@code aistats_v1_sk_} and must not look real
         * (no run of six letters or digits right after the prefix).
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            new Authenticator(apiKey);
            return this;
        }

        /** GATEWAY_CODE's list window (default 101). */
        public Builder windowSize(int windowSize) {
            if (windowSize < 0) {
                throw new IllegalArgumentException("windowSize must not be negative: " + windowSize);
            }
            this.windowSize = windowSize;
            return this;
        }

        public Builder profile(LifecycleProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** Jobs created over time, materialised when the clock reaches them. */
        public Builder workload(Workload workload) {
            this.workload = Objects.requireNonNull(workload, "workload");
            return this;
        }

        /** {@code count} finished (final) jobs created during {@code span} before the start. */
        public Builder preexisting(int count, Duration span) {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            this.preexistingCount = count;
            this.preexistingSpan = Objects.requireNonNull(span, "span");
            return this;
        }

        /** The port to bind; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** The simulator, not yet listening: call {@link PhaseoSimulator#start()}. */
        public PhaseoSimulator build() {
            return new PhaseoSimulator(this);
        }
    }
}
