package org.mqbook.interop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs the real Apache RocketMQ 4.7.1 next to mqbook: its NameServer, its broker and small
 * 4.7.1-side programs ({@code src/test/rmq471/java}), each in a child JVM.
 *
 * <p>4.7.1 brings netty 4.0 and fastjson 1, which clash with mqbook's netty 4.2 and fastjson2,
 * so 4.7.1 code never runs in the test JVM: {@link #start} builds a {@code java} command line
 * with the 4.7.1 classpath ({@link #classpath()}), the compiled programs ({@link #compile()}),
 * the {@code --add-opens} flags the 4.7.1 store needs on Java 17, TLS disabled (the default
 * permissive mode fails on Java 17), and a scratch ROCKETMQ_HOME ({@link #home()}) and
 * {@code user.home}, so nothing is written outside {@code target/rmq471}:
 * <pre>
 * target/rmq471/
 *   classpath.txt       the resolved 4.7.1 jars      classes/  compiled 4.7.1-side programs
 *   home/conf/          logback_namesrv.xml, logback_broker.xml, logback_tools.xml
 *   conf/               the -c files of namesrvs and brokers
 *   logs/NAME.log       a child's stdout+stderr       logs/NAME.logback.log  its logback output
 *   run/NAME/           a child's user.home and 4.7.1 client log root
 *   stores/NAME/        a broker's store (kept after the broker stops; mvn clean removes it)
 * </pre>
 * Typical use, one NameServer and broker per test class:
 * <pre>
 * namesrv = Rmq471.startNamesrv();
 * broker = Rmq471.startBroker(namesrv.addr(), "broker-a", Map.of());
 * ... // talk to 127.0.0.1:namesrv.port() / broker.port()
 * broker.close(); namesrv.close();                         // in @AfterAll
 * </pre>
 *
 * <p>Thread-safe. Read next: {@link ChildProcess}, {@link FreePorts}, and the programs
 * {@code org.mqbook.rmq471.CodecVectors}, {@code RemotingClientProbe}, {@code RemotingServerProbe}.
 */
public final class Rmq471 {

    public static final String NAMESRV_MAIN = "org.apache.rocketmq.namesrv.NamesrvStartup";
    public static final String BROKER_MAIN = "org.apache.rocketmq.broker.BrokerStartup";
    public static final String MQADMIN_MAIN = "org.apache.rocketmq.tools.command.MQAdminStartup";
    /** The 4.7.1-side programs under src/test/rmq471/java (see their Javadoc for arguments). */
    public static final String CODEC_VECTORS = "org.mqbook.rmq471.CodecVectors";
    public static final String CLIENT_PROBE = "org.mqbook.rmq471.RemotingClientProbe";
    public static final String SERVER_PROBE = "org.mqbook.rmq471.RemotingServerProbe";
    /** Printed by NamesrvStartup once it listens. */
    public static final String NAMESRV_READY = "The Name Server boot success";
    /** Printed by BrokerStartup after it listens and has registered with its namesrvs. */
    public static final String BROKER_READY = "boot success";
    public static final Duration SERVER_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration PROGRAM_TIMEOUT = Duration.ofSeconds(120);
    /** JVM flags the 4.7.1 store and client need on Java 17 (spec README). */
    public static final List<String> ADD_OPENS = List.of(
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED");

    private static final String[] LOGBACK_FILES =
            {"logback_namesrv.xml", "logback_broker.xml", "logback_tools.xml"};
    private static final int START_ATTEMPTS = 3;
    private static final AtomicInteger PROGRAM_COUNTER = new AtomicInteger();

    /** Exit code and everything a short-lived program printed. */
    public record ProgramResult(int exitCode, String output) {
    }

    private Rmq471() {
    }

    /** The 4.7.1 jars (client, broker, namesrv, tools and their dependencies). */
    public static List<Path> classpath() {
        return Rmq471Classpath.jars();
    }

    /** The directory with the compiled 4.7.1-side programs. */
    public static Path compile() {
        return Rmq471Classpath.classes();
    }

    /** A scratch ROCKETMQ_HOME with the three logback files the 4.7.1 mains look for. */
    public static synchronized Path home() {
        Path home = Rmq471Classpath.workDir().resolve("home");
        try {
            Path conf = Files.createDirectories(home.resolve("conf"));
            for (String file : LOGBACK_FILES) {
                writeIfChanged(conf.resolve(file), logbackXml(home));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    /** {@link #start(String, String, List, List, String, Duration)} named after the class. */
    public static ChildProcess start(String mainClass, List<String> jvmArgs, List<String> args,
                                     String readyText, Duration timeout) {
        return start(uniqueName(mainClass), mainClass, jvmArgs, args, readyText, timeout);
    }

    /**
     * Starts {@code mainClass} in a child JVM and, when {@code readyText} is not null, waits until
     * its output contains it. Output goes to {@code target/rmq471/logs/<name>.log}.
     *
     * @throws IllegalStateException when the child exits or the timeout passes first (the child
     *                               is killed; the message has the last 40 lines of its log)
     */
    public static ChildProcess start(String name, String mainClass, List<String> jvmArgs,
                                     List<String> args, String readyText, Duration timeout) {
        return start(name, mainClass, jvmArgs, args, readyText, timeout, -1, Map.of());
    }

    /** Starts a 4.7.1 NameServer on a free port of 127.0.0.1. */
    public static ChildProcess startNamesrv() {
        for (int attempt = 1; ; attempt++) {
            int port = FreePorts.find();
            Map<String, String> conf = Map.of("listenPort", Integer.toString(port));
            try {
                return startServer("namesrv-" + port, NAMESRV_MAIN, conf, NAMESRV_READY, port);
            } catch (IllegalStateException e) {
                if (attempt >= START_ATTEMPTS || !isPortClash(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Starts a 4.7.1 master broker (cluster {@code DefaultCluster}, id 0, ASYNC_MASTER,
     * ASYNC_FLUSH, 64 MiB commit-log files, auto-create topics on) on free ports
     * {@code p-2, p, p+1}, registering with {@code namesrvAddr} ({@code ip:port}, or a
     * {@code ;}-separated list). {@code extraConf} entries override the defaults; passing a
     * previous broker's {@link ChildProcess#conf()} restarts it on the same store and port.
     */
    public static ChildProcess startBroker(String namesrvAddr, String brokerName,
                                           Map<String, String> extraConf) {
        boolean portGiven = extraConf.containsKey("listenPort");
        for (int attempt = 1; ; attempt++) {
            int port = portGiven ? Integer.parseInt(extraConf.get("listenPort"))
                    : FreePorts.forBroker();
            Map<String, String> conf = brokerConf(namesrvAddr, brokerName, port, extraConf);
            try {
                return startServer("broker-" + brokerName + "-" + port, BROKER_MAIN, conf,
                        BROKER_READY, port);
            } catch (IllegalStateException e) {
                if (portGiven || attempt >= START_ATTEMPTS || !isPortClash(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Starts {@code RemotingServerProbe} (a bare 4.7.1 NettyRemotingServer) on a free port with
     * the given options, e.g. {@code startServerProbe("echo=300", "fail=301")}.
     */
    public static ChildProcess startServerProbe(String... options) {
        for (int attempt = 1; ; attempt++) {
            int port = FreePorts.find();
            List<String> args = new ArrayList<>(List.of(Integer.toString(port)));
            args.addAll(List.of(options));
            try {
                return start("RemotingServerProbe-" + port, SERVER_PROBE, List.of(), args,
                        "READY " + port, SERVER_TIMEOUT, port, Map.of());
            } catch (IllegalStateException e) {
                if (attempt >= START_ATTEMPTS || !isPortClash(e)) {
                    throw e;
                }
            }
        }
    }

    /** Runs a short-lived 4.7.1-side program to its end (at most 120 s). */
    public static ProgramResult runProgram(String mainClass, String... args) {
        return runProgram(mainClass, List.of(), List.of(args), PROGRAM_TIMEOUT);
    }

    /** Runs a short-lived program with extra JVM flags; kills it when it runs over. */
    public static ProgramResult runProgram(String mainClass, List<String> jvmArgs,
                                           List<String> args, Duration timeout) {
        try (ChildProcess child = start(mainClass, jvmArgs, args, null, timeout)) {
            int exitCode = child.waitFor(timeout);
            return new ProgramResult(exitCode, child.log());
        }
    }

    /** Runs the 4.7.1 {@code mqadmin} tool, e.g. {@code mqadmin("clusterList", "-n", addr)}. */
    public static ProgramResult mqadmin(String... args) {
        return runProgram(MQADMIN_MAIN, args);
    }

    private static Map<String, String> brokerConf(String namesrvAddr, String brokerName, int port,
                                                  Map<String, String> extraConf) {
        Path store = Rmq471Classpath.workDir().resolve("stores").resolve(brokerName + "-" + port);
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("brokerClusterName", "DefaultCluster");
        conf.put("brokerName", brokerName);
        conf.put("brokerId", "0");
        conf.put("brokerRole", "ASYNC_MASTER");
        conf.put("flushDiskType", "ASYNC_FLUSH");
        conf.put("listenPort", Integer.toString(port));
        conf.put("brokerIP1", "127.0.0.1");
        conf.put("brokerIP2", "127.0.0.1");
        conf.put("namesrvAddr", namesrvAddr);
        conf.put("storePathRootDir", store.toString());
        conf.put("storePathCommitLog", store.resolve("commitlog").toString());
        conf.put("mappedFileSizeCommitLog", Integer.toString(64 * 1024 * 1024));
        conf.put("autoCreateTopicEnable", "true");
        conf.put("deleteWhen", "04");
        conf.put("fileReservedTime", "48");
        conf.putAll(extraConf);
        if (!extraConf.containsKey("storePathRootDir")) {
            try {
                Rmq471Classpath.deleteTree(store);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear " + store, e);
            }
        }
        return conf;
    }

    private static ChildProcess startServer(String name, String mainClass, Map<String, String> conf,
                                            String readyText, int port) {
        Path confFile = Rmq471Classpath.workDir().resolve("conf").resolve(name + ".conf");
        try {
            Files.createDirectories(confFile.getParent());
            String text = conf.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(confFile, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(name, mainClass, List.of(), List.of("-c", confFile.toString()), readyText,
                SERVER_TIMEOUT, port, conf);
    }

    private static ChildProcess start(String name, String mainClass, List<String> jvmArgs,
                                      List<String> args, String readyText, Duration timeout,
                                      int port, Map<String, String> conf) {
        Path work = Rmq471Classpath.workDir();
        Path home = home();
        String classpath = compile() + File.pathSeparator + classpath().stream()
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        Path logs = work.resolve("logs");
        Path scratch = work.resolve("run").resolve(name);
        try {
            Files.createDirectories(logs);
            Files.createDirectories(scratch.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(ADD_OPENS);
        cmd.add("-Dtls.server.mode=disabled");
        cmd.add("-Drocketmq.home.dir=" + home);
        cmd.add("-Duser.home=" + scratch);
        cmd.add("-Drocketmq.client.logRoot=" + scratch.resolve("logs"));
        // Programs that never configure logback themselves (clients, mqadmin) read this file;
        // the namesrv and broker mains load their own file from home/conf over it.
        cmd.add("-Dlogback.configurationFile=" + home.resolve("conf").resolve("logback_tools.xml"));
        cmd.add("-Dmqbook.child.logback=" + logs.resolve(name + ".logback.log"));
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);

        Path logFile = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(scratch.toFile())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().put("ROCKETMQ_HOME", home.toString());
        builder.environment().remove("NAMESRV_ADDR");
        builder.environment().remove("ROCKETMQ_SERIALIZE_TYPE");
        ChildProcess child;
        try {
            child = new ChildProcess(name, builder.start(), logFile, port, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd.get(0) + " " + mainClass, e);
        }
        if (readyText != null) {
            try {
                child.awaitLog(readyText, timeout);
            } catch (RuntimeException e) {
                child.kill9();
                throw e;
            }
        }
        return child;
    }

    private static boolean isPortClash(IllegalStateException e) {
        return String.valueOf(e.getMessage()).contains("Address already in use");
    }

    private static String uniqueName(String mainClass) {
        String simple = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        return simple + "-" + ProcessHandle.current().pid() + "-"
                + PROGRAM_COUNTER.incrementAndGet();
    }

    private static String logbackXml(Path home) {
        String fallback = home.resolve("rocketmq.logback.log").toString();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by org.mqbook.interop.Rmq471: all 4.7.1 logging to one file per child. -->
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>${mqbook.child.logback:-%s}</file>
                    <append>true</append>
                    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5p [%%t] %%c{0} - %%m%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(fallback);
    }

    private static void writeIfChanged(Path file, String content) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
            return;
        }
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
