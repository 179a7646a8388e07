package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.impl.consumer.ProcessQueue;
import org.mqbook.client.impl.consumer.RebalanceService;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;

/**
 * Group membership and flow control against the NameServer and broker of a
 * {@link ServerPair.Kind} (the real 4.7.1 servers or mqbook's own). While the official 4.7.1
 * producer sends at a steady pace, members join and one leaves; the history checker then finds
 * every message delivered at least once (duplicates are counted, not forbidden: a queue that
 * moves may be re-read from the last committed offset). A slow listener makes the consumer stop
 * pulling at pullThresholdForQueue and carry on once the listener caught up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsumerRebalanceScenarios {
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final Duration WAIT = Duration.ofSeconds(40);
    private final ServerPair.Kind kind;
    private ServerPair servers;
    private String previousWaitInterval;
    private final List<DefaultMQPushConsumer> running = new ArrayList<>();

    ConsumerRebalanceScenarios(ServerPair.Kind kind) {
        this.kind = kind;
    }

    @BeforeAll
    void startServers() {
        previousWaitInterval = System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, "2000");
        servers = ServerPair.start(kind, "rebalance", Map.of());
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
        running.forEach(DefaultMQPushConsumer::shutdown);
        running.clear();
    }

    private DefaultMQPushConsumer member(String group, String name, String topic,
                                         ConsumerHistory history) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(servers.namesrvAddr());
        consumer.setInstanceName(name);
        consumer.setPollNameServerInterval(1000);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            history.delivered(name, msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        running.add(consumer);
        return consumer;
    }

    private static Set<MessageQueue> owned(DefaultMQPushConsumer consumer, String topic) {
        Set<MessageQueue> mqs = new HashSet<>();
        consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
            .forEach((mq, pq) -> {
                if (mq.getTopic().equals(topic) && !pq.isDropped()) {
                    mqs.add(mq);
                }
            });
        return mqs;
    }

    @Test
    void membersJoinAndLeaveUnderTrafficAndNoMessageIsLost() throws Exception {
        String topic = "Ch07Members_" + RUN;
        String group = "CG_MEMBERS_" + RUN;
        ConsumerHistory history = new ConsumerHistory();
        // the topic exists before anyone subscribes: a member that starts earlier knows no
        // broker to send its heartbeat to until the next 30 s round (as in 4.7.1)
        history.sent(ConsumerFeed.send(servers.namesrvAddr(), topic, "sync:1"));
        CompletableFuture<List<ConsumerFeed.Sent>> feed = CompletableFuture.supplyAsync(
            () -> ConsumerFeed.send(servers.namesrvAddr(), topic, "paced:400:15"));
        DefaultMQPushConsumer c1 = member(group, "m1-" + RUN, topic, history);
        ConsumerPushScenarios.await(WAIT, () -> history.deliveries().size() >= 30, "c1 consumes");
        DefaultMQPushConsumer c2 = member(group, "m2-" + RUN, topic, history);
        ConsumerPushScenarios.await(WAIT, () -> owned(c2, topic).size() == 2, "c2 owns half");
        DefaultMQPushConsumer c3 = member(group, "m3-" + RUN, topic, history);
        ConsumerPushScenarios.await(WAIT, () -> owned(c3, topic).size() == 1, "c3 owns one");
        c1.shutdown();
        running.remove(c1);
        history.sent(feed.get(90, TimeUnit.SECONDS));
        ConsumerPushScenarios.await(WAIT, history::allDelivered, "all delivered: " + history.check());
        Thread.sleep(1000);
        ConsumerHistory.Report report = history.check();
        System.out.println("join/leave history: " + report);
        assertTrue(report.noneLost(), report.toString());
        assertEquals(401, report.sent());
        // the two remaining members split the four queues between them
        ConsumerPushScenarios.await(WAIT, () -> owned(c2, topic).size() == 2
            && owned(c3, topic).size() == 2, "c2 and c3 own two queues each");
        Set<MessageQueue> union = new HashSet<>(owned(c2, topic));
        union.addAll(owned(c3, topic));
        assertEquals(4, union.size(), "disjoint and complete: " + owned(c2, topic) + owned(c3, topic));
        history.byConsumer().forEach((name, list) ->
            System.out.println("join/leave: " + name + " consumed " + list.size()));
    }

    @Test
    void aSlowListenerStopsPullingAtTheQueueThresholdAndResumesAfter() throws Exception {
        String topic = "Ch07Flow_" + RUN;
        List<ConsumerFeed.Sent> sent = ConsumerFeed.send(servers.namesrvAddr(), topic, "async:120");
        ConsumerHistory history = new ConsumerHistory();
        history.sent(sent);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("CG_FLOW_" + RUN);
        consumer.setNamesrvAddr(servers.namesrvAddr());
        consumer.setInstanceName("flow-" + RUN);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPullThresholdForQueue(5);
        consumer.setPullBatchSize(4);
        consumer.setConsumeThreadMin(1);
        consumer.setConsumeThreadMax(1);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            history.delivered("flow", msgs);
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        AtomicLong maxInFlight = new AtomicLong();
        Map<MessageQueue, ProcessQueue> table =
            consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> table.values().forEach(
            pq -> maxInFlight.accumulateAndGet(pq.getMsgCount(), Math::max)), 0, 2, TimeUnit.MILLISECONDS);
        try {
            consumer.start();
            running.add(consumer);
            ConsumerPushScenarios.await(WAIT, history::allDelivered, "all delivered: " + history.check());
        } finally {
            sampler.shutdownNow();
        }
        long flowControlled = consumer.getDefaultMQPushConsumerImpl().getQueueFlowControlTimes();
        // a pull starts only while a queue holds at most 5; it may bring 4 more
        assertTrue(maxInFlight.get() <= 5 + 4, "max in flight " + maxInFlight.get());
        assertTrue(maxInFlight.get() > 5, "the threshold was reached: " + maxInFlight.get());
        assertTrue(flowControlled > 0, "pulls postponed by flow control: " + flowControlled);
        assertTrue(history.check().exactlyOnce(), history.check().toString());
    }
}
