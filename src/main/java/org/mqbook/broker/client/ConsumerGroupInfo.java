package org.mqbook.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer group as its heartbeats describe it: its members (one {@link ClientChannelInfo}
 * per connection), what they subscribe to (topic to {@link SubscriptionData}, the last heartbeat
 * wins) and how they consume (push or pull, clustering or broadcasting, where to start).
 *
 * <p>The subscriptions are what PULL_MESSAGE filters with: the 4.7.1 push consumer never sends
 * its expression with a pull (spec trap 2).
 *
 * <p>Thread-safe: concurrent maps; the "how" fields are volatile and rewritten by each
 * heartbeat.
 */
public class ConsumerGroupInfo {
    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupInfo.class);

    private final String groupName;
    private final ConcurrentMap<String, SubscriptionData> subscriptionTable =
        new ConcurrentHashMap<>();
    private final ConcurrentMap<Channel, ClientChannelInfo> channelInfoTable =
        new ConcurrentHashMap<>(16);
    private volatile ConsumeType consumeType;
    private volatile MessageModel messageModel;
    private volatile ConsumeFromWhere consumeFromWhere;
    private volatile long lastUpdateTimestamp = System.currentTimeMillis();

    public ConsumerGroupInfo(String groupName, ConsumeType consumeType, MessageModel messageModel,
                             ConsumeFromWhere consumeFromWhere) {
        this.groupName = groupName;
        this.consumeType = consumeType;
        this.messageModel = messageModel;
        this.consumeFromWhere = consumeFromWhere;
    }

    public ClientChannelInfo findChannel(final String clientId) {
        for (ClientChannelInfo info : channelInfoTable.values()) {
            if (info.getClientId().equals(clientId)) {
                return info;
            }
        }
        return null;
    }

    public List<Channel> getAllChannel() {
        return new ArrayList<>(channelInfoTable.keySet());
    }

    public List<String> getAllClientId() {
        List<String> ids = new ArrayList<>();
        for (ClientChannelInfo info : channelInfoTable.values()) {
            ids.add(info.getClientId());
        }
        return ids;
    }

    public void unregisterChannel(final ClientChannelInfo clientChannelInfo) {
        ClientChannelInfo old = channelInfoTable.remove(clientChannelInfo.getChannel());
        if (old != null) {
            log.info("unregister a consumer[{}] from consumerGroupInfo {}", groupName, old);
        }
    }

    /** True when the channel was this group's. */
    public boolean doChannelCloseEvent(final Channel channel) {
        ClientChannelInfo old = channelInfoTable.remove(channel);
        if (old != null) {
            log.warn("NETTY EVENT: remove a consumer channel {} from group {}", old, groupName);
            return true;
        }
        return false;
    }

    /** Records the heartbeat; true when this connection is a new member. */
    public boolean updateChannel(final ClientChannelInfo infoNew, ConsumeType consumeType,
        MessageModel messageModel, ConsumeFromWhere consumeFromWhere) {
        this.consumeType = consumeType;
        this.messageModel = messageModel;
        this.consumeFromWhere = consumeFromWhere;
        boolean updated = false;
        ClientChannelInfo infoOld = channelInfoTable.get(infoNew.getChannel());
        if (infoOld == null) {
            ClientChannelInfo prev = channelInfoTable.put(infoNew.getChannel(), infoNew);
            if (prev == null) {
                log.info("new consumer connected, group: {} {} {} channel: {}", groupName,
                    consumeType, messageModel, infoNew);
                updated = true;
            }
            infoOld = infoNew;
        } else if (!infoOld.getClientId().equals(infoNew.getClientId())) {
            log.error("[BUG] consumer channel exist in broker, but clientId not equal. "
                + "GROUP: {} OLD: {} NEW: {}", groupName, infoOld, infoNew);
            channelInfoTable.put(infoNew.getChannel(), infoNew);
            infoOld = infoNew;
        }
        this.lastUpdateTimestamp = System.currentTimeMillis();
        infoOld.setLastUpdateTimestamp(lastUpdateTimestamp);
        return updated;
    }

    /**
     * Takes the heartbeat's subscriptions: new topics are added, a newer subVersion replaces,
     * topics the heartbeat no longer lists are dropped. True when a topic came or went.
     */
    public boolean updateSubscription(final Set<SubscriptionData> subList) {
        boolean updated = false;
        for (SubscriptionData sub : subList) {
            SubscriptionData old = subscriptionTable.get(sub.getTopic());
            if (old == null) {
                if (subscriptionTable.putIfAbsent(sub.getTopic(), sub) == null) {
                    updated = true;
                    log.info("subscription changed, add new topic, group: {} {}", groupName, sub);
                }
            } else if (sub.getSubVersion() > old.getSubVersion()) {
                // TODO K2: subVersion is when the client subscribed: members heartbeat in
                // any order, so a lagging member's older expression never rolls one back.
                if (consumeType == ConsumeType.CONSUME_PASSIVELY) {
                    log.info("subscription changed, group: {} OLD: {} NEW: {}", groupName, old, sub);
                }
                subscriptionTable.put(sub.getTopic(), sub);
            }
        }
        Iterator<Map.Entry<String, SubscriptionData>> it = subscriptionTable.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, SubscriptionData> next = it.next();
            boolean listed = subList.stream().anyMatch(s -> s.getTopic().equals(next.getKey()));
            if (!listed) {
                log.warn("subscription changed, group: {} remove topic {} {}", groupName,
                    next.getKey(), next.getValue());
                it.remove();
                updated = true;
            }
        }
        this.lastUpdateTimestamp = System.currentTimeMillis();
        return updated;
    }

    public SubscriptionData findSubscriptionData(final String topic) {
        return subscriptionTable.get(topic);
    }

    public String getGroupName() {
        return groupName;
    }

    public ConcurrentMap<String, SubscriptionData> getSubscriptionTable() {
        return subscriptionTable;
    }

    public ConcurrentMap<Channel, ClientChannelInfo> getChannelInfoTable() {
        return channelInfoTable;
    }

    public ConsumeType getConsumeType() {
        return consumeType;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public long getLastUpdateTimestamp() {
        return lastUpdateTimestamp;
    }
}
