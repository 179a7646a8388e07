package org.mqbook.common;

import java.util.Objects;
import org.mqbook.common.constant.PermName;

/**
 * One topic as a broker knows it: queue counts, permission bits, filter type, system flag and
 * order. Brokers register these with the namesrv (JSON, see json-bodies.md §3) and persist them
 * in {@code topics.json}.
 *
 * <p>The text form {@code name read write perm filterType}, e.g. {@code TopicTest 4 4 6
 * SINGLE_TAG}, appears only inside the compressed register body; it drops topicSysFlag and
 * order. A plain bean for JSON; not thread-safe. Read next: {@link DataVersion},
 * {@link PermName}.
 */
public class TopicConfig {
    private static final String SEPARATOR = " ";
    public static final int DEFAULT_READ_QUEUE_NUMS = 16;
    public static final int DEFAULT_WRITE_QUEUE_NUMS = 16;

    private String topicName;
    private int readQueueNums = DEFAULT_READ_QUEUE_NUMS;
    private int writeQueueNums = DEFAULT_WRITE_QUEUE_NUMS;
    private int perm = PermName.PERM_READ | PermName.PERM_WRITE;
    private TopicFilterType topicFilterType = TopicFilterType.SINGLE_TAG;
    private int topicSysFlag = 0;
    private boolean order = false;

    public TopicConfig() {
    }

    public TopicConfig(final String topicName) {
        this.topicName = topicName;
    }

    public TopicConfig(final String topicName, final int readQueueNums, final int writeQueueNums,
        final int perm) {
        this.topicName = topicName;
        this.readQueueNums = readQueueNums;
        this.writeQueueNums = writeQueueNums;
        this.perm = perm;
    }

    /** The text form {@code name read write perm filterType}. */
    public String encode() {
        return topicName + SEPARATOR + readQueueNums + SEPARATOR + writeQueueNums + SEPARATOR
            + perm + SEPARATOR + topicFilterType;
    }

    /**
     * Reads the text form into this object; false (and this object unchanged) unless it has
     * exactly five space-separated parts with numbers and a filter type where expected.
     */
    public boolean decode(final String in) {
        final String[] parts = in.split(SEPARATOR);
        if (parts.length != 5) {
            return false;
        }
        try {
            final int read = Integer.parseInt(parts[1]);
            final int write = Integer.parseInt(parts[2]);
            final int permission = Integer.parseInt(parts[3]);
            final TopicFilterType filter = TopicFilterType.valueOf(parts[4]);
            this.topicName = parts[0];
            this.readQueueNums = read;
            this.writeQueueNums = write;
            this.perm = permission;
            this.topicFilterType = filter;
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String getTopicName() {
        return topicName;
    }

    public void setTopicName(final String topicName) {
        this.topicName = topicName;
    }

    public int getReadQueueNums() {
        return readQueueNums;
    }

    public void setReadQueueNums(final int readQueueNums) {
        this.readQueueNums = readQueueNums;
    }

    public int getWriteQueueNums() {
        return writeQueueNums;
    }

    public void setWriteQueueNums(final int writeQueueNums) {
        this.writeQueueNums = writeQueueNums;
    }

    public int getPerm() {
        return perm;
    }

    public void setPerm(final int perm) {
        this.perm = perm;
    }

    public TopicFilterType getTopicFilterType() {
        return topicFilterType;
    }

    public void setTopicFilterType(final TopicFilterType topicFilterType) {
        this.topicFilterType = topicFilterType;
    }

    public int getTopicSysFlag() {
        return topicSysFlag;
    }

    public void setTopicSysFlag(final int topicSysFlag) {
        this.topicSysFlag = topicSysFlag;
    }

    public boolean isOrder() {
        return order;
    }

    public void setOrder(final boolean order) {
        this.order = order;
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TopicConfig that)) {
            return false;
        }
        return readQueueNums == that.readQueueNums && writeQueueNums == that.writeQueueNums
            && perm == that.perm && topicSysFlag == that.topicSysFlag && order == that.order
            && Objects.equals(topicName, that.topicName) && topicFilterType == that.topicFilterType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicName, readQueueNums, writeQueueNums, perm, topicFilterType,
            topicSysFlag, order);
    }

    @Override
    public String toString() {
        return "TopicConfig [topicName=" + topicName + ", readQueueNums=" + readQueueNums
            + ", writeQueueNums=" + writeQueueNums + ", perm=" + PermName.perm2String(perm)
            + ", topicFilterType=" + topicFilterType + ", topicSysFlag=" + topicSysFlag
            + ", order=" + order + "]";
    }
}
