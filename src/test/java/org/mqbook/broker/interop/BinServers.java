package org.mqbook.broker.interop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.mqbook.interop.FreePorts;

/**
 * mqbook's own NameServer and broker started the way a user starts them, by
 * {@code bin/mqnamesrv -c FILE} and {@code bin/mqbroker -c FILE}, as child processes. Each test
 * writes its own config (free 127.0.0.1 ports, a store under {@code target/broker-interop/})
 * and must stop what it starts ({@link Server#close()} or {@link Server#kill9()}).
 *
 * <p>The scripts get the test JVM's jars through {@code MQBOOK_CLASSPATH_FILE}, so no nested
 * Maven run is needed. Thread-safe.
 */
public final class BinServers {
    static final Path ROOT = Paths.get(System.getProperty("mqbook.home", "")).toAbsolutePath();
    static final Path WORK = ROOT.resolve("target").resolve("broker-interop");
    static final String JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC";
    private static Path classpathFile;

    private BinServers() {
    }

    /** A running child server: its process, log, port and the config it was started with. */
    public record Server(String name, Process process, Path log, int port,
                         Map<String, String> conf) implements AutoCloseable {
        public String addr() {
            return "127.0.0.1:" + port;
        }

        public String output() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGKILL to the script's JVM (exec replaced bash, so it is the process itself). */
        public void kill9() {
            process.destroyForcibly();
            waitGone(Duration.ofSeconds(10));
        }

        /** SIGTERM: the JVM's shutdown hook stops the server cleanly. */
        @Override
        public void close() {
            process.destroy();
            if (!waitGone(Duration.ofSeconds(20))) {
                kill9();
            }
        }

        private boolean waitGone(Duration d) {
            try {
                return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** {@code bin/mqnamesrv} on a free port. */
    public static Server startNamesrv(String name) throws IOException {
        int port = FreePorts.find();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("listenPort", Integer.toString(port));
        conf.put("bindAddress", "127.0.0.1");
        conf.put("kvConfigPath", WORK.resolve(name).resolve("kvConfig.json").toString());
        return start("mqnamesrv", name, conf, port, "The Name Server boot success");
    }

    /**
     * {@code bin/mqbroker} with the keys of conf/broker.conf, free ports and a fresh store
     * {@code target/broker-interop/<name>/store} (kept when {@code extra} names a store root).
     */
    public static Server startBroker(String name, String namesrvAddr, Map<String, String> extra)
        throws IOException {
        int port = extra.containsKey("listenPort") ? Integer.parseInt(extra.get("listenPort"))
            : FreePorts.forBroker();
        Path store = WORK.resolve(name).resolve("store");
        if (!extra.containsKey("storePathRootDir")) {
            deleteTree(store);
        }
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("brokerClusterName", "DefaultCluster");
        conf.put("brokerName", "broker-a");
        conf.put("brokerId", "0");
        conf.put("deleteWhen", "04");
        conf.put("fileReservedTime", "48");
        conf.put("brokerRole", "ASYNC_MASTER");
        conf.put("flushDiskType", "ASYNC_FLUSH");
        conf.put("autoCreateTopicEnable", "true");
        conf.put("namesrvAddr", namesrvAddr);
        conf.put("brokerIP1", "127.0.0.1");
        conf.put("brokerIP2", "127.0.0.1");
        conf.put("listenPort", Integer.toString(port));
        conf.put("storePathRootDir", store.toString());
        conf.put("storePathCommitLog", store.resolve("commitlog").toString());
        conf.put("mappedFileSizeCommitLog", Integer.toString(16 * 1024 * 1024));
        conf.put("mappedFileSizeConsumeQueue", Integer.toString(30000 * 20));
        conf.put("maxIndexNum", "200000");
        conf.put("maxHashSlotNum", "50000");
        conf.putAll(extra);
        return start("mqbroker", name, conf, port, "boot success");
    }

    private static Server start(String script, String name, Map<String, String> conf, int port,
                                String ready) throws IOException {
        Path dir = Files.createDirectories(WORK.resolve(name));
        Path confFile = dir.resolve(script + ".conf");
        Files.writeString(confFile, conf.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
            .collect(Collectors.joining("\n", "", "\n")));
        Path log = dir.resolve(script + "-" + port + ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("bin").resolve(script)
            .toString(), "-c", confFile.toString()).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().put("MQBOOK_CLASSPATH_FILE", runtimeClasspathFile().toString());
        builder.environment().put("JAVA_OPTS", JAVA_OPTS);
        builder.environment().remove("NAMESRV_ADDR");
        Server server = new Server(name, builder.start(), log, port, Map.copyOf(conf));
        long deadline = System.currentTimeMillis() + 60_000;
        while (!server.output().contains(ready)) {
            if (!server.process().isAlive() || System.currentTimeMillis() > deadline) {
                server.kill9();
                throw new IllegalStateException(script + " " + name + " did not print \"" + ready
                    + "\":\n" + server.output());
            }
            sleep(50);
        }
        return server;
    }

    /** The jars of this test JVM, in a file the scripts read instead of target/classpath.txt. */
    public static synchronized Path runtimeClasspathFile() throws IOException {
        if (classpathFile != null) {
            return classpathFile;
        }
        List<String> jars = new ArrayList<>();
        String cp = System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.contains("surefirebooter") && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifest.split(" ")) {
                        jars.add(Path.of(java.net.URI.create(url)).toString());
                    }
                }
            } else if (entry.endsWith(".jar")) {
                jars.add(entry);
            }
        }
        Path file = Files.createDirectories(WORK).resolve("classpath.txt");
        Files.writeString(file, jars.stream().filter(j -> j.endsWith(".jar"))
            .collect(Collectors.joining(File.pathSeparator)));
        classpathFile = file;
        return file;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
