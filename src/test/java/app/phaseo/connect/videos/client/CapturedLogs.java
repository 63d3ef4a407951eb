package app.phaseo.connect.videos.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects every log line of the client package at every level (TRACE included), and everything
 * OkHttp logs through java.util.logging, for as long as it is open. Lines are kept with their
 * level and any stack trace, so a test can search them all.
 */
final class CapturedLogs implements AutoCloseable {

    private static final String PACKAGE = "app.phaseo.connect.videos.client";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Collector appender = new Collector(lines);
    private final Handler julHandler = new JulCollector(lines);
    private final java.util.logging.Logger okhttpLogger = java.util.logging.Logger.getLogger("okhttp3");
    private final java.util.logging.Level okhttpLevel = okhttpLogger.getLevel();

    CapturedLogs() {
        Configuration config = context.getConfiguration();
        appender.start();
        config.addAppender(appender);
        // A logger of its own for the package, at ALL, not passing lines on to the console.
        LoggerConfig logger = new LoggerConfig(PACKAGE, Level.ALL, false);
        logger.addAppender(appender, Level.ALL, null);
        config.addLogger(PACKAGE, logger);
        context.updateLoggers();

        okhttpLogger.setLevel(java.util.logging.Level.ALL);
        okhttpLogger.addHandler(julHandler);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines at the given level, e.g. "WARN". */
    List<String> linesAt(String level) {
        return lines.stream().filter(line -> line.startsWith(level + " ")).toList();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.removeLogger(PACKAGE);
        config.getAppenders().remove(appender.getName());
        context.updateLoggers();
        appender.stop();
        okhttpLogger.removeHandler(julHandler);
        okhttpLogger.setLevel(okhttpLevel);
    }

    private static final class Collector extends AbstractAppender {
        private final List<String> lines;

        Collector(List<String> lines) {
            super("captured-" + System.identityHashCode(lines), null, null, true, Property.EMPTY_ARRAY);
            this.lines = lines;
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
                    + stackTrace(event.getThrown()));
        }
    }

    private static final class JulCollector extends Handler {
        private final List<String> lines;

        JulCollector(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public void publish(LogRecord record) {
            lines.add("JUL-" + record.getLevel() + " " + record.getLoggerName() + " " + new SimpleFormatter().formatMessage(record)
                    + stackTrace(record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static String stackTrace(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return "\n" + out;
    }
}
