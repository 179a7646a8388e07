package org.mqbook.rmq471;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.ResponseFuture;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/**
 * A 4.7.1 {@code NettyRemotingClient} that sends one request code to a server sync, async and
 * oneway, and prints what came back: proof that the official 4.7.1 client talks to an mqbook
 * server.
 * <pre>
 * RemotingClientProbe IP:PORT CODE [ext.NAME=VALUE]... [body=TEXT] [timeout=MS(3000)]
 *                     [serialize=JSON|ROCKETMQ] [calls=sync,async,oneway] [serve=CODE]
 *                     [linger=MS(0)]
 * </pre>
 * Each call builds a fresh request (so opaques differ) with the given extFields and body. With
 * {@code serve=CODE} the client also answers server-to-client requests of that code (echo: same
 * extFields and body, remark {@code "served CODE"}); other codes get 4.7.1's automatic
 * REQUEST_CODE_NOT_SUPPORTED (3). {@code linger} keeps the connection open that long after the
 * calls, for server-initiated requests. Output, one line each ({@link ProbeOutput} format):
 * <pre>
 * CALL sync opaque=N
 * RESPONSE sync code=... flag=... opaque=... version=... language=... remark=... ext=... body=...
 * ERROR sync ExceptionClass: message                   (instead of RESPONSE; e.g. a timeout)
 * CALL async opaque=N / RESPONSE async ... / ERROR async ...
 * CALL oneway opaque=N / SENT oneway                   (or ERROR oneway ...)
 * SERVED code=... ...                                  (each server-to-client request)
 * DONE failures=K
 * </pre>
 * The exit code is K, the number of calls that ended in ERROR.
 */
public final class RemotingClientProbe {

    private RemotingClientProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: RemotingClientProbe IP:PORT CODE [options]");
        }
        String addr = args[0];
        int code = Integer.parseInt(args[1]);
        Map<String, String> ext = new LinkedHashMap<>();
        String body = null;
        long timeout = 3000;
        String serialize = "JSON";
        List<String> calls = Arrays.asList("sync", "async", "oneway");
        int serve = -1;
        long linger = 0;
        for (String arg : Arrays.asList(args).subList(2, args.length)) {
            if (arg.startsWith("ext.") && arg.contains("=")) {
                ext.put(arg.substring(4, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (ProbeOutput.valueOf(arg, "body") != null) {
                body = ProbeOutput.valueOf(arg, "body");
            } else if (ProbeOutput.valueOf(arg, "timeout") != null) {
                timeout = Long.parseLong(ProbeOutput.valueOf(arg, "timeout"));
            } else if (ProbeOutput.valueOf(arg, "serialize") != null) {
                serialize = ProbeOutput.valueOf(arg, "serialize");
            } else if (ProbeOutput.valueOf(arg, "calls") != null) {
                calls = Arrays.asList(ProbeOutput.valueOf(arg, "calls").split(","));
            } else if (ProbeOutput.valueOf(arg, "serve") != null) {
                serve = Integer.parseInt(ProbeOutput.valueOf(arg, "serve"));
            } else if (ProbeOutput.valueOf(arg, "linger") != null) {
                linger = Long.parseLong(ProbeOutput.valueOf(arg, "linger"));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        ProbeOutput.configure(serialize);

        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        ExecutorService served = Executors.newSingleThreadExecutor(r -> new Thread(r, "ProbeServe"));
        if (serve >= 0) {
            client.registerProcessor(serve, echo(), served);
        }
        client.start();
        int failures = 0;
        for (String call : calls) {
            RemotingCommand request = RemotingCommand.createRequestCommand(code, null);
            request.setExtFields(ext.isEmpty() ? null : new HashMap<>(ext));
            if (body != null) {
                request.setBody(body.getBytes(StandardCharsets.UTF_8));
            }
            ProbeOutput.println("CALL " + call + " opaque=" + request.getOpaque());
            try {
                failures += invoke(client, addr, call, request, timeout) ? 0 : 1;
            } catch (Exception e) {
                ProbeOutput.println("ERROR " + call + " " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
                failures++;
            }
        }
        if (linger > 0) {
            Thread.sleep(linger);
        }
        ProbeOutput.println("DONE failures=" + failures);
        client.shutdown();
        served.shutdownNow();
        System.exit(failures);
    }

    /** Runs one call style; true when it ended well (a response, or a oneway written). */
    private static boolean invoke(NettyRemotingClient client, String addr, String call,
                                  RemotingCommand request, long timeout) throws Exception {
        switch (call) {
            case "sync":
                RemotingCommand response = client.invokeSync(addr, request, timeout);
                ProbeOutput.println("RESPONSE sync " + ProbeOutput.describe(response));
                return true;
            case "async":
                CountDownLatch done = new CountDownLatch(1);
                List<Boolean> ok = new ArrayList<>();
                client.invokeAsync(addr, request, timeout, future -> {
                    ok.add(report(future));
                    done.countDown();
                });
                if (!done.await(timeout + 2000, TimeUnit.MILLISECONDS)) {
                    ProbeOutput.println("ERROR async no callback within " + (timeout + 2000) + " ms");
                    return false;
                }
                return ok.get(0);
            case "oneway":
                client.invokeOneway(addr, request, timeout);
                ProbeOutput.println("SENT oneway");
                return true;
            default:
                throw new IllegalArgumentException("unknown call style " + call);
        }
    }

    private static boolean report(ResponseFuture future) {
        RemotingCommand response = future.getResponseCommand();
        if (response != null) {
            ProbeOutput.println("RESPONSE async " + ProbeOutput.describe(response));
            return true;
        }
        String why = future.getCause() != null ? future.getCause().toString()
                : future.isTimeout() ? "timeout after " + future.getTimeoutMillis() + " ms"
                : "no response";
        ProbeOutput.println("ERROR async " + why);
        return false;
    }

    private static NettyRequestProcessor echo() {
        return new NettyRequestProcessor() {
            @Override
            public RemotingCommand processRequest(io.netty.channel.ChannelHandlerContext ctx,
                                                  RemotingCommand request) {
                ProbeOutput.println("SERVED " + ProbeOutput.describe(request));
                RemotingCommand response =
                        RemotingCommand.createResponseCommand(0, "served " + request.getCode());
                response.setExtFields(request.getExtFields());
                response.setBody(request.getBody());
                return response;
            }

            @Override
            public boolean rejectRequest() {
                return false;
            }
        };
    }
}
