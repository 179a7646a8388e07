package org.mqbook.common.protocol.route;

import java.util.Objects;

/**
 * One broker's queues of one topic, as the NameServer keeps them and hands them to clients inside
 * {@link TopicRouteData}: how many read and write queues the broker serves, and the topic's perm
 * bits there. JSON: {@code {"brokerName":"broker-a","perm":6,"readQueueNums":4,
 * "topicSynFlag":0,"writeQueueNums":4}}.
 *
 * <p>Not thread-safe: a value object; the NameServer guards its tables with a read-write lock.
 */
public class QueueData implements Comparable<QueueData> {

    private String brokerName;
    private int readQueueNums;
    private int writeQueueNums;
    private int perm;
    private int topicSynFlag;

    public QueueData() {
    }

    public QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSynFlag) {
        this.brokerName = brokerName;
        this.readQueueNums = readQueueNums;
        this.writeQueueNums = writeQueueNums;
        this.perm = perm;
        this.topicSynFlag = topicSynFlag;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public int getReadQueueNums() {
        return readQueueNums;
    }

    public void setReadQueueNums(int readQueueNums) {
        this.readQueueNums = readQueueNums;
    }

    public int getWriteQueueNums() {
        return writeQueueNums;
    }

    public void setWriteQueueNums(int writeQueueNums) {
        this.writeQueueNums = writeQueueNums;
    }

    public int getPerm() {
        return perm;
    }

    public void setPerm(int perm) {
        this.perm = perm;
    }

    public int getTopicSynFlag() {
        return topicSynFlag;
    }

    public void setTopicSynFlag(int topicSynFlag) {
        this.topicSynFlag = topicSynFlag;
    }

    /** Ordered by broker name: the producer builds its queue list in this order. */
    @Override
    public int compareTo(QueueData o) {
        return brokerName.compareTo(o.brokerName);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QueueData q)) {
            return false;
        }
        return readQueueNums == q.readQueueNums && writeQueueNums == q.writeQueueNums
            && perm == q.perm && topicSynFlag == q.topicSynFlag && Objects.equals(brokerName, q.brokerName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(brokerName, readQueueNums, writeQueueNums, perm, topicSynFlag);
    }

    @Override
    public String toString() {
        return "QueueData [brokerName=" + brokerName + ", readQueueNums=" + readQueueNums
            + ", writeQueueNums=" + writeQueueNums + ", perm=" + perm + ", topicSynFlag=" + topicSynFlag + "]";
    }
}
