package dev.hearth.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The hearth command's own logging: warnings and errors on stderr, so that stdout holds only what a
 * command prints (run logs, JSON). {@code HEARTH_LOG} (system property or environment) sets the level,
 * e.g. {@code HEARTH_LOG=debug}. Set up in code rather than from a logback.xml because reading XML
 * costs a cold JVM some 60 ms, paid by every run on its way to the first step;
 * {@code -Dlogback.configurationFile=FILE} still takes a file of the user's instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("hearth: %level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level());
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static Level level() {
        return level(Level.WARN);
    }

    private static Level level(Level otherwise) {
        String value = System.getProperty("HEARTH_LOG", System.getenv("HEARTH_LOG"));
        return Level.toLevel(value == null ? null : value.strip(), otherwise);
    }

    /** The libraries whose INFO lines say nothing an operator of Hearth needs. */
    private static final java.util.List<String> QUIET = java.util.List.of("org.eclipse.jetty", "io.javalin",
            "com.zaxxer.hikari", "org.flywaydb", "org.eclipse.jgit", "io.zonky");

    /**
     * {@code hearth serve} logs as a server does: every line with its time, and at INFO unless
     * {@code HEARTH_LOG} says otherwise, so that deliveries, runs and reports show; the libraries
     * under it stay at WARN. A file of the user's ({@code -Dlogback.configurationFile}) is left alone.
     */
    static void forServer() {
        if (System.getProperty("logback.configurationFile") != null
                || !(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = level(Level.INFO);
        root.setLevel(level);
        if (level.isGreaterOrEqual(Level.INFO)) {
            QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        }
        if (root.getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> stderr) {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n");
            encoder.start();
            stderr.stop();
            stderr.setEncoder(encoder);
            stderr.start();
        }
    }
}
