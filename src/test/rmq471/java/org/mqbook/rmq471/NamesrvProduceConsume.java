package org.mqbook.rmq471;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A real 4.7.1 producer and push consumer that find their broker only through the NameServer
 * they are given: proof that an mqbook NameServer routes the official client.
 * <pre>
 * NamesrvProduceConsume NAMESRV_ADDR TOPIC COUNT [TIMEOUT_MS(60000)]
 * </pre>
 * Sends COUNT messages synchronously (body {@code "mqbook-namesrv-<i>-<topic>"}, key
 * {@code "k<i>"}), then starts a push consumer (new group, CONSUME_FROM_FIRST_OFFSET) and waits
 * until every body has arrived. Prints, one per line:
 * <pre>
 * SENT i queue=broker-a:3 offset=N     (each send)
 * RECEIVED count=COUNT distinct=COUNT  (when done or timed out)
 * MISMATCH i body=...                  (a body or key that does not match its index)
 * RESULT ok|fail sent=S received=R
 * </pre>
 * Exit code 0 only when all COUNT bodies came back, each once at least, and all matched.
 */
public final class NamesrvProduceConsume {

    private NamesrvProduceConsume() {
    }

    public static void main(String[] args) throws Exception {
        String namesrv = args[0];
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        long timeoutMs = args.length > 3 ? Long.parseLong(args[3]) : 60_000;
        String suffix = Long.toString(ProcessHandle.current().pid());

        DefaultMQProducer producer = new DefaultMQProducer("PG_NS_" + suffix);
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("producer-" + suffix);
        producer.start();
        int sent = 0;
        try {
            for (int i = 0; i < count; i++) {
                Message msg = new Message(topic, "TagA", "k" + i, body(i, topic));
                SendResult result = producer.send(msg);
                if (result.getSendStatus() == SendStatus.SEND_OK) {
                    sent++;
                }
                System.out.println("SENT " + i + " queue=" + result.getMessageQueue().getBrokerName() + ":"
                        + result.getMessageQueue().getQueueId() + " offset=" + result.getQueueOffset());
            }
        } finally {
            producer.shutdown();
        }

        Map<Integer, Integer> received = new ConcurrentHashMap<>();
        Map<Integer, String> mismatches = new TreeMap<>();
        CountDownLatch allThere = new CountDownLatch(count);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("CG_NS_" + suffix);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("consumer-" + suffix);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            for (MessageExt m : msgs) {
                String text = new String(m.getBody(), StandardCharsets.UTF_8);
                int i = indexOf(text);
                if (i < 0 || i >= count || !text.equals(new String(body(i, topic), StandardCharsets.UTF_8))
                        || !("k" + i).equals(m.getKeys())) {
                    synchronized (mismatches) {
                        mismatches.put(mismatches.size(), text + " keys=" + m.getKeys());
                    }
                    continue;
                }
                if (received.merge(i, 1, Integer::sum) == 1) {
                    allThere.countDown();
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        boolean complete;
        try {
            complete = allThere.await(timeoutMs, TimeUnit.MILLISECONDS);
        } finally {
            consumer.shutdown();
        }
        System.out.println("RECEIVED count=" + received.values().stream().mapToInt(Integer::intValue).sum()
                + " distinct=" + received.size());
        synchronized (mismatches) {
            mismatches.forEach((k, v) -> System.out.println("MISMATCH " + k + " body=" + v));
        }
        boolean ok = complete && sent == count && mismatches.isEmpty();
        System.out.println("RESULT " + (ok ? "ok" : "fail") + " sent=" + sent + " received="
            + received.size());
        System.exit(ok ? 0 : 1);
    }

    static byte[] body(int i, String topic) {
        return ("mqbook-namesrv-" + i + "-" + topic).getBytes(StandardCharsets.UTF_8);
    }

    static int indexOf(String body) {
        String[] parts = body.split("-");
        try {
            return parts.length >= 4 ? Integer.parseInt(parts[2]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
