package org.mqbook.common.admin;

/**
 * One queue's progress in {@link ConsumeStats}: the broker's max offset, the group's committed
 * offset, and the store time (ms) of the last consumed message. The lag is
 * {@code brokerOffset - consumerOffset}.
 *
 * <p>Not thread-safe: a value object.
 */
public class OffsetWrapper {

    private long brokerOffset;
    private long consumerOffset;
    private long lastTimestamp;

    public long getBrokerOffset() {
        return brokerOffset;
    }

    public void setBrokerOffset(long brokerOffset) {
        this.brokerOffset = brokerOffset;
    }

    public long getConsumerOffset() {
        return consumerOffset;
    }

    public void setConsumerOffset(long consumerOffset) {
        this.consumerOffset = consumerOffset;
    }

    public long getLastTimestamp() {
        return lastTimestamp;
    }

    public void setLastTimestamp(long lastTimestamp) {
        this.lastTimestamp = lastTimestamp;
    }
}
