package org.mqbook.namesrv;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;
import org.mqbook.common.MixAll;
import org.mqbook.common.RuntimeHome;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a NameServer: {@code NamesrvStartup [-c FILE] [-p] [-h]}.
 * <ul>
 *   <li>{@code -c FILE}: a properties file with 4.7.1's keys, for NamesrvConfig
 *       ({@code kvConfigPath}, {@code orderMessageEnable}, ...) and NettyServerConfig
 *       ({@code listenPort}, {@code bindAddress}, ...);</li>
 *   <li>{@code -p}: print every setting and exit;</li>
 *   <li>{@code -h}: print the usage and exit.</li>
 * </ul>
 * Logging is configured from {@code conf/logback_namesrv.xml} of the runtime home (logs go to
 * {@code target/runtime/logs/}). Once the server listens it prints
 * {@value #BOOT_SUCCESS_PREFIX}JSON; a JVM shutdown hook (SIGTERM, Ctrl+C) stops it cleanly.
 *
 * <p>Exit codes, as in 4.7.1: 0 after {@code -p}/{@code -h}, 1 for a bad command line, -1
 * (255) when startup fails, -3 (253) when the controller cannot initialize.
 *
 * <p>Not thread-safe: main runs once. Read next: {@link NamesrvController}.
 */
public class NamesrvStartup {
    /** What 4.7.1 prints when ready; scripts and tests wait for it. */
    public static final String BOOT_SUCCESS_PREFIX = "The Name Server boot success. serializeType=";
    /** The NameServer's port unless the -c file says otherwise (the bare remoting default is 8888). */
    public static final int DEFAULT_LISTEN_PORT = 9876;
    static final String USAGE = "usage: mqnamesrv [-c configFile] [-p] [-h]\n"
        + " -c,--configFile <arg>   Name server config properties file\n"
        + " -p,--printConfigItem    Print all config items\n"
        + " -h,--help               Print help";

    private static Logger log = LoggerFactory.getLogger(NamesrvStartup.class);

    /** The two configurations a command line produces, or the exit code it asks for. */
    public record Settings(NamesrvConfig namesrvConfig, NettyServerConfig nettyServerConfig,
                    Integer exitCode) {
    }

    public static void main(String[] args) {
        main0(args);
    }

    public static NamesrvController main0(String[] args) {
        try {
            NamesrvController controller = createNamesrvController(args);
            start(controller);
            String tip = BOOT_SUCCESS_PREFIX + serializeType();
            log.info(tip);
            System.out.printf("%s%n", tip);
            return controller;
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(-1);
        }
        return null;
    }

    // tag::ch02-create-controller[]
    public static NamesrvController createNamesrvController(String[] args)
        throws IOException {
        Settings settings = parseCommandLine(args, System.out);
        if (settings.exitCode() != null) {
            System.exit(settings.exitCode());
        }
        NamesrvConfig namesrvConfig = settings.namesrvConfig();
        // TODO K2: logging is set up only now, so "-p" prints nothing
        // but the settings and a bad config file fails before any log.
        RuntimeHome.configureLogback(Path.of(namesrvConfig.getRocketmqHome()),
            "logback_namesrv.xml");
        log = LoggerFactory.getLogger(NamesrvStartup.class);
        MixAll.printObjectProperties(log, namesrvConfig);
        MixAll.printObjectProperties(log, settings.nettyServerConfig());
        return new NamesrvController(namesrvConfig,
            settings.nettyServerConfig());
    }
    // end::ch02-create-controller[]

    /**
     * The command line turned into settings: defaults, then the -c file's keys. Prints the
     * settings ({@code -p}), usage ({@code -h}) or an error to {@code out} and returns an exit
     * code for those; never exits itself, so tests can call it.
     */
    // tag::ch02-parse[]
    public static Settings parseCommandLine(String[] args, PrintStream out)
        throws IOException {
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        NettyServerConfig nettyServerConfig = new NettyServerConfig();
        // TODO K1: 9876 is the NameServer's port by convention; every
        // client and broker config in the guide names 127.0.0.1:9876.
        nettyServerConfig.setListenPort(DEFAULT_LISTEN_PORT);
        String configFile = null;
        boolean print = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--configFile" -> {
                    if (i + 1 >= args.length) {
                        return usage(out, args[i] + " needs a file");
                    }
                    configFile = args[++i];
                }
                case "-p", "--printConfigItem" -> print = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return new Settings(null, null, 0);
                }
                default -> {
                    return usage(out, "unknown option " + args[i]);
                }
            }
        }
        if (configFile != null) {
            Properties properties = new Properties();
            try (InputStream in =
                     Files.newInputStream(Path.of(configFile))) {
                properties.load(in);
            }
            // TODO K1: one file fills both beans: each key goes to
            // whichever bean has a setter of that name.
            MixAll.properties2Object(properties, namesrvConfig);
            MixAll.properties2Object(properties, nettyServerConfig);
            namesrvConfig.setConfigStorePath(configFile);
            out.printf("load config properties file OK, %s%n", configFile);
        }
        if (print) {
            printSettings(out, namesrvConfig);
            printSettings(out, nettyServerConfig);
            return new Settings(namesrvConfig, nettyServerConfig, 0);
        }
        return new Settings(namesrvConfig, nettyServerConfig, null);
    }
    // end::ch02-parse[]

    // tag::ch02-start-hook[]
    public static NamesrvController start(NamesrvController controller) {
        if (controller == null) {
            throw new IllegalArgumentException("NamesrvController is null");
        }
        if (!controller.initialize()) {
            controller.shutdown();
            System.exit(-3);
        }
        // TODO K1: SIGTERM or Ctrl+C runs this hook: the four running
        // parts stop in order instead of dying with the JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long begin = System.currentTimeMillis();
            log.info("shutdown hook was invoked");
            controller.shutdown();
            log.info("shutdown hook done in {} ms",
                System.currentTimeMillis() - begin);
        }, "ShutdownHook"));
        controller.start();
        return controller;
    }
    // end::ch02-start-hook[]

    private static Settings usage(PrintStream out, String problem) {
        out.println(problem);
        out.println(USAGE);
        return new Settings(null, null, 1);
    }

    private static void printSettings(PrintStream out, Object bean) {
        new TreeMap<>(MixAll.object2Properties(bean)).forEach((k, v) -> out.println(k + "=" + v));
    }

    /** This process's header encoding, the one a new command gets ("JSON" unless configured). */
    private static String serializeType() {
        return RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null)
            .getSerializeTypeCurrentRPC().name();
    }
}
