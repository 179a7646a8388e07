package org.mqbook.client.consumer;

import java.util.Set;
import org.mqbook.common.message.MessageQueue;

/**
 * Told by a rebalance that a pull consumer's share of a topic changed: {@code mqAll} is every
 * queue of the topic, {@code mqDivided} the ones this member owns now (both the same in
 * broadcasting mode). Runs on the "RebalanceService" thread.
 */
public interface MessageQueueListener {
    void messageQueueChanged(String topic, Set<MessageQueue> mqAll, Set<MessageQueue> mqDivided);
}
