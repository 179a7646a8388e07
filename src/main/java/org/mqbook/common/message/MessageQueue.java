package org.mqbook.common.message;

/**
 * One queue of a topic on one broker: (topic, brokerName, queueId). Producers pick one per send,
 * consumers are assigned a set of them by rebalancing.
 *
 * <p>Ordering is topic, then brokerName, then queueId: the order every allocation strategy sorts
 * queues in, so all consumers of a group compute the same assignment. {@link #toString()} is
 * part of the contract too: the consistent-hash strategy hashes it.
 *
 * <p>A plain bean (JSON {@code {"brokerName":..,"queueId":..,"topic":..}}); mutable, so do not
 * change one that is a map key. Not thread-safe. Read next: {@link Message}.
 */
public class MessageQueue implements Comparable<MessageQueue> {
    private String topic;
    private String brokerName;
    private int queueId;

    public MessageQueue() {
    }

    public MessageQueue(final String topic, final String brokerName, final int queueId) {
        this.topic = topic;
        this.brokerName = brokerName;
        this.queueId = queueId;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(final String topic) {
        this.topic = topic;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(final String brokerName) {
        this.brokerName = brokerName;
    }

    public int getQueueId() {
        return queueId;
    }

    public void setQueueId(final int queueId) {
        this.queueId = queueId;
    }

    @Override
    public int hashCode() {
        int result = 1;
        result = 31 * result + (brokerName == null ? 0 : brokerName.hashCode());
        result = 31 * result + queueId;
        result = 31 * result + (topic == null ? 0 : topic.hashCode());
        return result;
    }

    @Override
    public boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof MessageQueue other)) {
            return false;
        }
        return queueId == other.queueId
            && java.util.Objects.equals(topic, other.topic)
            && java.util.Objects.equals(brokerName, other.brokerName);
    }

    @Override
    public int compareTo(final MessageQueue o) {
        int result = this.topic.compareTo(o.topic);
        if (result != 0) {
            return result;
        }
        result = this.brokerName.compareTo(o.brokerName);
        if (result != 0) {
            return result;
        }
        return Integer.compare(this.queueId, o.queueId);
    }

    @Override
    public String toString() {
        return "MessageQueue [topic=" + topic + ", brokerName=" + brokerName + ", queueId="
            + queueId + "]";
    }
}
