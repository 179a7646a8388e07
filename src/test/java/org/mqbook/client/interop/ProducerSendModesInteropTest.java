package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mqbook.client.impl.producer.TopicPublishInfo;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendCallback;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.client.producer.selector.SelectMessageQueueByHash;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageId;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * mqbook's producer against a real Apache RocketMQ 4.7.1 NameServer and broker, every send mode:
 * sync to a new topic (auto-created through TBW102), async, oneway, to a chosen queue, ordered
 * with a selector, batch, a delay level, a body compressed over 4 KiB. Each test sends to its
 * own topic and records what it sent; the last test runs the official 4.7.1 push consumer over
 * all topics and compares, message by message, what it received.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProducerSendModesInteropTest {
    private static final String BROKER = "broker-a";
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static ChildProcess namesrv;
    private static ChildProcess broker;
    private static DefaultMQProducer producer;
    /** msgId -> what was sent, in send order. */
    private static final Map<String, Sent> SENT = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> ORDERS = new LinkedHashMap<>();

    /** One message as sent; {@code queueId} -1 when the test does not know it. */
    record Sent(String topic, String tags, String keys, byte[] body, int queueId, int delayLevel) {
    }

    @BeforeAll
    static void startServersAndProducer() throws Exception {
        namesrv = Rmq471.startNamesrv();
        broker = Rmq471.startBroker(namesrv.addr(), BROKER, Map.of());
        producer = new DefaultMQProducer("PG_MODES_" + RUN);
        producer.setNamesrvAddr(namesrv.addr());
        producer.setInstanceName("modes-" + RUN);
        producer.start();
    }

    @AfterAll
    static void stopAll() {
        if (producer != null) {
            producer.shutdown();
        }
        if (broker != null) {
            broker.kill9();
        }
        if (namesrv != null) {
            namesrv.kill9();
        }
    }

    private static String topic(String mode) {
        return "Ch05" + mode + "_" + RUN;
    }

    private static Message message(String topic, int i) {
        Message msg = new Message(topic, "Tag" + (i % 2), "key-" + i,
            (topic + " body " + i).getBytes(StandardCharsets.UTF_8));
        return msg;
    }

    private static void record(Message msg, String msgId, int queueId) {
        SENT.put(msgId, new Sent(msg.getTopic(), msg.getTags(), msg.getKeys(), msg.getBody(), queueId,
            msg.getDelayTimeLevel()));
    }

    @Test
    @Order(1)
    void syncSendToANewTopicBorrowsTbw102AndReturnsBothIds() throws Exception {
        String topic = topic("Sync");
        for (int i = 0; i < 4; i++) {
            Message msg = message(topic, i);
            SendResult result = producer.send(msg);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus(), result.toString());
            // msgId is the client's UNIQ_KEY, offsetMsgId the broker's store address + offset.
            assertEquals(msg.getProperty("UNIQ_KEY"), result.getMsgId());
            assertTrue(result.getMsgId().matches("[0-9A-F]{32}|[0-9A-F]{56}"), result.getMsgId());
            MessageId stored = MessageDecoder.decodeMessageId(result.getOffsetMsgId());
            assertEquals("127.0.0.1:" + broker.port(), stored.getAddress().toString().replace("/", ""));
            assertEquals(BROKER, result.getMessageQueue().getBrokerName());
            assertTrue(result.getMessageQueue().getQueueId() < 4, result.toString());
            assertEquals("DefaultRegion", result.getRegionId());
            record(msg, result.getMsgId(), result.getMessageQueue().getQueueId());
        }
        TopicPublishInfo info = producer.getDefaultMQProducerImpl().getTopicPublishInfoTable().get(topic);
        assertNotNull(info, "route cached after the first send");
        assertEquals(4, info.getMessageQueueList().size(), "min(defaultTopicQueueNums 4, TBW102's 8)");
        TopicRouteData route = producer.getDefaultMQProducerImpl().getmQClientFactory()
            .getTopicRouteTable().get(topic);
        assertEquals(7, route.getQueueDatas().get(0).getPerm(), "borrowed from TBW102 (perm 7)");
    }

    @Test
    @Order(2)
    void asyncSendsCallBackOncePerMessage() throws Exception {
        String topic = topic("Async");
        int n = 6;
        CountDownLatch done = new CountDownLatch(n);
        Map<Message, SendResult> results = new ConcurrentHashMap<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Message msg = message(topic, i);
            producer.send(msg, new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    results.put(msg, sendResult);
                    done.countDown();
                }

                @Override
                public void onException(Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(15, TimeUnit.SECONDS), "callbacks missing");
        assertEquals(List.of(), failures);
        assertEquals(n, results.size());
        results.forEach((msg, r) -> {
            assertEquals(SendStatus.SEND_OK, r.getSendStatus());
            assertEquals(msg.getProperty("UNIQ_KEY"), r.getMsgId());
            record(msg, r.getMsgId(), r.getMessageQueue().getQueueId());
        });
    }

    @Test
    @Order(3)
    void onewaySendsReturnNothingButArrive() throws Exception {
        String topic = topic("Oneway");
        for (int i = 0; i < 3; i++) {
            Message msg = message(topic, i);
            producer.sendOneway(msg);
            String id = msg.getProperty("UNIQ_KEY");
            assertNotNull(id, "the kernel gave the message its id");
            record(msg, id, -1);
        }
    }

    @Test
    @Order(4)
    void sendToAChosenQueueLandsThere() throws Exception {
        String topic = topic("Queue");
        for (int i = 0; i < 3; i++) {
            Message msg = message(topic, i);
            SendResult r = producer.send(msg, new MessageQueue(topic, BROKER, 2));
            assertEquals(2, r.getMessageQueue().getQueueId());
            assertEquals(i, r.getQueueOffset(), "one queue, consecutive offsets");
            record(msg, r.getMsgId(), 2);
        }
    }

    @Test
    @Order(5)
    void selectorKeepsEachOrderInOneQueue() throws Exception {
        String topic = topic("Order");
        Map<Integer, Integer> queueOfOrder = new HashMap<>();
        for (int step = 0; step < 4; step++) {
            for (int order = 0; order < 3; order++) {
                Message msg = new Message(topic, "TagOrd", "order-" + order,
                    ("order " + order + " step " + step).getBytes(StandardCharsets.UTF_8));
                SendResult r = producer.send(msg, new SelectMessageQueueByHash(), order);
                int queueId = r.getMessageQueue().getQueueId();
                assertEquals(queueOfOrder.computeIfAbsent(order, o -> queueId), queueId,
                    "order " + order + " changed queue");
                ORDERS.computeIfAbsent("order-" + order, k -> new ArrayList<>()).add(r.getMsgId());
                record(msg, r.getMsgId(), queueId);
            }
        }
        assertEquals(Math.floorMod(Integer.valueOf(2).hashCode(), 4), queueOfOrder.get(2));
    }

    @Test
    @Order(6)
    void batchIsOneRequestWithOneIdPerMessage() throws Exception {
        String topic = topic("Batch");
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(message(topic, i));
        }
        SendResult r = producer.send((Collection<Message>) batch);
        assertEquals(SendStatus.SEND_OK, r.getSendStatus());
        String[] ids = r.getMsgId().split(",");
        String[] offsetIds = r.getOffsetMsgId().split(",");
        assertEquals(3, ids.length, r.getMsgId());
        assertEquals(3, offsetIds.length, r.getOffsetMsgId());
        for (int i = 0; i < 3; i++) {
            assertEquals(batch.get(i).getProperty("UNIQ_KEY"), ids[i]);
            record(batch.get(i), ids[i], r.getMessageQueue().getQueueId());
        }
        long first = MessageDecoder.decodeMessageId(offsetIds[0]).getOffset();
        long second = MessageDecoder.decodeMessageId(offsetIds[1]).getOffset();
        assertTrue(second > first, "stored one after the other");
    }

    @Test
    @Order(7)
    void delayLevelTravelsAsProperty() throws Exception {
        String topic = topic("Delay");
        Message msg = message(topic, 0);
        msg.setDelayTimeLevel(1);
        SendResult r = producer.send(msg);
        assertEquals(SendStatus.SEND_OK, r.getSendStatus());
        record(msg, r.getMsgId(), -1);
    }

    @Test
    @Order(8)
    void largeBodyIsCompressedOnTheWireAndRestoredForTheCaller() throws Exception {
        String topic = topic("Zip");
        byte[] body = "compress me, I am long. ".repeat(250).getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length >= 4096, "over compressMsgBodyOverHowmuch");
        Message msg = new Message(topic, "TagZ", "zip", body);
        SendResult r = producer.send(msg);
        assertEquals(SendStatus.SEND_OK, r.getSendStatus());
        assertArrayEquals(body, msg.getBody(), "the caller's message keeps its original body");
        record(msg, r.getMsgId(), r.getMessageQueue().getQueueId());
    }

    @Test
    @Order(99)
    void theOfficialConsumerReceivesEverythingAsSent() {
        List<String> topics = List.of("Sync", "Async", "Oneway", "Queue", "Order", "Batch", "Delay",
            "Zip").stream().map(ProducerSendModesInteropTest::topic).toList();
        OfficialConsumer.Run run = OfficialConsumer.consume(namesrv.addr(), SENT.size(),
            Duration.ofSeconds(40), Duration.ofMillis(1500), false, topics.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.output());
        Map<String, OfficialConsumer.Consumed> byId = new HashMap<>();
        for (OfficialConsumer.Consumed c : run.messages()) {
            assertNull(byId.put(c.msgId(), c), "delivered twice: " + c.msgId());
        }
        assertEquals(SENT.keySet(), byId.keySet(), "exactly what was sent");
        SENT.forEach((id, sent) -> {
            OfficialConsumer.Consumed got = byId.get(id);
            assertEquals(sent.topic(), got.topic(), id);
            assertEquals(sent.tags(), got.tags(), id);
            assertEquals(sent.keys(), got.keys(), id);
            assertArrayEquals(sent.body(), got.body(), id);
            assertEquals(BROKER, got.brokerName(), id);
            if (sent.queueId() >= 0) {
                assertEquals(sent.queueId(), got.queueId(), id);
            }
        });
        OfficialConsumer.Consumed zipped = run.messages().stream()
            .filter(c -> c.topic().equals(topic("Zip"))).findFirst().orElseThrow();
        assertEquals(1, zipped.sysFlag() & 1, "stored compressed (sysFlag bit 0)");
        OfficialConsumer.Consumed delayed = run.messages().stream()
            .filter(c -> c.topic().equals(topic("Delay"))).findFirst().orElseThrow();
        assertEquals("1", delayed.properties().get("DELAY"));
        assertTrue(delayed.storeTimestamp() - delayed.bornTimestamp() >= 900,
            "level 1 = 1 s later: born " + delayed.bornTimestamp() + " stored "
                + delayed.storeTimestamp());
        ORDERS.forEach((order, ids) -> {
            List<Long> offsets = ids.stream().map(id -> byId.get(id).queueOffset()).toList();
            List<Long> sorted = new ArrayList<>(offsets);
            sorted.sort(null);
            assertEquals(sorted, offsets, order + " kept its order in the queue");
        });
    }
}
