package org.mqbook.store;

import java.util.Map;

/**
 * Told about every message right after it is dispatched to its consume queue: the broker's long
 * polling (chapter 7) wakes the pulls parked on that queue. Called from the
 * "ReputMessageService" thread, so it must not block.
 */
public interface MessageArrivingListener {
    /**
     * @param logicOffset the queue's max offset after this message (its queue offset + 1)
     */
    void arriving(String topic, int queueId, long logicOffset, long tagsCode,
        long msgStoreTime, byte[] filterBitMap, Map<String, String> properties);
}
