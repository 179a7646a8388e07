package org.mqbook.rmq471;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.apache.rocketmq.client.consumer.AllocateMessageQueueStrategy;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMachineRoomNearby;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragelyByCircle;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueByConfig;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueByMachineRoom;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueConsistentHash;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Runs 4.7.1's own allocation strategies on cases given on the command line and prints each
 * member's share, so mqbook's strategies can be checked against them.
 * <pre>
 * AllocateVectors CASE...
 *   CASE = name:STRATEGY:broker1,broker2,...:queuesPerBroker:cid1,cid2,...
 *   STRATEGY = AVG | AVG_BY_CIRCLE | CONSISTENT_HASH | MACHINE_ROOM | MACHINE_ROOM_NEARBY | CONFIG
 * </pre>
 * Queues are those of topic {@code T} on each broker, ids 0..queuesPerBroker-1, sorted; client
 * ids are sorted. MACHINE_ROOM consumes rooms {@code room1} and {@code room2}; MACHINE_ROOM_NEARBY
 * wraps AVG and reads a broker's room and a client's room from the text before {@code @}; CONFIG
 * is configured with the first and last queue. Output, one line per member:
 * {@code name<TAB>cid<TAB>brokerName/queueId,...} (empty list: nothing after the tab).
 */
public final class AllocateVectors {

    private AllocateVectors() {
    }

    public static void main(String[] args) {
        for (String spec : args) {
            String[] f = spec.split(":");
            List<MessageQueue> mqAll = new ArrayList<>();
            for (String broker : f[2].split(",")) {
                for (int q = 0; q < Integer.parseInt(f[3]); q++) {
                    mqAll.add(new MessageQueue("T", broker, q));
                }
            }
            Collections.sort(mqAll);
            List<String> cidAll = new ArrayList<>(Arrays.asList(f[4].split(",")));
            Collections.sort(cidAll);
            AllocateMessageQueueStrategy strategy = strategy(f[1], mqAll);
            for (String cid : cidAll) {
                StringBuilder line = new StringBuilder(f[0]).append('\t').append(cid).append('\t');
                List<MessageQueue> mine = strategy.allocate("G", cid, mqAll, cidAll);
                for (int i = 0; i < mine.size(); i++) {
                    line.append(i == 0 ? "" : ",").append(mine.get(i).getBrokerName()).append('/')
                        .append(mine.get(i).getQueueId());
                }
                System.out.println(line);
            }
        }
    }

    private static AllocateMessageQueueStrategy strategy(String name, List<MessageQueue> mqAll) {
        switch (name) {
            case "AVG":
                return new AllocateMessageQueueAveragely();
            case "AVG_BY_CIRCLE":
                return new AllocateMessageQueueAveragelyByCircle();
            case "CONSISTENT_HASH":
                return new AllocateMessageQueueConsistentHash();
            case "MACHINE_ROOM":
                AllocateMessageQueueByMachineRoom byRoom = new AllocateMessageQueueByMachineRoom();
                byRoom.setConsumeridcs(new HashSet<>(Arrays.asList("room1", "room2")));
                return byRoom;
            case "MACHINE_ROOM_NEARBY":
                return new AllocateMachineRoomNearby(new AllocateMessageQueueAveragely(),
                    new AllocateMachineRoomNearby.MachineRoomResolver() {
                        @Override
                        public String brokerDeployIn(MessageQueue mq) {
                            return mq.getBrokerName().split("@")[0];
                        }

                        @Override
                        public String consumerDeployIn(String clientID) {
                            return clientID.split("@")[0];
                        }
                    });
            case "CONFIG":
                AllocateMessageQueueByConfig config = new AllocateMessageQueueByConfig();
                config.setMessageQueueList(Arrays.asList(mqAll.get(0), mqAll.get(mqAll.size() - 1)));
                return config;
            default:
                throw new IllegalArgumentException("unknown strategy " + name);
        }
    }
}
