package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.netty.NettyRemotingServer;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * Chapter 1's lab: the remoting wire that every later chapter rides on. One server and one client
 * on 127.0.0.1 for the class. Each test is a step to watch in the debugger: set a breakpoint where
 * its comment says, run it alone, and look.
 */
class Ch01RemotingLabTest {

    private static final int ECHO = 7001;
    private static NettyRemotingServer server;
    private static NettyRemotingClient client;
    private static ExecutorService echoPool;
    private static String addr;
    private static final BlockingQueue<RemotingCommand> seenByServer = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startServerAndClient() {
        NettyServerConfig config = new NettyServerConfig();
        config.setListenPort(0);
        config.setBindAddress("127.0.0.1");
        server = new NettyRemotingServer(config);
        echoPool = Executors.newFixedThreadPool(2);
        // Breakpoint here to see a processor registered with its own pool for one request code.
        server.registerProcessor(ECHO, (ctx, request) -> {
            seenByServer.add(request);
            RemotingCommand response = RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, "echo");
            response.setBody(request.getBody());
            return response;
        }, echoPool);
        server.start();
        addr = "127.0.0.1:" + server.localListenPort();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        server.shutdown();
        echoPool.shutdown();
    }

    @Test
    void aCommandIsOneFrameLengthThenTypeAndHeaderLengthThenHeaderThenBody() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(ECHO, null);
        cmd.setBody("hi".getBytes(StandardCharsets.UTF_8));
        ByteBuffer frame = cmd.encode();
        int totalLength = frame.getInt(0);
        int typeAndHeaderLength = frame.getInt(4);
        int headerLength = typeAndHeaderLength & 0xFFFFFF;
        System.out.println("[lab] frame of " + frame.limit() + " bytes: length " + totalLength
            + ", type " + (typeAndHeaderLength >>> 24) + ", header " + headerLength + " bytes, body 2");
        assertEquals(frame.limit() - 4, totalLength,
            "the length prefix counts everything after itself, not itself: see RemotingCommand#encode");
        assertEquals(0, typeAndHeaderLength >>> 24,
            "the high byte of the second int is the serialize type, 0 = JSON: see markProtocolType");
        assertEquals(4 + headerLength + 2, totalLength,
            "length = 4 (type and header length) + header + body (2 bytes): see RemotingCommand#encode");
        String header = StandardCharsets.UTF_8.decode(frame.slice(8, headerLength)).toString();
        assertTrue(header.startsWith("{\"code\":" + ECHO),
            "expected a JSON header starting with the request code; got " + header);
    }

    // tag::ch01-lab-opaque[]
    @Test
    void theResponseCarriesTheRequestsOpaqueAndTheResponseFlag() throws Exception {
        // Breakpoint in NettyRemotingAbstract#processResponseCommand: the opaque finds the future.
        RemotingCommand request = RemotingCommand.createRequestCommand(ECHO, null);
        request.setBody("ping".getBytes(StandardCharsets.UTF_8));
        RemotingCommand response = client.invokeSync(addr, request, 3000);
        assertEquals(request.getOpaque(), response.getOpaque(),
            "the response echoes the opaque; see processResponseCommand");
        assertTrue(response.isResponseType(), "flag bit 0 marks a response");
        assertEquals("ping", new String(response.getBody(), StandardCharsets.UTF_8),
            "the echo processor sends the body back unchanged");
    }
    // end::ch01-lab-opaque[]

    @Test
    void aOnewayRequestIsProcessedButNeverAnswered() throws Exception {
        seenByServer.clear();
        RemotingCommand request = RemotingCommand.createRequestCommand(ECHO, null);
        client.invokeOneway(addr, request, 3000);
        RemotingCommand seen = seenByServer.poll(3, TimeUnit.SECONDS);
        assertTrue(seen != null && seen.isOnewayRPC(),
            "expected the server to see the request within 3 s with flag bit 1 (oneway) set; saw " + seen);
        assertEquals(request.getOpaque(), seen.getOpaque(),
            "the server saw another request than the one sent: compare the opaques");
        System.out.println("[lab] oneway opaque " + seen.getOpaque() + " processed, flag " + seen.getFlag()
            + ", no response written");
    }

    @Test
    void anUnknownRequestCodeIsRefusedAtOnceNotLeftToTimeOut() throws Exception {
        long start = System.nanoTime();
        RemotingCommand response =
            client.invokeSync(addr, RemotingCommand.createRequestCommand(9999, null), 3000);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[lab] code 9999 answered " + response.getCode() + " \"" + response.getRemark()
            + "\" in " + tookMs + " ms");
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, response.getCode(),
            "expected REQUEST_CODE_NOT_SUPPORTED (3) for an unknown code: see NettyRemotingAbstract"
                + "#processRequestCommand; remark was " + response.getRemark());
        assertTrue(tookMs < 2000, "answered in " + tookMs + " ms; mqbook answers at once, where a"
            + " 4.7.1 server would leave the caller to its 3 s timeout");
    }

    @Test
    void aBrokenFrameClosesOnlyItsOwnConnection() throws Exception {
        try (Socket bad = new Socket("127.0.0.1", server.localListenPort())) {
            bad.setSoTimeout(3000);
            DataOutputStream out = new DataOutputStream(bad.getOutputStream());
            out.writeInt(-1); // a negative frame length: nothing sensible can follow
            out.flush();
            InputStream in = bad.getInputStream();
            assertEquals(-1, in.read(), "expected the server to close a connection whose frame length"
                + " is negative (end of stream); see NettyDecoder");
        }
        RemotingCommand response =
            client.invokeSync(addr, RemotingCommand.createRequestCommand(ECHO, null), 3000);
        assertEquals(ResponseCode.SUCCESS, response.getCode(),
            "the broken frame closed only its own socket: the client's connection is still served");
    }
}
