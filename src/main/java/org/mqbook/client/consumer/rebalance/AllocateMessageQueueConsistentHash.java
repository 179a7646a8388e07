package org.mqbook.client.consumer.rebalance;

import java.util.ArrayList;
import java.util.List;
import org.mqbook.common.consistenthash.ConsistentHashRouter;
import org.mqbook.common.consistenthash.HashFunction;
import org.mqbook.common.consistenthash.Node;
import org.mqbook.common.message.MessageQueue;

/**
 * Consistent hashing: members sit on a hash ring ({@code virtualNodeCnt} points each, 10 by
 * default) and each queue goes to the member that owns the point after the hash of
 * {@code queue.toString()}. Counts per member are uneven, but when a member joins or leaves only
 * the queues next to its points move, so fewer queues change hands (and fewer messages are
 * consumed twice) than with the block strategies.
 *
 * <p>Stateless apart from its configuration; thread-safe.
 */
public class AllocateMessageQueueConsistentHash extends AbstractAllocateMessageQueueStrategy {

    private final int virtualNodeCnt;
    private final HashFunction customHashFunction;

    public AllocateMessageQueueConsistentHash() {
        this(10);
    }

    public AllocateMessageQueueConsistentHash(int virtualNodeCnt) {
        this(virtualNodeCnt, null);
    }

    public AllocateMessageQueueConsistentHash(int virtualNodeCnt, HashFunction customHashFunction) {
        if (virtualNodeCnt < 0) {
            throw new IllegalArgumentException("illegal virtualNodeCnt :" + virtualNodeCnt);
        }
        this.virtualNodeCnt = virtualNodeCnt;
        this.customHashFunction = customHashFunction;
    }

    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID,
                                       List<MessageQueue> mqAll, List<String> cidAll) {
        List<MessageQueue> result = new ArrayList<>();
        if (!check(consumerGroup, currentCID, mqAll, cidAll)) {
            return result;
        }
        List<ClientNode> nodes = new ArrayList<>();
        for (String cid : cidAll) {
            nodes.add(new ClientNode(cid));
        }
        ConsistentHashRouter<ClientNode> router = customHashFunction != null
            ? new ConsistentHashRouter<>(nodes, virtualNodeCnt, customHashFunction)
            : new ConsistentHashRouter<>(nodes, virtualNodeCnt);
        for (MessageQueue mq : mqAll) {
            ClientNode owner = router.routeNode(mq.toString());
            if (owner != null && currentCID.equals(owner.getKey())) {
                result.add(mq);
            }
        }
        return result;
    }

    @Override
    public String getName() {
        return "CONSISTENT_HASH";
    }

    private record ClientNode(String clientID) implements Node {
        @Override
        public String getKey() {
            return clientID;
        }
    }
}
