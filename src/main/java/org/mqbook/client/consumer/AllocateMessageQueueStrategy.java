package org.mqbook.client.consumer;

import java.util.List;
import org.mqbook.common.message.MessageQueue;

/**
 * How a consumer group splits a topic's queues among its members. Every member runs the same
 * strategy on the same sorted inputs and keeps only its own share, so the group agrees without
 * talking: no coordinator, no vote.
 *
 * <p>Implementations must be pure functions of their arguments (and their own configuration):
 * the rebalance of chapter 7 relies on every member computing the same split.
 *
 * <p>Read next: {@link org.mqbook.client.consumer.rebalance.AllocateMessageQueueAveragely}, the
 * default.
 */
public interface AllocateMessageQueueStrategy {

    /**
     * @param consumerGroup the group being balanced
     * @param currentCID    this member's client id
     * @param mqAll         every queue of the topic, sorted (topic, broker name, queue id)
     * @param cidAll        every member's client id, sorted
     * @return the queues this member consumes; empty when it is not in {@code cidAll}
     */
    List<MessageQueue> allocate(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
                                List<String> cidAll);

    /** The strategy's short name, as 4.7.1 reports it (e.g. {@code AVG}). */
    String getName();
}
