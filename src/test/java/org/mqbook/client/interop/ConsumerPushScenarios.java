package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.ConsumeOrderlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.consumer.listener.MessageListenerOrderly;
import org.mqbook.client.consumer.store.LocalFileOffsetStore;
import org.mqbook.client.impl.consumer.RebalanceService;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.MessageModel;

/**
 * mqbook's push consumer, fed by the official 4.7.1 producer in every send mode, against the
 * NameServer and broker of a {@link ServerPair.Kind} (a subclass picks the real 4.7.1 servers or
 * mqbook's own): clustering consumes each message exactly once, RECONSUME_LATER brings a message
 * back through %RETRY%group with reconsumeTimes 1, clustering offsets survive a restart of the
 * consumer and a clean restart of the broker, broadcasting delivers everything to every member
 * and keeps its offsets in the local file, and the orderly listener sees each queue in order.
 * The broker's delay levels are all lowered to 1 s so delayed and retried messages come back
 * quickly; rebalancing runs every 2 s. One server pair serves every scenario of a class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsumerPushScenarios {
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final Duration WAIT = Duration.ofSeconds(40);
    private final ServerPair.Kind kind;
    private ServerPair servers;
    private String previousWaitInterval;
    private final List<DefaultMQPushConsumer> started = new ArrayList<>();

    ConsumerPushScenarios(ServerPair.Kind kind) {
        this.kind = kind;
    }

    @BeforeAll
    void startServers() {
        previousWaitInterval = System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, "2000");
        servers = ServerPair.start(kind, "push", Map.of("messageDelayLevel",
            "1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s"));
    }

    @AfterAll
    void stopServers() {
        if (previousWaitInterval == null) {
            System.clearProperty(RebalanceService.WAIT_INTERVAL_PROPERTY);
        } else {
            System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, previousWaitInterval);
        }
        if (servers != null) {
            servers.close();
        }
    }

    @AfterEach
    void stopConsumers() {
        started.forEach(DefaultMQPushConsumer::shutdown);
        started.clear();
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private DefaultMQPushConsumer consumer(String group, String instance) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(servers.namesrvAddr());
        consumer.setInstanceName(instance);
        consumer.setPollNameServerInterval(1000);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        return consumer;
    }

    private DefaultMQPushConsumer concurrent(String group, String instance, String topic,
                                             ConsumerHistory history) throws Exception {
        DefaultMQPushConsumer consumer = consumer(group, instance);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            history.delivered(instance, msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        started.add(consumer);
        return consumer;
    }

    @Test
    void clusteringConsumesEverySendModeOfThe471ProducerExactlyOnce() throws Exception {
        String topic = "Ch07Modes_" + RUN;
        List<ConsumerFeed.Sent> sent = ConsumerFeed.send(servers.namesrvAddr(), topic, "sync:6",
            "async:6", "oneway:4", "ordered:6", "batch:4", "delay:3", "tx:3");
        assertEquals(32, sent.size());
        ConsumerHistory history = new ConsumerHistory();
        history.sent(sent);
        concurrent("CG_MODES_" + RUN, "modes-" + RUN, topic, history);
        await(WAIT, history::allDelivered, "every message delivered: " + history.check());
        Thread.sleep(2000); // a late duplicate would show up here
        ConsumerHistory.Report report = history.check();
        assertTrue(report.exactlyOnce(), report.toString());
        Map<String, ConsumerFeed.Sent> byId = ConsumerFeed.byMsgId(sent);
        for (ConsumerHistory.Delivery d : history.deliveries()) {
            ConsumerFeed.Sent s = byId.get(d.msgId());
            assertEquals(topic, d.topic());
            assertEquals(s.key(), d.key(), "keys of " + s);
            assertEquals(s.tags(), d.tags(), "tags of " + s);
            assertEquals(topic + " " + s.key(), d.body(), "body of " + s);
            if (s.queueId() >= 0) {
                assertEquals(s.queueId(), d.queueId(), "queue of " + s);
            }
            assertEquals(0, d.reconsumeTimes());
        }
    }

    @Test
    void reconsumeLaterBringsTheMessageBackThroughTheRetryTopic() throws Exception {
        String topic = "Ch07Retry_" + RUN;
        List<ConsumerFeed.Sent> sent = ConsumerFeed.send(servers.namesrvAddr(), topic, "sync:4");
        ConsumerHistory history = new ConsumerHistory();
        history.sent(sent);
        Map<String, String> retryTopicProperty = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = consumer("CG_RETRY_" + RUN, "retry-" + RUN);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            history.delivered("retry", msgs);
            if (msgs.get(0).getReconsumeTimes() == 0) {
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
            retryTopicProperty.put(msgs.get(0).getMsgId(), msgs.get(0).getProperty("RETRY_TOPIC"));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        started.add(consumer);
        await(WAIT, () -> retryTopicProperty.size() == sent.size(),
            "every message retried once: " + history.deliveries());
        Thread.sleep(1000);
        Map<String, List<ConsumerHistory.Delivery>> byId = new HashMap<>();
        history.deliveries().forEach(d -> byId.computeIfAbsent(d.msgId(), k -> new ArrayList<>()).add(d));
        for (ConsumerFeed.Sent s : sent) {
            List<ConsumerHistory.Delivery> ds = byId.get(s.msgId());
            assertEquals(2, ds.size(), "first delivery and one retry of " + s + ": " + ds);
            assertEquals(0, ds.get(0).reconsumeTimes());
            assertEquals(1, ds.get(1).reconsumeTimes());
            // the retry was pulled from %RETRY%group but shows the original topic and body
            assertEquals(topic, ds.get(1).topic());
            assertEquals(ds.get(0).body(), ds.get(1).body());
            assertEquals(topic, retryTopicProperty.get(s.msgId()));
        }
    }

    @Test
    void clusteringOffsetsSurviveARestartOnTheBroker() throws Exception {
        String topic = "Ch07Restart_" + RUN;
        String group = "CG_RESTART_" + RUN;
        ConsumerHistory first = new ConsumerHistory();
        first.sent(ConsumerFeed.send(servers.namesrvAddr(), topic, "sync:6"));
        DefaultMQPushConsumer a = concurrent(group, "restart-a-" + RUN, topic, first);
        await(WAIT, first::allDelivered, "first run: " + first.check());
        a.shutdown();
        started.remove(a);

        ConsumerHistory second = new ConsumerHistory();
        second.sent(ConsumerFeed.send(servers.namesrvAddr(), topic, "sync:4"));
        // CONSUME_FROM_FIRST_OFFSET would start at 0 if the broker had no offsets for the group
        concurrent(group, "restart-b-" + RUN, topic, second);
        await(WAIT, second::allDelivered, "second run: " + second.check());
        Thread.sleep(1500);
        ConsumerHistory.Report report = second.check();
        assertTrue(report.exactlyOnce(), "only the new messages after the restart: " + report);
    }

    @Test
    void clusteringOffsetsSurviveACleanRestartOfTheBroker() throws Exception {
        String topic = "Ch07BrokerRestart_" + RUN;
        String group = "CG_BROKER_RESTART_" + RUN;
        ConsumerHistory first = new ConsumerHistory();
        first.sent(ConsumerFeed.send(servers.namesrvAddr(), topic, "sync:6"));
        DefaultMQPushConsumer a = concurrent(group, "brestart-a-" + RUN, topic, first);
        await(WAIT, first::allDelivered, "before the broker restart: " + first.check());
        a.shutdown(); // hands its offsets to the broker, which holds them in memory
        started.remove(a);
        // a clean stop writes consumerOffset.json: only the file reaches the new broker
        servers.restartBroker();

        ConsumerHistory second = new ConsumerHistory();
        second.sent(ConsumerFeed.send(servers.namesrvAddr(), topic, "sync:4"));
        concurrent(group, "brestart-b-" + RUN, topic, second);
        await(WAIT, second::allDelivered, "after the broker restart: " + second.check());
        Thread.sleep(1500);
        ConsumerHistory.Report report = second.check();
        assertTrue(report.exactlyOnce(), "the first six were not read again: " + report);
    }

    @Test
    void broadcastingDeliversToEveryMemberAndKeepsOffsetsInALocalFile(@TempDir Path dir)
        throws Exception {
        String before = System.setProperty(LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR_PROPERTY,
            dir.toString());
        try {
            String topic = "Ch07Broadcast_" + RUN;
            String group = "CG_BROADCAST_" + RUN;
            List<ConsumerFeed.Sent> sent = ConsumerFeed.send(servers.namesrvAddr(), topic, "sync:5");
            ConsumerHistory history = new ConsumerHistory();
            history.sent(sent);
            DefaultMQPushConsumer one = broadcasting(group, "bc-1-" + RUN, topic, history);
            DefaultMQPushConsumer two = broadcasting(group, "bc-2-" + RUN, topic, history);
            Set<String> ids = ConsumerFeed.byMsgId(sent).keySet();
            await(WAIT, () -> received(history, "bc-1-" + RUN).containsAll(ids)
                && received(history, "bc-2-" + RUN).containsAll(ids), "both members got all");
            Thread.sleep(1000);
            assertEquals(2 * sent.size(), history.deliveries().size(), "each member once each");
            for (DefaultMQPushConsumer c : List.of(one, two)) {
                c.shutdown();
                started.remove(c);
                Path file = dir.resolve(c.buildMQClientId()).resolve(group).resolve("offsets.json");
                assertTrue(Files.isRegularFile(file), file + " written at shutdown");
                assertTrue(Files.readString(file).contains(topic), Files.readString(file));
            }
            ConsumerHistory later = new ConsumerHistory();
            later.sent(ConsumerFeed.send(servers.namesrvAddr(), topic, "sync:3"));
            broadcasting(group, "bc-1-" + RUN, topic, later);
            await(WAIT, later::allDelivered, "after the restart: " + later.check());
            Thread.sleep(1500);
            assertTrue(later.check().exactlyOnce(), "only the new ones: " + later.check());
        } finally {
            if (before == null) {
                System.clearProperty(LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR_PROPERTY);
            } else {
                System.setProperty(LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR_PROPERTY, before);
            }
        }
    }

    private static Set<String> received(ConsumerHistory history, String consumer) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        history.deliveries().stream().filter(d -> d.consumer().equals(consumer))
            .forEach(d -> ids.add(d.msgId()));
        return ids;
    }

    private DefaultMQPushConsumer broadcasting(String group, String instance, String topic,
                                               ConsumerHistory history) throws Exception {
        DefaultMQPushConsumer consumer = consumer(group, instance);
        consumer.setMessageModel(MessageModel.BROADCASTING);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            history.delivered(instance, msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        started.add(consumer);
        return consumer;
    }

    @Test
    void theOrderlyListenerSeesEachQueueInOrderOneThreadAtATime() throws Exception {
        String topic = "Ch07Orderly_" + RUN;
        List<ConsumerFeed.Sent> sent = ConsumerFeed.send(servers.namesrvAddr(), topic, "ordered:30");
        ConsumerHistory history = new ConsumerHistory();
        history.sent(sent);
        Map<Integer, AtomicInteger> inListener = new ConcurrentHashMap<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = consumer("CG_ORDERLY_" + RUN, "orderly-" + RUN);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (msgs, context) -> {
            int queueId = context.getMessageQueue().getQueueId();
            AtomicInteger busy = inListener.computeIfAbsent(queueId, k -> new AtomicInteger());
            if (busy.incrementAndGet() > 1) {
                overlaps.add("queue " + queueId + " consumed by two threads at once");
            }
            history.delivered("orderly", msgs);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            busy.decrementAndGet();
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
        started.add(consumer);
        await(WAIT, history::allDelivered, "orderly: " + history.check());
        assertTrue(overlaps.isEmpty(), overlaps.toString());
        assertTrue(history.check().exactlyOnce(), history.check().toString());
        Map<Integer, List<Long>> offsets = new HashMap<>();
        Map<String, List<Integer>> sequences = new HashMap<>();
        for (ConsumerHistory.Delivery d : history.deliveries()) {
            offsets.computeIfAbsent(d.queueId(), k -> new ArrayList<>()).add(d.queueOffset());
            String[] key = d.key().split("-"); // ordered-ORDER-SEQ
            sequences.computeIfAbsent(key[1], k -> new ArrayList<>()).add(Integer.parseInt(key[2]));
        }
        offsets.forEach((q, list) -> assertEquals(list.stream().sorted().toList(), list,
            "queue " + q + " in offset order"));
        sequences.forEach((order, list) -> assertEquals(list.stream().sorted().toList(), list,
            "order " + order + " in sequence"));
        assertEquals(3, sequences.size());
        // the broker granted this member the lock of every queue it consumes
        consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
            .forEach((mq, pq) -> assertTrue(pq.isLocked(), mq + " locked"));
        assertFalse(consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl()
            .getProcessQueueTable().isEmpty());
    }
}
