package org.mqbook.client.consumer.listener;

import org.mqbook.common.message.MessageQueue;

/**
 * What an orderly listener may read and set for one batch: the queue, whether the offset is
 * committed automatically after SUCCESS (default true), and how long to hold the queue after
 * SUSPEND_CURRENT_QUEUE_A_MOMENT (-1: the consumer's suspendCurrentQueueTimeMillis).
 *
 * <p>Not thread-safe: one per batch, used by the thread running the listener.
 */
public class ConsumeOrderlyContext {
    private final MessageQueue messageQueue;
    private boolean autoCommit = true;
    private long suspendCurrentQueueTimeMillis = -1;

    public ConsumeOrderlyContext(MessageQueue messageQueue) {
        this.messageQueue = messageQueue;
    }

    public boolean isAutoCommit() {
        return autoCommit;
    }

    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    public MessageQueue getMessageQueue() {
        return messageQueue;
    }

    public long getSuspendCurrentQueueTimeMillis() {
        return suspendCurrentQueueTimeMillis;
    }

    public void setSuspendCurrentQueueTimeMillis(long suspendCurrentQueueTimeMillis) {
        this.suspendCurrentQueueTimeMillis = suspendCurrentQueueTimeMillis;
    }
}
