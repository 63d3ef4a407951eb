package app.phaseo.connect.videos.it;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ReadmeSection;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release artifact as {@code mvn package} builds it: the Confluent Hub component archive
 * ({@code target/*-component.zip}). Its manifest is complete, {@code lib/} holds the connector and
 * exactly its runtime dependencies (never Kafka's or a logging binding, which the worker brings),
 * the dependency list of docs/INSTALL.md matches the build, and the folder form holds the same files.
 */
class ComponentArchiveIT {

    /** A line of {@code mvn dependency:tree}: group:artifact:type[:classifier]:version:scope. */
    private static final Pattern TREE_LINE = Pattern.compile("^[|+\\\\ -]*([^:\\s]+):([^:]+):jar:(?:[^:]+:)?([^:]+):(compile|runtime)$");

    private static Path zipPath;
    private static String version;
    private static String root;
    private static Map<String, Long> files;
    private static JsonNode manifest;

    @BeforeAll
    static void open() throws IOException {
        zipPath = Path.of(System.getProperty("phaseo.component.zip", "target/missing.zip"));
        version = System.getProperty("phaseo.project.version");
        assertThat(zipPath).as("the component archive built by 'mvn package'").isRegularFile();
        files = new TreeMap<>();
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), entry.getSize());
                }
            }
            root = files.keySet().iterator().next().split("/")[0];
            try (InputStream in = zip.getInputStream(zip.getEntry(root + "/manifest.json"))) {
                manifest = ConnectFixture.JSON.readTree(in);
            }
        }
    }

    @Test
    void hasOneRootFolderWithTheHubLayout() {
        assertThat(files.keySet()).allSatisfy(name -> assertThat(name).startsWith(root + "/"));
        // The Hub's convention: {owner}-{name}-{version}.zip, with one top folder of the same name.
        String hubName = System.getProperty("phaseo.component.owner") + "-kafka-connect-phaseo-videos-" + version;
        assertThat(root).isEqualTo(hubName);
        assertThat(zipPath.getFileName().toString()).isEqualTo(hubName + ".zip");
        Set<String> top = files.keySet().stream().map(n -> n.substring(root.length() + 1).split("/")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(top).containsExactly("doc", "etc", "lib", "manifest.json");
        assertThat(files).containsKeys(root + "/doc/README.md", root + "/doc/LICENSE", root + "/doc/SCHEMA.md",
                root + "/doc/CONFIGURATION.md", root + "/doc/OPERATIONS.md", root + "/doc/INSTALL.md");
    }

    @Test
    void manifestIsComplete() {
        assertThat(manifest.path("name").asText()).isEqualTo("kafka-connect-phaseo-videos");
        assertThat(manifest.path("version").asText()).isEqualTo(version);
        assertThat(manifest.path("title").asText()).isNotBlank();
        assertThat(manifest.path("description").asText()).hasSizeGreaterThan(80);
        // The owner is the archive name's namespace; nothing else is claimed about it.
        JsonNode owner = manifest.path("owner");
        assertThat(owner.path("username").asText()).matches("[a-z0-9-]+")
                .isEqualTo(System.getProperty("phaseo.component.owner"));
        assertThat(root).startsWith(owner.path("username").asText() + "-" + manifest.path("name").asText() + "-");
        assertThat(texts(manifest.path("component_types"))).containsExactly("source");
        assertThat(texts(manifest.path("tags"))).contains("phaseo", "video").doesNotHaveDuplicates();
        assertThat(manifest.path("license")).isNotEmpty().allSatisfy(license -> {
            assertThat(license.path("name").asText()).isEqualTo("Apache License 2.0");
            assertThat(license.path("url").asText()).startsWith("https://");
        });
        // Only true things: no home page, repository or support address that nobody runs, no integration that no
        // test covers. The one URL is the license's.
        assertThat(manifest.toString()).doesNotContain("github.com").doesNotContain("_url\"");
        assertThat(manifest.findValues("url")).extracting(JsonNode::asText)
                .containsExactly("https://www.apache.org/licenses/LICENSE-2.0");
        assertThat(manifest.path("features").path("confluent_control_center_integration").asBoolean()).isFalse();
        assertThat(manifest.path("support").path("summary").asText()).isNotBlank();
        assertThat(manifest.path("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        List<String> requirements = texts(manifest.path("requirements"));
        assertThat(requirements).anyMatch(r -> r.startsWith("Kafka Connect " + System.getProperty("phaseo.kafka.oldest")
                        + " or later") && r.contains(System.getProperty("phaseo.kafka.latest")))
                .anyMatch(r -> r.startsWith("Java 17 or later"));
        assertThat(manifest.toString()).as("no unfiltered ${...} placeholder").doesNotContain("${");
    }

    @Test
    void libHoldsTheConnectorAndExactlyItsRuntimeDependencies() throws IOException {
        Set<String> lib = lib().keySet();
        Set<String> expected = new TreeSet<>(runtimeDependencyJars());
        expected.add("kafka-connect-phaseo-videos-" + version + ".jar");
        assertThat(lib).isEqualTo(expected);
        assertThat(lib).filteredOn(n -> !n.startsWith("kafka-connect-phaseo-videos-"))
                .as("Kafka's own jars and logging bindings come with the worker")
                .noneMatch(n -> n.matches("(kafka|connect|slf4j|log4j|reload4j|logback)[-_].*"))
                .noneMatch(n -> n.contains("-tests") || n.contains("-test."));

        try (ZipFile zip = new ZipFile(zipPath.toFile());
             JarInputStream jar = new JarInputStream(zip.getInputStream(
                     zip.getEntry(root + "/lib/kafka-connect-phaseo-videos-" + version + ".jar")))) {
            List<String> entries = new ArrayList<>();
            String services = null;
            for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                entries.add(e.getName());
                if (e.getName().equals("META-INF/services/org.apache.kafka.connect.source.SourceConnector")) {
                    services = new String(jar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            assertThat(services).as("the ServiceLoader entry the worker's plugin scan needs")
                    .contains(ConnectFixture.CONNECTOR_CLASS);
            assertThat(entries).contains("phaseo-connect-version.properties")
                    .noneMatch(e -> e.startsWith("app/phaseo/connect/videos/simulator/"))
                    .noneMatch(e -> e.endsWith("Test.class") || e.endsWith("IT.class"));
        }
    }

    @Test
    void etcHoldsEveryConfigRecipe() throws IOException {
        try (Stream<Path> configs = Files.list(Path.of("config"))) {
            List<String> expected = configs.map(p -> root + "/etc/" + p.getFileName()).toList();
            assertThat(files.keySet()).containsAll(expected);
        }
    }

    @Test
    void theFolderFormHoldsTheSameFiles() throws IOException {
        Path dir = Path.of(System.getProperty("phaseo.plugin.dir", "target/missing"));
        Map<String, Long> inFolder = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                inFolder.put(dir.relativize(p).toString().replace('\\', '/'), Files.size(p));
            }
        }
        assertThat(inFolder).isEqualTo(files);
    }

    @Test
    void theReadmeListsTheRuntimeDependencies() throws IOException {
        List<String> tree = Files.readAllLines(Path.of(System.getProperty("phaseo.dependency.tree")), StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        text.append("`mvn -B dependency:tree -Dscope=runtime` (each build writes it to `target/runtime-dependency-tree.txt`):\n\n```\n");
        tree.stream().skip(1).forEach(line -> text.append(line).append('\n')); // the first line is the project itself
        text.append("```\n\n| Jar in `lib/` | Size |\n|---|---:|\n");
        long total = 0;
        for (Map.Entry<String, Long> jar : lib().entrySet()) {
            if (!jar.getKey().startsWith("kafka-connect-phaseo-videos-")) {
                text.append("| `").append(jar.getKey()).append("` | ").append(kib(jar.getValue())).append(" |\n");
                total += jar.getValue();
            }
        }
        text.append("| **dependencies, total** | **").append(kib(total)).append("** |\n");
        ReadmeSection.assertCurrent("runtime-dependencies", text.toString(), "mvn -B verify -Dit.test=ComponentArchiveIT");
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%,d KiB", (bytes + 512) / 1024);
    }

    private static Map<String, Long> lib() {
        Map<String, Long> lib = new TreeMap<>();
        files.forEach((name, size) -> {
            if (name.startsWith(root + "/lib/")) {
                lib.put(name.substring((root + "/lib/").length()), size);
            }
        });
        return lib;
    }

    private static List<String> runtimeDependencyJars() throws IOException {
        List<String> jars = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("phaseo.dependency.tree")), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = TREE_LINE.matcher(line.strip().isEmpty() ? "" : line);
            if (m.matches()) {
                jars.add(m.group(2) + "-" + m.group(3) + ".jar");
            }
        }
        assertThat(jars).as("runtime dependencies read from the tree").hasSizeGreaterThan(3);
        return jars;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
