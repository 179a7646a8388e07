package org.mqbook.client.producer;

import java.util.List;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageQueue;

/**
 * Picks the queue of a send from the topic's writable queues, given the caller's {@code arg}
 * (an order id, a user id...): the way to ordered messages. Messages with the same {@code arg}
 * go to the same queue as long as the queue list does not change, and one queue is consumed in
 * order. A selected send is never retried on another queue: that would break the order.
 * Read next: {@link org.mqbook.client.producer.selector.SelectMessageQueueByHash}.
 */
public interface MessageQueueSelector {

    MessageQueue select(final List<MessageQueue> mqs, final Message msg, final Object arg);
}
