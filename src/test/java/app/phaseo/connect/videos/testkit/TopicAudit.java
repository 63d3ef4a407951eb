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

    public record Report(int jobs, int finalJobs, List<String> missingFinal, List<String> duplicates, List<String> outOfOrder,
                  List<String> unmatched, int meaningfulSeen, int meaningfulTotal, int records, int resends) {

        public boolean clean() {
            return missingFinal.isEmpty() && duplicates.isEmpty() && outOfOrder.isEmpty() && unmatched.isEmpty();
        }

        public double meaningfulRatio() {
            return meaningfulTotal == 0 ? 1.0 : (double) meaningfulSeen / meaningfulTotal;
        }

        @Override
        public String toString() {
            return String.format("%d jobs (%d final), %d records: %d final states missing %s, %d duplicates %s, "
                            + "%d out of order %s, %d unmatched %s, meaningful states %d/%d, %d re-sent after crashes",
                    jobs, finalJobs, records, missingFinal.size(), head(missingFinal), duplicates.size(), head(duplicates),
                    outOfOrder.size(), head(outOfOrder), unmatched.size(), head(unmatched), meaningfulSeen, meaningfulTotal,
                    resends);
        }

        private static List<String> head(List<String> list) {
            return list.subList(0, Math.min(3, list.size()));
        }
    }

    private TopicAudit() {
    }

    public static Report audit(List<Written> topic, PhaseoSimulator sim, Set<VideoStatus> filter) {
        return audit(topic, sim, filter, Set.of(), List.of());
    }

    /**
     * @param unreachable jobs the API never lists while the connector runs (history beyond the
     *                    gateway's windows): not expected in the topic
     */
    public static Report audit(List<Written> topic, PhaseoSimulator sim, Set<VideoStatus> filter,
                               Set<String> unreachable, List<Crash> crashes) {
        Map<String, List<Integer>> byJob = new HashMap<>();
        for (int i = 0; i < topic.size(); i++) {
            if (topic.get(i).video() != null) {
                byJob.computeIfAbsent(topic.get(i).id(), k -> new ArrayList<>()).add(i);
            }
        }
        int resends = 0;
        List<String> missing = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<String> outOfOrder = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        int finalJobs = 0;
        int meaningfulSeen = 0;
        int meaningfulTotal = 0;
        Set<String> ids = new java.util.TreeSet<>(sim.jobIds());
        ids.removeAll(unreachable);
        for (String id : ids) {
            List<ObjectNode> versions = new ArrayList<>();
            List<JobVersion> truth = sim.versions(id);
            for (JobVersion v : truth) {
                versions.add(normalized(v.stable()));
            }
            List<Integer> records = byJob.getOrDefault(id, List.of());
            int last = -1;
            int lastIndex = -1;
            boolean[] seen = new boolean[versions.size()];
            for (int index : records) {
                ObjectNode stable = stable(topic.get(index).video());
                int match = -1;
                for (int i = Math.max(0, last); i < versions.size(); i++) {
                    if (versions.get(i).equals(stable)) {
                        match = i;
                        if (i > last) {
                            break;
                        }
                    }
                }
                if (match < 0) {
                    boolean earlier = false;
                    for (int i = 0; i < last; i++) {
                        earlier |= versions.get(i).equals(stable);
                    }
                    (earlier ? outOfOrder : unmatched).add(id);
                } else if (match == last) {
                    if (resent(crashes, lastIndex, index)) {
                        resends++;
                    } else {
                        duplicates.add(id);
                    }
                    lastIndex = index;
                } else {
                    last = match;
                    lastIndex = index;
                    seen[match] = true;
                }
            }
            for (int i = 0; i < truth.size(); i++) {
                JobVersion v = truth.get(i);
                if (v.meaningful() && matches(filter, v.stable())) {
                    meaningfulTotal++;
                    if (seen[i]) {
                        meaningfulSeen++;
                    }
                }
            }
            ObjectNode lastVersion = versions.get(versions.size() - 1);
            if (sim.isFinal(id) && matches(filter, lastVersion)) {
                finalJobs++;
                if (records.isEmpty() || !stable(topic.get(records.get(records.size() - 1)).video()).equals(lastVersion)) {
                    missing.add(id);
                }
            }
        }
        return new Report(ids.size(), finalJobs, missing, duplicates, outOfOrder, unmatched, meaningfulSeen,
                meaningfulTotal, topic.size(), resends);
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
