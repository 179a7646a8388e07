package org.mqbook.client.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.mqbook.common.RuntimeHome;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's log: logger {@code RocketmqClient}, written to
 * {@code <logRoot>/rocketmq_client.log}, where logRoot is {@code -Drocketmq.client.logRoot} or
 * else {@code target/runtime/logs} under the runtime home. 4.7.1 writes to
 * {@code ~/logs/rocketmqlogs}; mqbook never writes into the user's home.
 *
 * <p>Like 4.7.1's, the client log is kept apart from the application's (not additive), so a
 * chatty client does not flood the application's console. With
 * {@code -Drocketmq.client.logUseSlf4j=true} the file is not attached and everything goes
 * through the application's own slf4j configuration. Only logback is configured here; with
 * another slf4j binding the logger is used as that binding sets it up.
 *
 * <p>Thread-safe: the appender is attached once, under the class lock.
 */
public final class ClientLogger {
    public static final String CLIENT_LOGGER_NAME = "RocketmqClient";
    public static final String CLIENT_LOG_ROOT = "rocketmq.client.logRoot";
    public static final String CLIENT_LOG_USESLF4J = "rocketmq.client.logUseSlf4j";
    public static final String CLIENT_LOG_FILE = "rocketmq_client.log";

    private static boolean configured;

    private ClientLogger() {
    }

    public static synchronized Logger getLog() {
        Logger logger = LoggerFactory.getLogger(CLIENT_LOGGER_NAME);
        if (!configured) {
            configured = true;
            if (!Boolean.getBoolean(CLIENT_LOG_USESLF4J)) {
                attachFile(logger);
            }
        }
        return logger;
    }

    /** Where the client log goes now. */
    public static Path logFile() {
        String root = System.getProperty(CLIENT_LOG_ROOT);
        Path dir = root != null ? Path.of(root) : RuntimeHome.runtimeDir().resolve("logs");
        return dir.resolve(CLIENT_LOG_FILE);
    }

    private static void attachFile(Logger logger) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)
            || !(logger instanceof ch.qos.logback.classic.Logger logback)) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("RocketmqClientAppender");
        appender.setFile(logFile().toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        logback.addAppender(appender);
        logback.setAdditive(false);
    }
}
