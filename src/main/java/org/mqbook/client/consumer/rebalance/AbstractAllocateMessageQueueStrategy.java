package org.mqbook.client.consumer.rebalance;

import java.util.List;
import org.mqbook.client.consumer.AllocateMessageQueueStrategy;
import org.mqbook.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The argument checks every strategy shares, with 4.7.1's messages. Stateless.
 */
abstract class AbstractAllocateMessageQueueStrategy implements AllocateMessageQueueStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractAllocateMessageQueueStrategy.class);

    /**
     * True when the caller may go on; false when {@code currentCID} is not a member (it then gets
     * nothing: it may have joined after the member list was fetched).
     */
    static boolean check(String consumerGroup, String currentCID, List<MessageQueue> mqAll, List<String> cidAll) {
        if (currentCID == null || currentCID.isEmpty()) {
            throw new IllegalArgumentException("currentCID is empty");
        }
        if (mqAll == null || mqAll.isEmpty()) {
            throw new IllegalArgumentException("mqAll is null or mqAll empty");
        }
        if (cidAll == null || cidAll.isEmpty()) {
            throw new IllegalArgumentException("cidAll is null or cidAll empty");
        }
        if (!cidAll.contains(currentCID)) {
            LOG.info("[BUG] ConsumerGroup: {} The consumerId: {} not in cidAll: {}", consumerGroup, currentCID, cidAll);
            return false;
        }
        return true;
    }
}
