package org.mqbook.broker.interop;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mqbook.client.consumer.DefaultMQPullConsumer;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.PullStatus;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;

/**
 * {@link BrokerDelayScenarios} with mqbook's own producer and push consumers, in this JVM,
 * against mqbook's servers. The store time of each parked copy is read the way an operator
 * would: by pulling the level's queue of {@code SCHEDULE_TOPIC_XXXX} from offset 0.
 */
class BrokerDelayMqbookClientInteropTest extends BrokerDelayScenarios {

    BrokerDelayMqbookClientInteropTest() {
        super("delay-mq");
    }

    @Override
    Run run(String ns) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("PG_DELAY_MQ");
        producer.setNamesrvAddr(ns);
        producer.setInstanceName("delay-producer");
        producer.start();
        DefaultMQPushConsumer retry = null;
        DefaultMQPushConsumer delay = null;
        try {
            // the topic exists before the consumers start, so they rebalance at once
            send(producer, new Message("TopicRetry", "TagA", "TopicRetry-0", bytes("retry")));
            List<Arrival> retried = new CopyOnWriteArrayList<>();
            Set<String> failedOnce = ConcurrentHashMap.newKeySet();
            retry = consumer(ns, "CG_RETRY_MQ", "TopicRetry", msgs -> {
                MessageExt m = msgs.get(0);
                boolean later = failedOnce.add(m.getMsgId());
                retried.add(arrival(m, later ? "later" : "ok"));
                return later ? ConsumeConcurrentlyStatus.RECONSUME_LATER
                    : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            for (int level = 1; level <= 18; level++) {
                Message m = new Message("TopicDelay", "TagA", KEY_PREFIX + level, bytes("L" + level));
                m.setDelayTimeLevel(level);
                send(producer, m);
            }
            Map<String, Long> parkedAt = parkedAt(ns);
            List<Arrival> consumed = new CopyOnWriteArrayList<>();
            delay = consumer(ns, "CG_DELAY_MQ", "TopicDelay", msgs -> {
                msgs.forEach(m -> consumed.add(arrival(m, "ok")));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline
                && (consumed.size() < 18 || retried.size() < 2)) {
                Thread.sleep(100);
            }
            Thread.sleep(1500); // a second copy of any level would arrive by now
            return new Run(parkedAt, List.copyOf(consumed), List.copyOf(retried));
        } finally {
            if (delay != null) {
                delay.shutdown();
            }
            if (retry != null) {
                retry.shutdown();
            }
            producer.shutdown();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(DefaultMQProducer producer, Message m) throws Exception {
        SendResult r = producer.send(m);
        if (r.getSendStatus() != SendStatus.SEND_OK) {
            throw new AssertionError("send of " + m.getKeys() + " failed: " + r);
        }
    }

    private static Arrival arrival(MessageExt m, String status) {
        return new Arrival(m.getMsgId(), m.getKeys(), m.getTopic(), m.getStoreTimestamp(),
            m.getReconsumeTimes(), status);
    }

    /** Key of each parked copy → its store time, from queue level-1 of the schedule topic. */
    private static Map<String, Long> parkedAt(String ns) throws Exception {
        DefaultMQPullConsumer reader = new DefaultMQPullConsumer("CG_SCHEDULE_READER");
        reader.setNamesrvAddr(ns);
        reader.setInstanceName("schedule-reader");
        reader.start();
        try {
            Map<String, Long> parked = new HashMap<>();
            String brokerName = reader.fetchSubscribeMessageQueues("TopicDelay").iterator().next()
                .getBrokerName();
            for (int level = 1; level <= 18; level++) {
                MessageQueue mq = new MessageQueue(MixAll.SCHEDULE_TOPIC, brokerName, level - 1);
                PullResult r = reader.pull(mq, "*", 0, 32);
                if (r.getPullStatus() != PullStatus.FOUND) {
                    throw new AssertionError("schedule queue of level " + level + ": " + r);
                }
                // level 3 also parks the retried TopicRetry message: keep ours only
                r.getMsgFoundList().stream().filter(m -> m.getKeys().startsWith(KEY_PREFIX))
                    .forEach(m -> parked.put(m.getKeys(), m.getStoreTimestamp()));
            }
            return parked;
        } finally {
            reader.shutdown();
        }
    }

    private static DefaultMQPushConsumer consumer(String ns, String group, String topic,
                                                  MessageListener listener) throws Exception {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer(group);
        c.setNamesrvAddr(ns);
        c.setInstanceName(group);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.setConsumeMessageBatchMaxSize(1);
        c.subscribe(topic, "*");
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> listener.consume(msgs));
        c.start();
        return c;
    }

    /** The listener body without the context this test never needs. */
    @FunctionalInterface
    interface MessageListener {
        ConsumeConcurrentlyStatus consume(List<MessageExt> msgs);
    }
}
