package app.phaseo.connect.videos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.docs.SourceMessages.Message;
import app.phaseo.connect.videos.metrics.ApiState;
import app.phaseo.connect.videos.metrics.PhaseoTaskMetricsMBean;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The troubleshooting section of docs/OPERATIONS.md quotes the connector's log lines, task errors and metrics:
 * this test fails when a quote no longer matches the code (a reworded message, a renamed metric),
 * and when the connector logs a WARN or ERROR that the section does not explain.
 *
 * <p>In the table's first column: {@code `LEVEL text`} is a log line, {@code Task FAILED: `text`} the
 * error of a failed task, {@code `Name`} or {@code `Name=VALUE`} a metric. {@code ...} in a quote
 * stands for text that varies, and so does an SLF4J {@code {}} in the code; a quote may stop before
 * the message does.
 */
class LogLinesDocsTest {

    private static final Path PAGE = Path.of("docs/OPERATIONS.md");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern LOG_QUOTE = Pattern.compile("^(TRACE|DEBUG|INFO|WARN|ERROR) (.+)$");
    private static final Pattern METRIC_QUOTE = Pattern.compile("^([A-Z][A-Za-z]+)(?:=([A-Z_]+))?$");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    private static List<Message> messages;
    private static String readme;

    @BeforeAll
    static void read() throws IOException {
        messages = SourceMessages.under(SOURCES);
        readme = Files.readString(PAGE, StandardCharsets.UTF_8);
    }

