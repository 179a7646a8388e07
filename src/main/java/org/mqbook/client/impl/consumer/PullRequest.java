package org.mqbook.client.impl.consumer;

import java.util.Objects;
import org.mqbook.common.message.MessageQueue;

/**
 * The pull loop's token for one queue of a push consumer: which queue, where to pull next,
 * and the {@link ProcessQueue} the messages go into. A rebalance creates exactly one per
 * newly assigned queue; afterwards the same object circles between
 * {@link PullMessageService} (waiting) and the pull callback (in flight), so a queue never has
 * two pulls outstanding.
 *
 * <p>Not thread-safe, and needs not be: only the one holder of the token touches it.
 */
public class PullRequest {
    private String consumerGroup;
    private MessageQueue messageQueue;
    private ProcessQueue processQueue;
    private long nextOffset;
    /** Orderly: the offset was re-read from the broker after the lock was first granted. */
    private boolean lockedFirst = false;

    public boolean isLockedFirst() {
        return lockedFirst;
    }

    public void setLockedFirst(boolean lockedFirst) {
        this.lockedFirst = lockedFirst;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public MessageQueue getMessageQueue() {
        return messageQueue;
    }

    public void setMessageQueue(MessageQueue messageQueue) {
        this.messageQueue = messageQueue;
    }

    public long getNextOffset() {
        return nextOffset;
    }

    public void setNextOffset(long nextOffset) {
        this.nextOffset = nextOffset;
    }

    public ProcessQueue getProcessQueue() {
        return processQueue;
    }

    public void setProcessQueue(ProcessQueue processQueue) {
        this.processQueue = processQueue;
    }

    @Override
    public int hashCode() {
        return Objects.hash(consumerGroup, messageQueue);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof PullRequest other
            && Objects.equals(consumerGroup, other.consumerGroup)
            && Objects.equals(messageQueue, other.messageQueue);
    }

    @Override
    public String toString() {
        return "PullRequest [consumerGroup=" + consumerGroup + ", messageQueue=" + messageQueue
            + ", nextOffset=" + nextOffset + "]";
    }
}
