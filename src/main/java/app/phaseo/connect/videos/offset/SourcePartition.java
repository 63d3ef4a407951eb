package app.phaseo.connect.videos.offset;

import java.util.Map;

/**
 * The source partition of the connector: one workspace, plus the offset protocol, so that a later
 * format can live beside this one and still find (and migrate) what version 1 wrote.
 */
public final class SourcePartition {

    static final String WORKSPACE = "workspace";
    static final String PROTOCOL = "protocol";
    static final String PROTOCOL_V1 = "1";

    private SourcePartition() {
    }

    /** The partition map for a workspace name (never the API key). */
    public static Map<String, String> of(String workspace) {
        return Map.of(WORKSPACE, workspace, PROTOCOL, PROTOCOL_V1);
    }

    /** Whether a partition map read back from Connect is one of ours, for this workspace. */
    public static boolean matches(Map<String, ?> partition, String workspace) {
        return partition != null && workspace.equals(partition.get(WORKSPACE))
                && PROTOCOL_V1.equals(String.valueOf(partition.get(PROTOCOL)));
    }
}
