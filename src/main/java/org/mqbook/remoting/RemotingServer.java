package org.mqbook.remoting;

import java.util.concurrent.ExecutorService;

import io.netty.channel.Channel;
import org.mqbook.remoting.common.Pair;
import org.mqbook.remoting.exception.RemotingSendRequestException;
import org.mqbook.remoting.exception.RemotingTimeoutException;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;

/**
 * The accepting side (NameServer, broker). Requests are routed by code to a processor and run on
 * that processor's executor; the server can also call a connected client back over the
 * client's own connection (the broker never dials a client).
 *
 * <p>Implementation: {@link org.mqbook.remoting.netty.NettyRemotingServer}.
 */
public interface RemotingServer extends RemotingService {

    /** {@code executor} null means the server's public executor. Register before start(). */
    void registerProcessor(int requestCode, NettyRequestProcessor processor, ExecutorService executor);

    /** Handles every code without its own processor (the NameServer registers only this one). */
    void registerDefaultProcessor(NettyRequestProcessor processor, ExecutorService executor);

    /** The port really bound: with listenPort 0 the operating system picks it. */
    int localListenPort();

    Pair<NettyRequestProcessor, ExecutorService> getProcessorPair(int requestCode);

    RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
        throws InterruptedException, RemotingSendRequestException, RemotingTimeoutException;

    void invokeAsync(Channel channel, RemotingCommand request, long timeoutMillis,
                     InvokeCallback invokeCallback)
        throws InterruptedException, RemotingTooMuchRequestException, RemotingTimeoutException,
        RemotingSendRequestException;

    void invokeOneway(Channel channel, RemotingCommand request, long timeoutMillis)
        throws InterruptedException, RemotingTooMuchRequestException, RemotingTimeoutException,
        RemotingSendRequestException;
}
