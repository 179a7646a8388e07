package org.mqbook.namesrv.routeinfo;

import io.netty.channel.Channel;
import org.mqbook.remoting.ChannelEventListener;

/**
 * Connects the remoting server's connection events to the route table: when a connection
 * closes, fails or goes idle, the broker that registered over it is dropped at once
 * ({@link RouteInfoManager#onChannelDestroy}), without waiting for the 120 s scan.
 *
 * <p>Thread-safe: events arrive one at a time on the "NettyEventExecutor" thread; the route
 * table does its own locking.
 */
public class BrokerHousekeepingService implements ChannelEventListener {
    private final RouteInfoManager routeInfoManager;

    public BrokerHousekeepingService(RouteInfoManager routeInfoManager) {
        this.routeInfoManager = routeInfoManager;
    }

    @Override
    public void onChannelConnect(String remoteAddr, Channel channel) {
        // A new connection says nothing yet: a broker exists once it registers.
    }

    // tag::ch04-housekeeping[]
    @Override
    public void onChannelClose(String remoteAddr, Channel channel) {
        // TODO K1: the registration connection is the broker's lifeline:
        // when it closes, the broker is gone now, not in 120 s.
        routeInfoManager.onChannelDestroy(remoteAddr, channel);
    }

    @Override
    public void onChannelException(String remoteAddr, Channel channel) {
        routeInfoManager.onChannelDestroy(remoteAddr, channel);
    }

    @Override
    public void onChannelIdle(String remoteAddr, Channel channel) {
        routeInfoManager.onChannelDestroy(remoteAddr, channel);
    }
    // end::ch04-housekeeping[]
}
