package org.mqbook.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
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
 * mqbook's remoting against the real 4.7.1 remoting, in both directions:
 * <ul>
 *   <li>the 4.7.1 {@code NettyRemotingClient} (program {@code RemotingClientProbe}) calls mqbook's
 *       {@link NettyRemotingServer} sync, async and oneway, with JSON and binary headers, and
 *       answers a request mqbook's server sends back over its connection;</li>
 *   <li>mqbook's {@link NettyRemotingClient} calls a 4.7.1 {@code NettyRemotingServer} (program
 *       {@code RemotingServerProbe}) the same three ways, sees 4.7.1's error answers, and answers
 *       the 4.7.1 server's request pushed back over the same connection.</li>
 * </ul>
 */
class RemotingInteropTest {

    private static final int ECHO = 300;
    private static final int FAIL = 301;
    private static final int CALL_BACK = 302;
    private static final int PUSHED = 303;

    private static NettyRemotingServer server;
    private static ExecutorService pool;
    private static String serverAddr;
    private static final BlockingQueue<RemotingCommand> received = new LinkedBlockingQueue<>();
    private static final BlockingQueue<RemotingCommand> callBackAnswers = new LinkedBlockingQueue<>();

    private static ChildProcess rmqServer;
    private static NettyRemotingClient client;
    private static final BlockingQueue<RemotingCommand> pushedToUs = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        NettyServerConfig config = new NettyServerConfig();
        config.setListenPort(0);
        config.setBindAddress("127.0.0.1");
        server = new NettyRemotingServer(config);
        pool = Executors.newFixedThreadPool(4);
        server.registerProcessor(ECHO, (ctx, request) -> {
            received.add(request);
            RemotingCommand response = RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, "mqbook echo");
            response.setExtFields(request.getExtFields());
            response.setBody(request.getBody());
            if (request.getCode() == CALL_BACK) {
                // Like a broker's CHECK_TRANSACTION_STATE: a request back over the caller's connection.
                CompletableFuture.runAsync(() -> {
                    try {
                        RemotingCommand ask = RemotingCommand.createRequestCommand(PUSHED, null);
                        ask.setBody("from mqbook".getBytes(StandardCharsets.UTF_8));
                        callBackAnswers.add(server.invokeSync(ctx.channel(), ask, 3000));
                    } catch (Exception e) {
                        RemotingCommand failed = RemotingCommand.createResponseCommand(-1, e.toString());
                        callBackAnswers.add(failed);
                    }
                }, pool);
            }
            return response;
        }, pool);
        server.registerProcessor(CALL_BACK, server.getProcessorPair(ECHO).getObject1(), pool);
        server.registerProcessor(FAIL, (ctx, request) -> {
            throw new IllegalStateException("mqbook probe failure");
        }, pool);
        server.start();
        serverAddr = "127.0.0.1:" + server.localListenPort();

        rmqServer = Rmq471.startServerProbe("echo=" + ECHO, "fail=" + FAIL, "push=" + PUSHED);
        client = new NettyRemotingClient(new NettyClientConfig());
        client.registerProcessor(PUSHED, (ctx, request) -> {
            pushedToUs.add(request);
            return RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, "mqbook served");
        }, pool);
        client.start();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (rmqServer != null) {
            rmqServer.kill9();
        }
        server.shutdown();
        pool.shutdownNow();
    }

    @Test
    void the471ClientCallsMqbookSyncAsyncAndOnewayWithJsonHeaders() throws Exception {
        assertClientProbeCalls("JSON");
    }

    @Test
    void the471ClientCallsMqbookWithBinaryRocketmqHeaders() throws Exception {
        assertClientProbeCalls("ROCKETMQ");
    }

    private void assertClientProbeCalls(String serialize) throws Exception {
        received.clear();
        Rmq471.ProgramResult result = Rmq471.runProgram(Rmq471.CLIENT_PROBE, serverAddr,
            Integer.toString(ECHO), "ext.topic=TopicTest", "ext.queueId=3", "body=hello 4.7.1",
            "serialize=" + serialize, "linger=1000"); // linger: the oneway frame is flushed before exit
        String out = result.output();
        assertEquals(0, result.exitCode(), out);
        for (String call : List.of("sync", "async")) {
            String line = line(out, "RESPONSE " + call + " ");
            assertTrue(line.contains("code=0 flag=1"), line);
            assertTrue(line.contains("remark=\"mqbook echo\""), line);
            assertTrue(line.contains("ext={\"queueId\":\"3\",\"topic\":\"TopicTest\"}"), line);
            assertTrue(line.contains("body=\"hello 4.7.1\""), line);
            String opaque = line(out, "CALL " + call + " ").substring(("CALL " + call + " ").length());
            assertTrue(line.contains(" " + opaque + " "), "response echoes " + opaque + ": " + line);
        }
        assertTrue(out.contains("SENT oneway"), out);
        // Three requests reached our processor; the oneway one says so by its flag.
        List<RemotingCommand> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RemotingCommand r = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(r, "request " + (i + 1) + " of 3 never reached mqbook's server");
            seen.add(r);
        }
        assertEquals(1, seen.stream().filter(RemotingCommand::isOnewayRPC).count());
        assertTrue(seen.stream().allMatch(r -> r.getVersion() == 355 && "3".equals(r.getExtFields().get("queueId"))));
    }

    @Test
    void the471ClientAnswersARequestMqbookSendsBackOverItsConnection() throws Exception {
        callBackAnswers.clear();
        Rmq471.ProgramResult result = Rmq471.runProgram(Rmq471.CLIENT_PROBE, serverAddr,
            Integer.toString(CALL_BACK), "calls=sync", "serve=" + PUSHED, "linger=2000");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SERVED code=" + PUSHED), result.output());
        RemotingCommand answer = callBackAnswers.poll(5, TimeUnit.SECONDS);
        assertNotNull(answer, "the 4.7.1 client never answered mqbook's request");
        assertEquals(ResponseCode.SUCCESS, answer.getCode(), answer.getRemark());
        assertEquals("served " + PUSHED, answer.getRemark());
        assertEquals("from mqbook", new String(answer.getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void the471ClientSeesMqbooksErrorAnswers() {
        Rmq471.ProgramResult failing = Rmq471.runProgram(Rmq471.CLIENT_PROBE, serverAddr,
            Integer.toString(FAIL), "calls=sync");
        String fail = line(failing.output(), "RESPONSE sync ");
        assertTrue(fail.contains("code=1 ") && fail.contains("mqbook probe failure"), fail);

        Rmq471.ProgramResult unknown = Rmq471.runProgram(Rmq471.CLIENT_PROBE, serverAddr, "9999", "calls=sync");
        String line = line(unknown.output(), "RESPONSE sync ");
        assertTrue(line.contains("code=3 ") && line.contains("request type 9999 not supported"), line);
    }

    @Test
    void mqbookClientCalls471ServerSyncAsyncAndOneway() throws Exception {
        RemotingCommand request = request(ECHO, "sync");
        RemotingCommand sync = client.invokeSync(rmqServer.addr(), request, 3000);
        assertEquals(ResponseCode.SUCCESS, sync.getCode());
        assertEquals("echo " + ECHO, sync.getRemark());
        assertEquals(request.getOpaque(), sync.getOpaque());
        assertEquals("TopicTest", sync.getExtFields().get("topic"));
        assertEquals("sync", new String(sync.getBody(), StandardCharsets.UTF_8));

        CompletableFuture<RemotingCommand> async = new CompletableFuture<>();
        client.invokeAsync(rmqServer.addr(), request(ECHO, "async"), 3000, f -> async.complete(f.getResponseCommand()));
        RemotingCommand asyncResponse = async.get(5, TimeUnit.SECONDS);
        assertNotNull(asyncResponse, "no async response from the 4.7.1 server");
        assertEquals("async", new String(asyncResponse.getBody(), StandardCharsets.UTF_8));

        client.invokeOneway(rmqServer.addr(), request(ECHO, "oneway-from-mqbook"), 3000);
        String log = rmqServer.awaitLog("body=\"oneway-from-mqbook\"", Duration.ofSeconds(5));
        assertTrue(log.contains("REQUEST oneway=true"), log);
    }

    @Test
    void mqbookClientSees471ErrorAnswersAndServesItsPushedRequest() throws Exception {
        RemotingCommand failed = client.invokeSync(rmqServer.addr(), request(FAIL, "x"), 3000);
        assertEquals(ResponseCode.SYSTEM_ERROR, failed.getCode());
        assertTrue(failed.getRemark().contains("probe failure"), failed.getRemark());

        RemotingCommand unknown = client.invokeSync(rmqServer.addr(), request(9999, "x"), 3000);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, unknown.getCode());

        pushedToUs.clear();
        client.invokeSync(rmqServer.addr(), request(ECHO, "please push"), 3000);
        RemotingCommand pushed = pushedToUs.poll(5, TimeUnit.SECONDS);
        assertNotNull(pushed, "the 4.7.1 server's request never reached mqbook's client");
        assertEquals("rmq471", pushed.getExtFields().get("pushedBy"));
        rmqServer.awaitLog("PUSH_RESPONSE code=0", Duration.ofSeconds(5));
    }

    private static RemotingCommand request(int code, String body) {
        RemotingCommand r = RemotingCommand.createRequestCommand(code, null);
        HashMap<String, String> ext = new HashMap<>();
        ext.put("topic", "TopicTest");
        r.setExtFields(ext);
        r.setBody(body.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
            .orElseThrow(() -> new AssertionError("no line starting '" + prefix + "' in:\n" + output));
    }
}
