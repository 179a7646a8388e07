package org.mqbook.client.producer.selector;

import java.util.List;
import org.mqbook.client.producer.MessageQueueSelector;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageQueue;

/**
 * Same {@code arg}, same queue: {@code |arg.hashCode()| mod queueCount}. Give it an order id and
 * every step of one order lands in one queue, consumed in order. Stateless and thread-safe.
 */
public class SelectMessageQueueByHash implements MessageQueueSelector {

    @Override
    public MessageQueue select(List<MessageQueue> mqs, Message msg, Object arg) {
        // floorMod, not abs: Math.abs(Integer.MIN_VALUE) is negative.
        int value = Math.floorMod(arg.hashCode(), mqs.size());
        return mqs.get(value);
    }
}
