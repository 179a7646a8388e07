package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.BrokerTestSupport;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.ConsumeOrderlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.consumer.listener.MessageListenerOrderly;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.LocalTransactionState;
import org.mqbook.client.producer.SendCallback;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.client.producer.TransactionListener;
import org.mqbook.client.producer.TransactionMQProducer;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.namesrv.NamesrvController;

/**
 * mqbook's own producer and push consumers against mqbook's own NameServer and broker (all
 * in-process on 127.0.0.1): every send mode is consumed exactly once, ordered sends keep per-key
 * order under the orderly listener, a delayed message waits its level, a transaction commits,
 * rolls back and is resolved by a check-back, and RECONSUME_LATER brings a message back with
 * reconsumeTimes 1. The same flows run against the real 4.7.1 servers in the client's interop
 * tests; here both ends are ours.
 */
class MqbookClientsOnMqbookServersTest {

    private static final String TOPIC = "MqTopic";
    private static final String ORDER_TOPIC = "MqOrder";
    private static final String RETRY_TOPIC = "MqRetry";
    private static NamesrvController namesrv;
    private static BrokerController broker;
    private static DefaultMQProducer producer;
    private static TransactionMQProducer txProducer;
    private static final List<DefaultMQPushConsumer> consumers = new ArrayList<>();
    private static final Map<String, List<MessageExt>> received = new ConcurrentHashMap<>();
    private static final List<String> ordered = new CopyOnWriteArrayList<>();
    private static final List<MessageExt> retried = new CopyOnWriteArrayList<>();
    private static final List<String> expected = new ArrayList<>();

