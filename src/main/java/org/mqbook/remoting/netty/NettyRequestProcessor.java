package org.mqbook.remoting.netty;

import io.netty.channel.ChannelHandlerContext;
import org.mqbook.remoting.protocol.RemotingCommand;

/**
 * Handles the requests of one or more codes. Runs on the executor registered with it.
 *
 * <p>Returning a command sends it as the response (opaque and response flag are filled in for
 * you); returning null sends nothing now. A processor that answers later - long polling - keeps
 * the channel and the request and calls
 * {@link NettyRemotingAbstract#writeResponse(io.netty.channel.Channel, RemotingCommand, RemotingCommand)}
 * when the answer is ready. Throwing answers SYSTEM_ERROR with the exception's text.
 */
public interface NettyRequestProcessor {

    RemotingCommand processRequest(ChannelHandlerContext ctx, RemotingCommand request) throws Exception;

    /** True to shed load before the request is queued: the caller gets SYSTEM_BUSY at once. */
    default boolean rejectRequest() {
        return false;
    }
}
