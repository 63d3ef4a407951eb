package app.phaseo.connect.videos.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects everything this JVM writes while open, to search it: every Log4j2 event (TRACE and up
 * for the connector, OkHttp, Kafka Connect and Kafka's config classes; INFO and up for the rest),
 * every java.util.logging record (OkHttp's own logger at ALL), and stdout and stderr. Each line is
 * kept with its logger, its MDC and its full stack trace. The console keeps showing WARN and up.
 */
final class CapturedOutput implements AutoCloseable {

    /** Loggers opened at TRACE. */
    static final List<String> TRACED = List.of("app.phaseo", "okhttp3", "org.apache.kafka.connect",
            "org.apache.kafka.common.config");

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Collector appender = new Collector(lines);
    private final Level rootLevel;
    private final Map<String, Appender> rootAppenders;
    private final Map<String, Level> existingLevels = new java.util.HashMap<>();
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final java.util.logging.Logger julOkHttp = java.util.logging.Logger.getLogger("okhttp3");
    private final java.util.logging.Level julOkHttpLevel = julOkHttp.getLevel();
    private final Handler julHandler;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final List<PrintStream> tees = new ArrayList<>();

    CapturedOutput() {
        Configuration config = context.getConfiguration();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        rootLevel = root.getLevel();
        rootAppenders = Map.copyOf(root.getAppenders());
        for (String name : rootAppenders.keySet()) {
            root.removeAppender(name);
        }
        for (Appender console : rootAppenders.values()) {
            root.addAppender(console, Level.WARN, null);
        }
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.INFO);
        // Loggers the test configuration already sets (e.g. app.phaseo.connect at INFO) are opened too.
        for (LoggerConfig existing : config.getLoggers().values()) {
            if (TRACED.stream().anyMatch(prefix -> existing.getName().startsWith(prefix + "."))) {
                existingLevels.put(existing.getName(), existing.getLevel());
                existing.setLevel(Level.ALL);
            }
        }
        for (String name : TRACED) {
            LoggerConfig logger = new LoggerConfig(name, Level.ALL, false);
            logger.addAppender(appender, Level.ALL, null);
            for (Appender console : rootAppenders.values()) {
                logger.addAppender(console, Level.WARN, null);
            }
            config.addLogger(name, logger);
        }
        context.updateLoggers();

        julHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add("JUL " + record.getLevel() + " " + record.getLoggerName() + " "
                        + new SimpleFormatter().formatMessage(record) + stackTrace(record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        julHandler.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(julHandler);
        julOkHttp.setLevel(java.util.logging.Level.ALL);

        System.setOut(tee(out, "STDOUT "));
        System.setErr(tee(err, "STDERR "));
    }

    /** Everything captured so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many events came from loggers under {@code prefix} at {@code level} (e.g. "TRACE"). */
    long count(String prefix, String level) {
        return lines.stream().filter(line -> line.startsWith(level + " " + prefix)).count();
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        tees.forEach(PrintStream::flush);
        Configuration config = context.getConfiguration();
        for (String name : TRACED) {
            config.removeLogger(name);
        }
        existingLevels.forEach((name, level) -> config.getLoggerConfig(name).setLevel(level));
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(appender.getName());
        for (String name : rootAppenders.keySet()) {
            root.removeAppender(name);
        }
        for (Appender console : rootAppenders.values()) {
            root.addAppender(console, null, null);
        }
        root.setLevel(rootLevel);
        config.getAppenders().remove(appender.getName());
        context.updateLoggers();
        appender.stop();
        julRoot.removeHandler(julHandler);
        julOkHttp.setLevel(julOkHttpLevel);
    }

    private PrintStream tee(PrintStream original, String prefix) {
        PrintStream tee = new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                original.write(b);
                collect(b);
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                for (int i = offset; i < offset + length; i++) {
                    collect(bytes[i]);
                }
            }

            private void collect(int b) {
                if (b == '\n') {
                    lines.add(prefix + line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
        tees.add(tee);
        return tee;
    }

    static String stackTrace(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return "\n" + text;
    }

    private static final class Collector extends AbstractAppender {
        private final ConcurrentLinkedQueue<String> lines;

        Collector(ConcurrentLinkedQueue<String> lines) {
            super("captured-output-" + System.identityHashCode(lines), null, null, true, Property.EMPTY_ARRAY);
            this.lines = lines;
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getContextData() + " "
                    + event.getMessage().getFormattedMessage() + stackTrace(event.getThrown()));
        }
    }
}
