package org.mqbook.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.ChannelEventListener;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.exception.RemotingConnectException;
import org.mqbook.remoting.exception.RemotingTimeoutException;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.remoting.protocol.SerializeType;

/** One server and one client for the whole class, both on 127.0.0.1. */
class NettyRemotingTest {
    static final int ECHO = 1;
    static final int THROW = 2;
    static final int OVERLOADED = 3;
    static final int REJECTING = 4;
    static final int SLOW = 5;
    static final int ONEWAY_SINK = 6;
    static final int LATER = 7;
    static final int ASYNC = 8;
    static final int CALL_CLIENT_BACK = 9;
    static final int SILENT = 10;
    static final int CLIENT_SIDE = 300;

    static NettyRemotingServer server;
    static NettyRemotingClient client;
    static String addr;
    static ExecutorService slowExecutor;
    static ExecutorService deadExecutor;
    static ScheduledExecutorService scheduler;
    static final BlockingQueue<RemotingCommand> onewayReceived = new LinkedBlockingQueue<>();
    static final List<String> serverConnects = new CopyOnWriteArrayList<>();
    static final AtomicInteger hookAfter = new AtomicInteger();

    /** Answers with the request's remark, extFields and body. */
    static RemotingCommand echo(RemotingCommand request) {
        RemotingCommand response =
            RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, request.getRemark());
        response.setExtFields(request.getExtFields());
        response.setBody(request.getBody());
        return response;
    }

    @BeforeAll
    static void startServerAndClient() {
        NettyServerConfig serverConfig = new NettyServerConfig();
        serverConfig.setListenPort(0);
        serverConfig.setBindAddress("127.0.0.1");
        server = new NettyRemotingServer(serverConfig, new RecordingListener(serverConnects));
        slowExecutor = Executors.newFixedThreadPool(2);
        deadExecutor = Executors.newSingleThreadExecutor();
        deadExecutor.shutdown();
        scheduler = Executors.newSingleThreadScheduledExecutor();

        server.registerProcessor(ECHO, (ctx, req) -> echo(req), null);
        server.registerProcessor(THROW, (ctx, req) -> {
            throw new IllegalStateException("boom from processor");
        }, null);
        server.registerProcessor(OVERLOADED, (ctx, req) -> echo(req), deadExecutor);
        server.registerProcessor(REJECTING, new NettyRequestProcessor() {
            @Override
            public RemotingCommand processRequest(ChannelHandlerContext ctx, RemotingCommand request) {
                return echo(request);
            }

            @Override
            public boolean rejectRequest() {
                return true;
            }
        }, null);
        server.registerProcessor(SLOW, (ctx, req) -> {
            Thread.sleep(800);
            return echo(req);
        }, slowExecutor);
        server.registerProcessor(ONEWAY_SINK, (ctx, req) -> {
            onewayReceived.add(req);
            return echo(req); // must not be sent: the request is oneway
        }, null);
        server.registerProcessor(LATER, (ctx, req) -> {
            Channel channel = ctx.channel();
            scheduler.schedule(() -> NettyRemotingAbstract.writeResponse(channel, req, echo(req)),
                100, TimeUnit.MILLISECONDS);
            return null; // answered later, like a long-polling pull
        }, null);
        server.registerProcessor(ASYNC, new AsyncNettyRequestProcessor() {
            @Override
            public RemotingCommand processRequest(ChannelHandlerContext ctx, RemotingCommand request) {
                throw new UnsupportedOperationException("async only");
            }

            @Override
            public void asyncProcessRequest(ChannelHandlerContext ctx, RemotingCommand request,
                                            RemotingResponseCallback callback) {
                scheduler.schedule(() -> callback.callback(echo(request)), 50, TimeUnit.MILLISECONDS);
            }
        }, null);
        server.registerProcessor(CALL_CLIENT_BACK, (ctx, req) -> {
            RemotingCommand callBack = RemotingCommand.createRequestCommand(CLIENT_SIDE, null);
            RemotingCommand answer = server.invokeSync(ctx.channel(), callBack, 2000);
            String said = "client said " + answer.getRemark();
            return RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, said);
        }, slowExecutor);
        server.registerProcessor(SILENT, (ctx, req) -> null, null);
        server.registerRPCHook(new RPCHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request,
                                        RemotingCommand response) {
                hookAfter.incrementAndGet();
            }
        });
        server.start();
        addr = "127.0.0.1:" + server.localListenPort();

        client = new NettyRemotingClient(new NettyClientConfig());
        client.registerProcessor(CLIENT_SIDE, (ctx, req) ->
            RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, "hello from client"), null);
        client.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        client.shutdown();
        slowExecutor.shutdownNow();
        scheduler.shutdownNow();
        slowExecutor.awaitTermination(2, TimeUnit.SECONDS);
        server.shutdown();
    }

    static RemotingCommand request(int code, String remark) {
        RemotingCommand request = RemotingCommand.createRequestCommand(code, null);
        request.setRemark(remark);
        return request;
    }

    @Test
    void serverBindsARealPort() {
        assertTrue(server.localListenPort() > 0);
    }

    @Test
    void syncCallIsAnsweredWithTheSameOpaque() throws Exception {
        RemotingCommand request = request(ECHO, "ping");
        request.addExtField("topic", "TopicTest");
        request.setBody("payload".getBytes(StandardCharsets.UTF_8));
        RemotingCommand response = client.invokeSync(addr, request, 3000);
        assertEquals(ResponseCode.SUCCESS, response.getCode());
        assertEquals(request.getOpaque(), response.getOpaque());
        assertTrue(response.isResponseType());
        assertEquals("ping", response.getRemark());
        assertEquals("TopicTest", response.getExtFields().get("topic"));
        assertArrayEquals(request.getBody(), response.getBody());
        assertTrue(hookAfter.get() > 0, "server RPC hook must run");
        long deadline = System.currentTimeMillis() + 3000;
        while (serverConnects.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(serverConnects.stream().anyMatch(a -> a.startsWith("127.0.0.1:")),
            serverConnects.toString());
    }

    @Test
    void binaryHeaderRequestIsAnswered() throws Exception {
        RemotingCommand request = request(ECHO, "binary");
        request.setSerializeTypeCurrentRPC(SerializeType.ROCKETMQ);
        RemotingCommand response = client.invokeSync(addr, request, 3000);
        assertEquals("binary", response.getRemark());
        assertEquals(request.getOpaque(), response.getOpaque());
    }

    @Test
    void asyncCallCompletesTheCallback() throws Exception {
        CompletableFuture<ResponseFuture> done = new CompletableFuture<>();
        RemotingCommand request = request(ECHO, "async");
        client.invokeAsync(addr, request, 3000, done::complete);
        ResponseFuture f = done.get(3, TimeUnit.SECONDS);
        assertEquals("async", f.getResponseCommand().getRemark());
        assertEquals(request.getOpaque(), f.getResponseCommand().getOpaque());
        assertTrue(f.isSendRequestOK());
    }

    @Test
    void onewayIsProcessedButNeverAnswered() throws Exception {
        onewayReceived.clear();
        RemotingCommand request = request(ONEWAY_SINK, "fire and forget");
        client.invokeOneway(addr, request, 3000);
        RemotingCommand got = onewayReceived.poll(3, TimeUnit.SECONDS);
        assertNotNull(got);
        assertTrue(got.isOnewayRPC());
        assertEquals("fire and forget", got.getRemark());
    }

    @Test
    void unknownCodeIsAnsweredNotSupported() throws Exception {
        RemotingCommand response = client.invokeSync(addr, request(999, null), 3000);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, response.getCode());
        assertEquals(" request type 999 not supported", response.getRemark());
    }

    @Test
    void processorExceptionBecomesSystemError() throws Exception {
        RemotingCommand response = client.invokeSync(addr, request(THROW, null), 3000);
        assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
        assertTrue(response.getRemark().contains("IllegalStateException: boom from processor"),
            response.getRemark());
    }

    @Test
    void rejectedExecutionAndRejectingProcessorAreSystemBusy() throws Exception {
        RemotingCommand overload = client.invokeSync(addr, request(OVERLOADED, null), 3000);
        assertEquals(ResponseCode.SYSTEM_BUSY, overload.getCode());
        assertEquals("[OVERLOAD]system busy, start flow control for a while", overload.getRemark());
        RemotingCommand rejected = client.invokeSync(addr, request(REJECTING, null), 3000);
        assertEquals(ResponseCode.SYSTEM_BUSY, rejected.getCode());
        assertEquals("[REJECTREQUEST]system busy, start flow control for a while", rejected.getRemark());
    }

    @Test
    void slowAnswerTimesOutWithAddressAndTimeout() {
        long begin = System.currentTimeMillis();
        RemotingTimeoutException e = assertThrows(RemotingTimeoutException.class,
            () -> client.invokeSync(addr, request(SLOW, null), 200));
        long took = System.currentTimeMillis() - begin;
        assertTrue(took >= 190 && took < 750, "took " + took);
        assertTrue(e.getMessage().contains(addr) && e.getMessage().contains("200(ms)"), e.getMessage());
    }

    @Test
    void processorMayAnswerLaterOrThroughTheAsyncCallback() throws Exception {
        RemotingCommand later = request(LATER, "parked");
        RemotingCommand response = client.invokeSync(addr, later, 3000);
        assertEquals("parked", response.getRemark());
        assertEquals(later.getOpaque(), response.getOpaque());
        RemotingCommand async = client.invokeSync(addr, request(ASYNC, "via callback"), 3000);
        assertEquals("via callback", async.getRemark());
    }

    @Test
    void serverCallsTheClientBackOnItsOwnConnection() throws Exception {
        RemotingCommand response = client.invokeSync(addr, request(CALL_CLIENT_BACK, null), 3000);
        assertEquals(ResponseCode.SUCCESS, response.getCode());
        assertEquals("client said hello from client", response.getRemark());
    }

    @Test
    void unansweredAsyncCallGetsItsCallbackFromTheScan() throws Exception {
        CompletableFuture<ResponseFuture> done = new CompletableFuture<>();
        client.invokeAsync(addr, request(SILENT, null), 100, done::complete);
        ResponseFuture f = done.get(5, TimeUnit.SECONDS);
        assertNull(f.getResponseCommand());
        assertTrue(f.isTimeout());
        assertTrue(f.isSendRequestOK());
    }

    @Test
    void nameServerAddressNullUsesTheList() throws Exception {
        NettyRemotingClient nsClient = new NettyRemotingClient(new NettyClientConfig());
        nsClient.start();
        try {
            RemotingConnectException none = assertThrows(RemotingConnectException.class,
                () -> nsClient.invokeSync(null, request(ECHO, "x"), 1000));
            assertTrue(none.getMessage().contains("name server"), none.getMessage());
            nsClient.updateNameServerAddressList(List.of(addr));
            assertEquals(List.of(addr), nsClient.getNameServerAddressList());
            assertEquals("via ns", nsClient.invokeSync(null, request(ECHO, "via ns"), 3000).getRemark());
            assertTrue(nsClient.isChannelWritable(addr));
        } finally {
            nsClient.shutdown();
        }
    }

    @Test
    void connectFailureNamesTheAddress() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        String dead = "127.0.0.1:" + deadPort;
        RemotingConnectException e = assertThrows(RemotingConnectException.class,
            () -> client.invokeSync(dead, request(ECHO, null), 1000));
        assertEquals("connect to " + dead + " failed", e.getMessage());
        assertFalse(e.getMessage().contains("null"));
    }

    /** Records CONNECT addresses; the other events are not asserted here. */
    record RecordingListener(List<String> connects) implements ChannelEventListener {
        @Override
        public void onChannelConnect(String remoteAddr, Channel channel) {
            connects.add(remoteAddr);
        }

        @Override
        public void onChannelClose(String remoteAddr, Channel channel) {
        }

        @Override
        public void onChannelException(String remoteAddr, Channel channel) {
        }

        @Override
        public void onChannelIdle(String remoteAddr, Channel channel) {
        }
    }
}
