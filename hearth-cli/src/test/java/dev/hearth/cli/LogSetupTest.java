package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Level before = root.getLevel();

    @AfterEach
    void restore() {
        root.setLevel(before);
        context.getLogger("org.eclipse.jetty").setLevel(null);
    }

    @Test
    void aServerLogsAtInfoWithTimesWhileItsLibrariesStayQuiet() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("HEARTH_LOG") == null && System.getProperty("HEARTH_LOG") == null,
                "HEARTH_LOG is set here, and it decides the level");
        LogSetup.forServer();
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("dev.hearth.server.webhook.WebhookHandler").isInfoEnabled()).isTrue();
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).startsWith("%d{");
    }
}
