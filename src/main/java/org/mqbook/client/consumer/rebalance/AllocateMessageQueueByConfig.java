package org.mqbook.client.consumer.rebalance;

import java.util.List;
import org.mqbook.client.consumer.AllocateMessageQueueStrategy;
import org.mqbook.common.message.MessageQueue;

/**
 * A fixed list set by the user: every member that uses it consumes exactly the configured
 * queues, whatever the group looks like. Useful to pin a consumer to queues by hand; it is then
 * the user's job that members do not overlap.
 *
 * <p>Not thread-safe to reconfigure while a rebalance runs.
 */
public class AllocateMessageQueueByConfig implements AllocateMessageQueueStrategy {

    private List<MessageQueue> messageQueueList;

    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID,
                                       List<MessageQueue> mqAll, List<String> cidAll) {
        return messageQueueList;
    }

    @Override
    public String getName() {
        return "CONFIG";
    }

    public List<MessageQueue> getMessageQueueList() {
        return messageQueueList;
    }

    public void setMessageQueueList(List<MessageQueue> messageQueueList) {
        this.messageQueueList = messageQueueList;
    }
}
