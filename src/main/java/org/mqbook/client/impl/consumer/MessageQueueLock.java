package org.mqbook.client.impl.consumer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.common.message.MessageQueue;

/**
 * One lock object per queue, inside this JVM: an orderly consumer synchronizes on it so that
 * at most one of its consume threads works on a queue at a time (the broker lock keeps other
 * JVMs out). Thread-safe.
 */
public class MessageQueueLock {
    private final ConcurrentMap<MessageQueue, Object> mqLockTable = new ConcurrentHashMap<>();

    public Object fetchLockObject(final MessageQueue mq) {
        return mqLockTable.computeIfAbsent(mq, k -> new Object());
    }
}
