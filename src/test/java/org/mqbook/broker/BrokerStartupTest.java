package org.mqbook.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.RuntimeHome;
import org.mqbook.store.config.BrokerRole;

/** The command line with 4.7.1's keys, and bin/mqbroker -p as a real child process. */
class BrokerStartupTest {
    static final Path ROOT = Paths.get(System.getProperty("mqbook.home", "")).toAbsolutePath();

    @TempDir
    Path dir;

    record Parsed(BrokerStartup.Settings settings, String out) {
    }

    static Parsed parse(String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var s = BrokerStartup.parseCommandLine(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Parsed(s, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theShippedBrokerConfFillsTheFourBeans() throws IOException {
        Path conf = ROOT.resolve("conf/broker.conf");
        Parsed p = parse("-c", conf.toString());
        assertNull(p.settings().exitCode(), p.out());
        var b = p.settings().brokerConfig();
        var m = p.settings().messageStoreConfig();
        assertEquals("DefaultCluster", b.getBrokerClusterName());
        assertEquals("broker-a", b.getBrokerName());
        assertEquals(0, b.getBrokerId());
        assertEquals("127.0.0.1:9876", b.getNamesrvAddr());
        assertEquals("127.0.0.1", b.getBrokerIP1());
        assertTrue(b.isAutoCreateTopicEnable());
        assertEquals("04", m.getDeleteWhen());
        assertEquals(48, m.getFileReservedTime());
        assertEquals(BrokerRole.ASYNC_MASTER, m.getBrokerRole());
        assertEquals(10911, p.settings().nettyServerConfig().getListenPort());
        assertEquals(10912, m.getHaListenPort());
        // the keys 4.7.1 derives from the root agree with the ones the file spells out
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(conf)) {
            file.load(in);
        }
        assertEquals(RuntimeHome.resolve(file.getProperty("storePathRootDir")).toString(),
            m.getStorePathRootDir());
        for (String[] key : new String[][] {{"storePathCommitLog", m.getStorePathCommitLog()},
            {"storePathConsumeQueue", m.getStorePathConsumeQueue()},
            {"storePathIndex", m.getStorePathIndex()}, {"storeCheckpoint", m.getStoreCheckpoint()},
            {"abortFile", m.getAbortFile()}}) {
            assertEquals(RuntimeHome.resolve(file.getProperty(key[0])).toString(), key[1], key[0]);
        }
    }

    @Test
    void theIssueKeysAndDashN() throws IOException {
        Path conf = dir.resolve("b.conf");
        Files.writeString(conf, "listenPort=20911\nbrokerIP2=127.0.0.2\nmappedFileSizeCommitLog=65536\n"
            + "transactionCheckInterval=2000\nstorePathRootDir=" + dir.resolve("s").toString()
                .replace("\\", "\\\\") + "\nbrokerRole=SLAVE\nbrokerId=2\n");
        Parsed p = parse("-c", conf.toString(), "-n", "127.0.0.1:1;127.0.0.1:2");
        assertEquals(20911, p.settings().nettyServerConfig().getListenPort());
        assertEquals(20912, p.settings().messageStoreConfig().getHaListenPort());
        assertEquals("127.0.0.2", p.settings().brokerConfig().getBrokerIP2());
        assertEquals(65536, p.settings().messageStoreConfig().getMappedFileSizeCommitLog());
        assertEquals(2000, p.settings().brokerConfig().getTransactionCheckInterval());
        assertEquals("127.0.0.1:1;127.0.0.1:2", p.settings().brokerConfig().getNamesrvAddr());
        assertEquals(2, p.settings().brokerConfig().getBrokerId());
    }

    @Test
    void badSettingsAndOptionsGiveExitCodes() throws IOException {
        assertEquals(1, parse("-x").settings().exitCode());
        Parsed bad = parse("-n", "localhost");
        assertEquals(-3, bad.settings().exitCode());
        assertTrue(bad.out().contains("The Name Server Address[localhost] illegal"), bad.out());
        Path conf = dir.resolve("slave.conf");
        Files.writeString(conf, "brokerRole=SLAVE\nbrokerId=0\n");
        Parsed slave = parse("-c", conf.toString());
        assertTrue(slave.out().contains("Slave's brokerId must be > 0"), slave.out());
    }

    @Test
    void dashMPrintsOnlyImportantSettingsAndDashPAll() throws IOException {
        Parsed m = parse("-m");
        assertEquals(0, m.settings().exitCode());
        assertTrue(m.out().contains("brokerName="), m.out());
        assertFalse(m.out().contains("sendThreadPoolQueueCapacity="), m.out());
        Parsed all = parse("-p");
        assertTrue(all.out().contains("sendThreadPoolQueueCapacity=10000"), all.out());
        assertTrue(all.out().contains("listenPort=10911"), all.out());
    }

    @Test
    void binScriptPrintsTheConfigurationAndExits() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("bin/mqbroker").toString(),
            "-p").redirectErrorStream(true);
        builder.environment().put("MQBOOK_CLASSPATH_FILE",
            org.mqbook.broker.interop.BinServers.runtimeClasspathFile().toString());
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), text);
        assertTrue(text.contains("rocketmqHome=" + ROOT), text);
        assertTrue(text.contains("brokerClusterName=DefaultCluster"), text);
    }
}
