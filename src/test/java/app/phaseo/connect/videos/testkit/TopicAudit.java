package app.phaseo.connect.videos.testkit;

import app.phaseo.connect.videos.model.VideoStatus;
import app.phaseo.connect.videos.simulator.JobVersion;
import app.phaseo.connect.videos.simulator.PhaseoSimulator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares "the topic" with the simulator's ground truth, job by job: every final state present,
 * no record that repeats the previous one but for volatile fields, no record out of the job's
 * order, no record showing a state the job never had.
 */
public final class TopicAudit {

    /** One record of the topic: the video id and the job as written (null for a tombstone). */
    public record Written(String id, ObjectNode video) {
    }

    /**
     * A crash and restart: the offset of record {@code committed} was committed, records up to
     * {@code durable} reached Kafka, and the resumed task's first record is at {@code resumedAt}.
     */
    public record Crash(int committed, int durable, int resumedAt) {
    }

    /**
     * Jobs left out of the missing-final check, and why: e.g. history the API never lists while the
     * connector runs. Every other check (repeats, order, states the job never had) still applies to
     * them, and the report counts them.
     *
     * @param reason why these jobs cannot be expected in the topic, stated by the caller; shown in the report
     * @param ids    the excluded jobs
     */
    public record Exclusion(String reason, Set<String> ids) {

        /** Nothing excluded. */
        public static final Exclusion NONE = new Exclusion("nothing excluded", Set.of());

