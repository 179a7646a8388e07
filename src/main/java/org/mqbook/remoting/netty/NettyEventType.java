package org.mqbook.remoting.netty;

/** The connection events a {@link org.mqbook.remoting.ChannelEventListener} receives. */
public enum NettyEventType {
    CONNECT,
    CLOSE,
    IDLE,
    EXCEPTION
}
