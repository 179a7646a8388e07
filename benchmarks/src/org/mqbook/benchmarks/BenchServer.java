package org.mqbook.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.FreePorts;
import org.mqbook.interop.Rmq471;

/**
 * A NameServer or broker of the server benchmarks, mqbook's or Apache RocketMQ 4.7.1's, in a
 * child JVM on free 127.0.0.1 ports, started from a {@code -c} file the way a user starts it.
 * <pre>
 *  side     main class                                   class path
 *  mqbook   org.mqbook.namesrv.NamesrvStartup            this JVM's (target/classes + jars)
 *           org.mqbook.broker.BrokerStartup
 *  rmq471   org.apache.rocketmq.namesrv.NamesrvStartup   the 4.7.1 jars, through {@link Rmq471}
 *           org.apache.rocketmq.broker.BrokerStartup
 * </pre>
 * Both sides get the same JVM flags ({@link #BROKER_JVM}, {@link #NAMESRV_JVM}, plus 4.7.1's
 * {@code --add-opens}) and the same store settings ({@link #brokerConf}). Files go under
 * {@code target/bench-servers/<name>/} (config, store, mqbook's stdout); 4.7.1's stdout goes
 * where {@link Rmq471} puts it ({@code target/rmq471/logs/}).
 *
 * <p>{@link #close()} stops the process by its pid (SIGTERM, SIGKILL after 20 s); a JVM shutdown
 * hook kills whatever is still running. Thread-safe. Read next: {@link BrokerBench}.
 */
