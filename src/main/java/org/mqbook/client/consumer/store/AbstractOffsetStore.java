package org.mqbook.client.consumer.store;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.common.message.MessageQueue;

/**
 * What both offset stores share: the in-memory table the consume threads update, and reads
 * that try memory before the store. Where the store is (the broker, a local file) is the
 * subclass's job: {@link #readOffsetFromStore}, {@code persistAll}, {@code persist}.
 *
 * <p>Thread-safe: a concurrent table of atomic longs.
 * Read next: {@link RemoteBrokerOffsetStore}, {@link LocalFileOffsetStore}.
 */
public abstract class AbstractOffsetStore implements OffsetStore {
    protected final ConcurrentMap<MessageQueue, AtomicLong> offsetTable = new ConcurrentHashMap<>();

    @Override
    public void updateOffset(MessageQueue mq, long offset, boolean increaseOnly) {
        if (mq == null) {
            return;
        }
        AtomicLong old = this.offsetTable.computeIfAbsent(mq, k -> new AtomicLong(offset));
        if (increaseOnly) {
            // TODO K2: consume threads finish out of order; an older commit must never
            // move the offset back
            old.accumulateAndGet(offset, Math::max);
        } else {
            old.set(offset);
        }
    }

    @Override
    public long readOffset(final MessageQueue mq, final ReadOffsetType type) {
        if (mq == null) {
            return -1;
        }
        if (type != ReadOffsetType.READ_FROM_STORE) {
            AtomicLong offset = this.offsetTable.get(mq);
            if (offset != null) {
                return offset.get();
            }
            if (type == ReadOffsetType.READ_FROM_MEMORY) {
                return -1;
            }
        }
        return readOffsetFromStore(mq);
    }

    /** The stored offset of {@code mq}, remembered in memory; -1 when none, -2 on failure. */
    protected abstract long readOffsetFromStore(MessageQueue mq);

    @Override
    public Map<MessageQueue, Long> cloneOffsetTable(String topic) {
        Map<MessageQueue, Long> cloned = new HashMap<>();
        for (Map.Entry<MessageQueue, AtomicLong> entry : this.offsetTable.entrySet()) {
            if (topic == null || topic.isEmpty() || topic.equals(entry.getKey().getTopic())) {
                cloned.put(entry.getKey(), entry.getValue().get());
            }
        }
        return cloned;
    }
}
