package org.mqbook.broker.latency;

import io.netty.channel.ChannelHandlerContext;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * Wraps every processor the broker registers: a task that {@link BrokerFastFailure} took out
 * of its queue arrives here on the fast-failure thread and is answered SYSTEM_BUSY with the
 * remark it was rejected with; every other request goes to the processor unchanged.
 *
 * <p>Thread-safe if the wrapped processor is.
 */
public class FastFailureGuard implements NettyRequestProcessor {
    private final NettyRequestProcessor processor;

    public FastFailureGuard(NettyRequestProcessor processor) {
        this.processor = processor;
    }

    @Override
    public RemotingCommand processRequest(ChannelHandlerContext ctx, RemotingCommand request)
        throws Exception {
        String remark = QueuedTask.currentRejectRemark();
        if (remark != null) {
            return RemotingCommand.createResponseCommand(ResponseCode.SYSTEM_BUSY, remark);
        }
        return processor.processRequest(ctx, request);
    }

    @Override
    public boolean rejectRequest() {
        return processor.rejectRequest();
    }

    public NettyRequestProcessor getProcessor() {
        return processor;
    }
}
