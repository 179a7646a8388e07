package org.mqbook.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqbook.store.config.BrokerRole;

/**
 * The shipped two-masters-two-slaves examples ({@code conf/2m-2s-sync}, {@code conf/2m-2s-async})
 * parse, pair each master with a slave of the same brokerName, and never share a port or a store.
 */
class ClusterConfTest {
    static final Path ROOT = BrokerStartupTest.ROOT;

    static BrokerStartup.Settings parse(Path conf) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BrokerStartup.Settings s = BrokerStartup.parseCommandLine(
            new String[] {"-c", conf.toString()}, new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        assertNull(s.exitCode(), conf + ": " + bytes.toString(StandardCharsets.UTF_8));
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2m-2s-sync", "2m-2s-async"})
    void fourBrokersTwoPairsNoSharedPortOrStore(String mode) throws IOException {
        BrokerRole masterRole = mode.endsWith("sync") && !mode.endsWith("async")
            ? BrokerRole.SYNC_MASTER : BrokerRole.ASYNC_MASTER;
        Set<Integer> ports = new HashSet<>();
        Set<String> stores = new HashSet<>();
        for (String name : new String[] {"broker-a", "broker-b"}) {
            var master = parse(ROOT.resolve("conf").resolve(mode).resolve(name + ".properties"));
            var slave = parse(ROOT.resolve("conf").resolve(mode).resolve(name + "-s.properties"));
            assertEquals(name, master.brokerConfig().getBrokerName());
            assertEquals(name, slave.brokerConfig().getBrokerName());
            assertEquals(0, master.brokerConfig().getBrokerId());
            assertEquals(1, slave.brokerConfig().getBrokerId());
            assertEquals(masterRole, master.messageStoreConfig().getBrokerRole());
            assertEquals(BrokerRole.SLAVE, slave.messageStoreConfig().getBrokerRole());
            for (var s : new BrokerStartup.Settings[] {master, slave}) {
                int port = s.nettyServerConfig().getListenPort();
                assertEquals(port + 1, s.messageStoreConfig().getHaListenPort());
                for (int p : new int[] {port - 2, port, port + 1}) {
                    assertTrue(ports.add(p), mode + ": port " + p + " used twice");
                }
                assertTrue(stores.add(s.messageStoreConfig().getStorePathRootDir()),
                    mode + ": store shared " + s.messageStoreConfig().getStorePathRootDir());
            }
        }
    }
}
