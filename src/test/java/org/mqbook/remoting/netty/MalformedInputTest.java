package org.mqbook.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqbook.remoting.ChannelEventListener;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.LoggerFactory;

/**
 * Hostile bytes on raw sockets: each bad connection is closed alone, with one WARN line, while a
 * well-behaved client on its own connection keeps being answered.
 */
class MalformedInputTest {
    static final int ECHO = 1;
    static final int ONEWAY_SINK = 6;

    static NettyRemotingServer server;
    static NettyRemotingClient goodClient;
    static String addr;
    static final AtomicInteger goodClientCloses = new AtomicInteger();
    static final ListAppender<ILoggingEvent> decoderLog = new ListAppender<>();

    @BeforeAll
    static void start() {
        Logger logger = (Logger) LoggerFactory.getLogger(NettyDecoder.class);
        decoderLog.start();
        logger.addAppender(decoderLog);

        NettyServerConfig config = new NettyServerConfig();
        config.setListenPort(0);
        config.setBindAddress("127.0.0.1");
        server = new NettyRemotingServer(config);
        server.registerProcessor(ECHO, (ctx, req) ->
            RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, req.getRemark()), null);
        server.registerProcessor(ONEWAY_SINK, (ctx, req) ->
            RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, "must not be sent"), null);
        server.start();
        addr = "127.0.0.1:" + server.localListenPort();

        goodClient = new NettyRemotingClient(new NettyClientConfig(), new CloseCounter());
        goodClient.start();
    }

    @AfterAll
    static void stop() {
        goodClient.shutdown();
        server.shutdown();
        ((Logger) LoggerFactory.getLogger(NettyDecoder.class)).detachAppender(decoderLog);
    }

    static byte[] ints(int... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4);
        for (int v : values) {
            buf.putInt(v);
        }
        return buf.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    static Stream<Arguments> badInputs() {
        byte[] notJson = "{not json}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
            Arguments.of("negative length", ints(-5, 0), "frame length -5 is below the minimum 4"),
            Arguments.of("oversize length", ints(0x7FFFFFF0, 0),
                "frame length 2147483632 exceeds frameMaxLength 16777216"),
            Arguments.of("header longer than frame", ints(8, 100, 0),
                "header length 100 exceeds frame length 8 minus 4"),
            Arguments.of("invalid JSON header", concat(ints(4 + notJson.length, notJson.length), notJson),
                "invalid JSON header (10 bytes)"),
            Arguments.of("unknown serialize type", concat(ints(6, (5 << 24) | 2), new byte[] {'{', '}'}),
                "unknown serialize type 5 (known: 0 JSON, 1 ROCKETMQ)"));
    }

    /** Sends the bytes and returns what read() gives back; -1 means the server closed. */
    static int sendAndRead(Socket socket, byte[] bytes) throws Exception {
        socket.setSoTimeout(3000);
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return socket.getInputStream().read();
    }

    static List<String> warnings() {
        synchronized (decoderLog) {
            List<String> lines = new ArrayList<>();
            for (ILoggingEvent e : decoderLog.list) {
                if (e.getLevel() == Level.WARN) {
                    lines.add(e.getFormattedMessage());
                }
            }
            return lines;
        }
    }

    void assertGoodClientServed(String remark) throws Exception {
        RemotingCommand request = RemotingCommand.createRequestCommand(ECHO, null);
        request.setRemark(remark);
        assertEquals(remark, goodClient.invokeSync(addr, request, 3000).getRemark());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badConnectionIsClosedAloneWithOneWarning(String name, byte[] bytes, String reason) throws Exception {
        assertGoodClientServed("before " + name);
        int warningsBefore = warnings().size();
        try (Socket bad = new Socket(InetAddress.getLoopbackAddress(), server.localListenPort())) {
            long begin = System.currentTimeMillis();
            assertEquals(-1, sendAndRead(bad, bytes), name + ": the server must close the connection");
            assertTrue(System.currentTimeMillis() - begin < 2000,
                "closed without waiting for the claimed bytes");
            String expected = "close connection 127.0.0.1:" + bad.getLocalPort() + ": " + reason;
            List<String> added = warnings().subList(warningsBefore, warnings().size());
            assertEquals(1, added.size(), added.toString());
            assertTrue(added.get(0).startsWith(expected), added.get(0));
        }
        assertGoodClientServed("after " + name);
        assertEquals(0, goodClientCloses.get(), "the good client's connection must survive");
    }

    @Test
    void goodClientIsAnsweredWhileBadConnectionsAreCut() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        Thread good = new Thread(() -> {
            for (int i = 0; i < 40; i++) {
                try {
                    assertGoodClientServed("loop " + i);
                    answered.incrementAndGet();
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }
        }, "good-client-loop");
        good.start();
        for (Arguments bad : badInputs().toList()) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.localListenPort())) {
                assertEquals(-1, sendAndRead(socket, (byte[]) bad.get()[1]));
            }
        }
        good.join(10_000);
        assertEquals(List.of(), failures);
        assertEquals(40, answered.get());
        assertEquals(0, goodClientCloses.get());
    }

    @Test
    void onewayRequestGetsNoAnswerOnTheWire() throws Exception {
        RemotingCommand oneway = RemotingCommand.createRequestCommand(ONEWAY_SINK, null);
        oneway.markOnewayRPC();
        RemotingCommand echo = RemotingCommand.createRequestCommand(ECHO, null);
        echo.setRemark("after oneway");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.localListenPort())) {
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write(frameBytes(oneway));
            out.write(frameBytes(echo));
            out.flush();
            RemotingCommand first = readFrame(socket.getInputStream());
            assertEquals(echo.getOpaque(), first.getOpaque(), "the first answer must be the echo's");
            assertEquals("after oneway", first.getRemark());
            assertTrue(first.isResponseType());
        }
    }

    static byte[] frameBytes(RemotingCommand cmd) {
        ByteBuffer buf = cmd.encode();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        return bytes;
    }

    static RemotingCommand readFrame(InputStream in) throws Exception {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        byte[] rest = new byte[length];
        data.readFully(rest);
        return RemotingCommand.decode(rest);
    }

    /** Counts CLOSE events on the good client's side. */
    static final class CloseCounter implements ChannelEventListener {
        @Override
        public void onChannelConnect(String remoteAddr, Channel channel) {
        }

        @Override
        public void onChannelClose(String remoteAddr, Channel channel) {
            goodClientCloses.incrementAndGet();
        }

        @Override
        public void onChannelException(String remoteAddr, Channel channel) {
        }

        @Override
        public void onChannelIdle(String remoteAddr, Channel channel) {
        }
    }
}
