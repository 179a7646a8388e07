package org.mqbook.client.impl.consumer;

import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.common.message.MessageQueue;

/**
 * A lite pull consumer's queues and three offsets per queue:
 * <pre>
 *   pullOffset     where the background pull continues (-1: ask the offset store)
 *   consumeOffset  one past the last message poll() handed out: what a commit stores
 *   seekOffset     set by seek(): the next pull starts there (-1: no seek pending)
 * </pre>
 * plus the ProcessQueue (the pulled messages not yet polled) and a pause flag.
 *
 * <p>Thread-safe: a concurrent map of per-queue states with volatile fields; the set itself
 * changes under this object's monitor.
 */
public class AssignedMessageQueue {
    private final ConcurrentMap<MessageQueue, MessageQueueState> assignedMessageQueueState =
        new ConcurrentHashMap<>();
    private RebalanceImpl rebalanceImpl;

    public Set<MessageQueue> messageQueues() {
        return assignedMessageQueueState.keySet();
    }

    public boolean isPaused(MessageQueue messageQueue) {
        MessageQueueState state = assignedMessageQueueState.get(messageQueue);
        return state != null && state.paused;
    }

    public void pause(Collection<MessageQueue> messageQueues) {
        for (MessageQueue mq : messageQueues) {
            MessageQueueState state = assignedMessageQueueState.get(mq);
            if (state != null) {
                state.paused = true;
            }
        }
    }

    public void resume(Collection<MessageQueue> messageQueueCollection) {
        for (MessageQueue mq : messageQueueCollection) {
            MessageQueueState state = assignedMessageQueueState.get(mq);
            if (state != null) {
                state.paused = false;
            }
        }
    }

    public ProcessQueue getProcessQueue(MessageQueue messageQueue) {
        MessageQueueState state = assignedMessageQueueState.get(messageQueue);
        return state == null ? null : state.processQueue;
    }

    public long getPullOffset(MessageQueue messageQueue) {
        MessageQueueState state = assignedMessageQueueState.get(messageQueue);
        return state == null ? -1 : state.pullOffset;
    }

    public void updatePullOffset(MessageQueue messageQueue, long offset) {
        MessageQueueState state = assignedMessageQueueState.get(messageQueue);
        if (state != null) {
            state.pullOffset = offset;
        }
    }

    public long getConsumerOffset(MessageQueue messageQueue) {
        MessageQueueState state = assignedMessageQueueState.get(messageQueue);
        return state == null ? -1 : state.consumeOffset;
    }

    public void updateConsumeOffset(MessageQueue messageQueue, long offset) {
        MessageQueueState state = assignedMessageQueueState.get(messageQueue);
        if (state != null) {
            state.consumeOffset = offset;
        }
    }

    public long getSeekOffset(MessageQueue messageQueue) {
        MessageQueueState state = assignedMessageQueueState.get(messageQueue);
        return state == null ? -1 : state.seekOffset;
    }

    public void setSeekOffset(MessageQueue messageQueue, long offset) {
        MessageQueueState state = assignedMessageQueueState.get(messageQueue);
        if (state != null) {
            state.seekOffset = offset;
        }
    }

    /** Subscribe mode: {@code assigned} is the new share of {@code topic}. */
    public synchronized void updateAssignedMessageQueue(String topic,
                                                        Collection<MessageQueue> assigned) {
        Iterator<Map.Entry<MessageQueue, MessageQueueState>> it =
            assignedMessageQueueState.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<MessageQueue, MessageQueueState> next = it.next();
            // TODO K2: dropped, not only removed: the pull task holding this ProcessQueue
            // sees the flag and stops, and poll() skips what it had buffered.
            if (next.getKey().getTopic().equals(topic) && !assigned.contains(next.getKey())) {
                next.getValue().processQueue.setDropped(true);
                it.remove();
            }
        }
        addAssignedMessageQueue(assigned);
    }

    /** Assign mode: exactly {@code assigned}, whatever the topics. */
    public synchronized void updateAssignedMessageQueue(Collection<MessageQueue> assigned) {
        Iterator<Map.Entry<MessageQueue, MessageQueueState>> it =
            assignedMessageQueueState.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<MessageQueue, MessageQueueState> next = it.next();
            if (!assigned.contains(next.getKey())) {
                next.getValue().processQueue.setDropped(true);
                it.remove();
            }
        }
        addAssignedMessageQueue(assigned);
    }

    private void addAssignedMessageQueue(Collection<MessageQueue> assigned) {
        for (MessageQueue mq : assigned) {
            if (!assignedMessageQueueState.containsKey(mq)) {
                // share the rebalance's ProcessQueue when it made one, so a drop reaches both
                ProcessQueue pq = rebalanceImpl != null
                    && rebalanceImpl.getProcessQueueTable().get(mq) != null
                    ? rebalanceImpl.getProcessQueueTable().get(mq) : new ProcessQueue();
                assignedMessageQueueState.put(mq, new MessageQueueState(pq));
            }
        }
    }

    /** Forgets every queue of {@code topic} (unsubscribe). */
    public synchronized void removeAssignedMessageQueue(String topic) {
        Set<MessageQueue> gone = new HashSet<>();
        for (Map.Entry<MessageQueue, MessageQueueState> entry : assignedMessageQueueState.entrySet()) {
            if (entry.getKey().getTopic().equals(topic)) {
                entry.getValue().processQueue.setDropped(true);
                gone.add(entry.getKey());
            }
        }
        gone.forEach(assignedMessageQueueState::remove);
    }

    public void setRebalanceImpl(RebalanceImpl rebalanceImpl) {
        this.rebalanceImpl = rebalanceImpl;
    }

    private static final class MessageQueueState {
        private final ProcessQueue processQueue;
        private volatile boolean paused = false;
        private volatile long pullOffset = -1;
        private volatile long consumeOffset = -1;
        private volatile long seekOffset = -1;

        private MessageQueueState(ProcessQueue processQueue) {
            this.processQueue = processQueue;
        }
    }
}
