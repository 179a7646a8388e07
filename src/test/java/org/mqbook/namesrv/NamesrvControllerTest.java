package org.mqbook.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.ResponseCode;

/** Life cycle: what initialize and start run, the four things shutdown stops, the KV store. */
class NamesrvControllerTest {
    @TempDir
    Path dir;

    static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
            .map(Thread::getName).collect(Collectors.toSet());
    }

    static boolean anyThreadStartsWith(String prefix) {
        return threadNames().stream().anyMatch(n -> n.startsWith(prefix));
    }

    @Test
    void startRunsTheNamedThreadsAndShutdownStopsAllFourParts() throws Exception {
        NamesrvController namesrv = NamesrvTestSupport.startNamesrv(dir, System::currentTimeMillis);
        int port = namesrv.getRemotingServer().localListenPort();
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
        try {
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, client.invokeSync(namesrv.localAddress(),
                NamesrvTestSupport.routeRequest("T"), 3000).getCode());
        } finally {
            client.shutdown();
        }
        assertTrue(anyThreadStartsWith("RemotingExecutorThread_"), threadNames().toString());
        assertTrue(threadNames().contains("NSScheduledThread1"), threadNames().toString());
        assertTrue(threadNames().contains("FileWatchService"), threadNames().toString());
        assertTrue(namesrv.getFileWatchService().getWatchFiles().isEmpty(), "no TLS, nothing to watch");

        namesrv.shutdown();
        namesrv.shutdown();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && (anyThreadStartsWith("RemotingExecutorThread_")
            || anyThreadStartsWith("NSScheduledThread") || threadNames().contains("FileWatchService"))) {
            Thread.sleep(20);
        }
        assertFalse(anyThreadStartsWith("RemotingExecutorThread_"), threadNames().toString());
        assertFalse(anyThreadStartsWith("NSScheduledThread"), threadNames().toString());
        assertFalse(threadNames().contains("FileWatchService"), threadNames().toString());
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }, "the remoting server no longer listens");
    }

    @Test
    void kvConfigSurvivesARestart() {
        NamesrvController first = NamesrvTestSupport.startNamesrv(dir, System::currentTimeMillis);
        first.getKvConfigManager().putKVConfig("NS", "k", "v");
        first.shutdown();
        NamesrvController second = NamesrvTestSupport.startNamesrv(dir, System::currentTimeMillis);
        try {
            assertEquals("v", second.getKvConfigManager().getKVConfig("NS", "k"));
        } finally {
            second.shutdown();
        }
    }

    @Test
    void damagedKvConfigStopsInitialize() throws IOException {
        Path kv = dir.resolve("kvConfig.json");
        Files.writeString(kv, "{\"configTable\":{\"NS\":");
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(kv.toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setListenPort(0);
        NamesrvController namesrv = new NamesrvController(config, server);
        assertFalse(namesrv.initialize());
        namesrv.shutdown();
        assertEquals("{\"configTable\":{\"NS\":", Files.readString(kv),
            "the damaged file is left for a human");
    }
}
