package app.phaseo.connect.videos.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Test helper: the GATEWAY_CODE list window recomputed from the ground truth alone
 * ({@link PhaseoSimulator#versions}), to check what the API serves against it.
 */
final class WindowModel {

    private WindowModel() {
    }

    /**
     * A job as the ground truth knows it now: {@code updatedAt} is the true {@code updated_at}
     * (invisible writes included), {@code createdMillis} the created_at millisecond.
     */
    record Known(String id, String status, long createdMillis, Instant updatedAt) {
    }

    /** Every listed job: GATEWAY_CODE lists deleted (tombstoned) jobs too. */
    static List<Known> known(PhaseoSimulator sim) {
        List<Known> all = new ArrayList<>();
        for (String id : sim.jobIds()) {
            List<JobVersion> versions = sim.versions(id);
            JobVersion last = versions.get(versions.size() - 1);
            long createdMillis = java.time.OffsetDateTime.parse(last.stable().get("created_at").asText())
                    .toInstant().toEpochMilli();
            all.add(new Known(id, last.stable().get("status").asText(), createdMillis, sim.updatedAt(id)));
        }
        return all;
    }

    /** The ids of the window for the wire statuses accepted by {@code status}, newest created first. */
    static List<String> window(PhaseoSimulator sim, int size, Predicate<String> status) {
        List<Known> matching = new ArrayList<>();
        for (Known k : known(sim)) {
            if (status.test(k.status())) {
                matching.add(k);
            }
        }
        matching.sort(Comparator.comparing(Known::updatedAt).thenComparing(Known::id).reversed());
        List<Known> window = new ArrayList<>(matching.subList(0, Math.min(size, matching.size())));
        // Newest created millisecond first; within one millisecond most recently updated first.
        window.sort(Comparator.comparingLong(Known::createdMillis).reversed().thenComparing(
                Comparator.comparing(Known::updatedAt).thenComparing(Known::id).reversed()));
        List<String> ids = new ArrayList<>();
        window.forEach(k -> ids.add(k.id()));
        return ids;
    }

    static List<String> window(PhaseoSimulator sim, int size) {
        return window(sim, size, s -> true);
    }
}
