package app.phaseo.connect.videos;

import app.phaseo.connect.videos.config.PhaseoVideosConfig;
import app.phaseo.connect.videos.offset.OffsetCodec;
import app.phaseo.connect.videos.offset.SourcePartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect source connector for the video generation jobs of one Phaseo workspace.
 *
 * <p>One task: the API offers one stream of changes per workspace, and splitting it would break
 * the per-job order. Scale out with one connector per workspace on a distributed cluster.
 */
public class PhaseoVideosSourceConnector extends SourceConnector {

    private static final Logger log = LoggerFactory.getLogger(PhaseoVideosSourceConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        PhaseoVideosConfig config = new PhaseoVideosConfig(props);
        this.props = Map.copyOf(props);
        log.info("Phaseo videos connector {} starting for workspace '{}' ({})", version(), config.workspace(), config.apiUrl());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PhaseoVideosSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (maxTasks > 1) {
            log.info("tasks.max is {}, but one workspace is one stream of changes: running a single task", maxTasks);
        }
        Map<String, String> task = new HashMap<>(props);
        task.put(PhaseoVideosSourceTask.TASK_ID, "0");
        return List.of(task);
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return PhaseoVideosConfig.CONFIG_DEF;
    }

    /**
     * Adds the cross-field rules and a probe of the API to the per-key validation, so the REST
     * validate endpoint names the key to fix before anything is deployed.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue value : result.configValues()) {
            byName.put(value.name(), value);
        }
        boolean singleKeyErrors = result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (singleKeyErrors) {
            return result;
        }
        PhaseoVideosConfig config = PhaseoVideosConfig.withoutCrossFieldChecks(connectorConfigs);
        List<Map.Entry<String, String>> problems = config.crossFieldErrors();
        for (Map.Entry<String, String> problem : problems) {
            addError(byName, problem.getKey(), problem.getValue());
        }
        if (problems.isEmpty() && config.validateProbe()) {
            for (Map.Entry<String, String> problem : new ApiProbe(config).problems()) {
                addError(byName, problem.getKey(), problem.getValue());
            }
        }
        return result;
    }

    private static void addError(Map<String, ConfigValue> byName, String key, String message) {
        ConfigValue value = byName.get(key);
        if (value != null) {
            value.addErrorMessage(message);
        }
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // Every record carries the offset valid right after it, so a transaction per poll batch is exact.
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /**
     * Accepts offsets for the REST offsets API (KIP-875): a reset (null) of our partition, or an
     * offset this version can read. Anything else is refused with the reason.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        String workspace = new PhaseoVideosConfig(connectorConfig).workspace();
        OffsetCodec codec = new OffsetCodec();
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            if (!SourcePartition.matches(entry.getKey(), workspace)) {
                throw new ConnectException("Unknown source partition " + entry.getKey() + ": this connector uses "
                        + SourcePartition.of(workspace));
            }
            if (entry.getValue() != null) {
                codec.validate(entry.getValue());
            }
        }
        return true;
    }
}
