package app.phaseo.connect.videos.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
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
 * The one log captor of the tests: collects what is logged while it is open, so a test can search
 * it for what must, or must never, be there. Three scopes:
 * <ul>
 *   <li>{@link #of}: the named Log4j loggers and their children, at every level, kept off the
 *   console;</li>
 *   <li>{@link #andJul}: also a java.util.logging logger, e.g. {@code okhttp3}, at every level;</li>
 *   <li>{@link #everything}: the whole JVM (every Log4j logger at INFO and {@link #TRACED} at
 *   TRACE, all of java.util.logging, stdout and stderr), the console still showing WARN and up.</li>
 * </ul>
 * A line is {@code LEVEL logger message}, then the MDC when it is not empty, then the full stack
 * trace of any exception; java.util.logging lines start with {@code JUL LEVEL}, stdout and stderr
 * lines with {@code STDOUT} and {@code STDERR}. Closing puts every logger back as it was.
 */
public final class LogCapture implements AutoCloseable {

    /** The loggers {@link #everything()} opens at TRACE. */
    public static final List<String> TRACED = List.of("app.phaseo", "okhttp3", "org.apache.kafka.connect",
            "org.apache.kafka.common.config");

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Configuration config = context.getConfiguration();
    private final Collector appender = new Collector(lines);
    /** What close() must undo, newest first. */
    private final Deque<Runnable> undo = new ArrayDeque<>();

    private LogCapture() {
        appender.start();
        config.addAppender(appender);
        undo.push(() -> {
            context.updateLoggers();
            config.getAppenders().remove(appender.getName());
            appender.stop();
        });
    }

    /** Starts collecting what the Log4j loggers {@code names} (class or package names) and their children write. */
    public static LogCapture of(String... names) {
        LogCapture capture = new LogCapture();
        for (String name : names) {
            capture.ownLogger(name, Map.of());
        }
        capture.context.updateLoggers();
        return capture;
    }

    /** Collects, too, everything the java.util.logging logger {@code name} writes (OkHttp logs there). */
    public LogCapture andJul(String name) {
        collectJul(openJul(name));
        return this;
    }

    /**
     * Starts collecting everything this JVM writes: Log4j events (TRACE and up for {@link #TRACED},
     * INFO and up for the rest), every java.util.logging record, stdout and stderr.
     */
    public static LogCapture everything() {
        LogCapture capture = new LogCapture();
        Map<String, Appender> console = new LinkedHashMap<>(capture.config.getRootLogger().getAppenders());
        capture.routeRootThroughCapture(console);
        capture.openConfiguredLoggersUnderTraced();
        for (String name : TRACED) {
            capture.ownLogger(name, console);
        }
        capture.context.updateLoggers();
        capture.openJul("okhttp3");
        capture.collectJul(java.util.logging.Logger.getLogger(""));
        capture.teeStandardStreams();
        return capture;
    }

    /** Everything collected so far, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * The lines collected after the first {@code from}, from one snapshot: taking {@code lines()}
     * twice while other threads log would give two lists of different lengths.
     */
    public List<String> linesSince(int from) {
        List<String> all = lines();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** Everything collected, one line after another. */
    public String text() {
        return String.join("\n", lines);
    }

    /** The Log4j lines at a level such as "WARN". */
    public List<String> linesAt(String level) {
        return lines.stream().filter(line -> line.startsWith(level + " ")).toList();
    }

    /** How many Log4j events came from loggers under {@code prefix} at {@code level} (e.g. "TRACE"). */
    public long count(String prefix, String level) {
        return lines.stream().filter(line -> line.startsWith(level + " " + prefix)).count();
    }

    @Override
    public void close() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    /**
     * Puts a logger of our own under {@code name}, at ALL, writing to the capture (and to
     * {@code console} at WARN) and not passing lines on. A logger the configuration already names is
     * set aside and put back on close: adding one under a taken name would silently do nothing.
     */
    private void ownLogger(String name, Map<String, Appender> console) {
        LoggerConfig existing = config.getLoggers().get(name);
        if (existing != null) {
            config.removeLogger(name);
        }
        LoggerConfig logger = new LoggerConfig(name, Level.ALL, false);
        logger.addAppender(appender, Level.ALL, null);
        console.values().forEach(a -> logger.addAppender(a, Level.WARN, null));
        config.addLogger(name, logger);
        undo.push(() -> {
            config.removeLogger(name);
            if (existing != null) {
                config.addLogger(name, existing);
            }
        });
    }

    /** A java.util.logging logger set to ALL until close; records reach the handlers of it and its parents. */
    private java.util.logging.Logger openJul(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        java.util.logging.Level level = logger.getLevel();
        logger.setLevel(java.util.logging.Level.ALL);
        undo.push(() -> logger.setLevel(level));
        return logger;
    }

    /** The root logger writes to the capture at INFO, and to its own appenders at WARN only. */
    private void routeRootThroughCapture(Map<String, Appender> console) {
        LoggerConfig root = config.getRootLogger();
        Level level = root.getLevel();
        console.keySet().forEach(root::removeAppender);
        console.values().forEach(a -> root.addAppender(a, Level.WARN, null));
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.INFO);
        undo.push(() -> {
            root.removeAppender(appender.getName());
            console.keySet().forEach(root::removeAppender);
            console.values().forEach(a -> root.addAppender(a, null, null));
            root.setLevel(level);
        });
    }

    /** Loggers the configuration sets below a traced prefix (e.g. app.phaseo.connect at INFO) are opened too. */
    private void openConfiguredLoggersUnderTraced() {
        for (LoggerConfig existing : List.copyOf(config.getLoggers().values())) {
            if (TRACED.stream().anyMatch(prefix -> existing.getName().startsWith(prefix + "."))) {
                Level level = existing.getLevel();
                existing.setLevel(Level.ALL);
                undo.push(() -> existing.setLevel(level));
            }
        }
    }

    private void teeStandardStreams() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream outTee = tee(out, "STDOUT ");
        PrintStream errTee = tee(err, "STDERR ");
        System.setOut(outTee);
        System.setErr(errTee);
        undo.push(() -> {
            System.setOut(out);
            System.setErr(err);
            outTee.flush();
            errTee.flush();
        });
    }

    /** Collects what reaches {@code logger}'s handlers (its own records and its children's), at its levels. */
    private void collectJul(java.util.logging.Logger logger) {
        Handler handler = new Handler() {
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
        handler.setLevel(java.util.logging.Level.ALL);
        logger.addHandler(handler);
        undo.push(() -> logger.removeHandler(handler));
    }

    private PrintStream tee(PrintStream original, String prefix) {
        return new PrintStream(new OutputStream() {
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
    }

    private static String stackTrace(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return "\n" + text;
    }

    private static final class Collector extends AbstractAppender {
        private final Queue<String> lines;

        Collector(Queue<String> lines) {
            super("log-capture-" + System.identityHashCode(lines), null, null, true, Property.EMPTY_ARRAY);
            this.lines = lines;
        }

        @Override
        public void append(LogEvent event) {
            Map<String, String> mdc = event.getContextData().toMap();
            lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
                    + (mdc.isEmpty() ? "" : " " + new TreeMap<>(mdc)) + stackTrace(event.getThrown()));
        }
    }
}
