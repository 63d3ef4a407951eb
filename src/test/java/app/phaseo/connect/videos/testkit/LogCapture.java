package app.phaseo.connect.videos.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects every line one logger (and its children) writes, at every level, for as long as it is
 * open; lines are "LEVEL logger message" plus the stack trace of any exception, so a test can
 * search them for what must, or must never, be there.
 */
public final class LogCapture implements AutoCloseable {

    private final String name;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;

    private LogCapture(String name) {
        this.name = name;
        this.appender = new AbstractAppender("capture-" + name + "-" + System.identityHashCode(lines), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ')
                        .append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    line.append("\n caused by ").append(t);
                }
                lines.add(line.toString());
            }
        };
        Configuration config = context.getConfiguration();
        appender.start();
        config.addAppender(appender);
        LoggerConfig logger = new LoggerConfig(name, Level.ALL, false);
        logger.addAppender(appender, Level.ALL, null);
        config.addLogger(name, logger);
        context.updateLoggers();
    }

    /** Starts collecting what the logger {@code name} (a class or package name) writes. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Everything collected, one line after another. */
    public String text() {
        return String.join("\n", lines);
    }

    /** The lines at a level such as "WARN". */
    public List<String> linesAt(String level) {
        return lines.stream().filter(line -> line.startsWith(level + " ")).toList();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.removeLogger(name);
        config.getAppenders().remove(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
