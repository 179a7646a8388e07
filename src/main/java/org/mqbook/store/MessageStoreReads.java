package org.mqbook.store;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.store.index.IndexService;
import org.mqbook.store.index.QueryOffsetResult;

/**
 * The read-side lookups of {@link MessageStore} other than pulls, which {@link DefaultMessageStore}
 * inherits: by commit-log offset (VIEW_MESSAGE_BY_ID), by key (QUERY_MESSAGE, through the
 * index), by queue offset (bounds, times, commit-log offsets, ids). Every window taken is
 * released before returning, except those handed out in a {@link QueryMessageResult} or a
 * {@link SelectMappedBufferResult}. Thread-safe.
 */
public abstract class MessageStoreReads implements MessageStore {

    public abstract CommitLog getCommitLog();

    public abstract IndexService getIndexService();

    public abstract boolean isShutdown();

    @Override
    public long getMaxOffsetInQueue(final String topic, final int queueId) {
        final ConsumeQueue cq = getConsumeQueue(topic, queueId);
        return cq == null ? 0 : cq.getMaxOffsetInQueue();
    }

    @Override
    public long getMinOffsetInQueue(final String topic, final int queueId) {
        final ConsumeQueue cq = getConsumeQueue(topic, queueId);
        return cq == null ? -1 : cq.getMinOffsetInQueue();
    }

    @Override
    public long getMessageTotalInQueue(final String topic, final int queueId) {
        final ConsumeQueue cq = getConsumeQueue(topic, queueId);
        return cq == null ? -1 : cq.getMessageTotalInQueue();
    }

    @Override
    public long getOffsetInQueueByTime(final String topic, final int queueId,
        final long timestamp) {
        final ConsumeQueue cq = getConsumeQueue(topic, queueId);
        return cq == null ? 0 : cq.getOffsetInQueueByTime(timestamp);
    }

    @Override
    public long getMaxPhyOffset() {
        return getCommitLog().getMaxOffset();
    }

    @Override
    public long getMinPhyOffset() {
        return getCommitLog().getMinOffset();
    }

    @Override
    public SelectMappedBufferResult selectOneMessageByOffset(final long offset, final int size) {
        return getCommitLog().getMessage(offset, size);
    }

    @Override
    public SelectMappedBufferResult getCommitLogData(final long offset) {
        return isShutdown() ? null : getCommitLog().getData(offset);
    }

    @Override
    public boolean appendToCommitLog(final long startOffset, final byte[] data) {
        return !isShutdown() && getCommitLog().appendData(startOffset, data);
    }

    @Override
    public String getRunningDataInfo() {
        return getRuntimeInfo().toString();
    }

    @Override
    public long flush() {
        return getCommitLog().flush();
    }

    @Override
    public long lockTimeMills() {
        return getCommitLog().lockTimeMills();
    }

    /** The message at a commit-log offset, decoded; null when there is none. */
    @Override
    public MessageExt lookMessageByOffset(final long commitLogOffset) {
        final SelectMappedBufferResult sbr = getCommitLog().getMessage(commitLogOffset, 4);
        if (sbr == null) {
            return null;
        }
        final int size;
        try {
            size = sbr.getByteBuffer().getInt(0);
        } finally {
            sbr.release();
        }
        return lookMessageByOffset(commitLogOffset, size);
    }

    public MessageExt lookMessageByOffset(final long commitLogOffset, final int size) {
        final SelectMappedBufferResult sbr = getCommitLog().getMessage(commitLogOffset, size);
        if (sbr == null) {
            return null;
        }
        try {
            return MessageDecoder.decode(sbr.getByteBuffer(), true, false);
        } finally {
            sbr.release();
        }
    }

    /** The record at an offset as a window (the caller releases it); null when none. */
    @Override
    public SelectMappedBufferResult selectOneMessageByOffset(final long commitLogOffset) {
        final SelectMappedBufferResult sbr = getCommitLog().getMessage(commitLogOffset, 4);
        if (sbr == null) {
            return null;
        }
        final int size;
        try {
            size = sbr.getByteBuffer().getInt(0);
        } finally {
            sbr.release();
        }
        return getCommitLog().getMessage(commitLogOffset, size);
    }

