package app.phaseo.connect.videos.testkit;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
     * A context whose offset reader works as the worker's does: offsets are stored under the
     * <em>serialized</em> partition ({@link #storageKey}), so a partition that is equal as a map but
     * iterates in another order finds nothing. {@code stored} maps each partition, in the order it was
     * written, to its offset: a list of entries, not a map, because partitions that differ only in
     * order are equal as map keys.
     */
    public static SourceTaskContext storedByKeyBytes(Map<String, String> configs,
                                                     List<Map.Entry<Map<String, String>, Map<String, ?>>> stored) {
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        stored.forEach(e -> byKey.put(storageKey(e.getKey()), asStored(e.getValue())));
        OffsetStorageReader reader = new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return byKey.get(storageKey(partition));
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, offset(p)));
                return out;
            }
        };
        return of(configs, reader);
    }

    /**
     * The key under which the worker stores a partition's offset: {@code [connector, partition]}
     * through JsonConverter with schemas off, as text. Its bytes follow the map's iteration order.
     */
    public static String storageKey(Map<String, ?> partition) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), true);
        byte[] bytes = converter.fromConnectData("connect-offsets", null, java.util.Arrays.asList("connector", partition));
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
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
