package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.mqbook.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.namesrv.NamesrvStartup;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * Chapter 2's lab: the NameServer's startup, one step per test. Run a test in the debugger with
 * a breakpoint in {@code NamesrvController#initialize} or {@code #shutdown} and step through
 * what the chapter describes. Every server listens on 127.0.0.1 and a port the system picks.
 */
class Ch02NameServerLabTest {
    @TempDir
    Path dir;

    static Set<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
            .map(Thread::getName).collect(Collectors.toSet());
    }

    static boolean anyThread(String prefix) {
        return threads().stream().anyMatch(n -> n.startsWith(prefix));
    }

    // tag::ch02-lab-config[]
    @Test
    void oneConfigFileFillsBothConfigs() throws IOException {
        Path conf = dir.resolve("namesrv.conf");
        Files.writeString(conf, "listenPort=0\n"      // NettyServerConfig
            + "bindAddress=127.0.0.1\n"                 // NettyServerConfig
            + "orderMessageEnable=true\n");             // NamesrvConfig
        NamesrvStartup.Settings settings = NamesrvStartup.parseCommandLine(
            new String[] {"-c", conf.toString()}, System.out);

        assertEquals(0, settings.nettyServerConfig().getListenPort(),
            "listenPort goes to NettyServerConfig");
        assertEquals("127.0.0.1",
            settings.nettyServerConfig().getBindAddress(),
            "bindAddress goes to NettyServerConfig");
        assertTrue(settings.namesrvConfig().isOrderMessageEnable(),
            "orderMessageEnable goes to NamesrvConfig");
        // keys nobody has a setter for are ignored, as in 4.7.1
        assertNull(settings.exitCode(), "nothing asks to exit");
    }
    // end::ch02-lab-config[]

    // tag::ch02-lab-lifecycle[]
    @Test
    void initializeBuildsStartListensShutdownStopsFourThings()
        throws Exception {
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setListenPort(0);
        server.setBindAddress("127.0.0.1");
        NamesrvController namesrv = new NamesrvController(config, server);
        assertNull(namesrv.getRemotingServer(), "constructed: nothing runs");

        assertTrue(namesrv.initialize(), "initialize() failed:"
            + " see the log of NamesrvController");
        assertTrue(threads().contains("NSScheduledThread1"),
            "the scan timer exists once initialize() scheduled it");

        namesrv.start();
        int port = namesrv.getRemotingServer().localListenPort();
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, askRoute(port, "LabTopic"),
            "it listens and answers, though no broker registered yet");
        assertTrue(anyThread("RemotingExecutorThread_"),
            "the request pool runs: " + threads());
        assertTrue(threads().contains("FileWatchService"),
            "the TLS file watcher runs: " + threads());

        namesrv.shutdown();
        assertThrows(ConnectException.class, () -> connect(port),
            "1: the remoting server is closed");
        assertTrue(gone("RemotingExecutorThread_"),
            "2: the remoting executor is gone");
        assertTrue(gone("NSScheduledThread"),
            "3: the scheduled executor is gone");
        assertTrue(gone("FileWatchService"),
            "4: the file watch service is gone");
    }
    // end::ch02-lab-lifecycle[]

    /** True once no thread's name starts with {@code prefix} (a pool's last thread may linger briefly). */
    static boolean gone(String prefix) throws InterruptedException {
        for (int i = 0; i < 100 && anyThread(prefix); i++) {
            Thread.sleep(20);
        }
        return !anyThread(prefix);
    }

    static int askRoute(int port, String topic) throws Exception {
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
        try {
            GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
            header.setTopic(topic);
            RemotingCommand request = RemotingCommand.createRequestCommand(
                RequestCode.GET_ROUTEINFO_BY_TOPIC, header);
            return client.invokeSync("127.0.0.1:" + port, request, 3000).getCode();
        } finally {
            client.shutdown();
        }
    }

    static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
