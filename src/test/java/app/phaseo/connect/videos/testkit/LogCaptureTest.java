package app.phaseo.connect.videos.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The captor that secrets and log-line tests rely on: it must see what is logged (so a test that
 * searches for a key could fail), see nothing it was not asked for, and leave the logging set-up as
 * it found it.
 */
class LogCaptureTest {

    /** Named at INFO by log4j2-test.properties. */
    private static final String CONFIGURED = "app.phaseo.connect";

    @Test
    void collectsEveryLevelOfTheLoggerAndItsChildrenWithCausesAndContext() {
        try (LogCapture logs = LogCapture.of("app.phaseo.captor")) {
            LoggerFactory.getLogger("app.phaseo.captor.child").trace("planted {}", "TRACE-1");
            ThreadContext.put("connector.context", "[c|task-0] ");
            try {
                LoggerFactory.getLogger("app.phaseo.captor").warn("planted WARN-2",
                        new IllegalStateException("outer", new IOException("inner-cause")));
            } finally {
                ThreadContext.remove("connector.context");
            }
            LoggerFactory.getLogger("app.phaseo.elsewhere").error("not asked for");

            assertThat(logs.lines()).hasSize(2);
            assertThat(logs.lines().get(0)).isEqualTo("TRACE app.phaseo.captor.child planted TRACE-1");
            assertThat(logs.linesAt("WARN")).singleElement().asString()
                    .startsWith("WARN app.phaseo.captor planted WARN-2 {connector.context=[c|task-0] }")
                    .contains("IllegalStateException: outer", "Caused by: java.io.IOException: inner-cause");
            assertThat(logs.text()).doesNotContain("not asked for");
        }
    }

    /** Log4j ignores a second logger under a taken name: the captor must still see the lines. */
    @Test
    void capturesALoggerTheConfigurationAlreadyNamesAndPutsItBack() {
        LoggerConfig before = config().getLoggers().get(CONFIGURED);
        assertThat(before).as("the test configuration names " + CONFIGURED).isNotNull();
        Level level = before.getLevel();

        try (LogCapture logs = LogCapture.of(CONFIGURED)) {
            LoggerFactory.getLogger(CONFIGURED + ".videos.Planted").debug("planted DEBUG-3");

            assertThat(logs.lines()).containsExactly("DEBUG app.phaseo.connect.videos.Planted planted DEBUG-3");
        }

        assertThat(config().getLoggers().get(CONFIGURED)).isSameAs(before);
        assertThat(before.getLevel()).isEqualTo(level);
        assertThat(LoggerFactory.getLogger(CONFIGURED + ".videos.Planted").isDebugEnabled()).isFalse();
    }

    @Test
    void linesSinceGivesWhatCameAfterAMark() {
        try (LogCapture logs = LogCapture.of("app.phaseo.captor")) {
            LoggerFactory.getLogger("app.phaseo.captor").info("before");
            int mark = logs.lines().size();
            LoggerFactory.getLogger("app.phaseo.captor").info("after");

            assertThat(logs.linesSince(mark)).containsExactly("INFO app.phaseo.captor after");
            assertThat(logs.linesSince(mark + 5)).isEmpty();
        }
    }

    @Test
    void collectsNothingAfterClose() {
        LogCapture logs = LogCapture.of("app.phaseo.captor");
        logs.close();
        LoggerFactory.getLogger("app.phaseo.captor").error("after close");

        assertThat(logs.lines()).isEmpty();
        assertThat(config().getLoggers()).doesNotContainKey("app.phaseo.captor");
    }

    @Test
    void collectsAJavaUtilLoggingLoggerAndRestoresItsLevel() {
        java.util.logging.Logger okhttp = java.util.logging.Logger.getLogger("okhttp3.captor");
        java.util.logging.Level level = okhttp.getLevel();
        try (LogCapture logs = LogCapture.of("app.phaseo.captor").andJul("okhttp3.captor")) {
            okhttp.fine("planted FINE-4");

            assertThat(logs.lines()).containsExactly("JUL FINE okhttp3.captor planted FINE-4");
        }
        assertThat(okhttp.getLevel()).isEqualTo(level);
    }

    @Test
    void everythingTakesLog4jJulAndTheStandardStreamsAndPutsThemBack() {
        Level rootLevel = config().getRootLogger().getLevel();
        var out = System.out;
        try (LogCapture all = LogCapture.everything()) {
            LoggerFactory.getLogger("app.phaseo.connect.videos.Planted").trace("planted TRACE-5");
            LoggerFactory.getLogger("com.example.Other").info("planted INFO-6");
            LoggerFactory.getLogger("com.example.Other").debug("planted DEBUG-7");
            java.util.logging.Logger.getLogger("com.example.jul").warning("planted WARNING-8");
            System.out.println("planted STDOUT-9");

            assertThat(all.count("app.phaseo", "TRACE")).isEqualTo(1);
            assertThat(all.lines()).contains("INFO com.example.Other planted INFO-6",
                    "JUL WARNING com.example.jul planted WARNING-8", "STDOUT planted STDOUT-9");
            assertThat(all.text()).doesNotContain("DEBUG-7");
        }
        assertThat(System.out).isSameAs(out);
        assertThat(config().getRootLogger().getLevel()).isEqualTo(rootLevel);
        assertThat(LoggerFactory.getLogger("app.phaseo.connect.videos.Planted").isTraceEnabled()).isFalse();
    }

    private static org.apache.logging.log4j.core.config.Configuration config() {
        return ((LoggerContext) LogManager.getContext(false)).getConfiguration();
    }
}
