package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mqbook.client.consumer.AllocateMessageQueueStrategy;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.ConsumeOrderlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.consumer.listener.MessageListenerOrderly;
import org.mqbook.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.mqbook.client.consumer.rebalance.AllocateMessageQueueAveragelyByCircle;
import org.mqbook.client.impl.consumer.RebalanceService;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * Chapter 7's lab. Run it with {@code mvn test -Dtest=Ch07ConsumerLabTest}; each step prints
 * what it sees (lines starting with {@code [lab]}, in
 * {@code target/surefire-reports/org.mqbook.labs.Ch07ConsumerLabTest-output.txt}).
 * <ol>
 * <li>the guide's example worked out: six queues q1..q6, three consumers c1..c3, both
 *     strategies (no server needed);</li>
 * <li>against real Apache RocketMQ 4.7.1 servers: three consumers join a group one by one and
 *     one leaves; watch the queues move;</li>
 * <li>the same ordered traffic consumed concurrently and orderly, side by side: count the
 *     steps of an order seen out of order.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ch07ConsumerLabTest {
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static ChildProcess namesrv;
    private static ChildProcess broker;
    private static DefaultMQProducer producer;
    private static String previousWaitInterval;
    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        previousWaitInterval = System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, "2000");
        namesrv = Rmq471.startNamesrv();
        broker = Rmq471.startBroker(namesrv.addr(), "broker-a", Map.of());
        producer = new DefaultMQProducer("PG_LAB_CH07");
        producer.setNamesrvAddr(namesrv.addr());
        producer.setInstanceName("lab-ch07-producer");
        producer.setDefaultTopicQueueNums(6); // new topics get six queues: q1..q6
        producer.start();
    }

    @AfterAll
    static void stopServers() {
        if (producer != null) {
            producer.shutdown();
        }
        if (previousWaitInterval == null) {
            System.clearProperty(RebalanceService.WAIT_INTERVAL_PROPERTY);
        } else {
            System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, previousWaitInterval);
        }
        for (ChildProcess p : new ChildProcess[] {broker, namesrv}) {
            if (p != null && p.isAlive()) {
                p.kill9();
            }
        }
    }

    @AfterEach
    void stopConsumers() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        consumers.clear();
    }

    // tag::ch07-lab-allocate[]
    /** q1..q6 and c1..c3 as the guide names them; queue ids 0..5. */
    private static Map<String, List<Integer>> split(
        AllocateMessageQueueStrategy strategy) {
        List<MessageQueue> queues = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queues.add(new MessageQueue("T", "broker-a", i));
        }
        List<String> members = List.of("c1", "c2", "c3");
        Map<String, List<Integer>> result = new TreeMap<>();
        for (String me : members) {
            result.put(me, strategy.allocate("G", me, queues, members)
                .stream().map(q -> q.getQueueId() + 1).toList());
        }
        return result;
    }

    @Test
    @Order(1)
    void theGuidesSixQueuesAndThreeConsumers() {
        Map<String, List<Integer>> avg =
            split(new AllocateMessageQueueAveragely());
        Map<String, List<Integer>> circle =
            split(new AllocateMessageQueueAveragelyByCircle());
        System.out.println("[lab] AVG       " + avg);
        System.out.println("[lab] AVG_BY_CIRCLE " + circle);
        // the guide: c1:{q1,q2}, c2:{q3,q4}, c3:{q5,q6}
        assertEquals(Map.of("c1", List.of(1, 2), "c2", List.of(3, 4),
            "c3", List.of(5, 6)), avg, "AllocateMessageQueueAveragely");
        // the guide: c1:{q1,q4}, c2:{q2,q5}, c3:{q3,q6}
        assertEquals(Map.of("c1", List.of(1, 4), "c2", List.of(2, 5),
            "c3", List.of(3, 6)), circle, "...AveragelyByCircle");
    }
    // end::ch07-lab-allocate[]

    private DefaultMQPushConsumer start(String group, String name, String topic,
                                        MessageListenerConcurrently listener) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv.addr());
        consumer.setInstanceName(name);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        consumer.start();
        consumers.add(consumer);
        return consumer;
    }

    private static Set<Integer> queuesOf(DefaultMQPushConsumer consumer, String topic) {
        Set<Integer> ids = new TreeSet<>();
        consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
            .forEach((mq, pq) -> {
                if (mq.getTopic().equals(topic) && !pq.isDropped()) {
                    ids.add(mq.getQueueId() + 1);
                }
            });
        return ids;
    }

    /** Waits until the members' shares have the given sizes, then prints them. */
    private static void watch(String step, String topic, Map<String, DefaultMQPushConsumer> members,
                              int... sizes) throws Exception {
        long deadline = System.currentTimeMillis() + 30000;
        while (true) {
            Map<String, Set<Integer>> shares = new TreeMap<>();
            members.forEach((name, c) -> shares.put(name, queuesOf(c, topic)));
            List<Integer> actual = shares.values().stream().map(Set::size).toList();
            List<Integer> wanted = java.util.Arrays.stream(sizes).boxed().toList();
            Set<Integer> union = new TreeSet<>();
            shares.values().forEach(union::addAll);
            if (actual.equals(wanted) && union.size() == 6) {
                System.out.println("[lab] " + step + ": " + shares);
                return;
            }
            assertTrue(System.currentTimeMillis() < deadline, step + ": still " + shares);
            Thread.sleep(100);
        }
    }

    @Test
    @Order(2)
    void threeConsumersJoinOneLeavesAndTheQueuesMove() throws Exception {
        String topic = "LabMembers_" + RUN;
        String group = "CG_LAB_MEMBERS_" + RUN;
        producer.send(new Message(topic, "TagA", "create".getBytes(StandardCharsets.UTF_8)));
        MessageListenerConcurrently ok = (msgs, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        Map<String, DefaultMQPushConsumer> members = new TreeMap<>();
        members.put("c1", start(group, "lab-c1", topic, ok));
        watch("c1 alone", topic, members, 6);
        members.put("c2", start(group, "lab-c2", topic, ok));
        watch("c2 joined", topic, members, 3, 3);
        members.put("c3", start(group, "lab-c3", topic, ok));
        watch("c3 joined", topic, members, 2, 2, 2);
        DefaultMQPushConsumer c2 = members.remove("c2");
        c2.shutdown();
        consumers.remove(c2);
        watch("c2 left", topic, members, 3, 3);
    }

    @Test
    @Order(3)
    void orderlyAndConcurrentSideBySide() throws Exception {
        String topic = "LabOrder_" + RUN;
        int orders = 6;
        int steps = 20;
        for (int step = 0; step < steps; step++) {
            for (int order = 0; order < orders; order++) {
                Message msg = new Message(topic, "TagA", "order-" + order,
                    (order + ":" + step).getBytes(StandardCharsets.UTF_8));
                producer.send(msg, (mqs, m, arg) -> mqs.get((Integer) arg % mqs.size()), order);
            }
        }
        Map<String, List<Integer>> concurrentSeen = new ConcurrentHashMap<>();
        Map<String, List<Integer>> orderlySeen = new ConcurrentHashMap<>();
        DefaultMQPushConsumer concurrent = new DefaultMQPushConsumer("CG_LAB_CONCURRENT_" + RUN);
        DefaultMQPushConsumer orderly = new DefaultMQPushConsumer("CG_LAB_ORDERLY_" + RUN);
        for (DefaultMQPushConsumer c : List.of(concurrent, orderly)) {
            c.setNamesrvAddr(namesrv.addr());
            c.setInstanceName(c.getConsumerGroup());
            c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            c.setConsumeThreadMin(8);
            c.setConsumeThreadMax(8);
            c.subscribe(topic, "*");
            consumers.add(c);
        }
        concurrent.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            record(concurrentSeen, msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        orderly.registerMessageListener((MessageListenerOrderly) (msgs, context) -> {
            record(orderlySeen, msgs);
            return ConsumeOrderlyStatus.SUCCESS;
        });
        concurrent.start();
        orderly.start();
        long deadline = System.currentTimeMillis() + 40000;
        while (count(concurrentSeen) < orders * steps || count(orderlySeen) < orders * steps) {
            assertTrue(System.currentTimeMillis() < deadline, "expected " + orders * steps
                + " messages in each group within 40 s; concurrent got " + count(concurrentSeen)
                + ", orderly " + count(orderlySeen) + " (see ConsumeMessage*Service)");
            Thread.sleep(100);
        }
        int concurrentInversions = inversions(concurrentSeen);
        int orderlyInversions = inversions(orderlySeen);
        System.out.println("[lab] concurrent: steps seen out of order " + concurrentInversions);
        System.out.println("[lab] orderly:    steps seen out of order " + orderlyInversions);
        assertEquals(0, orderlyInversions, "orderly consumption keeps each order's steps in order:"
            + " the queue lock (ConsumeMessageOrderlyService) failed somewhere");
    }

    private static void record(Map<String, List<Integer>> seen, List<MessageExt> msgs) {
        for (MessageExt m : msgs) {
            String[] body = new String(m.getBody(), StandardCharsets.UTF_8).split(":");
            seen.computeIfAbsent(body[0], k -> new CopyOnWriteArrayList<>())
                .add(Integer.parseInt(body[1]));
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 4)); // some work
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(Map<String, List<Integer>> seen) {
        return seen.values().stream().mapToInt(List::size).sum();
    }

    /** Steps that arrived after a later step of the same order. */
    private static int inversions(Map<String, List<Integer>> seen) {
        int inversions = 0;
        Map<String, Integer> highest = new HashMap<>();
        for (Map.Entry<String, List<Integer>> e : seen.entrySet()) {
            for (int step : e.getValue()) {
                if (step < highest.getOrDefault(e.getKey(), -1)) {
                    inversions++;
                }
                highest.merge(e.getKey(), step, Math::max);
            }
        }
        return inversions;
    }
}
