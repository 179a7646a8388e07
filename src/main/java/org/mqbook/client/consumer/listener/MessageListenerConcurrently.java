package org.mqbook.client.consumer.listener;

import java.util.List;
import org.mqbook.common.message.MessageExt;

/**
 * A listener called from many threads at once, possibly for messages of one queue out of
 * order. {@code msgs} holds at most consumeMessageBatchMaxSize (default 1) messages; returning
 * RECONSUME_LATER (or throwing, or null) sends them back for a retry.
 */
public interface MessageListenerConcurrently extends MessageListener {
    ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> msgs,
                                             ConsumeConcurrentlyContext context);
}
