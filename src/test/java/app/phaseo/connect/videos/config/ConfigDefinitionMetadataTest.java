package app.phaseo.connect.videos.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.PhaseoVideosSourceConnector;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

/**
 * Every setting is documented well enough for the REST validate answer, a UI and the generated
 * docs/CONFIGURATION.md table (as Debezium's ConfigDefinitionMetadataTest checks for its connectors).
 */
class ConfigDefinitionMetadataTest {

    private static final Map<String, ConfigKey> KEYS = PhaseoVideosConfig.CONFIG_DEF.configKeys();

    @Test
    void everyKeyHasADocumentationADisplayNameAndAGroup() {
        assertThat(KEYS).isNotEmpty();
        for (ConfigKey key : KEYS.values()) {
            assertThat(key.documentation).as("documentation of %s", key.name).isNotBlank();
            assertThat(key.documentation.length()).as("documentation of %s says something", key.name).isGreaterThan(20);
            assertThat(key.displayName).as("display name of %s", key.name).isNotBlank().isNotEqualTo(key.name);
            assertThat(key.group).as("group of %s", key.name).isNotBlank();
            assertThat(key.orderInGroup).as("order of %s in its group", key.name).isPositive();
            assertThat(key.importance).as("importance of %s", key.name).isNotNull();
            assertThat(key.width).as("width of %s", key.name).isNotNull();
        }
    }

    @Test
    void everyGroupIsNumberedOneToNWithoutGapsOrTwins() {
        Map<String, List<Integer>> orders = new HashMap<>();
        for (ConfigKey key : KEYS.values()) {
            orders.computeIfAbsent(key.group, g -> new ArrayList<>()).add(key.orderInGroup);
        }
        orders.forEach((group, list) -> {
            list.sort(null);
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= list.size(); i++) {
                expected.add(i);
            }
            assertThat(list).as("orders in group %s", group).isEqualTo(expected);
        });
        assertThat(orders.keySet()).containsExactlyInAnyOrder("Connection", "Capture", "Backfill", "Record format",
                "Errors and retries");
    }

    @Test
    void everyValidatorStatesItsRule() {
        for (ConfigKey key : KEYS.values()) {
            if (key.validator != null) {
                String rule = key.validator.toString();
                assertThat(rule).as("rule of %s", key.name).isNotBlank()
                        .doesNotContain("$")
                        .doesNotContainPattern("@[0-9a-f]+$");
            }
        }
    }

    @Test
    void everyDefaultPassesItsOwnValidator() {
        for (ConfigKey key : KEYS.values()) {
            if (key.hasDefault() && key.validator != null) {
                key.validator.ensureValid(key.name, key.defaultValue);
            }
        }
    }

    @Test
    void onlyTheApiKeyIsRequiredAndItIsAPassword() {
        Set<String> required = new TreeSet<>();
        for (ConfigKey key : KEYS.values()) {
            if (!key.hasDefault()) {
                required.add(key.name);
            }
            if (key.type == ConfigDef.Type.PASSWORD) {
                assertThat(key.name).isEqualTo(PhaseoVideosConfig.API_KEY);
            }
        }
        assertThat(required).containsExactly(PhaseoVideosConfig.API_KEY);
    }

    @Test
    void everyPublicKeyConstantIsDefinedAndEveryDefinedKeyHasAConstant() throws IllegalAccessException {
        Set<String> constants = new TreeSet<>();
        for (Field field : PhaseoVideosConfig.class.getDeclaredFields()) {
            int mods = field.getModifiers();
            if (Modifier.isPublic(mods) && Modifier.isStatic(mods) && field.getType() == String.class
                    && !field.getName().endsWith("_DEFAULT")) {
                constants.add((String) field.get(null));
            }
        }
        assertThat(constants).isEqualTo(new TreeSet<>(KEYS.keySet()));
    }

    @Test
    void theConnectorPublishesThisDefinition() {
        assertThat(new PhaseoVideosSourceConnector().config()).isSameAs(PhaseoVideosConfig.CONFIG_DEF);
    }
}
