package org.mqbook.remoting.netty;

import io.netty.channel.Channel;

/** One queued connection event: what happened, to which peer, on which channel. */
public record NettyEvent(NettyEventType type, String remoteAddr, Channel channel) {
}
