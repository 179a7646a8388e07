package org.mqbook.common.protocol.body;

import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of a GET_CONSUMER_CONNECTION_LIST (203) response, sent by the broker: a consumer group's
 * channels and what the group subscribed to, as learned from heartbeats. JSON:
 * {@code {"connectionSet":[..Connection..],"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET",
 * "consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING",
 * "subscriptionTable":{"TopicTest":{..SubscriptionData..}}}}.
 *
 * <p>Not thread-safe: a value object. Read next: {@link Connection}.
 */
public class ConsumerConnection extends RemotingSerializable {

    private HashSet<Connection> connectionSet = new HashSet<>();
    private ConcurrentMap<String, SubscriptionData> subscriptionTable = new ConcurrentHashMap<>();
    private ConsumeType consumeType;
    private MessageModel messageModel;
    private ConsumeFromWhere consumeFromWhere;

    /**
     * The lowest client version in the group ({@link Integer#MAX_VALUE} when empty): admin
     * tools refuse features the oldest member does not have.
     */
    public int computeMinVersion() {
        int minVersion = Integer.MAX_VALUE;
        for (Connection c : connectionSet) {
            minVersion = Math.min(minVersion, c.getVersion());
        }
        return minVersion;
    }

    public HashSet<Connection> getConnectionSet() {
        return connectionSet;
    }

    public void setConnectionSet(HashSet<Connection> connectionSet) {
        this.connectionSet = connectionSet;
    }

    public ConcurrentMap<String, SubscriptionData> getSubscriptionTable() {
        return subscriptionTable;
    }

    public void setSubscriptionTable(ConcurrentMap<String, SubscriptionData> subscriptionTable) {
        this.subscriptionTable = subscriptionTable;
    }

    public ConsumeType getConsumeType() {
        return consumeType;
    }

    public void setConsumeType(ConsumeType consumeType) {
        this.consumeType = consumeType;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }
}
