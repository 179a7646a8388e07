package org.mqbook.rmq471;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.remoting.netty.NettyRemotingServer;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/**
 * A 4.7.1 {@code NettyRemotingServer} with an echo processor: proof that mqbook's client talks to
 * the official 4.7.1 server code. (4.7.1 cannot bind one address: it listens on all interfaces;
 * clients must still connect to 127.0.0.1.)
 * <pre>
 * RemotingServerProbe PORT [echo=CODE,CODE...] [fail=CODE] [push=CODE] [serialize=JSON|ROCKETMQ]
 * </pre>
 * <ul>
 *   <li>{@code echo} codes: the response has code 0 (SUCCESS), remark {@code "echo CODE"}, the
 *       request's extFields (same keys and values) and its body; the 4.7.1 server code copies the
 *       opaque and sets flag bit 0. Oneway requests are printed, not answered.</li>
 *   <li>{@code fail} code: the processor throws {@code IllegalStateException("probe failure for
 *       code CODE")}; 4.7.1 answers SYSTEM_ERROR (1) with a remark made from the exception.</li>
 *   <li>any other code: no processor, so 4.7.1 answers REQUEST_CODE_NOT_SUPPORTED (3) with remark
 *       {@code " request type CODE not supported"}.</li>
 *   <li>{@code push=CODE}: after answering each non-oneway echo request, the server sends a
 *       request of that code (extFields {@code pushedBy=rmq471}, body {@code push}) back over the
 *       same connection, sync with a 3 s timeout, like a broker's CHECK_TRANSACTION_STATE.</li>
 * </ul>
 * Output lines ({@link ProbeOutput} format): {@code READY PORT} once listening, then
 * {@code REQUEST oneway=true|false code=...} per request, {@code PUSH_RESPONSE code=...} or
 * {@code PUSH_ERROR ...}. Runs until killed.
 */
public final class RemotingServerProbe {

    private RemotingServerProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: RemotingServerProbe PORT [options]");
        }
        int port = Integer.parseInt(args[0]);
        List<Integer> echo = new ArrayList<>();
        int fail = -1;
        int push = -1;
        String serialize = "JSON";
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            if (ProbeOutput.valueOf(arg, "echo") != null) {
                for (String code : ProbeOutput.valueOf(arg, "echo").split(",")) {
                    echo.add(Integer.parseInt(code));
                }
            } else if (ProbeOutput.valueOf(arg, "fail") != null) {
                fail = Integer.parseInt(ProbeOutput.valueOf(arg, "fail"));
            } else if (ProbeOutput.valueOf(arg, "push") != null) {
                push = Integer.parseInt(ProbeOutput.valueOf(arg, "push"));
            } else if (ProbeOutput.valueOf(arg, "serialize") != null) {
                serialize = ProbeOutput.valueOf(arg, "serialize");
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        ProbeOutput.configure(serialize);

        NettyServerConfig config = new NettyServerConfig();
        config.setListenPort(port);
        NettyRemotingServer server = new NettyRemotingServer(config);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2,
                r -> new Thread(r, "ProbeProcessor_" + threads.incrementAndGet()));
        NettyRequestProcessor processor = new Echo(server, fail, push);
        for (int code : echo) {
            server.registerProcessor(code, processor, executor);
        }
        if (fail >= 0) {
            server.registerProcessor(fail, processor, executor);
        }
        server.start();
        ProbeOutput.println("READY " + server.localListenPort());
    }

    private static final class Echo implements NettyRequestProcessor {
        private final NettyRemotingServer server;
        private final int fail;
        private final int push;
        private final ExecutorService pusher =
                Executors.newSingleThreadExecutor(r -> new Thread(r, "ProbePush"));

        Echo(NettyRemotingServer server, int fail, int push) {
            this.server = server;
            this.fail = fail;
            this.push = push;
        }

        @Override
        public RemotingCommand processRequest(ChannelHandlerContext ctx, RemotingCommand request) {
            ProbeOutput.println("REQUEST oneway=" + request.isOnewayRPC() + " "
                    + ProbeOutput.describe(request));
            if (request.getCode() == fail) {
                throw new IllegalStateException("probe failure for code " + fail);
            }
            RemotingCommand response =
                    RemotingCommand.createResponseCommand(0, "echo " + request.getCode());
            response.setExtFields(request.getExtFields());
            response.setBody(request.getBody());
            if (push >= 0 && !request.isOnewayRPC()) {
                Channel channel = ctx.channel();
                pusher.execute(() -> push(channel));
            }
            return response;
        }

        private void push(Channel channel) {
            RemotingCommand request = RemotingCommand.createRequestCommand(push, null);
            HashMap<String, String> ext = new HashMap<>();
            ext.put("pushedBy", "rmq471");
            request.setExtFields(ext);
            request.setBody("push".getBytes(StandardCharsets.UTF_8));
            try {
                RemotingCommand answer = server.invokeSync(channel, request, 3000);
                ProbeOutput.println("PUSH_RESPONSE " + ProbeOutput.describe(answer));
            } catch (Exception e) {
                ProbeOutput.println("PUSH_ERROR " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
            }
        }

        @Override
        public boolean rejectRequest() {
            return false;
        }
    }
}
