package org.mqbook.client.consumer;

import java.util.Set;
import org.mqbook.common.message.MessageQueue;

/**
 * Told by a {@link DefaultLitePullConsumer} in assign mode that a topic's queues changed (its
 * route gained or lost queues). Runs on the consumer's "MonitorMessageQueueChangeThread".
 */
public interface TopicMessageQueueChangeListener {
    void onChanged(String topic, Set<MessageQueue> messageQueues);
}
