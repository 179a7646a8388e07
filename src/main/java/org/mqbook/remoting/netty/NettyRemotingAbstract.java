package org.mqbook.remoting.netty;

import static org.mqbook.remoting.protocol.ResponseCode.REQUEST_CODE_NOT_SUPPORTED;
import static org.mqbook.remoting.protocol.ResponseCode.SYSTEM_BUSY;
import static org.mqbook.remoting.protocol.ResponseCode.SYSTEM_ERROR;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutorGroup;
import org.mqbook.remoting.ChannelEventListener;
import org.mqbook.remoting.InvokeCallback;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.common.Pair;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.common.RemotingUtil;
import org.mqbook.remoting.common.SemaphoreReleaseOnlyOnce;
import org.mqbook.remoting.common.ThreadFactoryImpl;
import org.mqbook.remoting.exception.RemotingSendRequestException;
import org.mqbook.remoting.exception.RemotingTimeoutException;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The half of remoting that server and client share: both sides send requests and both answer
 * them, on the same connections. Inbound requests go through the processor table (code to
 * processor + executor); inbound responses complete the {@link ResponseFuture} registered under
 * their opaque; a timer drops futures whose answer never came.
 *
 * <p>Thread-safe: tables are concurrent maps; I/O threads call {@link #processMessageReceived},
 * caller threads the invoke methods, the house-keeping timer {@link #scanResponseTable()}.
 * Register processors and hooks before start(). Read next: {@link NettyRemotingServer},
 * {@link NettyRemotingClient}.
 */
public abstract class NettyRemotingAbstract {
    private static final Logger log = LoggerFactory.getLogger(NettyRemotingAbstract.class);

    public static final String REJECT_REQUEST_REMARK =
        "[REJECTREQUEST]system busy, start flow control for a while";
    public static final String OVERLOAD_REMARK =
        "[OVERLOAD]system busy, start flow control for a while";
    /** Extra grace a timed-out async future gets before the scan gives up on it. */
    public static final long SCAN_GRACE_MILLIS = 1000;

    protected final Semaphore semaphoreOneway;
    protected final Semaphore semaphoreAsync;
    private final int permitsOneway;
    private final int permitsAsync;
    protected final ConcurrentMap<Integer, Pair<NettyRequestProcessor, ExecutorService>> processorTable =
        new ConcurrentHashMap<>(64);
    protected volatile Pair<NettyRequestProcessor, ExecutorService> defaultRequestProcessor;
    protected final List<RPCHook> rpcHooks = new CopyOnWriteArrayList<>();
    protected final NettyEventExecutor nettyEventExecutor;

    protected NettyRemotingAbstract(int permitsOneway, int permitsAsync, ChannelEventListener listener) {
        this.permitsOneway = permitsOneway;
        this.permitsAsync = permitsAsync;
        this.semaphoreOneway = new Semaphore(permitsOneway, true);
        this.semaphoreAsync = new Semaphore(permitsAsync, true);
        this.nettyEventExecutor = listener == null ? null : new NettyEventExecutor(listener);
    }

    /** A fixed pool named {@code prefix + n}; 0 or less configured threads means 4. */
    protected static ExecutorService newPublicExecutor(int configuredThreads, String prefix) {
        int threads = configuredThreads > 0 ? configuredThreads : 4;
        return Executors.newFixedThreadPool(threads, new ThreadFactoryImpl(prefix));
    }

    /** Starts the daemon timer that runs {@link #scanResponseTable()} once a second. */
    protected Timer startHouseKeeping(String threadName, long firstDelayMillis) {
        Timer timer = new Timer(threadName, true);
        timer.scheduleAtFixedRate(new TimerTask() {
            @Override
            public void run() {
                try {
                    scanResponseTable();
                } catch (Throwable e) {
                    log.error("scanResponseTable exception", e);
                }
            }
        }, firstDelayMillis, 1000);
        return timer;
    }

    /**
     * Stops the house-keeping timer, then the codec threads (after the connections are closed,
     * so they can still see the close events), then the I/O threads, the event thread and the
     * public executor. The reverse order makes Netty reject the close events.
     */
    protected void shutdownThreads(Timer timer, EventExecutorGroup codecGroup, ExecutorService publicExecutor,
                                   EventExecutorGroup... ioGroups) {
        if (timer != null) {
            timer.cancel();
        }
        if (codecGroup != null) {
            codecGroup.shutdownGracefully(50, 3000, TimeUnit.MILLISECONDS).awaitUninterruptibly(5000);
        }
        for (EventExecutorGroup io : ioGroups) {
            io.shutdownGracefully(0, 3, TimeUnit.SECONDS).awaitUninterruptibly(5000);
        }
        if (nettyEventExecutor != null) {
            nettyEventExecutor.shutdown();
        }
        publicExecutor.shutdown();
    }

    /** Where async callbacks run; null runs them on the thread that completed the future. */
    public abstract ExecutorService getCallbackExecutor();

    /** Closes a broken connection; the client also forgets it in its channel table. */
    public void closeChannel(Channel channel) {
        RemotingUtil.closeChannel(channel);
    }

    public void putNettyEvent(NettyEvent event) {
        if (nettyEventExecutor != null) {
            nettyEventExecutor.putNettyEvent(event);
        }
    }

    public void registerRPCHook(RPCHook rpcHook) {
        if (rpcHook != null && !rpcHooks.contains(rpcHook)) {
            rpcHooks.add(rpcHook);
        }
    }

    public void processMessageReceived(ChannelHandlerContext ctx, RemotingCommand cmd) {
        if (cmd == null) {
            return;
        }
        switch (cmd.getType()) {
            case REQUEST -> processRequestCommand(ctx, cmd);
            case RESPONSE -> processResponseCommand(ctx, cmd);
            default -> log.warn("unknown command type {}", cmd.getType());
        }
    }

    // tag::ch01-process-request[]
    public void processRequestCommand(ChannelHandlerContext ctx,
                                      RemotingCommand cmd) {
        // TODO K1: each code has its own processor AND its own executor,
        // so a slow kind of request (pulls, sends) fills its own pool
        // instead of starving the others.
        var matched = processorTable.get(cmd.getCode());
        var pair = matched != null ? matched : defaultRequestProcessor;
        Channel channel = ctx.channel();
        if (pair == null) {
            // TODO K2: a 4.7.1 broker stays silent and the caller times
            // out; answering 3 tells it at once. (4.7.1's generic layer
            // even answered oneway requests; we never do.)
            String error = " request type " + cmd.getCode()
                + " not supported";
            respond(channel, cmd, REQUEST_CODE_NOT_SUPPORTED, error);
            log.warn("{}{}", addr(channel), error);
            return;
        }
        if (pair.getObject1().rejectRequest()) {
            respond(channel, cmd, SYSTEM_BUSY, REJECT_REQUEST_REMARK);
            return;
        }
        try {
            pair.getObject2().execute(
                () -> runProcessor(ctx, cmd, pair.getObject1()));
        } catch (RejectedExecutionException e) {
            log.warn("{} too many requests, executor rejected code {}",
                addr(channel), cmd.getCode());
            respond(channel, cmd, SYSTEM_BUSY, OVERLOAD_REMARK);
        }
    }

    private void runProcessor(ChannelHandlerContext ctx,
                              RemotingCommand cmd,
                              NettyRequestProcessor processor) {
        // TODO K2: only hooks read the peer's "ip:port"; built for every
        // request, it was a string per send that nobody read
        String remoteAddr =
            rpcHooks.isEmpty() ? null : addr(ctx.channel());
        try {
            doBeforeRpcHooks(remoteAddr, cmd);
            RemotingResponseCallback callback = response -> {
                doAfterRpcHooks(remoteAddr, cmd, response);
                writeResponse(ctx.channel(), cmd, response);
            };
            if (processor instanceof AsyncNettyRequestProcessor async) {
                async.asyncProcessRequest(ctx, cmd, callback);
            } else {
                callback.callback(processor.processRequest(ctx, cmd));
            }
        } catch (Throwable e) {
            log.error("process request code {} from {} failed",
                cmd.getCode(), addr(ctx.channel()), e);
            respond(ctx.channel(), cmd, SYSTEM_ERROR,
                RemotingHelper.exceptionSimpleDesc(e));
        }
    }

    /**
     * Sends {@code response} as the answer to {@code request}: copies
     * the opaque and sets the response flag. Nothing is sent for a null
     * response or a oneway request. Processors that answer later (long
     * polling) call this themselves.
     */
    public static void writeResponse(Channel channel,
                                     RemotingCommand request,
                                     RemotingCommand response) {
        // TODO K1: oneway requests are never answered: the sender
        // registered no future, so an answer would only be logged as
        // unmatched on the other side.
        if (response == null || request.isOnewayRPC()) {
            return;
        }
        response.setOpaque(request.getOpaque());
        response.markResponseType();
        if (!channel.isActive()) {
            log.warn("response to {} dropped, connection closed: {}",
                addr(channel), response);
            return;
        }
        channel.writeAndFlush(response).addListener(
            (ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    log.warn("write response to {} failed: {} {}",
                        addr(channel), f.cause(), response);
                }
            });
    }
    // end::ch01-process-request[]

    private static void respond(Channel channel, RemotingCommand request,
                                int code, String remark) {
        writeResponse(channel, request,
            RemotingCommand.createResponseCommand(code, remark));
    }

    private static String addr(Channel channel) {
        return RemotingHelper.parseChannelRemoteAddr(channel);
    }

    // tag::ch01-process-response[]
    // TODO K1: opaque is the request id: the responder echoes it and the
    // requester finds its waiting future here, so one connection carries
    // many calls, answered in any order.
    protected final ConcurrentMap<Integer, ResponseFuture> responseTable =
        new ConcurrentHashMap<>(256);

    public void processResponseCommand(ChannelHandlerContext ctx,
                                       RemotingCommand cmd) {
        ResponseFuture future = responseTable.remove(cmd.getOpaque());
        if (future == null) {
            log.warn("receive response, but not matched any request, {} {}",
                addr(ctx.channel()), cmd);
            return;
        }
        future.setResponseCommand(cmd);
        if (future.getInvokeCallback() != null) {
            executeInvokeCallback(future);
        } else {
            future.putResponse(cmd);
            future.release();
        }
    }
    // end::ch01-process-response[]

    /** Runs the callback on the callback executor (or here if it refuses), then frees the permit. */
    private void executeInvokeCallback(ResponseFuture future) {
        Runnable task = () -> {
            try {
                future.executeInvokeCallback();
            } catch (Throwable e) {
                log.warn("execute callback of {} failed", future, e);
            } finally {
                future.release();
            }
        };
        ExecutorService executor = getCallbackExecutor();
        if (executor != null) {
            try {
                executor.execute(task);
                return;
            } catch (RejectedExecutionException e) {
                log.warn("callback executor rejected the callback of opaque {}, run it here",
                    future.getOpaque());
            }
        }
        task.run();
    }

    protected void doBeforeRpcHooks(String addr, RemotingCommand request) {
        for (RPCHook hook : rpcHooks) {
            hook.doBeforeRequest(addr, request);
        }
    }

    protected void doAfterRpcHooks(String addr, RemotingCommand request, RemotingCommand response) {
        for (RPCHook hook : rpcHooks) {
            hook.doAfterResponse(addr, request, response);
        }
    }

    // tag::ch01-scan-response-table[]
    /** Called every second: fails the futures whose response is overdue. */
    public void scanResponseTable() {
        List<ResponseFuture> expired = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (var e : responseTable.entrySet()) {
            ResponseFuture f = e.getValue();
            long deadline = f.getBeginTimestamp() + f.getTimeoutMillis();
            // TODO K1: a response may never come (peer crashed, request
            // lost); without this scan async callers would never hear
            // back and their permits would leak.
            if (deadline + SCAN_GRACE_MILLIS <= now
                && responseTable.remove(e.getKey(), f)) {
                expired.add(f);
                log.warn("remove timeout request, {}", f);
            }
        }
        for (ResponseFuture f : expired) {
            f.putResponse(null);
            executeInvokeCallback(f);
        }
    }
    // end::ch01-scan-response-table[]

    /** Fails at once every request still waiting on a connection that just closed. */
    protected void failFast(Channel channel) {
        for (Map.Entry<Integer, ResponseFuture> e : responseTable.entrySet()) {
            ResponseFuture f = e.getValue();
            if (f.getProcessChannel() == channel && responseTable.remove(e.getKey(), f)) {
                // TODO K2: better than 4.7.1, whose callers waited for their full timeout.
                f.setCause(new IOException("connection " + addr(channel)
                    + " closed before the response to opaque " + f.getOpaque() + " arrived"));
                f.putResponse(null);
                executeInvokeCallback(f);
            }
        }
    }

    // tag::ch01-invoke-sync[]
    public RemotingCommand invokeSyncImpl(Channel channel,
                                          RemotingCommand request,
                                          long timeoutMillis)
        throws InterruptedException, RemotingSendRequestException,
        RemotingTimeoutException {
        int opaque = request.getOpaque();
        try {
            // TODO K1: the future is in the table before the request is
            // written, so even an instant response finds someone waiting.
            ResponseFuture future = new ResponseFuture(
                channel, opaque, timeoutMillis, null, null);
            responseTable.put(opaque, future);
            SocketAddress remote = channel.remoteAddress();
            channel.writeAndFlush(request).addListener(
                (ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        future.setSendRequestOK(true);
                        return;
                    }
                    future.setSendRequestOK(false);
                    responseTable.remove(opaque);
                    future.setCause(f.cause());
                    future.putResponse(null);
                    log.warn("send request to <{}> failed.", remote);
                });
            RemotingCommand response = future.waitResponse(timeoutMillis);
            if (response == null) {
                String addr = RemotingHelper.parseSocketAddressAddr(remote);
                if (future.isSendRequestOK() && future.getCause() == null) {
                    throw new RemotingTimeoutException(addr, timeoutMillis);
                }
                throw new RemotingSendRequestException(
                    addr, future.getCause());
            }
            return response;
        } finally {
            responseTable.remove(opaque);
        }
    }
    // end::ch01-invoke-sync[]

    public void invokeAsyncImpl(Channel channel, RemotingCommand request, long timeoutMillis,
                                InvokeCallback invokeCallback)
        throws InterruptedException, RemotingTooMuchRequestException, RemotingTimeoutException,
        RemotingSendRequestException {
        long begin = System.currentTimeMillis();
        int opaque = request.getOpaque();
        if (!semaphoreAsync.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throwNoPermit("invokeAsyncImpl", semaphoreAsync, permitsAsync, timeoutMillis);
        }
        SemaphoreReleaseOnlyOnce once = new SemaphoreReleaseOnlyOnce(semaphoreAsync);
        long cost = System.currentTimeMillis() - begin;
        if (timeoutMillis < cost) {
            once.release();
            throw new RemotingTimeoutException("invokeAsyncImpl call timeout: waiting for a permit took "
                + cost + "ms of the " + timeoutMillis + "ms budget");
        }
        ResponseFuture future =
            new ResponseFuture(channel, opaque, timeoutMillis - cost, invokeCallback, once);
        responseTable.put(opaque, future);
        try {
            channel.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    future.setSendRequestOK(true);
                    return;
                }
                if (responseTable.remove(opaque, future)) {
                    future.setSendRequestOK(false);
                    future.setCause(f.cause());
                    future.putResponse(null);
                    executeInvokeCallback(future);
                }
                log.warn("send a request command to channel <{}> failed.",
                    addr(channel));
            });
        } catch (RuntimeException e) {
            responseTable.remove(opaque);
            future.release();
            throw new RemotingSendRequestException(addr(channel), e);
        }
    }

    public void invokeOnewayImpl(Channel channel, RemotingCommand request, long timeoutMillis)
        throws InterruptedException, RemotingTooMuchRequestException, RemotingTimeoutException,
        RemotingSendRequestException {
        request.markOnewayRPC();
        if (!semaphoreOneway.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throwNoPermit("invokeOnewayImpl", semaphoreOneway, permitsOneway, timeoutMillis);
        }
        SemaphoreReleaseOnlyOnce once = new SemaphoreReleaseOnlyOnce(semaphoreOneway);
        try {
            channel.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
                once.release();
                if (!f.isSuccess()) {
                    log.warn("send a oneway request to channel <{}> failed: {}",
                        addr(channel), f.cause().toString());
                }
            });
        } catch (RuntimeException e) {
            once.release();
            throw new RemotingSendRequestException(addr(channel), e);
        }
    }

    private static void throwNoPermit(String what, Semaphore semaphore, int limit, long timeoutMillis)
        throws RemotingTooMuchRequestException, RemotingTimeoutException {
        // TODO K2: a caller that may not wait (timeout <= 0) is told "too many"; one that waited
        // in vain gets a timeout. Either way the message names the limit that was hit.
        if (timeoutMillis <= 0) {
            throw new RemotingTooMuchRequestException(what + " invoke too fast: all " + limit
                + " permits in use");
        }
        throw new RemotingTimeoutException(what + " tryAcquire semaphore timeout, " + timeoutMillis
            + "ms, waiting thread nums: " + semaphore.getQueueLength() + ", semaphore limit: " + limit);
    }
}
