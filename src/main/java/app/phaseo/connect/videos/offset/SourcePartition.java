package app.phaseo.connect.videos.offset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source partition of the connector: one workspace, plus the offset protocol, so that a later
 * format can live beside this one and still find (and migrate) what version 1 wrote.
 *
 * <p>Connect stores and finds offsets by the <em>serialized</em> partition, so the map's iteration
 * order is part of the key: it must be the same in every JVM. {@link #of} always iterates
 * {@code workspace, protocol}. Versions up to 0.1 built the map with {@code Map.of}, whose order
 * changes from one JVM to the next, so their offsets were stored under either order;
 * {@link #lookupKeys} names both, and the task resumes from the newer of the two.
 */
public final class SourcePartition {

    static final String WORKSPACE = "workspace";
    static final String PROTOCOL = "protocol";
    static final String PROTOCOL_V1 = "1";

    private SourcePartition() {
    }

    /** The partition map for a workspace name (never the API key), in its one fixed order. */
    public static Map<String, String> of(String workspace) {
        return ordered(WORKSPACE, workspace, PROTOCOL, PROTOCOL_V1);
    }

    /**
     * Every serialized form under which this workspace's offsets may be stored: {@link #of} first,
     * then the reverse order that earlier versions wrote from about half of their JVMs. The maps are
     * equal as maps and differ only in iteration order, so read each one on its own
     * ({@code OffsetStorageReader.offset}), never as keys of one result map.
     */
    public static List<Map<String, String>> lookupKeys(String workspace) {
        return List.of(of(workspace), ordered(PROTOCOL, PROTOCOL_V1, WORKSPACE, workspace));
    }

    /** Whether a partition map read back from Connect is one of ours, for this workspace. */
    public static boolean matches(Map<String, ?> partition, String workspace) {
        return partition != null && workspace.equals(partition.get(WORKSPACE))
                && PROTOCOL_V1.equals(String.valueOf(partition.get(PROTOCOL)));
    }

    private static Map<String, String> ordered(String key1, String value1, String key2, String value2) {
        Map<String, String> map = new LinkedHashMap<>(4);
        map.put(key1, value1);
        map.put(key2, value2);
        return Collections.unmodifiableMap(map);
    }
}
