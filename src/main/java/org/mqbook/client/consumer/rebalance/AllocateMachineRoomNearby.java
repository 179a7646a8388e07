package org.mqbook.client.consumer.rebalance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mqbook.client.consumer.AllocateMessageQueueStrategy;
import org.mqbook.common.message.MessageQueue;

/**
 * Nearby first: queues are shared within each machine room among the members in that room (with
 * an inner strategy, e.g. {@link AllocateMessageQueueAveragely}); queues of a room that has no
 * member at all are shared among every member, so nothing is left unconsumed. Where a broker or a
 * consumer lives is the user's {@link MachineRoomResolver}'s answer.
 *
 * <p>Thread-safe when the inner strategy and the resolver are.
 */
public class AllocateMachineRoomNearby extends AbstractAllocateMessageQueueStrategy {

    private final AllocateMessageQueueStrategy allocateMessageQueueStrategy;
    private final MachineRoomResolver machineRoomResolver;

    public AllocateMachineRoomNearby(AllocateMessageQueueStrategy allocateMessageQueueStrategy,
                                     MachineRoomResolver machineRoomResolver) {
        if (allocateMessageQueueStrategy == null) {
            throw new NullPointerException("allocateMessageQueueStrategy is null");
        }
        if (machineRoomResolver == null) {
            throw new NullPointerException("machineRoomResolver is null");
        }
        this.allocateMessageQueueStrategy = allocateMessageQueueStrategy;
        this.machineRoomResolver = machineRoomResolver;
    }

    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID,
                                       List<MessageQueue> mqAll, List<String> cidAll) {
        List<MessageQueue> result = new ArrayList<>();
        if (!check(consumerGroup, currentCID, mqAll, cidAll)) {
            return result;
        }
        Map<String, List<MessageQueue>> queuesByRoom = new TreeMap<>();
        for (MessageQueue mq : mqAll) {
            String room = machineRoomResolver.brokerDeployIn(mq);
            if (room != null && !room.isEmpty()) {
                queuesByRoom.computeIfAbsent(room, r -> new ArrayList<>()).add(mq);
            }
        }
        Map<String, List<String>> membersByRoom = new TreeMap<>();
        for (String cid : cidAll) {
            String room = machineRoomResolver.consumerDeployIn(cid);
            if (room != null && !room.isEmpty()) {
                membersByRoom.computeIfAbsent(room, r -> new ArrayList<>()).add(cid);
            }
        }
        String myRoom = machineRoomResolver.consumerDeployIn(currentCID);
        List<MessageQueue> mine = queuesByRoom.remove(myRoom);
        if (mine != null && !mine.isEmpty()) {
            result.addAll(allocateMessageQueueStrategy.allocate(consumerGroup, currentCID, mine,
                membersByRoom.get(myRoom)));
        }
        // TODO K2: a room with brokers but no consumer is shared by everyone, or its queues would starve
        for (Map.Entry<String, List<MessageQueue>> room : queuesByRoom.entrySet()) {
            if (!membersByRoom.containsKey(room.getKey())) {
                result.addAll(allocateMessageQueueStrategy.allocate(consumerGroup, currentCID,
                    room.getValue(), cidAll));
            }
        }
        return result;
    }

    @Override
    public String getName() {
        return "MACHINE_ROOM_NEARBY-" + allocateMessageQueueStrategy.getName();
    }

    /** Where brokers and consumers are deployed; supplied by the user. */
    public interface MachineRoomResolver {

        String brokerDeployIn(MessageQueue messageQueue);

        String consumerDeployIn(String clientID);
    }
}
