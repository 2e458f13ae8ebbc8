package dev.tollgate.runtime.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import dev.tollgate.runtime.proxy.AccessLog;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Points the {@value AccessLog#LOGGER_NAME} logger at standard output, a file, or nowhere. The
 * lines are already JSON, so the appender writes the message and a newline only.
 */
final class AccessLogOutput {

    static final String STDOUT = "-";
    static final String OFF = "off";

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(AccessLogOutput.class);

    private AccessLogOutput() {}

    /**
     * Applies {@code target}: {@value #STDOUT} for standard output, {@value #OFF} to disable, or a
     * file path to append to. Without Logback on the class path only {@value #OFF} has an effect
     * beyond the logging backend's own configuration.
     */
    static void configure(String target) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            LOG.warn("The access log target \"{}\" is ignored: the logging backend is {}, not Logback", target,
                    factory.getClass().getName());
            return;
        }
        ch.qos.logback.classic.Logger logger = context.getLogger(AccessLog.LOGGER_NAME);
        logger.setAdditive(false);
        if (OFF.equalsIgnoreCase(target)) {
            logger.setLevel(Level.OFF);
            LOG.info("Access log is off");
            return;
        }
        logger.setLevel(Level.INFO);
        detachAll(logger);
        logger.addAppender(STDOUT.equals(target) ? stdoutAppender(context) : fileAppender(context, Path.of(target)));
        LOG.info("Access log goes to {}", STDOUT.equals(target) ? "standard output" : target);
    }

    private static Appender<ILoggingEvent> stdoutAppender(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("access-stdout");
        appender.setEncoder(messageOnly(context));
        appender.start();
        return appender;
    }

    private static Appender<ILoggingEvent> fileAppender(LoggerContext context, Path file) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("access-file");
        appender.setFile(file.toAbsolutePath().toString());
        appender.setAppend(true);
        appender.setEncoder(messageOnly(context));
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalArgumentException("cannot open the access log file " + file.toAbsolutePath());
        }
        return appender;
    }

    private static PatternLayoutEncoder messageOnly(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        return encoder;
    }

    private static void detachAll(ch.qos.logback.classic.Logger logger) {
        for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
