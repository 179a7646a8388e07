package org.mqbook.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;
import org.mqbook.common.BrokerConfig;
import org.mqbook.common.MixAll;
import org.mqbook.common.RuntimeHome;
import org.mqbook.common.annotation.ImportantField;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a broker: {@code BrokerStartup [-c FILE] [-n ADDR] [-p | -m] [-h]}.
 * <ul>
 *   <li>{@code -c FILE}: a properties file with 4.7.1's keys ({@code conf/broker.conf}): each key
 *       goes to whichever of the four settings beans has it (BrokerConfig, NettyServerConfig,
 *       NettyClientConfig, MessageStoreConfig); relative store paths resolve against the
 *       runtime home;</li>
 *   <li>{@code -n ADDR}: the NameServer list, over the file's {@code namesrvAddr};</li>
 *   <li>{@code -p}: print every setting and exit; {@code -m}: only the important ones;</li>
 *   <li>{@code -h}: print the usage and exit.</li>
 * </ul>
 * Logging follows {@code conf/logback_broker.xml} of the runtime home. When the broker listens
 * and has registered it prints "The broker[NAME, ADDR] boot success. serializeType=JSON and name
 * server is ADDRS"; a JVM shutdown hook (SIGTERM, Ctrl+C) stops it cleanly.
 *
 * <p>Exit codes, as in 4.7.1: 0 after {@code -p}/{@code -m}/{@code -h}, 1 for a bad command
 * line, -1 (255) when startup fails, -3 (253) for a bad setting or a failed initialize.
 *
 * <p>Not thread-safe: main runs once. Read next: {@link BrokerController}.
 */
public class BrokerStartup {
    /** The broker's port unless the -c file says otherwise (the bare remoting default is 8888). */
    public static final int DEFAULT_LISTEN_PORT = 10911;
    static final String USAGE = "usage: mqbroker [-c configFile] [-n namesrvAddr] [-p] [-m] [-h]\n"
        + " -c,--configFile <arg>       Broker config properties file\n"
        + " -n,--namesrvAddr <arg>      Name server address list, eg: 127.0.0.1:9876;192.168.0.1:9876\n"
        + " -p,--printConfigItem        Print all config items\n"
        + " -m,--printImportantConfig   Print important config items\n"
        + " -h,--help                   Print help";

    private static Logger log = LoggerFactory.getLogger(BrokerStartup.class);

    /** The four settings beans a command line produces, or the exit code it asks for. */
    public record Settings(BrokerConfig brokerConfig, NettyServerConfig nettyServerConfig,
                           NettyClientConfig nettyClientConfig,
                           MessageStoreConfig messageStoreConfig, Integer exitCode) {
    }

    public static void main(String[] args) {
        start(createBrokerController(args));
    }

    /** Starts the controller and prints the boot line; exits the JVM when start fails. */
    public static BrokerController start(BrokerController controller) {
        try {
            controller.start();
            String tip = bootSuccessLine(controller);
            log.info(tip);
            System.out.printf("%s%n", tip);
            return controller;
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(-1);
        }
        return null;
    }

