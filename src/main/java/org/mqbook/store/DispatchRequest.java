package org.mqbook.store;

import java.util.Map;

/**
 * What a {@link CommitLogDispatcher} needs to know about one stored record, read back from the
 * commit log by {@link CommitLogRecords#checkMessageAndReturnSize}: where it is, its queue, tag
 * hash, keys and times. A request with {@code msgSize == 0} and success is the end-of-file blank;
 * an unsuccessful one is a record that does not check out (its size is -1, or the size its
 * header claims when only the length check failed). Immutable.
 */
public class DispatchRequest {
    private final String topic;
    private final int queueId;
    private final long commitLogOffset;
    private final int msgSize;
    private final long tagsCode;
    private final long storeTimestamp;
    private final long consumeQueueOffset;
    private final String keys;
    private final boolean success;
    private final String uniqKey;
    private final int sysFlag;
    private final long preparedTransactionOffset;
    private final Map<String, String> propertiesMap;

    public DispatchRequest(final String topic, final int queueId, final long commitLogOffset,
        final int msgSize, final long tagsCode, final long storeTimestamp,
        final long consumeQueueOffset, final String keys, final String uniqKey,
        final int sysFlag, final long preparedTransactionOffset,
        final Map<String, String> propertiesMap) {
        this.topic = topic;
        this.queueId = queueId;
        this.commitLogOffset = commitLogOffset;
        this.msgSize = msgSize;
        this.tagsCode = tagsCode;
        this.storeTimestamp = storeTimestamp;
        this.consumeQueueOffset = consumeQueueOffset;
        this.keys = keys;
        this.uniqKey = uniqKey;
        this.sysFlag = sysFlag;
        this.preparedTransactionOffset = preparedTransactionOffset;
        this.propertiesMap = propertiesMap;
        this.success = true;
    }

    /** A blank (size 0, success) or a bad record (success false). */
    public DispatchRequest(final int size, final boolean success) {
        this.topic = "";
        this.queueId = 0;
        this.commitLogOffset = 0;
        this.msgSize = size;
        this.tagsCode = 0;
        this.storeTimestamp = 0;
        this.consumeQueueOffset = 0;
        this.keys = "";
        this.uniqKey = null;
        this.sysFlag = 0;
        this.preparedTransactionOffset = 0;
        this.propertiesMap = null;
        this.success = success;
    }

    public String getTopic() {
        return topic;
    }

    public int getQueueId() {
        return queueId;
    }

    public long getCommitLogOffset() {
        return commitLogOffset;
    }

    public int getMsgSize() {
        return msgSize;
    }

    public long getTagsCode() {
        return tagsCode;
    }

    public long getStoreTimestamp() {
        return storeTimestamp;
    }

    public long getConsumeQueueOffset() {
        return consumeQueueOffset;
    }

    public String getKeys() {
        return keys;
    }

    public boolean isSuccess() {
        return success;
    }

    public String getUniqKey() {
        return uniqKey;
    }

    public int getSysFlag() {
        return sysFlag;
    }

    public long getPreparedTransactionOffset() {
        return preparedTransactionOffset;
    }

    public Map<String, String> getPropertiesMap() {
        return propertiesMap;
    }

    @Override
    public String toString() {
        return "DispatchRequest{topic='" + topic + "', queueId=" + queueId + ", commitLogOffset="
            + commitLogOffset + ", msgSize=" + msgSize + ", success=" + success
            + ", consumeQueueOffset=" + consumeQueueOffset + ", tagsCode=" + tagsCode + '}';
    }
}
