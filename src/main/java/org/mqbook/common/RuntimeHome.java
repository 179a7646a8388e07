package org.mqbook.common;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.slf4j.LoggerFactory;

/**
 * The runtime home: what {@code ROCKETMQ_HOME} is in Apache RocketMQ 4.7.1.
 *
 * <p>4.7.1 refuses to start until {@code ROCKETMQ_HOME} points at a folder with {@code conf/}; the
 * guide's chapter 1 spends a page setting it up. mqbook finds its home by itself so the servers start
 * from a fresh clone or an IDE with no set-up, and it writes nothing outside the project:
 * <ol>
 *   <li>the JVM property {@code rocketmq.home.dir}, else</li>
 *   <li>the environment variable {@code ROCKETMQ_HOME}, else</li>
 *   <li>the nearest folder, from the working directory upwards, that holds {@code conf/broker.conf}
 *       (the project root when started from a clone or an IDE), else</li>
 *   <li>the working directory.</li>
 * </ol>
 * Stores and logs default to {@code target/runtime/} under the home; relative paths in {@code conf/}
 * files resolve against the home ({@link #resolve(String)}).
 *
 * <p>Thread-safety: immutable after the first call; safe from any thread.
 *
 * <p>Read next: {@code conf/broker.conf}, then {@code namesrv.NamesrvStartup}.
 */
public final class RuntimeHome {

    /** JVM property naming the home, as in 4.7.1. */
    public static final String HOME_PROPERTY = "rocketmq.home.dir";
    /** Environment variable naming the home, as in 4.7.1. */
    public static final String HOME_ENV = "ROCKETMQ_HOME";
    /** Where stores and logs go by default, relative to the home. */
    public static final String RUNTIME_DIR = "target/runtime";

    private static volatile Path home;

    private RuntimeHome() {
    }

    /** The runtime home, found once as the class comment describes. */
    public static Path home() {
        Path h = home;
        if (h == null) {
            h = locate(System.getProperty(HOME_PROPERTY), System.getenv(HOME_ENV),
                Paths.get("").toAbsolutePath());
            home = h;
        }
        return h;
    }

    /**
     * The search itself, kept free of global state so tests can drive it.
     *
     * @param property value of {@code rocketmq.home.dir}, or null
     * @param env      value of {@code ROCKETMQ_HOME}, or null
     * @param cwd      the absolute working directory
     */
    static Path locate(String property, String env, Path cwd) {
        if (property != null && !property.isBlank()) {
            return Paths.get(property).toAbsolutePath().normalize();
        }
        if (env != null && !env.isBlank()) {
            return Paths.get(env).toAbsolutePath().normalize();
        }
        // TODO K2: walking up finds the project root from a module or test working directory too
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("conf").resolve("broker.conf"))) {
                return p.normalize();
            }
        }
        return cwd.normalize();
    }

    /** {@code target/runtime} under the home: the default parent of stores and logs. */
    public static Path runtimeDir() {
        return home().resolve(RUNTIME_DIR);
    }

    /** A path from a config file: absolute stays as is, relative resolves against the home. */
    public static Path resolve(String path) {
        Path p = Paths.get(path);
        return p.isAbsolute() ? p : home().resolve(p).normalize();
    }

    /** Configures logback from {@code conf/<fileName>} of this runtime home. */
    public static void configureLogback(String fileName) {
        configureLogback(home(), fileName);
    }

    /**
     * Configures logback from {@code conf/<fileName>} of {@code home} (e.g.
     * {@code logback_broker.xml}). A missing file leaves logback's defaults and says so on stderr.
     */
    public static void configureLogback(Path home, String fileName) {
        Path xml = home.resolve("conf").resolve(fileName);
        if (!Files.isRegularFile(xml)) {
            System.err.println("no " + xml + ": logging with logback's defaults");
            return;
        }
        configureLogback((LoggerContext) LoggerFactory.getILoggerFactory(), home, xml);
    }

    /**
     * Loads {@code file} into {@code context}, which it resets first. The conf files name their
     * log folder relative to {@code ${rocketmq.home.dir}}, which is unset when the home was found
     * by searching, so the context is given it explicitly.
     */
    public static void configureLogback(LoggerContext context, Path home, Path file) {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        context.putProperty(HOME_PROPERTY, home.toString());
        try {
            configurator.doConfigure(file.toFile());
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + file + ": " + e.getMessage(), e);
        }
    }

    /** A file under {@code conf/} of the home, e.g. {@code conf("logback_broker.xml")}. */
    public static Path conf(String fileName) {
        return home().resolve("conf").resolve(fileName);
    }
}
