package org.mqbook.client.consumer.listener;

import org.mqbook.common.message.MessageQueue;

/**
 * What a concurrent listener may read and set for one batch: the queue; the delay level of the
 * retry (0: the broker picks 3 + reconsumeTimes; -1: straight to the dead-letter queue); and
 * {@code ackIndex}, the last message of the batch that succeeded when the batch as a whole
 * returns CONSUME_SUCCESS (default: all of them).
 *
 * <p>Not thread-safe: one per batch, used by the thread running the listener.
 */
public class ConsumeConcurrentlyContext {
    private final MessageQueue messageQueue;
    private int delayLevelWhenNextConsume = 0;
    private int ackIndex = Integer.MAX_VALUE;

    public ConsumeConcurrentlyContext(MessageQueue messageQueue) {
        this.messageQueue = messageQueue;
    }

    public int getDelayLevelWhenNextConsume() {
        return delayLevelWhenNextConsume;
    }

    public void setDelayLevelWhenNextConsume(int delayLevelWhenNextConsume) {
        this.delayLevelWhenNextConsume = delayLevelWhenNextConsume;
    }

    public MessageQueue getMessageQueue() {
        return messageQueue;
    }

    public int getAckIndex() {
        return ackIndex;
    }

    public void setAckIndex(int ackIndex) {
        this.ackIndex = ackIndex;
    }
}
