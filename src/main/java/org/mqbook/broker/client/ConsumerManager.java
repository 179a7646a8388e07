package org.mqbook.broker.client;

import io.netty.channel.Channel;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.common.RemotingUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every consumer group with a live member, keyed by group name, as heartbeats report them.
 * Members leave three ways: UNREGISTER_CLIENT at shutdown, their connection closing (at once,
 * from {@link ClientHousekeepingService}), or 120 s without a heartbeat
 * ({@link #scanNotActiveChannel}, every 10 s). Any change of members or subscriptions is passed
 * to the {@link ConsumerIdsChangeListener}, which tells the group to rebalance.
 *
 * <p>Thread-safe: concurrent maps; a heartbeat and a close event may race, and either order
 * leaves the table right. Read next: {@link ConsumerGroupInfo}.
 */
public class ConsumerManager {
    private static final Logger log = LoggerFactory.getLogger(ConsumerManager.class);
    /** A member whose last heartbeat is older than this is dropped, ms. */
    public static final long CHANNEL_EXPIRED_TIMEOUT = 1000 * 120;

    private final ConcurrentMap<String, ConsumerGroupInfo> consumerTable =
        new ConcurrentHashMap<>(1024);
    private final ConsumerIdsChangeListener consumerIdsChangeListener;

    public ConsumerManager(final ConsumerIdsChangeListener consumerIdsChangeListener) {
        this.consumerIdsChangeListener = consumerIdsChangeListener;
    }

    public ClientChannelInfo findChannel(final String group, final String clientId) {
        ConsumerGroupInfo info = consumerTable.get(group);
        return info == null ? null : info.findChannel(clientId);
    }

    public SubscriptionData findSubscriptionData(final String group, final String topic) {
        ConsumerGroupInfo info = consumerTable.get(group);
        return info == null ? null : info.findSubscriptionData(topic);
    }

    public ConsumerGroupInfo getConsumerGroupInfo(final String group) {
        return consumerTable.get(group);
    }

    public int findSubscriptionDataCount(final String group) {
        ConsumerGroupInfo info = consumerTable.get(group);
        return info == null ? 0 : info.getSubscriptionTable().size();
    }

    // tag::ch03-register-consumer[]
    /** A heartbeat's ConsumerData; true when members or subscriptions changed. */
    public boolean registerConsumer(final String group,
        final ClientChannelInfo clientChannelInfo, ConsumeType consumeType,
        MessageModel messageModel, ConsumeFromWhere consumeFromWhere,
        final Set<SubscriptionData> subList, boolean notifyConsumerIdsChanged) {
        ConsumerGroupInfo info = consumerTable.computeIfAbsent(group,
            g -> new ConsumerGroupInfo(g, consumeType, messageModel,
                consumeFromWhere));
        boolean r1 = info.updateChannel(clientChannelInfo, consumeType,
            messageModel, consumeFromWhere);
        boolean r2 = info.updateSubscription(subList);
        if ((r1 || r2) && notifyConsumerIdsChanged) {
            // TODO K1: a new member or subscription changes how the queues
            // should be split, so every member is told to rebalance now.
            consumerIdsChangeListener.handle(ConsumerGroupEvent.CHANGE, group,
                info.getAllChannel());
        }
        consumerIdsChangeListener.handle(ConsumerGroupEvent.REGISTER, group, subList);
        return r1 || r2;
    }
    // end::ch03-register-consumer[]

    public void unregisterConsumer(final String group, final ClientChannelInfo clientChannelInfo,
        boolean notifyConsumerIdsChanged) {
        ConsumerGroupInfo info = consumerTable.get(group);
        if (info == null) {
            return;
        }
        info.unregisterChannel(clientChannelInfo);
        if (info.getChannelInfoTable().isEmpty()
            && consumerTable.remove(group, info)) {
            log.info("unregister consumer ok, no any connection, and remove consumer group, {}",
                group);
            consumerIdsChangeListener.handle(ConsumerGroupEvent.UNREGISTER, group);
        }
        if (notifyConsumerIdsChanged) {
            consumerIdsChangeListener.handle(ConsumerGroupEvent.CHANGE, group, info.getAllChannel());
        }
    }

    /** A connection closed: it leaves every group it was in, and those groups rebalance. */
    public void doChannelCloseEvent(final String remoteAddr, final Channel channel) {
        for (Map.Entry<String, ConsumerGroupInfo> entry : consumerTable.entrySet()) {
            ConsumerGroupInfo info = entry.getValue();
            if (!info.doChannelCloseEvent(channel)) {
                continue;
            }
            if (info.getChannelInfoTable().isEmpty()
                && consumerTable.remove(entry.getKey(), info)) {
                log.info("unregister consumer ok, no any connection, and remove consumer "
                    + "group, {}", entry.getKey());
                consumerIdsChangeListener.handle(ConsumerGroupEvent.UNREGISTER, entry.getKey());
            }
            consumerIdsChangeListener.handle(ConsumerGroupEvent.CHANGE, entry.getKey(),
                info.getAllChannel());
        }
    }

    /** Drops members silent for 120 s, closing their connections. */
    public void scanNotActiveChannel() {
        long now = System.currentTimeMillis();
        Iterator<Map.Entry<String, ConsumerGroupInfo>> groups = consumerTable.entrySet().iterator();
        while (groups.hasNext()) {
            Map.Entry<String, ConsumerGroupInfo> group = groups.next();
            Iterator<Map.Entry<Channel, ClientChannelInfo>> channels =
                group.getValue().getChannelInfoTable().entrySet().iterator();
            while (channels.hasNext()) {
                ClientChannelInfo info = channels.next().getValue();
                if (now - info.getLastUpdateTimestamp() > CHANNEL_EXPIRED_TIMEOUT) {
                    log.warn("SCAN: remove expired channel from ConsumerManager "
                        + "consumerTable. channel={}, consumerGroup={}", info, group.getKey());
                    RemotingUtil.closeChannel(info.getChannel());
                    channels.remove();
                }
            }
            if (group.getValue().getChannelInfoTable().isEmpty()) {
                log.warn("SCAN: remove expired channel from ConsumerManager consumerTable, "
                    + "all clear, consumerGroup={}", group.getKey());
                groups.remove();
            }
        }
    }

    /** Groups whose members subscribe to {@code topic}. */
    public Set<String> queryTopicConsumeByWho(final String topic) {
        Set<String> groups = new HashSet<>();
        for (Map.Entry<String, ConsumerGroupInfo> entry : consumerTable.entrySet()) {
            if (entry.getValue().getSubscriptionTable().containsKey(topic)) {
                groups.add(entry.getKey());
            }
        }
        return groups;
    }

    public ConcurrentMap<String, ConsumerGroupInfo> getConsumerTable() {
        return consumerTable;
    }
}