    /** "The broker[broker-a, 127.0.0.1:10911] boot success. serializeType=JSON ...". */
    public static String bootSuccessLine(BrokerController controller) {
        String tip = "The broker[" + controller.getBrokerConfig().getBrokerName() + ", "
            + controller.getBrokerAddr() + "] boot success. serializeType="
            + RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null)
                .getSerializeTypeCurrentRPC().name();
        String namesrv = controller.getBrokerConfig().getNamesrvAddr();
        return namesrv == null ? tip : tip + " and name server is " + namesrv;
    }

    // tag::ch03-create-controller[]
    public static BrokerController createBrokerController(String[] args) {
        try {
            Settings s = parseCommandLine(args, System.out);
            if (s.exitCode() != null) {
                System.exit(s.exitCode());
            }
            // TODO K2: logging starts only now, so -p prints nothing but the
            // settings and a bad file fails before any log is written.
            RuntimeHome.configureLogback(
                Path.of(s.brokerConfig().getRocketmqHome()), "logback_broker.xml");
            log = LoggerFactory.getLogger(BrokerStartup.class);
            MixAll.printObjectProperties(log, s.brokerConfig());
            MixAll.printObjectProperties(log, s.nettyServerConfig());
            MixAll.printObjectProperties(log, s.nettyClientConfig());
            MixAll.printObjectProperties(log, s.messageStoreConfig());
            BrokerController controller = new BrokerController(s.brokerConfig(),
                s.nettyServerConfig(), s.nettyClientConfig(),
                s.messageStoreConfig());
            if (!controller.initialize()) {
                controller.shutdown();
                System.exit(-3);
            }
            // TODO K1: SIGTERM or Ctrl+C runs this hook: the broker says
            // goodbye to its NameServers and flushes before the JVM ends.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long begin = System.currentTimeMillis();
                controller.shutdown();
                log.info("shutdown hook over, consuming total time(ms): {}",
                    System.currentTimeMillis() - begin);
            }, "ShutdownHook"));
            return controller;
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(-1);
        }
        return null;
    }
    // end::ch03-create-controller[]

    // tag::ch03-parse[]
    /**
     * The command line turned into the four beans: defaults, then the -c file, then -n.
     * Prints settings, usage or an error to {@code out} and returns an exit code for those;
     * never exits itself, so tests can call it.
     */
    public static Settings parseCommandLine(String[] args, PrintStream out)
        throws IOException {
        BrokerConfig brokerConfig = new BrokerConfig();
        NettyServerConfig nettyServerConfig = new NettyServerConfig();
        NettyClientConfig nettyClientConfig = new NettyClientConfig();
        MessageStoreConfig messageStoreConfig = new MessageStoreConfig();
        // TODO K1: 10911 is the broker's port by convention; its neighbours
        // 10909 (listenPort - 2, the VIP port) and 10912 (HA) follow from it.
        nettyServerConfig.setListenPort(DEFAULT_LISTEN_PORT);
        nettyServerConfig.setBindAddress("127.0.0.1");
        String configFile = null;
        String namesrv = null;
        int print = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--configFile", "-n", "--namesrvAddr" -> {
                    if (i + 1 >= args.length) {
                        return usage(out, args[i] + " needs a value");
                    }
                    if (args[i].startsWith("-c") || args[i].startsWith("--c")) {
                        configFile = args[++i];
                    } else {
                        namesrv = args[++i];
                    }
                }
                case "-p", "--printConfigItem" -> print = 2;
                case "-m", "--printImportantConfig" -> print = Math.max(print, 1);
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return new Settings(null, null, null, null, 0);
                }
                default -> {
                    return usage(out, "unknown option " + args[i]);
                }
            }
        }
        if (configFile != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(configFile))) {
                properties.load(in);
            }
            // TODO K1: one file, four beans: each key goes to whichever bean
            // has a setter of that name; unknown keys are ignored, as in 4.7.1.
            MixAll.properties2Object(properties, brokerConfig);
            MixAll.properties2Object(properties, nettyServerConfig);
            MixAll.properties2Object(properties, nettyClientConfig);
            MixAll.properties2Object(properties, messageStoreConfig);
            out.printf("load config properties file OK, %s%n", configFile);
        }
        if (namesrv != null) {
            brokerConfig.setNamesrvAddr(namesrv);
        }
        String problem = settingsError(brokerConfig, messageStoreConfig);
        if (problem != null) {
            out.println(problem);
            return new Settings(null, null, null, null, -3);
        }
        // TODO K2: as in 4.7.1, HA always listens next to the main port.
        messageStoreConfig.setHaListenPort(nettyServerConfig.getListenPort() + 1);
        Settings settings = new Settings(brokerConfig, nettyServerConfig, nettyClientConfig,
            messageStoreConfig, print > 0 ? 0 : null);
        if (print > 0) {
            for (Object bean : new Object[] {brokerConfig, nettyServerConfig,
                nettyClientConfig, messageStoreConfig}) {
                printSettings(out, bean, print == 1);
            }
        }
        return settings;
    }
    // end::ch03-parse[]

    /** 4.7.1's start-time checks: NameServer list format, broker id against role. */
    static String settingsError(BrokerConfig b, MessageStoreConfig m) {
        if (b.getNamesrvAddr() != null) {
            for (String addr : b.getNamesrvAddr().split(";")) {
                int colon = addr.lastIndexOf(':');
                boolean ok = colon > 0 && addr.substring(colon + 1).matches("\\d{1,5}");
                if (!ok) {
                    return String.format("The Name Server Address[%s] illegal, please set it "
                        + "as follows, \"127.0.0.1:9876;192.168.0.1:9876\"", b.getNamesrvAddr());
                }
            }
        }
        if (m.getBrokerRole() == BrokerRole.SLAVE && b.getBrokerId() <= 0) {
            return "Slave's brokerId must be > 0";
        }
        if (m.getBrokerRole() != BrokerRole.SLAVE) {
            b.setBrokerId(MixAll.MASTER_ID);
        }
        return null;
    }

    private static Settings usage(PrintStream out, String problem) {
        out.println(problem);
        out.println(USAGE);
        return new Settings(null, null, null, null, 1);
    }

    private static void printSettings(PrintStream out, Object bean, boolean onlyImportant) {
        Properties all = MixAll.object2Properties(bean);
        TreeMap<String, String> shown = new TreeMap<>();
        for (String key : all.stringPropertyNames()) {
            if (!onlyImportant || isImportant(bean.getClass(), key)) {
                shown.put(key, all.getProperty(key));
            }
        }
        shown.forEach((k, v) -> out.println(k + "=" + v));
    }

    private static boolean isImportant(Class<?> type, String field) {
        try {
            Field f = type.getDeclaredField(field);
            return !Modifier.isStatic(f.getModifiers())
                && f.getAnnotation(ImportantField.class) != null;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
