package app.phaseo.connect.videos.it;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;

/**
 * The few places where the Connect test API the integration tests use differs between the Kafka
 * lines we build against (4.x by default, 3.9 with {@code -Pkafka-3.9}), bridged so the same test
 * sources compile against both.
 *
 * <ul>
 *   <li>{@link ConfigInfos} lists its entries with {@code configs()} since Kafka 4.0 (a record) and
 *       with {@code values()} before.</li>
 *   <li>{@code EmbeddedConnectCluster.requestGet} returns a {@code jakarta.ws.rs} Response since 4.0
 *       and a {@code javax.ws.rs} one before: callers only use {@code getEntity()}, through {@code var}.</li>
 * </ul>
 */
final class ConnectCompat {

    private ConnectCompat() {
    }

    /** "key: [errors]" for every key the worker's validation rejected. */
    static List<String> validationErrors(ConfigInfos infos) {
        List<String> errors = new ArrayList<>();
        for (ConfigInfo info : entries(infos)) {
            if (!info.configValue().errors().isEmpty()) {
                errors.add(info.configValue().name() + ": " + info.configValue().errors());
            }
        }
        return errors;
    }

    @SuppressWarnings("unchecked")
    static List<ConfigInfo> entries(ConfigInfos infos) {
        for (String accessor : new String[] {"configs", "values"}) {
            try {
                Method method = ConfigInfos.class.getMethod(accessor);
                return (List<ConfigInfo>) method.invoke(infos);
            } catch (NoSuchMethodException e) {
                // the other Kafka line
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + ConfigInfos.class.getName() + "." + accessor + "()", e);
            }
        }
        throw new IllegalStateException(ConfigInfos.class.getName() + " has neither configs() nor values()");
    }
}
