package org.mqbook.common.admin;

/**
 * One queue's bounds in a {@link TopicStatsTable}: {@code minOffset} and {@code maxOffset} are
 * consume-queue indexes (max = the index the next message gets), {@code lastUpdateTimestamp}
 * the store time (ms) of the queue's last message, 0 when it is empty.
 *
 * <p>Not thread-safe: a value object.
 */
public class TopicOffset {

    private long minOffset;
    private long maxOffset;
    private long lastUpdateTimestamp;

    public long getMinOffset() {
        return minOffset;
    }

    public void setMinOffset(long minOffset) {
        this.minOffset = minOffset;
    }

    public long getMaxOffset() {
        return maxOffset;
    }

    public void setMaxOffset(long maxOffset) {
        this.maxOffset = maxOffset;
    }

    public long getLastUpdateTimestamp() {
        return lastUpdateTimestamp;
    }

    public void setLastUpdateTimestamp(long lastUpdateTimestamp) {
        this.lastUpdateTimestamp = lastUpdateTimestamp;
    }

    @Override
    public String toString() {
        return "TopicOffset [minOffset=" + minOffset + ", maxOffset=" + maxOffset
            + ", lastUpdateTimestamp=" + lastUpdateTimestamp + "]";
    }
}
