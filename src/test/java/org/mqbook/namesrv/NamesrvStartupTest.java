package org.mqbook.namesrv;

import org.mqbook.common.RuntimeHome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.protocol.ResponseCode;

/** The command line, and bin/mqnamesrv started as a real child process. */
class NamesrvStartupTest {
    static final Path ROOT = Paths.get(System.getProperty("mqbook.home", "")).toAbsolutePath();

    @TempDir
    Path dir;

    record Parsed(NamesrvStartup.Settings settings, String out) {
    }

    static Parsed parse(String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NamesrvStartup.Settings s = NamesrvStartup.parseCommandLine(args,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Parsed(s, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void defaultsListenOn9876WithStoresUnderTheRuntimeHome() throws IOException {
        Parsed p = parse();
        assertNull(p.settings().exitCode());
        assertEquals(9876, p.settings().nettyServerConfig().getListenPort());
        assertTrue(p.settings().namesrvConfig().getKvConfigPath()
            .endsWith(Path.of("target", "runtime", "namesrv", "kvConfig.json").toString()));
    }

    @Test
    void configFileFillsBothBeansWith471Names() throws IOException {
        Path conf = dir.resolve("namesrv.conf");
        Files.writeString(conf, "listenPort=19876\nbindAddress=127.0.0.1\norderMessageEnable=true\n"
            + "kvConfigPath=" + dir.resolve("kv.json").toString().replace("\\", "\\\\") + "\n");
        Parsed p = parse("-c", conf.toString());
        assertNull(p.settings().exitCode());
        assertEquals(19876, p.settings().nettyServerConfig().getListenPort());
        assertEquals("127.0.0.1", p.settings().nettyServerConfig().getBindAddress());
        assertTrue(p.settings().namesrvConfig().isOrderMessageEnable());
        assertEquals(dir.resolve("kv.json").toString(), p.settings().namesrvConfig().getKvConfigPath());
        assertEquals(conf.toString(), p.settings().namesrvConfig().getConfigStorePath());
        assertTrue(p.out().contains("load config properties file OK, " + conf), p.out());
    }

    @Test
    void printOptionListsEverySettingAndAsksToExit() throws IOException {
        Parsed p = parse("-p");
        assertEquals(0, p.settings().exitCode());
        assertTrue(p.out().contains("listenPort=9876\n"), p.out());
        assertTrue(p.out().contains("orderMessageEnable=false\n"), p.out());
        assertTrue(p.out().contains("serverWorkerThreads=8\n"), p.out());
    }

    @Test
    void badCommandLinesAndValuesAreExplained() throws IOException {
        assertEquals(1, parse("-x").settings().exitCode());
        assertTrue(parse("-x").out().contains("unknown option -x"));
        assertEquals(1, parse("-c").settings().exitCode());
        assertEquals(0, parse("-h").settings().exitCode());
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "listenPort=ninety\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> parse("-c", conf.toString()));
        assertTrue(e.getMessage().contains("listenPort=ninety"), e.getMessage());
    }

    @Test
    void theShippedLogbackFileLoggesUnderTargetRuntimeLogs() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf")).resolve("logback_namesrv.xml");
        Files.copy(ROOT.resolve("conf/logback_namesrv.xml"), conf);
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            RuntimeHome.configureLogback(context, dir, conf);
            List<String> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getEffectiveLevel() >= Status.WARN).map(Status::toString).toList();
            assertEquals(List.of(), errors);
            context.getLogger("lab").info("hello from the test");
            Path log = dir.resolve("target/runtime/logs/namesrv.log");
            assertTrue(Files.exists(log) && Files.readString(log).contains("hello from the test"),
                context.getStatusManager().getCopyOfStatusList().toString());
        } finally {
            context.stop();
        }
    }

    @Test
    void binScriptBootsServesAndStopsOnSigterm() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("namesrv.conf");
        Files.writeString(conf, "listenPort=" + port + "\nbindAddress=127.0.0.1\nkvConfigPath="
            + dir.resolve("kv.json") + "\n");
        Path out = dir.resolve("mqnamesrv.out");
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("bin/mqnamesrv").toString(),
            "-c", conf.toString()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("MQBOOK_CLASSPATH_FILE", runtimeClasspathFile().toString());
        builder.environment().put("JAVA_OPTS", "-Xmx128m -Dmqbook.test.marker=1");
        Process process = builder.start();
        try {
            String text = awaitOutput(process, out, NamesrvStartup.BOOT_SUCCESS_PREFIX + "JSON", 30_000);
            assertTrue(text.contains("load config properties file OK, " + conf), text);
            assertTrue(process.info().commandLine().orElse("").contains("-Dmqbook.test.marker=1"),
                "JAVA_OPTS reaches the JVM (exec replaced bash): " + process.info().commandLine());

            NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
            client.start();
            try {
                assertEquals(ResponseCode.TOPIC_NOT_EXIST, client.invokeSync("127.0.0.1:" + port,
                    NamesrvTestSupport.routeRequest("AnyTopic"), 3000).getCode());
            } finally {
                client.shutdown();
            }

            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the NameServer exits after SIGTERM");
            assertEquals(143, process.exitValue(), "128 + SIGTERM: the JVM ran its shutdown hooks");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void binScriptPrintsTheConfigurationAndExits() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("bin/mqnamesrv").toString(), "-p")
            .redirectErrorStream(true);
        builder.environment().put("MQBOOK_CLASSPATH_FILE", runtimeClasspathFile().toString());
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), text);
        assertTrue(text.contains("listenPort=9876"), text);
        assertTrue(text.contains("rocketmqHome=" + ROOT), text);
    }

    static String awaitOutput(Process process, Path out, String text, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            String now = Files.exists(out) ? Files.readString(out) : "";
            if (now.contains(text)) {
                return now;
            }
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("no \"" + text + "\" (alive=" + process.isAlive() + "):\n" + now);
            }
            Thread.sleep(50);
        }
    }

    /**
     * The jars of this test JVM, in a file the script reads instead of target/classpath.txt, so
     * the test needs no nested Maven run. Surefire may hide them in a manifest-only jar.
     */
    Path runtimeClasspathFile() throws IOException {
        List<String> jars = new ArrayList<>();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.contains("surefirebooter") && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    String manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifestPath.split(" ")) {
                        if (url.endsWith(".jar")) {
                            jars.add(Path.of(URI.create(url)).toString());
                        }
                    }
                }
            } else if (entry.endsWith(".jar")) {
                jars.add(entry);
            }
        }
        Path file = dir.resolve("classpath.txt");
        Files.writeString(file, String.join(File.pathSeparator, jars));
        return file;
    }
}
