package org.mqbook.client.consumer.listener;

import java.util.List;
import org.mqbook.common.message.MessageExt;

/**
 * A listener called by one thread at a time per queue, in queue order. Returning
 * SUSPEND_CURRENT_QUEUE_A_MOMENT (or throwing, or null) holds the queue and retries the same
 * messages locally after suspendCurrentQueueTimeMillis.
 */
public interface MessageListenerOrderly extends MessageListener {
    ConsumeOrderlyStatus consumeMessage(List<MessageExt> msgs, ConsumeOrderlyContext context);
}
