package org.mqbook.rmq471;

import com.alibaba.fastjson.JSON;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;

/**
 * The official 4.7.1 push consumer with the options the broker tests need, printing every
 * delivery as one JSON line.
 * <pre>
 * BrokerConsumerProbe NAMESRV GROUP EXPECTED TIMEOUT_MS LINGER_MS [option]... TOPIC[:EXPR]...
 *   orderly          MessageListenerOrderly instead of concurrently
 *   broadcast        BROADCASTING instead of CLUSTERING
 *   instance=NAME    the client's instanceName (two members of a group need two)
 *   failFirst        answer RECONSUME_LATER the first time each msgId arrives
 *   maxReconsume=N   setMaxReconsumeTimes(N)
 *   fromLast         CONSUME_FROM_LAST_OFFSET (default: first)
 *   poll=MS          setPollNameServerInterval(MS): route refresh (default 30 s), so a dead
 *                    master leaves the client's route soon and it pulls from the slave
 *   slow=MS          a listener that takes MS per message, pulls of one message and a
 *                    pullThresholdForQueue of 1: the consumer reads the broker as it goes
 *                    instead of buffering the backlog
 * </pre>
 * Runs until EXPECTED distinct msgIds were consumed successfully or TIMEOUT_MS passed, then
 * LINGER_MS more. Output, one line each:
 * <pre>
 * READY
 * ASSIGNED [queueIds of the first subscribed topic]   (whenever the assignment changes)
 * MSG {"msgId":..,"topic":..,"queueId":..,"queueOffset":..,"reconsumeTimes":..,"status":..,..}
 * DONE distinct=N deliveries=M
 * </pre>
 * Exit 0 when EXPECTED distinct msgIds were consumed, 2 otherwise.
 */
public final class BrokerConsumerProbe {

    private BrokerConsumerProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProbeOutput.configure("JSON");
        String group = args[1];
        int expected = Integer.parseInt(args[2]);
        long timeoutMs = Long.parseLong(args[3]);
        long lingerMs = Long.parseLong(args[4]);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(args[0]);
        consumer.setInstanceName("consumer-probe-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        boolean orderly = false;
        boolean failFirst = false;
        String firstTopic = null;
        long slowMs = 0;
        for (int i = 5; i < args.length; i++) {
            String a = args[i];
            if (a.equals("orderly")) {
                orderly = true;
            } else if (a.equals("broadcast")) {
                consumer.setMessageModel(MessageModel.BROADCASTING);
            } else if (a.startsWith("instance=")) {
                consumer.setInstanceName(a.substring("instance=".length()));
            } else if (a.equals("failFirst")) {
                failFirst = true;
            } else if (a.startsWith("maxReconsume=")) {
                consumer.setMaxReconsumeTimes(Integer.parseInt(a.substring(13)));
            } else if (a.startsWith("poll=")) {
                consumer.setPollNameServerInterval(Integer.parseInt(a.substring(5)));
            } else if (a.startsWith("slow=")) {
                slowMs = Long.parseLong(a.substring(5));
                consumer.setPullBatchSize(1);
                consumer.setPullThresholdForQueue(1);
            } else if (a.equals("fromLast")) {
                consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
            } else {
                String[] topicAndExpr = a.split(":", 2);
                firstTopic = firstTopic == null ? topicAndExpr[0] : firstTopic;
                consumer.subscribe(topicAndExpr[0], topicAndExpr.length > 1 ? topicAndExpr[1] : "*");
            }
        }
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(expected);
        final boolean fail = failFirst;
        final long pause = slowMs;
        if (orderly) {
            consumer.registerMessageListener((MessageListenerOrderly) (msgs, ctx) -> {
                for (MessageExt m : msgs) {
                    deliveries.incrementAndGet();
                    print(m, "ok");
                    if (consumed.add(m.getMsgId())) {
                        enough.countDown();
                    }
                }
                return ConsumeOrderlyStatus.SUCCESS;
            });
        } else {
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                for (MessageExt m : msgs) {
                    deliveries.incrementAndGet();
                    if (fail && failedOnce.add(m.getMsgId())) {
                        print(m, "later");
                        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                    }
                    pause(pause);
                    print(m, "ok");
                    if (consumed.add(m.getMsgId())) {
                        enough.countDown();
                    }
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
        }
        consumer.start();
        ProbeOutput.println("READY");
        String topic = firstTopic;
        Thread watcher = new Thread(() -> watchAssignment(consumer, topic), "assignment-watcher");
        watcher.setDaemon(true);
        watcher.start();
        enough.await(timeoutMs, TimeUnit.MILLISECONDS);
        Thread.sleep(lingerMs);
        ProbeOutput.println("DONE distinct=" + consumed.size() + " deliveries=" + deliveries.get());
        consumer.shutdown();
        System.exit(consumed.size() >= expected ? 0 : 2);
    }

    private static void pause(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Prints the queue ids of {@code topic} this member holds, whenever they change. */
    private static void watchAssignment(DefaultMQPushConsumer consumer, String topic) {
        String last = "";
        while (true) {
            try {
                Set<Integer> ids = new TreeSet<>();
                Map<MessageQueue, ?> table = consumer.getDefaultMQPushConsumerImpl()
                        .getRebalanceImpl().getProcessQueueTable();
                for (MessageQueue mq : table.keySet()) {
                    if (mq.getTopic().equals(topic)) {
                        ids.add(mq.getQueueId());
                    }
                }
                String now = ids.toString();
                if (!now.equals(last)) {
                    ProbeOutput.println("ASSIGNED " + now);
                    last = now;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the table is being rebuilt; look again
            }
        }
    }

    private static void print(MessageExt m, String status) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("msgId", m.getMsgId());
        line.put("topic", m.getTopic());
        line.put("tags", m.getTags());
        line.put("keys", m.getKeys());
        line.put("queueId", m.getQueueId());
        line.put("queueOffset", m.getQueueOffset());
        line.put("reconsumeTimes", m.getReconsumeTimes());
        line.put("storeTimestamp", m.getStoreTimestamp());
        line.put("status", status);
        line.put("thread", Thread.currentThread().getName());
        line.put("properties", new TreeMap<>(m.getProperties()));
        BrokerProducerProbe.putBody(line, m.getBody());
        ProbeOutput.println("MSG " + JSON.toJSONString(line));
    }
}
