package app.phaseo.connect.videos.testing;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * A {@link SourceTaskContext} for tests that drive the task without a worker. Built as a proxy, not
 * an anonymous class, because the interface differs between the Connect versions the tests
 * compile against (4.x adds {@code pluginMetrics()}, absent in 3.9): anything beyond the config and
 * the offset reader answers null, as a worker without those features would.
 */
public final class TaskContexts {

    private TaskContexts() {
    }

    public static SourceTaskContext of(Map<String, String> configs, OffsetStorageReader reader) {
        return (SourceTaskContext) Proxy.newProxyInstance(SourceTaskContext.class.getClassLoader(),
                new Class<?>[] {SourceTaskContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "configs":
                            return configs;
                        case "offsetStorageReader":
                            return reader;
                        case "toString":
                            return "test SourceTaskContext";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            return null;
                    }
                });
    }

    /** A context whose offset reader hands back {@code storedOffset} (null: none) for every partition. */
    public static SourceTaskContext withStoredOffset(Map<String, String> configs, Map<String, Object> storedOffset) {
        OffsetStorageReader reader = new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return storedOffset;
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, storedOffset));
                return out;
            }
        };
        return of(configs, reader);
    }

    /**
     * A context for a task resuming from {@code offset} (null: a first start), handed back as the worker
     * would: through {@link #asStored}.
     */
    public static SourceTaskContext resumingFrom(Map<String, String> configs, Map<String, ?> offset) {
        return withStoredOffset(configs, offset == null ? null : asStored(offset));
    }

    /** An offset map as the worker hands it back: written and read by JsonConverter with schemas off. */
    public static Map<String, Object> asStored(Map<String, ?> offset) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
        byte[] bytes = converter.fromConnectData("connect-offsets", null, offset);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) converter.toConnectData("connect-offsets", bytes).value();
        return back;
    }
}
