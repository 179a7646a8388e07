package org.mqbook.broker.client;

import io.netty.channel.Channel;
import java.util.Collection;
import org.mqbook.broker.client.net.Broker2Client;
import org.mqbook.common.BrokerConfig;

/**
 * Sends NOTIFY_CONSUMER_IDS_CHANGED (oneway) to every channel of a group whose members changed,
 * so each member rebalances now instead of at its next 20 s round. Called on the thread that
 * noticed the change (heartbeat, unregister, or a closed connection).
 */
public class DefaultConsumerIdsChangeListener implements ConsumerIdsChangeListener {
    private final BrokerConfig brokerConfig;
    private final Broker2Client broker2Client;

    public DefaultConsumerIdsChangeListener(BrokerConfig brokerConfig, Broker2Client broker2Client) {
        this.brokerConfig = brokerConfig;
        this.broker2Client = broker2Client;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handle(ConsumerGroupEvent event, String group, Object... args) {
        if (event != ConsumerGroupEvent.CHANGE || args == null || args.length < 1
            || !brokerConfig.isNotifyConsumerIdsChangedEnable()) {
            return;
        }
        for (Channel channel : (Collection<Channel>) args[0]) {
            broker2Client.notifyConsumerIdsChanged(channel, group);
        }
    }
}
