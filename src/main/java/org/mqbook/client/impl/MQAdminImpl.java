package org.mqbook.client.impl;

import java.util.Set;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.route.TopicRouteData;

/**
 * Queue-level questions a consumer asks: a queue's bounds (consume-queue indexes), the index
 * at a store time, a topic's readable queues. Each finds the master of the queue's broker
 * (refreshing the route once when it is unknown) and asks it.
 *
 * <p>Thread-safe: stateless apart from the client instance.
 */
public class MQAdminImpl {
    private static final long TIMEOUT_MILLIS = 3000;
    private final MQClientInstance mQClientFactory;

    public MQAdminImpl(MQClientInstance mQClientFactory) {
        this.mQClientFactory = mQClientFactory;
    }

    private String masterOf(MessageQueue mq) throws MQClientException {
        // TODO K2: always the master: a slave may trail it, and an offset read there
        // (a seek to the end, say) would point before messages the master holds.
        String brokerAddr = mQClientFactory.findBrokerAddressInPublish(mq.getBrokerName());
        if (brokerAddr == null) {
            mQClientFactory.updateTopicRouteInfoFromNameServer(mq.getTopic());
            brokerAddr = mQClientFactory.findBrokerAddressInPublish(mq.getBrokerName());
        }
        if (brokerAddr == null) {
            throw new MQClientException("The broker[" + mq.getBrokerName() + "] not exist", null);
        }
        return brokerAddr;
    }

    /** The index one past the queue's last message (GET_MAX_OFFSET). */
    public long maxOffset(MessageQueue mq) throws MQClientException {
        String addr = masterOf(mq);
        try {
            return mQClientFactory.getConsumerAPI().getMaxOffset(addr, mq.getTopic(),
                mq.getQueueId(), TIMEOUT_MILLIS);
        } catch (Exception e) {
            throw new MQClientException("Invoke Broker[" + addr + "] exception", e);
        }
    }

    /** The index of the queue's oldest message still stored (GET_MIN_OFFSET). */
    public long minOffset(MessageQueue mq) throws MQClientException {
        String addr = masterOf(mq);
        try {
            return mQClientFactory.getConsumerAPI().getMinOffset(addr, mq.getTopic(),
                mq.getQueueId(), TIMEOUT_MILLIS);
        } catch (Exception e) {
            throw new MQClientException("Invoke Broker[" + addr + "] exception", e);
        }
    }

    /** The index of the first message stored at or after {@code timestamp} (ms). */
    public long searchOffset(MessageQueue mq, long timestamp) throws MQClientException {
        String addr = masterOf(mq);
        try {
            return mQClientFactory.getConsumerAPI().searchOffset(addr, mq.getTopic(),
                mq.getQueueId(), timestamp, TIMEOUT_MILLIS);
        } catch (Exception e) {
            throw new MQClientException("Invoke Broker[" + addr + "] exception", e);
        }
    }

    public long earliestMsgStoreTime(MessageQueue mq) throws MQClientException {
        String addr = masterOf(mq);
        try {
            return mQClientFactory.getConsumerAPI().getEarliestMsgStoretime(addr, mq.getTopic(),
                mq.getQueueId(), TIMEOUT_MILLIS);
        } catch (Exception e) {
            throw new MQClientException("Invoke Broker[" + addr + "] exception", e);
        }
    }

    /** Every readable queue of {@code topic}, from a name server's route. */
    public Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException {
        TopicRouteData route;
        try {
            route = mQClientFactory.getMQClientAPIImpl().getTopicRouteInfoFromNameServer(topic,
                TIMEOUT_MILLIS);
        } catch (Exception e) {
            throw new MQClientException("Can not find Message Queue for this topic, " + topic, e);
        }
        Set<MessageQueue> mqList = MQClientInstance.topicRouteData2TopicSubscribeInfo(topic, route);
        if (mqList.isEmpty()) {
            throw new MQClientException("Can not find Message Queue for this topic, " + topic
                + " Namesrv return empty", null);
        }
        return mqList;
    }
}
