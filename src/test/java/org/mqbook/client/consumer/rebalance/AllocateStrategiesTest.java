package org.mqbook.client.consumer.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mqbook.client.consumer.AllocateMessageQueueStrategy;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.interop.Rmq471;

/**
 * All six allocation strategies, each on the guide's example (six queues, three consumers) and on
 * uneven counts. The expected answer is what 4.7.1's own classes compute for the same input,
 * obtained by running them in a child JVM (program {@code AllocateVectors}).
 */
class AllocateStrategiesTest {

    /** name:STRATEGY:brokers:queuesPerBroker:clients — the same text is handed to 4.7.1. */
    private static final List<String> CASES = new ArrayList<>();

    static {
        for (String s : List.of("AVG", "AVG_BY_CIRCLE", "CONSISTENT_HASH", "CONFIG")) {
            CASES.add("guide-" + s + ":" + s + ":broker-a:6:c1,c2,c3");
            CASES.add("eight-" + s + ":" + s + ":broker-a:8:c1,c2,c3");
            CASES.add("fewer-queues-" + s + ":" + s + ":broker-a:2:c1,c2,c3");
            CASES.add("two-brokers-" + s + ":" + s + ":broker-a,broker-b:5:c1,c2,c3,c4");
            CASES.add("one-member-" + s + ":" + s + ":broker-a,broker-b:3:127.0.0.1@4242");
        }
        for (String s : List.of("MACHINE_ROOM", "MACHINE_ROOM_NEARBY")) {
            CASES.add("rooms-" + s + ":" + s + ":room1@broker-a,room2@broker-b,room3@broker-c:4"
                + ":room1@c1,room1@c2,room2@c3");
            CASES.add("rooms-uneven-" + s + ":" + s + ":room1@broker-a,room2@broker-b:3"
                + ":room1@c1,room2@c2,room2@c3,room3@c4");
        }
    }

    @Test
    void everyStrategyAgreesWith471OnEveryCase() {
        Rmq471.ProgramResult result = Rmq471.runProgram("org.mqbook.rmq471.AllocateVectors",
            CASES.toArray(new String[0]));
        assertEquals(0, result.exitCode(), result.output());
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : result.output().lines().toList()) {
            String[] f = line.split("\t", -1);
            if (f.length == 3) {
                expected.put(f[0] + " " + f[1], f[2]);
            }
        }
        Map<String, String> ours = new LinkedHashMap<>();
        for (String spec : CASES) {
            ours.putAll(allocateAll(spec));
        }
        assertEquals(expected.size(), ours.size(), "member lines: 4.7.1 printed\n" + result.output());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), ours.get(e.getKey()), "case and member " + e.getKey());
        }
    }

    @Test
    void theGuidesExampleWorkedOut() {
        // q1..q6 are queues 0..5 of one broker; c1..c3 the sorted members.
        assertEquals(Map.of("guide c1", "broker-a/0,broker-a/1", "guide c2", "broker-a/2,broker-a/3",
            "guide c3", "broker-a/4,broker-a/5"), allocateAll("guide:AVG:broker-a:6:c1,c2,c3"));
        assertEquals(Map.of("guide c1", "broker-a/0,broker-a/3", "guide c2", "broker-a/1,broker-a/4",
            "guide c3", "broker-a/2,broker-a/5"), allocateAll("guide:AVG_BY_CIRCLE:broker-a:6:c1,c2,c3"));
    }

    @Test
    void blockAndCircleAndHashStrategiesCoverEveryQueueExactlyOnce() {
        for (String s : List.of("AVG", "AVG_BY_CIRCLE", "CONSISTENT_HASH")) {
            Map<String, String> split = allocateAll("cover:" + s + ":broker-a,broker-b:7:c1,c2,c3,c4,c5");
            List<String> all = split.values().stream().filter(v -> !v.isEmpty())
                .flatMap(v -> Arrays.stream(v.split(","))).toList();
            assertEquals(14, all.size(), s + " gave " + split);
            assertEquals(14, new TreeSet<>(all).size(), s + " gave a queue twice: " + split);
        }
    }

    @Test
    void aMemberNotInTheGroupGetsNothingAndBadArgumentsAreNamed() {
        List<MessageQueue> mqs = List.of(new MessageQueue("T", "b", 0));
        assertTrue(new AllocateMessageQueueAveragely().allocate("G", "late", mqs, List.of("c1")).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new AllocateMessageQueueAveragely().allocate("G", "c1", List.of(), List.of("c1")));
        assertEquals("mqAll is null or mqAll empty", e.getMessage());
    }

    /** Our strategies on one case, in AllocateVectors' output form: "name cid" → "broker/q,...". */
    static Map<String, String> allocateAll(String spec) {
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
        Map<String, String> out = new LinkedHashMap<>();
        for (String cid : cidAll) {
            out.put(f[0] + " " + cid, strategy.allocate("G", cid, mqAll, cidAll).stream()
                .map(mq -> mq.getBrokerName() + "/" + mq.getQueueId()).collect(Collectors.joining(",")));
        }
        return out;
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
                Set<String> rooms = new HashSet<>(List.of("room1", "room2"));
                byRoom.setConsumeridcs(rooms);
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
                config.setMessageQueueList(List.of(mqAll.get(0), mqAll.get(mqAll.size() - 1)));
                return config;
            default:
                throw new IllegalArgumentException("unknown strategy " + name);
        }
    }
}
