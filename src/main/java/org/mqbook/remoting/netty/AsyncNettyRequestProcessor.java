package org.mqbook.remoting.netty;

import io.netty.channel.ChannelHandlerContext;
import org.mqbook.remoting.protocol.RemotingCommand;

/**
 * A processor that hands its response to a callback instead of returning it, so it can finish
 * on another thread (e.g. after a store write completes) without holding the executor thread.
 * The default just calls {@link #processRequest} and passes the result on.
 */
public interface AsyncNettyRequestProcessor extends NettyRequestProcessor {

    default void asyncProcessRequest(ChannelHandlerContext ctx, RemotingCommand request,
                                     RemotingResponseCallback responseCallback) throws Exception {
        responseCallback.callback(processRequest(ctx, request));
    }
}