    /** The first column of every row of the troubleshooting table. */
    private static List<String> symptoms() {
        String section = section("## Troubleshooting", "**Metrics**");
        List<String> cells = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| You see") && !line.startsWith("|---")) {
                cells.add(line.substring(2, line.indexOf(" | ")));
            }
        }
        assertThat(cells).as("rows of the troubleshooting table").hasSizeGreaterThan(10);
        return cells;
    }

    @Test
    void everyQuotedLogLineIsOneTheCodeWrites() {
        List<String> stale = new ArrayList<>();
        int checked = 0;
        for (String cell : symptoms()) {
            Matcher span = CODE_SPAN.matcher(cell);
            while (span.find()) {
                String quote = span.group(1);
                boolean taskError = cell.substring(0, span.start()).endsWith("Task FAILED: ");
                Matcher log = LOG_QUOTE.matcher(quote);
                if (taskError) {
                    checked++;
                    if (!written(quote, null)) {
                        stale.add("Task FAILED: " + quote);
                    }
                } else if (log.matches()) {
                    checked++;
                    if (!written(log.group(2), log.group(1))) {
                        stale.add(quote);
                    }
                } else {
                    assertThat(quote).as("a quote in the troubleshooting table that is neither a log line (LEVEL text), "
                            + "a task error (after 'Task FAILED: ') nor a metric (Name or Name=VALUE)")
                            .matches(METRIC_QUOTE);
                }
            }
        }
        assertThat(checked).isGreaterThan(15);
        assertThat(stale).as("docs/OPERATIONS.md troubleshooting quotes that no code writes any more (reworded? update the page)")
                .isEmpty();
    }

    @Test
    void everyWarningAndErrorTheConnectorLogsHasARow() {
        List<String> quotes = new ArrayList<>();
        for (String cell : symptoms()) {
            Matcher span = CODE_SPAN.matcher(cell);
            while (span.find()) {
                quotes.add(span.group(1));
            }
        }
        Set<String> undocumented = new LinkedHashSet<>();
        for (Message message : messages) {
            if (!"WARN".equals(message.level()) && !"ERROR".equals(message.level())) {
                continue;
            }
            boolean documented = quotes.stream().map(LOG_QUOTE::matcher).filter(Matcher::matches)
                    .anyMatch(q -> q.group(1).equals(message.level())
                            && SourceMessages.quoteFits(elided(q.group(2)), message.text()));
            if (!documented) {
                undocumented.add(message.level() + " " + message.readable() + " (" + message.where() + ")");
            }
        }
        assertThat(undocumented).as("WARN/ERROR lines the troubleshooting table of docs/OPERATIONS.md does not explain").isEmpty();
    }

    @Test
    void everyQuotedMetricIsAnAttributeOfTheTaskMBean() {
        Set<String> attributes = attributes();
        for (String cell : symptoms()) {
            Matcher span = CODE_SPAN.matcher(cell);
            while (span.find()) {
                Matcher metric = METRIC_QUOTE.matcher(span.group(1));
                if (metric.matches()) {
                    assertThat(attributes).as("metric quoted in the troubleshooting table").contains(metric.group(1));
                    if (metric.group(2) != null) {
                        assertThat(metric.group(1)).isEqualTo("ApiState");
                        assertThat(Arrays.stream(ApiState.values()).map(Enum::name)).contains(metric.group(2));
                    }
                }
            }
        }
    }

    @Test
    void theMetricsListIsTheMBeansAttributes() {
        String metrics = section("**Metrics**", "\n\n");
        Matcher objectName = Pattern.compile("JMX, `([^`]+)`").matcher(metrics);
        assertThat(objectName.find()).as("the MBean's ObjectName in the metrics paragraph").isTrue();
        assertThat(written(objectName.group(1).replace("<name>", "..."), null))
                .as("ObjectName %s as the code builds it", objectName.group(1)).isTrue();
        Set<String> listed = new TreeSet<>();
        Matcher span = CODE_SPAN.matcher(metrics.substring(objectName.end()));
        while (span.find()) {
            listed.add(span.group(1));
        }
        assertThat(listed).isEqualTo(attributes());
    }

    @Test
    void theMatcherTellsQuotesFromOtherText() {
        String code = "Phaseo API request failed (" + SourceMessages.ANY + ", failure " + SourceMessages.ANY
                + " in a row): " + SourceMessages.ANY + ". Retrying in " + SourceMessages.ANY + " ms";
        assertThat(SourceMessages.quoteFits(elided("Phaseo API request failed (SERVER_ERROR, failure 1 in a row)"), code))
                .isTrue();
        assertThat(SourceMessages.quoteFits(elided("Phaseo API request failed (SERVER_ERROR) ... Retrying in 5 ms"), code))
                .isTrue();
        assertThat(SourceMessages.quoteFits(elided("Phaseo API request failed after 3 tries"), code)).isFalse();
        assertThat(SourceMessages.quoteFits(elided("API request failed"), code)).as("a quote starts a message").isFalse();
        assertThat(SourceMessages.quoteFits(elided("The stored offset has format version"), "The " + SourceMessages.ANY + " value exactly as sent"))
                .as("a quote may not end inside the message's varying text").isFalse();
        List<Message> parsed = SourceMessages.of("class A { void f() { log.warn(\"a {} b\" + \"c\", x); "
                + "throw new E(\"d \" + y + \" e\"); } }", "A.java");
        assertThat(parsed).extracting(Message::readable, Message::level)
                .contains(org.assertj.core.groups.Tuple.tuple("a ... bc", "WARN"),
                        org.assertj.core.groups.Tuple.tuple("d ... e", null));
    }

    private static boolean written(String quote, String level) {
        String pattern = elided(quote);
        return messages.stream().anyMatch(m -> (level == null || level.equals(m.level()))
                && SourceMessages.quoteFits(pattern, m.text()));
    }

    /** A quote of the page with its {@code ...} turned into "any text". */
    private static String elided(String quote) {
        return quote.replace("...", String.valueOf(SourceMessages.ANY));
    }

    private static Set<String> attributes() {
        return Arrays.stream(PhaseoTaskMetricsMBean.class.getMethods()).map(Method::getName)
                .filter(n -> n.startsWith("get")).map(n -> n.substring(3)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String section(String from, String to) {
        int start = readme.indexOf(from);
        assertThat(start).as("docs/OPERATIONS.md has %s", from).isGreaterThanOrEqualTo(0);
        int end = readme.indexOf(to, start + from.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