final class BenchServer implements AutoCloseable {
    /** The two sides of every comparison. */
    static final String MQBOOK = "mqbook";
    static final String RMQ471 = "rmq471";
    /** Heap and GC of both brokers: fixed 1 GiB heap, G1 (4.7.1's runbroker.sh also uses G1). */
    static final List<String> BROKER_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
    static final List<String> NAMESRV_JVM = List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC");
    /** Commit-log file size of both brokers. */
    static final int COMMIT_LOG_FILE_BYTES = 128 * 1024 * 1024;
    static final Path WORK = Path.of("target", "bench-servers").toAbsolutePath();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
            () -> RUNNING.forEach(Process::destroyForcibly), "BenchServerReaper"));
    }

    final String side;
    final String name;
    final int port;
    final Map<String, String> conf;
    private final Process process;
    private final ChildProcess child;
    private final Path log;

    private BenchServer(final String side, final String name, final int port,
        final Map<String, String> conf, final Process process, final ChildProcess child,
        final Path log) {
        this.side = side;
        this.name = name;
        this.port = port;
        this.conf = Map.copyOf(conf);
        this.process = process;
        this.child = child;
        this.log = log;
    }

    String addr() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process != null ? process.pid() : child.pid();
    }

    /** CPU time (user + system) the server's process has used so far, ns. */
    long cpuNanos() {
        return ProcessHandle.of(pid()).flatMap(h -> h.info().totalCpuDuration())
            .map(java.time.Duration::toNanos).orElse(0L);
    }

    Path log() {
        return log;
    }

    /** A NameServer of {@code side} on a free port. */
    static BenchServer namesrv(final String side, final String name) {
        final int port = FreePorts.find();
        final Map<String, String> conf = new LinkedHashMap<>();
        conf.put("listenPort", Integer.toString(port));
        conf.put("kvConfigPath", WORK.resolve(name).resolve("kvConfig.json").toString());
        final String main = side.equals(MQBOOK) ? "org.mqbook.namesrv.NamesrvStartup"
            : Rmq471.NAMESRV_MAIN;
        return start(side, name, main, NAMESRV_JVM, conf, port, Rmq471.NAMESRV_READY);
    }

    /**
     * The store and broker settings both sides get: one master, ASYNC_FLUSH, 128 MiB commit-log
     * files, auto-created topics, everything else each broker's default (both default to one
     * send thread and the spin put lock, as 4.7.1 does). {@code extra} entries win.
     */
    static Map<String, String> brokerConf(final String name, final String namesrvAddr,
        final Map<String, String> extra) {
        final int port = FreePorts.forBroker();
        final Path store = WORK.resolve(name).resolve("store");
        final Map<String, String> conf = new LinkedHashMap<>();
        conf.put("brokerClusterName", "DefaultCluster");
        conf.put("brokerName", name);
        conf.put("brokerId", "0");
        conf.put("brokerRole", "ASYNC_MASTER");
        conf.put("flushDiskType", "ASYNC_FLUSH");
        conf.put("listenPort", Integer.toString(port));
        conf.put("brokerIP1", "127.0.0.1");
        conf.put("brokerIP2", "127.0.0.1");
        conf.put("namesrvAddr", namesrvAddr);
        conf.put("storePathRootDir", store.toString());
        conf.put("storePathCommitLog", store.resolve("commitlog").toString());
        conf.put("mappedFileSizeCommitLog", Integer.toString(COMMIT_LOG_FILE_BYTES));
        conf.put("autoCreateTopicEnable", "true");
        conf.put("deleteWhen", "04");
        conf.put("fileReservedTime", "48");
        conf.putAll(extra);
        return conf;
    }

    /** A broker of {@code side} with a fresh store, started from {@code conf} (see brokerConf). */
    static BenchServer broker(final String side, final Map<String, String> conf,
        final List<String> extraJvm) {
        deleteTree(Path.of(conf.get("storePathRootDir")));
        return restart(side, conf, extraJvm);
    }

    /** A broker of {@code side} on the store and port {@code conf} names, kept as it is. */
    static BenchServer restart(final String side, final Map<String, String> conf,
        final List<String> extraJvm) {
        final String main = side.equals(MQBOOK) ? "org.mqbook.broker.BrokerStartup"
            : Rmq471.BROKER_MAIN;
        final List<String> jvm = new ArrayList<>(BROKER_JVM);
        jvm.addAll(extraJvm);
        return start(side, conf.get("brokerName"), main, jvm, conf,
            Integer.parseInt(conf.get("listenPort")), Rmq471.BROKER_READY);
    }

    private static BenchServer start(final String side, final String name, final String main,
        final List<String> jvm, final Map<String, String> conf, final int port,
        final String ready) {
        try {
            final Path dir = Files.createDirectories(WORK.resolve(name));
            final Path confFile = dir.resolve(name + ".conf");
            Files.writeString(confFile, conf.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n")));
            final List<String> args = List.of("-c", confFile.toString());
            if (side.equals(RMQ471)) {
                final ChildProcess child = Rmq471.start(name + "-" + port, main, jvm, args,
                    ready, START_TIMEOUT);
                return new BenchServer(side, name, port, conf, null, child, child.logFile());
            }
            final List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(Rmq471.ADD_OPENS);
            cmd.addAll(jvm);
            cmd.add("-Drocketmq.home.dir=" + Path.of("").toAbsolutePath());
            cmd.add("-Duser.home=" + dir);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(main);
            cmd.addAll(args);
            final Path log = dir.resolve(name + "-" + port + ".out");
            final Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            RUNNING.add(process);
            final BenchServer server = new BenchServer(side, name, port, conf, process, null, log);
            server.awaitReady(ready);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + side + " " + name, e);
        }
    }

    private void awaitReady(final String ready) throws IOException {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(name + " did not print \"" + ready
                    + "\" within " + START_TIMEOUT.toSeconds() + " s; see " + log);
            }
            sleep(50);
        }
    }

    /** SIGTERM to the pid (the server's shutdown hook runs), SIGKILL after the grace. */
    @Override
    public void close() {
        if (child != null) {
            child.stop(GRACE);
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        RUNNING.remove(process);
    }

    static void deleteTree(final Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return side + " " + name + " (pid " + pid() + ", " + addr() + ")";
    }
}
