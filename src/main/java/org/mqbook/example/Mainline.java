package org.mqbook.example;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqbook.common.RuntimeHome;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.netty.NettyRemotingServer;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * The main job: the mainline of the book in one JVM, on embedded defaults, narrated chapter by
 * chapter from real events (hooks and return values, never canned text). README's first command
 * runs it: {@code mvn -q compile exec:java}.
 *
 * <p>Chapter 1's layer first, the remoting wire: a server and a client on 127.0.0.1 exchange real
 * RocketMQ frames (a sync request matched by its opaque, a oneway request that gets no answer, an
 * unknown request code refused at once). Then {@link MainlineMessaging} runs chapters 2 to 8: a
 * NameServer, a broker, a producer, a push consumer and a delayed message.
 *
 * <p>Read next: {@code chapters/ch01-environment.adoc}, section "The wire underneath".
 */
public final class Mainline {

    private static final String HELP = String.join("\n",
        "usage: mvn -q compile exec:java [-Dexec.args=\"OPTIONS\"]",
        "  --messages N      how many messages the producer sends (default 8)",
        "  --delay-level L   the delay level of the extra delayed message (default 1 = 1 s)",
        "  --keep-running    leave the NameServer and broker up for an external client",
        "  --help            print this and exit",
        "Runs the mainline of the book in one JVM on 127.0.0.1 and narrates it chapter by chapter.",
        "Runtime home: " + RuntimeHome.home() + " (stores and logs under target/runtime/)");

    private Mainline() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 8;
        int delayLevel = 1;
        boolean keepRunning = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.println(HELP);
                    return;
                }
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--delay-level" -> delayLevel = Integer.parseInt(args[++i]);
                case "--keep-running" -> keepRunning = true;
                default -> {
                    System.err.println("unknown option " + args[i] + "\n" + HELP);
                    System.exit(2);
                }
            }
        }
        // TODO K2: the servers' own log file; only warnings reach the console
        RuntimeHome.configureLogback("logback_broker.xml");
        int exchanged = chapter1Remoting();
        java.util.Map<String, String> summary = MainlineMessaging.run(messages, delayLevel, keepRunning);
        System.out.println();
        System.out.println("Summary");
        System.out.println("  chapter 1      remoting: " + exchanged + " frames seen by the server's RPC hook");
        summary.forEach((chapter, line) -> System.out.printf("  %-14s %s%n", chapter, line));
    }

    /** Chapter 1: one server, one client, three kinds of request. Returns the frames seen. */
    static int chapter1Remoting() throws Exception {
        System.out.println("Chapter 1 - the wire underneath (remoting)");
        AtomicInteger frames = new AtomicInteger();
        NettyServerConfig serverConfig = new NettyServerConfig();
        serverConfig.setListenPort(0);
        serverConfig.setBindAddress("127.0.0.1");
        NettyRemotingServer server = new NettyRemotingServer(serverConfig);
        ExecutorService routeExecutor =
            Executors.newFixedThreadPool(1, new ThreadFactoryImpl("RouteQueryThread_"));
        server.registerRPCHook(new RPCHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                frames.incrementAndGet();
                System.out.printf("  server   got code %d opaque %d%s from %s on thread %s%n",
                    request.getCode(), request.getOpaque(), request.isOnewayRPC() ? " (oneway)" : "",
                    remoteAddr, Thread.currentThread().getName());
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                if (response != null) {
                    frames.incrementAndGet();
                }
            }
        });
        // A stand-in route processor: the real one is the NameServer's DefaultRequestProcessor.
        server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, (ctx, request) -> {
            GetRouteInfoRequestHeader header =
                request.decodeCommandCustomHeader(GetRouteInfoRequestHeader.class);
            return RemotingCommand.createResponseCommand(ResponseCode.TOPIC_NOT_EXIST,
                "No topic route info in name server for the topic: " + header.getTopic());
        }, routeExecutor);
        server.start();
        String addr = "127.0.0.1:" + server.localListenPort();
        System.out.println("  started  NettyRemotingServer on " + addr);

        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
        try {
            GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
            header.setTopic("TopicTest");
            RemotingCommand request =
                RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, header);
            request.makeCustomHeaderToNet();
            System.out.println("  client   sends " + describeFrame(request));
            RemotingCommand response = client.invokeSync(addr, request, 3000);
            System.out.printf("  client   got response code %d opaque %d (same opaque: %s) remark \"%s\"%n",
                response.getCode(), response.getOpaque(), response.getOpaque() == request.getOpaque(),
                response.getRemark());

            RemotingCommand oneway =
                RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, header);
            client.invokeOneway(addr, oneway, 3000);
            System.out.println("  client   sent oneway opaque " + oneway.getOpaque() + ": no answer expected");

            RemotingCommand unknown = RemotingCommand.createRequestCommand(9999, null);
            long start = System.nanoTime();
            RemotingCommand refused = client.invokeSync(addr, unknown, 3000);
            System.out.printf("  client   unknown code 9999 answered %d \"%s\" in %d ms (4.7.1 stays silent)%n",
                refused.getCode(), refused.getRemark().trim(), (System.nanoTime() - start) / 1_000_000);
            Thread.sleep(100); // let the oneway request's log line come out before the summary
        } finally {
            client.shutdown();
            server.shutdown();
            routeExecutor.shutdown();
        }
        return frames.get();
    }

    /** The first bytes of a frame: length, type + header length, and the JSON header. */
    static String describeFrame(RemotingCommand cmd) {
        ByteBuffer frame = cmd.encode();
        int total = frame.getInt(0);
        int headerInfo = frame.getInt(4);
        byte[] header = new byte[headerInfo & 0xFFFFFF];
        frame.position(8);
        frame.get(header);
        return String.format("frame of %d bytes: length %08x, type %d, header %d bytes %s",
            total + 4, total, headerInfo >>> 24, header.length, new String(header, StandardCharsets.UTF_8));
    }
}
