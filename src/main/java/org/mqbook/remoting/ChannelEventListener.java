package org.mqbook.remoting;

import io.netty.channel.Channel;

/**
 * Connection life-cycle events, delivered one at a time on the "NettyEventExecutor" thread so a
 * slow listener never stalls I/O. The broker uses them to forget producers and consumers whose
 * connection went away; the NameServer to drop brokers.
 */
public interface ChannelEventListener {

    void onChannelConnect(String remoteAddr, Channel channel);

    void onChannelClose(String remoteAddr, Channel channel);

    void onChannelException(String remoteAddr, Channel channel);

    /** No read or write for the configured idle time; the channel has already been closed. */
    void onChannelIdle(String remoteAddr, Channel channel);
}
