package org.mqbook.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.ChannelEventListener;
import org.mqbook.remoting.exception.RemotingSendRequestException;
import org.mqbook.remoting.protocol.RemotingCommand;

/** Connection life-cycle: events reach the listener, idle connections are cut, closes fail fast. */
class ChannelEventsTest {
    static final int CLOSE_ME = 11;

    static NettyRemotingServer server;
    static NettyRemotingClient client;
    static final List<String> events = new ArrayList<>();

    @BeforeAll
    static void start() {
        NettyServerConfig config = new NettyServerConfig();
        config.setListenPort(0);
        config.setBindAddress("127.0.0.1");
        config.setServerChannelMaxIdleTimeSeconds(1);
        server = new NettyRemotingServer(config, new EventRecorder());
        server.registerProcessor(CLOSE_ME, (ctx, req) -> {
            ctx.channel().close();
            return null;
        }, null);
        server.start();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        server.shutdown();
    }

    static List<String> eventsOf(int localPort) {
        synchronized (events) {
            return events.stream().filter(e -> e.endsWith(":" + localPort))
                .map(e -> e.split(" ")[0]).toList();
        }
    }

    @Test
    void idleConnectionIsClosedAndEveryEventReachesTheListener() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.localListenPort())) {
            socket.setSoTimeout(5000);
            long begin = System.currentTimeMillis();
            assertEquals(-1, socket.getInputStream().read(), "the idle connection must be closed");
            long took = System.currentTimeMillis() - begin;
            assertTrue(took >= 900 && took < 4000, "closed after " + took + "ms");
            long deadline = System.currentTimeMillis() + 3000;
            while (eventsOf(socket.getLocalPort()).size() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("CONNECT", "IDLE", "CLOSE"), eventsOf(socket.getLocalPort()));
        }
    }

    @Test
    void requestsWaitingOnAClosedConnectionFailAtOnce() {
        String addr = "127.0.0.1:" + server.localListenPort();
        long begin = System.currentTimeMillis();
        RemotingCommand request = RemotingCommand.createRequestCommand(CLOSE_ME, null);
        RemotingSendRequestException e = assertThrows(RemotingSendRequestException.class,
            () -> client.invokeSync(addr, request, 3000));
        long took = System.currentTimeMillis() - begin;
        assertTrue(took < 2000, "failed after " + took + "ms, not at the 3000ms timeout");
        String cause = e.getCause().getMessage();
        assertTrue(cause.contains("closed before the response"), cause);
    }

    /** Records "TYPE remoteAddr" lines. */
    static final class EventRecorder implements ChannelEventListener {
        private static void add(String type, String remoteAddr) {
            synchronized (events) {
                events.add(type + " " + remoteAddr);
            }
        }

        @Override
        public void onChannelConnect(String remoteAddr, Channel channel) {
            add("CONNECT", remoteAddr);
        }

        @Override
        public void onChannelClose(String remoteAddr, Channel channel) {
            add("CLOSE", remoteAddr);
        }

        @Override
        public void onChannelException(String remoteAddr, Channel channel) {
            add("EXCEPTION", remoteAddr);
        }

        @Override
        public void onChannelIdle(String remoteAddr, Channel channel) {
            add("IDLE", remoteAddr);
        }
    }
}
