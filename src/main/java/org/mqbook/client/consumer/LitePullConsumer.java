package org.mqbook.client.consumer;

import java.util.Collection;
import java.util.List;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;

/**
 * A pull consumer with the bookkeeping done: it pulls in the background into a cache and
 * {@link #poll()} hands out what arrived. Either {@link #subscribe} (queues by rebalance) or
 * {@link #assign} (queues chosen by the application), never both. See
 * {@link DefaultLitePullConsumer}.
 */
public interface LitePullConsumer {
    void start() throws MQClientException;

    void shutdown();

    void subscribe(String topic, String subExpression) throws MQClientException;

    void subscribe(String topic, MessageSelector selector) throws MQClientException;

    void unsubscribe(String topic);

    void assign(Collection<MessageQueue> messageQueues);

    List<MessageExt> poll();

    List<MessageExt> poll(long timeout);

    /** The next poll of {@code messageQueue} starts at {@code offset}. */
    void seek(MessageQueue messageQueue, long offset) throws MQClientException;

    void pause(Collection<MessageQueue> messageQueues);

    void resume(Collection<MessageQueue> messageQueues);

    boolean isAutoCommit();

    void setAutoCommit(boolean autoCommit);

    Collection<MessageQueue> fetchMessageQueues(String topic) throws MQClientException;

    Long offsetForTimestamp(MessageQueue messageQueue, Long timestamp) throws MQClientException;

    /** Writes the consumed offsets of every assigned queue to the offset store now. */
    void commitSync();

    Long committed(MessageQueue messageQueue) throws MQClientException;

    void registerTopicMessageQueueChangeListener(String topic,
        TopicMessageQueueChangeListener topicMessageQueueChangeListener) throws MQClientException;

    void updateNameServerAddress(String nameServerAddress);

    void seekToBegin(MessageQueue messageQueue) throws MQClientException;

    void seekToEnd(MessageQueue messageQueue) throws MQClientException;
}
