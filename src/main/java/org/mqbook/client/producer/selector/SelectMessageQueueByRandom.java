package org.mqbook.client.producer.selector;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.mqbook.client.producer.MessageQueueSelector;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageQueue;

/** A random queue, ignoring {@code arg}. Stateless and thread-safe. */
public class SelectMessageQueueByRandom implements MessageQueueSelector {

    @Override
    public MessageQueue select(List<MessageQueue> mqs, Message msg, Object arg) {
        return mqs.get(ThreadLocalRandom.current().nextInt(mqs.size()));
    }
}
