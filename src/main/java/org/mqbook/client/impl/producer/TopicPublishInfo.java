package org.mqbook.client.impl.producer;

import java.util.ArrayList;
import java.util.List;
import org.mqbook.client.common.ThreadLocalIndex;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.route.QueueData;
import org.mqbook.common.protocol.route.TopicRouteData;

/**
 * A producer's view of one topic: the writable queues, in the order
 * {@code MQClientInstance#topicRouteData2TopicPublishInfo} built them (brokers by name, then
 * queue ids), the route they came from, and the per-thread index that walks them.
 * {@code haveTopicRouterInfo} is false only for the empty placeholder a producer puts in its
 * table before the first look-up; a route borrowed from the template topic TBW102 (for a topic
 * the broker will create on the first send) counts as route info, as in 4.7.1.
 *
 * <p>Thread-safety: built once and then replaced, never changed, after it is published in the
 * producer's table; the index is per thread. Read next:
 * {@link org.mqbook.client.latency.MQFaultStrategy#selectOneMessageQueue}.
 */
public class TopicPublishInfo {
    private boolean orderTopic = false;
    private boolean haveTopicRouterInfo = false;
    private List<MessageQueue> messageQueueList = new ArrayList<>();
    private volatile ThreadLocalIndex sendWhichQueue = new ThreadLocalIndex();
    private TopicRouteData topicRouteData;

    /** True when there is at least one queue to send to. */
    public boolean ok() {
        return null != this.messageQueueList && !this.messageQueueList.isEmpty();
    }

    // tag::ch05-round-robin[]
    /** The next queue of this thread's rotation that is not on
     *  {@code lastBrokerName} (the broker that just failed). */
    public MessageQueue selectOneMessageQueue(final String lastBrokerName) {
        if (lastBrokerName == null) {
            return selectOneMessageQueue();
        }
        int index = this.sendWhichQueue.getAndIncrement();
        int size = this.messageQueueList.size();
        for (int i = 0; i < size; i++) {
            int pos = Math.floorMod(index++, size);
            MessageQueue mq = this.messageQueueList.get(pos);
            if (!mq.getBrokerName().equals(lastBrokerName)) {
                return mq;
            }
        }
        // Only the failed broker serves this topic: try it again.
        return selectOneMessageQueue();
    }

    /** Increment, then modulo: the guide's whole load balancing. */
    public MessageQueue selectOneMessageQueue() {
        // TODO K1: the index is per sending thread (no lock, no shared
        // counter), so the rotation is exact within a thread only.
        int index = this.sendWhichQueue.getAndIncrement();
        int pos = Math.floorMod(index, this.messageQueueList.size());
        return this.messageQueueList.get(pos);
    }
    // end::ch05-round-robin[]

    /** The number of write queues {@code brokerName} has for this topic, or -1. */
    public int getQueueIdByBroker(final String brokerName) {
        if (topicRouteData == null) {
            return -1;
        }
        for (QueueData queueData : topicRouteData.getQueueDatas()) {
            if (queueData.getBrokerName().equals(brokerName)) {
                return queueData.getWriteQueueNums();
            }
        }
        return -1;
    }

    public boolean isOrderTopic() {
        return orderTopic;
    }

    public void setOrderTopic(boolean orderTopic) {
        this.orderTopic = orderTopic;
    }

    public List<MessageQueue> getMessageQueueList() {
        return messageQueueList;
    }

    public void setMessageQueueList(List<MessageQueue> messageQueueList) {
        this.messageQueueList = messageQueueList;
    }

    public ThreadLocalIndex getSendWhichQueue() {
        return sendWhichQueue;
    }

    public void setSendWhichQueue(ThreadLocalIndex sendWhichQueue) {
        this.sendWhichQueue = sendWhichQueue;
    }

    /** True once a route (the topic's own or TBW102's) was installed. */
    public boolean isHaveTopicRouterInfo() {
        return haveTopicRouterInfo;
    }

    public void setHaveTopicRouterInfo(boolean haveTopicRouterInfo) {
        this.haveTopicRouterInfo = haveTopicRouterInfo;
    }

    public TopicRouteData getTopicRouteData() {
        return topicRouteData;
    }

    public void setTopicRouteData(final TopicRouteData topicRouteData) {
        this.topicRouteData = topicRouteData;
    }

    @Override
    public String toString() {
        return "TopicPublishInfo [orderTopic=" + orderTopic + ", messageQueueList=" + messageQueueList
            + ", sendWhichQueue=" + sendWhichQueue + ", haveTopicRouterInfo=" + haveTopicRouterInfo + "]";
    }
}
