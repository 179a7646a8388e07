package org.mqbook.client.impl.consumer;

import java.util.Set;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.ConsumerRunningInfo;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;

/**
 * What a {@link org.mqbook.client.impl.factory.MQClientInstance} needs from each consumer it
 * hosts: the facts for the heartbeat's ConsumerData, and the periodic jobs the instance drives
 * (rebalance, offset persistence, route updates of subscribed topics). Implemented by
 * {@link DefaultMQPushConsumerImpl}, {@link DefaultMQPullConsumerImpl} and
 * {@link DefaultLitePullConsumerImpl}.
 */
public interface MQConsumerInner {

    String groupName();

    MessageModel messageModel();

    ConsumeType consumeType();

    ConsumeFromWhere consumeFromWhere();

    Set<SubscriptionData> subscriptions();

    /** Re-divides the subscribed queues among the group's members. */
    void doRebalance();

    /** Writes the consumed offsets to the broker (or a local file for broadcasting). */
    void persistConsumerOffset();

    /** The readable queues of a subscribed topic, after a route refresh. */
    void updateTopicSubscribeInfo(final String topic, final Set<MessageQueue> info);

    boolean isSubscribeTopicNeedUpdate(final String topic);

    boolean isUnitMode();

    /** Resizes the consume thread pool; 4.7.1 leaves this empty. */
    default void adjustThreadPool() {
    }

    /** The snapshot an admin tool asks for with GET_CONSUMER_RUNNING_INFO. */
    ConsumerRunningInfo consumerRunningInfo();
}
