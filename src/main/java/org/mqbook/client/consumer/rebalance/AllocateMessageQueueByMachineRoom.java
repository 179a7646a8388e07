package org.mqbook.client.consumer.rebalance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mqbook.common.message.MessageQueue;

/**
 * Machine rooms named in broker names: a broker {@code room1@broker-a} lives in {@code room1}.
 * Only queues of brokers in the configured rooms ({@link #setConsumeridcs}) are shared out, in
 * blocks, the remainder one each to the first members.
 *
 * <p>Faithful to a 4.7.1 quirk on purpose, so a group can mix mqbook and 4.7.1 members: the block
 * part indexes the <em>unfiltered</em> queue list while the remainder indexes the filtered one.
 * With rooms whose brokers sort first the two agree; otherwise members get queues of other rooms.
 *
 * <p>Not thread-safe to reconfigure while a rebalance runs.
 */
public class AllocateMessageQueueByMachineRoom extends AbstractAllocateMessageQueueStrategy {

    private Set<String> consumeridcs;

    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID,
                                       List<MessageQueue> mqAll, List<String> cidAll) {
        List<MessageQueue> result = new ArrayList<>();
        int currentIndex = cidAll.indexOf(currentCID);
        if (currentIndex < 0) {
            return result;
        }
        List<MessageQueue> inRooms = new ArrayList<>();
        for (MessageQueue mq : mqAll) {
            String[] parts = mq.getBrokerName().split("@");
            if (parts.length == 2 && consumeridcs.contains(parts[0])) {
                inRooms.add(mq);
            }
        }
        int mod = inRooms.size() / cidAll.size();
        int rem = inRooms.size() % cidAll.size();
        int start = mod * currentIndex;
        // TODO K2: 4.7.1 takes the block from mqAll, not from the filtered list; kept for compatibility
        for (int i = start; i < start + mod; i++) {
            result.add(mqAll.get(i));
        }
        if (rem > currentIndex) {
            result.add(inRooms.get(currentIndex + mod * cidAll.size()));
        }
        return result;
    }

    @Override
    public String getName() {
        return "MACHINE_ROOM";
    }

    public Set<String> getConsumeridcs() {
        return consumeridcs;
    }

    public void setConsumeridcs(Set<String> consumeridcs) {
        this.consumeridcs = consumeridcs;
    }
}
