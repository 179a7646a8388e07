package org.mqbook.remoting.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.mqbook.remoting.common.RemotingHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a connection's life into {@link NettyEvent}s (CONNECT, CLOSE, IDLE, EXCEPTION) for the
 * owner's {@link org.mqbook.remoting.ChannelEventListener}, and closes connections that went
 * idle or failed. A closed connection also fails the requests still waiting on it.
 *
 * <p>Stateless, one instance per server or client ({@code @Sharable}).
 */
@ChannelHandler.Sharable
public class NettyConnectManageHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(NettyConnectManageHandler.class);

    private final NettyRemotingAbstract owner;
    private final String side;

    /** {@code side} is "SERVER" or "CLIENT", for the logs. */
    public NettyConnectManageHandler(NettyRemotingAbstract owner, String side) {
        this.owner = owner;
        this.side = side;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String remote = RemotingHelper.parseChannelRemoteAddr(ctx.channel());
        log.info("NETTY {} PIPELINE: channelActive, the channel[{}]", side, remote);
        super.channelActive(ctx);
        owner.putNettyEvent(new NettyEvent(NettyEventType.CONNECT, remote, ctx.channel()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        String remote = RemotingHelper.parseChannelRemoteAddr(ctx.channel());
        log.info("NETTY {} PIPELINE: channelInactive, the channel[{}]", side, remote);
        super.channelInactive(ctx);
        owner.closeChannel(ctx.channel());
        owner.failFast(ctx.channel());
        owner.putNettyEvent(new NettyEvent(NettyEventType.CLOSE, remote, ctx.channel()));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent event && event.state() == IdleState.ALL_IDLE) {
            String remote = RemotingHelper.parseChannelRemoteAddr(ctx.channel());
            log.info("NETTY {} PIPELINE: IDLE, close the channel[{}]", side, remote);
            owner.closeChannel(ctx.channel());
            owner.putNettyEvent(new NettyEvent(NettyEventType.IDLE, remote, ctx.channel()));
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String remote = RemotingHelper.parseChannelRemoteAddr(ctx.channel());
        log.warn("NETTY {} PIPELINE: exceptionCaught {}: {}", side, remote, cause.toString());
        owner.putNettyEvent(new NettyEvent(NettyEventType.EXCEPTION, remote, ctx.channel()));
        owner.closeChannel(ctx.channel());
    }
}