    /** Messages whose key (or UNIQ_KEY) is {@code key}, stored in [begin, end], oldest first. */
    @Override
    public QueryMessageResult queryMessage(final String topic, final String key, final int maxNum,
        final long begin, final long end) {
        final QueryMessageResult result = new QueryMessageResult();
        if (getIndexService() == null) {
            return result;
        }
        final QueryOffsetResult offsets =
            getIndexService().queryOffset(topic, key, maxNum, begin, end);
        result.setIndexLastUpdateTimestamp(offsets.indexLastUpdateTimestamp());
        result.setIndexLastUpdatePhyoffset(offsets.indexLastUpdatePhyoffset());
        final List<Long> phyOffsets = new ArrayList<>(offsets.phyOffsets());
        // TODO K2: the index chains each key newest first; sorted by commit-log offset
        // the answer reads oldest first and the disk is read forward, in one direction.
        Collections.sort(phyOffsets);
        for (long offset : phyOffsets) {
            final SelectMappedBufferResult sbr = selectOneMessageByOffset(offset);
            if (sbr != null) {
                result.addMessage(sbr);
            }
        }
        return result;
    }

    /** The commit-log offset of a queue's unit; 0 when there is none. */
    @Override
    public long getCommitLogOffsetInQueue(final String topic, final int queueId,
        final long cqOffset) {
        final ConsumeQueue cq = getConsumeQueue(topic, queueId);
        if (cq == null) {
            return 0;
        }
        final SelectMappedBufferResult units = cq.getIndexBuffer(cqOffset);
        if (units == null) {
            return 0;
        }
        try {
            return units.getByteBuffer().getLong(ConsumeQueue.UNIT_OFFSET_POSITION);
        } finally {
            units.release();
        }
    }

    /** Store time of a queue's unit's message; -1 when it is gone. */
    @Override
    public long getMessageStoreTimeStamp(final String topic, final int queueId,
        final long cqOffset) {
        final ConsumeQueue cq = getConsumeQueue(topic, queueId);
        if (cq == null) {
            return -1;
        }
        final SelectMappedBufferResult units = cq.getIndexBuffer(cqOffset);
        if (units == null) {
            return -1;
        }
        try {
            final ByteBuffer unit = units.getByteBuffer();
            return getCommitLog().pickupStoreTimestamp(
                unit.getLong(ConsumeQueue.UNIT_OFFSET_POSITION),
                unit.getInt(ConsumeQueue.UNIT_SIZE_POSITION));
        } finally {
            units.release();
        }
    }

    @Override
    public long getEarliestMessageTime(final String topic, final int queueId) {
        final ConsumeQueue cq = getConsumeQueue(topic, queueId);
        return cq == null ? -1
            : getMessageStoreTimeStamp(topic, queueId, cq.getMinOffsetInQueue());
    }

    /** Store time of the first message still in the commit log; -1 when empty. */
    @Override
    public long getEarliestMessageTime() {
        final long minPhyOffset = getMinPhyOffset();
        // enough bytes to reach STORETIMESTAMP even behind an IPv6 born host
        final int size = MessageDecoder.BORN_HOST_POSITION + MessageDecoder.IPV6_HOST_LENGTH + 8;
        return getCommitLog().pickupStoreTimestamp(minPhyOffset, size);
    }

    /** offsetMsgId → queue offset for the queue's units in [minOffset, maxOffset). */
    @Override
    public Map<String, Long> getMessageIds(final String topic, final int queueId,
        final long minOffset, final long maxOffset, final SocketAddress storeHost) {
        final Map<String, Long> msgIds = new LinkedHashMap<>();
        final ConsumeQueue cq = getConsumeQueue(topic, queueId);
        if (cq == null) {
            return msgIds;
        }
        final long from = Math.max(minOffset, cq.getMinOffsetInQueue());
        final long to = Math.min(maxOffset, cq.getMaxOffsetInQueue());
        final ByteBuffer host = MessageExt.socketAddress2ByteBuffer(storeHost);
        long nextOffset = from;
        while (nextOffset < to) {
            final SelectMappedBufferResult units = cq.getIndexBuffer(nextOffset);
            if (units == null) {
                return msgIds;
            }
            try {
                for (int i = 0; i < units.getSize() && nextOffset < to;
                    i += ConsumeQueue.CQ_STORE_UNIT_SIZE) {
                    final long offsetPy = units.getByteBuffer().getLong(i);
                    msgIds.put(MessageDecoder.createMessageId(host, offsetPy), nextOffset++);
                }
            } finally {
                units.release();
            }
        }
        return msgIds;
    }
}