    @BeforeAll
    static void startAndSend() throws Exception {
        Path dir = BrokerTestSupport.freshDir("mqbook-clients");
        namesrv = BrokerTestSupport.startNamesrv(dir);
        String ns = namesrv.localAddress();
        broker = BrokerTestSupport.newBroker(dir.resolve("store"), "broker-mq", ns);
        broker.getMessageStoreConfig()
            .setMessageDelayLevel("1s 1s 2s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s");
        broker.getBrokerConfig().setTransactionCheckInterval(1000);
        broker.getBrokerConfig().setTransactionTimeOut(500);
        BrokerTestSupport.start(broker);

        producer = new DefaultMQProducer("PG_MQ");
        producer.setNamesrvAddr(ns);
        producer.setInstanceName("mq-producer");
        producer.start();
        for (int i = 0; i < 5; i++) {
            expected.add(sendSync(message(TOPIC, "sync-" + i)));
        }
        CountDownLatch async = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            Message m = message(TOPIC, "async-" + i);
            expected.add(m.getKeys());
            producer.send(m, new SendCallback() {
                @Override
                public void onSuccess(SendResult r) {
                    async.countDown();
                }

                @Override
                public void onException(Throwable e) {
                    throw new AssertionError("async send failed", e);
                }
            });
        }
        assertTrue(async.await(10, TimeUnit.SECONDS), "async sends were not acknowledged");
        for (int i = 0; i < 5; i++) {
            Message m = message(TOPIC, "oneway-" + i);
            expected.add(m.getKeys());
            producer.sendOneway(m);
        }
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message m = message(TOPIC, "batch-" + i);
            expected.add(m.getKeys());
            batch.add(m);
        }
        assertEquals(SendStatus.SEND_OK, producer.send(batch).getSendStatus());
        Message delayed = message(TOPIC, "delay-0");
        delayed.setDelayTimeLevel(1);
        expected.add(sendSync(delayed));
        for (int seq = 0; seq < 5; seq++) {
            for (int key = 0; key < 3; key++) {
                Message m = new Message(ORDER_TOPIC, "TagO", "k" + key,
                    ("k" + key + "-" + seq).getBytes(StandardCharsets.UTF_8));
                producer.send(m, (mqs, msg, arg) -> mqs.get((Integer) arg % mqs.size()), key);
            }
        }
        producer.send(message(RETRY_TOPIC, "retry-0"));

        txProducer = new TransactionMQProducer("PG_MQ_TX");
        txProducer.setNamesrvAddr(ns);
        txProducer.setInstanceName("mq-tx-producer");
        txProducer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return (LocalTransactionState) arg;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        txProducer.start();
        txProducer.sendMessageInTransaction(message(TOPIC, "tx-commit"),
            LocalTransactionState.COMMIT_MESSAGE);
        txProducer.sendMessageInTransaction(message(TOPIC, "tx-rollback"),
            LocalTransactionState.ROLLBACK_MESSAGE);
        txProducer.sendMessageInTransaction(message(TOPIC, "tx-unknown"), LocalTransactionState.UNKNOW);
        expected.add(TOPIC + "-tx-commit");
        expected.add(TOPIC + "-tx-unknown");

        consumers.add(consumer("CG_MQ", TOPIC, (MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> received.computeIfAbsent(m.getKeys(), k -> new CopyOnWriteArrayList<>())
                .add(m));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }));
        consumers.add(consumer("CG_MQ_ORDER", ORDER_TOPIC, (MessageListenerOrderly) (msgs, ctx) -> {
            msgs.forEach(m -> ordered.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeOrderlyStatus.SUCCESS;
        }));
        consumers.add(consumer("CG_MQ_RETRY", RETRY_TOPIC, (MessageListenerConcurrently) (msgs, ctx) -> {
            retried.addAll(msgs);
            return retried.size() == 1 ? ConsumeConcurrentlyStatus.RECONSUME_LATER
                : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }));
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline
            && !(received.keySet().containsAll(expected) && ordered.size() == 15 && retried.size() >= 2)) {
            Thread.sleep(100);
        }
        Thread.sleep(1500); // anything sent twice or a rollback would show up by now
    }

    /** Sends synchronously, checks SEND_OK, returns the message's key. */
    private static String sendSync(Message m) throws Exception {
        SendResult r = producer.send(m);
        assertEquals(SendStatus.SEND_OK, r.getSendStatus(), r.toString());
        return m.getKeys();
    }

    private static Message message(String topic, String label) {
        String key = topic + "-" + label;
        return new Message(topic, "TagA", key, key.getBytes(StandardCharsets.UTF_8));
    }

    private static DefaultMQPushConsumer consumer(String group, String topic, Object listener)
        throws Exception {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer(group);
        c.setNamesrvAddr(namesrv.localAddress());
        c.setInstanceName(group);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, "*");
        if (listener instanceof MessageListenerOrderly orderly) {
            c.registerMessageListener(orderly);
        } else {
            c.registerMessageListener((MessageListenerConcurrently) listener);
        }
        c.start();
        return c;
    }

    @AfterAll
    static void stop() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        if (txProducer != null) {
            txProducer.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (broker != null) {
            broker.shutdown();
        }
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    @Test
    void everySendModeIsConsumedExactlyOnce() {
        for (String key : expected) {
            assertNotNull(received.get(key), key + " never arrived; got " + received.keySet());
            assertEquals(1, received.get(key).size(), key + " arrived more than once");
        }
        assertFalse(received.containsKey(TOPIC + "-tx-rollback"), "a rolled-back message was delivered");
    }

    @Test
    void theDelayedMessageWaitedItsLevel() {
        MessageExt m = received.get(TOPIC + "-delay-0").get(0);
        long waited = m.getStoreTimestamp() - m.getBornTimestamp();
        assertTrue(waited >= 1000, "level 1 (1 s) became consumable after " + waited + " ms");
    }

    @Test
    void orderedSendsKeepEachKeysOrder() {
        assertEquals(15, ordered.size(), ordered.toString());
        for (int key = 0; key < 3; key++) {
            List<String> seq = new ArrayList<>();
            for (String body : ordered) {
                if (body.startsWith("k" + key + "-")) {
                    seq.add(body);
                }
            }
            assertEquals(List.of("k" + key + "-0", "k" + key + "-1", "k" + key + "-2", "k" + key + "-3",
                "k" + key + "-4"), seq);
        }
    }

    @Test
    void reconsumeLaterComesBackWithReconsumeTimesOne() {
        assertTrue(retried.size() >= 2, "no redelivery: " + retried);
        MessageExt again = retried.get(retried.size() - 1);
        assertEquals(RETRY_TOPIC, again.getTopic());
        assertEquals(1, again.getReconsumeTimes());
        assertEquals(retried.get(0).getMsgId(), again.getMsgId(), "the same message id");
    }
}
