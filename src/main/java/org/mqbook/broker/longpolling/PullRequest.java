package org.mqbook.broker.longpolling;

import io.netty.channel.Channel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.store.MessageFilter;

/**
 * A parked PULL_MESSAGE: the request and its connection (to answer later), the offset it waits
 * beyond, until when it may wait, and the filter that decides whether an arriving message is
 * for it. Immutable.
 */
public record PullRequest(RemotingCommand requestCommand, Channel clientChannel,
                          long timeoutMillis, long suspendTimestamp, long pullFromThisOffset,
                          SubscriptionData subscriptionData, MessageFilter messageFilter) {

    /** True once the request has waited its full suspend time. */
    public boolean isExpired(long now) {
        return now >= suspendTimestamp + timeoutMillis;
    }
}