        public Exclusion {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an exclusion states its reason");
            }
            ids = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(ids));
        }

        /** Jobs the API never lists while the connector runs, with the reason the caller gives. */
        public static Exclusion unreachable(String reason, Set<String> ids) {
            return new Exclusion(reason, ids);
        }
    }

    /**
     * Where the truth comes from: the jobs, every version of each, and whether each is final now.
     * {@link #of(PhaseoSimulator)} reads the simulator; a test of the audit itself scripts one.
     */
    public interface Truth {

        Set<String> jobIds();

        List<JobVersion> versions(String id);

        boolean isFinal(String id);

        /**
         * Whether the job's billing mark is postponed for good: it is never final, and its last state
         * is checked instead, without the {@code completed_at} the gateway rewrites at every claim.
         */
        default boolean isBillingStuck(String id) {
            return false;
        }

        static Truth of(PhaseoSimulator sim) {
            return new Truth() {
                @Override
                public Set<String> jobIds() {
                    return sim.jobIds();
                }

                @Override
                public List<JobVersion> versions(String id) {
                    return sim.versions(id);
                }

                @Override
                public boolean isFinal(String id) {
                    return sim.isFinal(id);
                }

                @Override
                public boolean isBillingStuck(String id) {
                    return sim.isBillingStuck(id);
                }
            };
        }
    }

    /**
     * What the audit found. The four lists of ids (one entry per finding, so a job can appear more
     * than once) and {@link #unknownJobs} say what is wrong; {@link #problems} says the same in
     * words, one line per finding, each naming the job and the record's position in the topic.
     *
     * @param jobs          jobs held to the missing-final check (known jobs minus the excluded ones)
     * @param finalJobs     those of them final now (and inside the status filter)
     * @param excludedJobs  jobs excluded from the missing-final check ({@link Exclusion})
     * @param excludedReason the reason the caller gave for excluding them
     */
    public record Report(int jobs, int finalJobs, List<String> missingFinal, List<String> duplicates, List<String> outOfOrder,
                  List<String> unmatched, int meaningfulSeen, int meaningfulTotal, int records, int resends,
                  List<String> unknownJobs, int excludedJobs, String excludedReason, List<String> problems,
                  int stuckJobs) {

        /** The report without stuck jobs (a truth that has none). */
        public Report(int jobs, int finalJobs, List<String> missingFinal, List<String> duplicates, List<String> outOfOrder,
                      List<String> unmatched, int meaningfulSeen, int meaningfulTotal, int records, int resends,
                      List<String> unknownJobs, int excludedJobs, String excludedReason, List<String> problems) {
            this(jobs, finalJobs, missingFinal, duplicates, outOfOrder, unmatched, meaningfulSeen, meaningfulTotal, records,
                    resends, unknownJobs, excludedJobs, excludedReason, problems, 0);
        }

        /** The report as it was before unknown jobs, exclusions and messages were added. */
        public Report(int jobs, int finalJobs, List<String> missingFinal, List<String> duplicates, List<String> outOfOrder,
                      List<String> unmatched, int meaningfulSeen, int meaningfulTotal, int records, int resends) {
            this(jobs, finalJobs, missingFinal, duplicates, outOfOrder, unmatched, meaningfulSeen, meaningfulTotal, records,
                    resends, List.of(), 0, Exclusion.NONE.reason(), List.of());
        }

        public boolean clean() {
            return missingFinal.isEmpty() && duplicates.isEmpty() && outOfOrder.isEmpty() && unmatched.isEmpty()
                    && unknownJobs.isEmpty();
        }

        public double meaningfulRatio() {
            return meaningfulTotal == 0 ? 1.0 : (double) meaningfulSeen / meaningfulTotal;
        }

        @Override
        public String toString() {
            return String.format("%d jobs (%d final, %d stuck before their billing mark), %d records: %d final states missing %s, %d duplicates %s, "
                            + "%d out of order %s, %d unmatched %s, %d records of unknown jobs %s, meaningful states %d/%d, "
                            + "%d re-sent after crashes, %d jobs excluded from the final-state check (%s)%s",
                    jobs, finalJobs, stuckJobs, records, missingFinal.size(), head(missingFinal), duplicates.size(), head(duplicates),
                    outOfOrder.size(), head(outOfOrder), unmatched.size(), head(unmatched), unknownJobs.size(),
                    head(unknownJobs), meaningfulSeen, meaningfulTotal, resends, excludedJobs, excludedReason,
                    problems.isEmpty() ? "" : "; first problems: " + head(problems));
        }

        private static List<String> head(List<String> list) {
            return list.subList(0, Math.min(3, list.size()));
        }
    }

    private TopicAudit() {
    }

    public static Report audit(List<Written> topic, PhaseoSimulator sim, Set<VideoStatus> filter) {
        return audit(topic, Truth.of(sim), filter, Exclusion.NONE, List.of());
    }

    /**
     * @param unreachable jobs the API never lists while the connector runs (history beyond the
     *                    gateway's windows): not expected in the topic
     * @deprecated name the reason: {@link #audit(List, Truth, Set, Exclusion, List)}
     */
    @Deprecated
    public static Report audit(List<Written> topic, PhaseoSimulator sim, Set<VideoStatus> filter,
                               Set<String> unreachable, List<Crash> crashes) {
        return audit(topic, Truth.of(sim), filter,
                Exclusion.unreachable("history beyond the gateway's windows (reason not stated by the caller)", unreachable),
                crashes);
    }

    /** The audit against the simulator's truth, with jobs excluded from the missing-final check for a stated reason. */
    public static Report audit(List<Written> topic, PhaseoSimulator sim, Set<VideoStatus> filter, Exclusion excluded,
                               List<Crash> crashes) {
        return audit(topic, Truth.of(sim), filter, excluded, crashes);
    }

    /**
     * Audits the topic job by job. Each record of a job is compared with the previous record of the
     * same job: equal but for the volatile fields is a repeat (a re-send when a crash explains it,
     * else a duplicate). Otherwise it must show a version after the one the previous record showed
     * (else it is out of order, or a state the job never had). The last record of every final job
     * must show its last version, except for the excluded jobs. A record of a job the truth does not
     * know is reported too.
     */
    public static Report audit(List<Written> topic, Truth truth, Set<VideoStatus> filter, Exclusion excluded,
                               List<Crash> crashes) {
        Set<String> known = new java.util.TreeSet<>(truth.jobIds());
        Map<String, List<Integer>> byJob = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < topic.size(); i++) {
            String id = topic.get(i).id();
            if (!known.contains(id)) {
                unknown.add(id);
                problems.add(String.format("record #%d: job %s is unknown to the truth", i, id));
            } else if (topic.get(i).video() != null) {
                byJob.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
            }
        }
        int resends = 0;
        List<String> missing = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<String> outOfOrder = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        int jobs = 0;
        int finalJobs = 0;
        int stuckJobs = 0;
        int excludedJobs = 0;
        int meaningfulSeen = 0;
        int meaningfulTotal = 0;
        for (String id : known) {
            List<ObjectNode> versions = new ArrayList<>();
            List<JobVersion> history = truth.versions(id);
            for (JobVersion v : history) {
                versions.add(normalized(v.stable()));
            }
            List<Integer> records = byJob.getOrDefault(id, List.of());
            int last = -1;
            ObjectNode previous = null;
            int previousIndex = -1;
            boolean[] seen = new boolean[versions.size()];
            for (int index : records) {
                ObjectNode stable = normalized(stable(topic.get(index).video()));
                if (stable.equals(previous)) {
                    if (resent(crashes, previousIndex, index)) {
                        resends++;
                    } else {
                        duplicates.add(id);
                        problems.add(String.format("record #%d: job %s repeats its record #%d", index, id, previousIndex));
                    }
                    previousIndex = index;
                    continue;
                }
                int match = -1;
                for (int i = last + 1; i < versions.size() && match < 0; i++) {
                    if (versions.get(i).equals(stable)) {
                        match = i;
                    }
                }
                if (match < 0) {
                    int earlier = -1;
                    for (int i = 0; i <= last && earlier < 0; i++) {
                        if (versions.get(i).equals(stable)) {
                            earlier = i;
                        }
                    }
                    if (earlier >= 0) {
                        outOfOrder.add(id);
                        problems.add(String.format("record #%d: job %s shows version %d after version %d", index, id,
                                earlier + 1, last + 1));
                    } else {
                        unmatched.add(id);
                        problems.add(String.format("record #%d: job %s shows a state it never had", index, id));
                    }
                } else {
                    last = match;
                    seen[match] = true;
                }
                previous = stable;
                previousIndex = index;
            }
            if (excluded.ids().contains(id)) {
                excludedJobs++;
                continue;
            }
            jobs++;
            for (int i = 0; i < history.size(); i++) {
                JobVersion v = history.get(i);
                if (v.meaningful() && matches(filter, v.stable())) {
                    meaningfulTotal++;
                    if (seen[i]) {
                        meaningfulSeen++;
                    }
                }
            }
            ObjectNode lastVersion = versions.get(versions.size() - 1);
            if (truth.isFinal(id) && matches(filter, lastVersion)) {
                finalJobs++;
                if (!lastVersion.equals(previous)) {
                    missing.add(id);
                    problems.add(String.format("job %s: final state (version %d) %s", id, versions.size(),
                            previous == null ? "never written"
                                    : "not the job's last record (it differs in " + differences(lastVersion, previous)
                                    + "; the last record shows version " + (last + 1) + ")"));
                }
            } else if (truth.isBillingStuck(id) && isTerminal(lastVersion) && matches(filter, lastVersion)) {
                // Never final by design: its last state must still be the job's last record, but for the
                // completed_at the gateway rewrites at every claim and the connector deliberately ignores
                // while the job is unbilled (docs/CAPTURE.md, "What a change is").
                stuckJobs++;
                if (previous == null || !withoutCompletion(lastVersion).equals(withoutCompletion(previous))) {
                    missing.add(id);
                    problems.add(String.format("job %s: last state of a job stuck before its billing mark (version %d) %s",
                            id, versions.size(), previous == null ? "never written" : "not the job's last record"));
                }
            }
        }
        return new Report(jobs, finalJobs, missing, duplicates, outOfOrder, unmatched, meaningfulSeen, meaningfulTotal,
                topic.size(), resends, unknown, excludedJobs, excluded.reason(), problems, stuckJobs);
    }

    /**
     * Whether a repeat is the re-send at-least-once allows: the first copy was written after the
     * offset a crashed task had committed, and the second by the task that resumed from it.
     */
    private static boolean resent(List<Crash> crashes, int first, int second) {
        for (Crash crash : crashes) {
            if (first > crash.committed() && first <= crash.durable() && second >= crash.resumedAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The history jobs today's gateway never lists: created before {@code at}, unchanged since, and
     * not among the {@code windowRows} most recently updated jobs of the unfiltered window nor of
     * their status's window at that time.
     */
    public static Set<String> beyondWindows(PhaseoSimulator sim, java.time.Instant at, int windowRows) {
        return historyBeyondWindows(sim, at, at, windowRows);
    }

    /** Like {@link #beyondWindows}, for the jobs created before {@code createdBefore}, as listed at {@code at}. */
    public static Set<String> historyBeyondWindows(PhaseoSimulator sim, java.time.Instant createdBefore, java.time.Instant at,
                                            int windowRows) {
        record Seen(String id, java.time.Instant updated, VideoStatus status) {
        }
        List<Seen> history = new ArrayList<>();
        for (String id : sim.jobIds()) {
            JobVersion latest = null;
            for (JobVersion v : sim.versions(id)) {
                if (!v.time().isAfter(at)) {
                    latest = v;
                }
            }
            if (latest != null) {
                history.add(new Seen(id, latest.time(), VideoStatus.fromWire(latest.stable().path("status").asText(null))));
            }
        }
        java.util.Comparator<Seen> recentFirst = java.util.Comparator.comparing(Seen::updated).reversed()
                .thenComparing(Seen::id, java.util.Comparator.reverseOrder());
        Set<String> reachable = new java.util.HashSet<>();
        history.stream().sorted(recentFirst).limit(windowRows).forEach(s -> reachable.add(s.id()));
        for (VideoStatus status : VideoStatus.values()) {
            history.stream().filter(s -> s.status() == status).sorted(recentFirst).limit(windowRows)
                    .forEach(s -> reachable.add(s.id()));
        }
        Set<String> unreachable = new java.util.HashSet<>();
        for (Seen s : history) {
            boolean old = !sim.versions(s.id()).get(0).time().isAfter(createdBefore);
            if (old && !reachable.contains(s.id())) {
                unreachable.add(s.id());
            }
        }
        return unreachable;
    }

    private static boolean isTerminal(JsonNode video) {
        VideoStatus status = VideoStatus.fromWire(video.path("status").asText(null));
        return status != null && status.isTerminal();
    }

    private static ObjectNode withoutCompletion(ObjectNode video) {
        ObjectNode copy = video.deepCopy();
        copy.remove("completed_at");
        return copy;
    }

    private static boolean matches(Set<VideoStatus> filter, JsonNode video) {
        return filter.isEmpty() || filter.contains(VideoStatus.fromWire(video.path("status").asText(null)));
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Through text and back, so number node types match what a parser produces. */
    public static ObjectNode normalized(ObjectNode node) {
        try {
            return (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The paths at which two renderings of a job differ, for a readable report. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> paths = new ArrayList<>();
        collectDifferences("", expected, actual, paths);
        return paths;
    }

    private static void collectDifferences(String path, JsonNode expected, JsonNode actual, List<String> paths) {
        if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collectDifferences(path.isEmpty() ? name : path + "." + name, expected.get(name), actual.get(name), paths);
            }
        } else if (expected == null ? actual != null : !expected.equals(actual)) {
            paths.add(path + " (" + shortened(expected) + " vs " + shortened(actual) + ")");
        }
    }

    /** A value as JSON, cut at 60 characters: a list of webhook attempts would drown the report. */
    private static String shortened(JsonNode value) {
        String text = String.valueOf(value);
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** The job without the fields the API re-signs on every request. */
    public static ObjectNode stable(ObjectNode video) {
        ObjectNode copy = video.deepCopy();
        copy.remove("download_url");
        copy.remove("expires_at");
        JsonNode outputs = copy.get("outputs");
        if (outputs != null && outputs.isArray()) {
            for (JsonNode output : outputs) {
                if (output.isObject()) {
                    ((ObjectNode) output).remove("download_url");
                    ((ObjectNode) output).remove("expires_at");
                }
            }
        }
        return copy;
    }
}
