package org.mqbook.rmq471;

import com.alibaba.fastjson.JSON;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The official 4.7.1 push consumer, printing every message it receives as one JSON line, so a
 * test can check what an mqbook producer sent as a 4.7.1 consumer sees it.
 * <pre>
 * PushConsumerProbe NAMESRV GROUP EXPECTED TIMEOUT_MS LINGER_MS [orderly] TOPIC[:EXPR]...
 * </pre>
 * Consumes from the first offset, clustering, concurrently (or orderly with {@code orderly}),
 * until EXPECTED distinct msgIds arrived or TIMEOUT_MS passed, then keeps listening LINGER_MS
 * more (to catch messages that should not come) and exits: 0 when at least EXPECTED arrived,
 * 2 otherwise. Output, one line each:
 * <pre>
 * READY
 * MSG {"msgId":..,"offsetMsgId":..,"topic":..,"tags":..,"keys":..,"brokerName":..,"queueId":..,
 *      "queueOffset":..,"sysFlag":..,"bornTimestamp":..,"storeTimestamp":..,"reconsumeTimes":..,
 *      "properties":{..},"body":"base64"}
 * DONE count=N
 * </pre>
 * The body is the one the 4.7.1 client hands to the listener (inflated if it was compressed).
 */
public final class PushConsumerProbe {

    private PushConsumerProbe() {
    }

    public static void main(String[] args) throws Exception {
        String namesrv = args[0];
        String group = args[1];
        int expected = Integer.parseInt(args[2]);
        long timeoutMs = Long.parseLong(args[3]);
        long lingerMs = Long.parseLong(args[4]);
        int next = 5;
        boolean orderly = args.length > next && args[next].equals("orderly");
        if (orderly) {
            next++;
        }
        ProbeOutput.configure("JSON");
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("probe-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        for (int i = next; i < args.length; i++) {
            String[] topicAndExpr = args[i].split(":", 2);
            consumer.subscribe(topicAndExpr[0], topicAndExpr.length > 1 ? topicAndExpr[1] : "*");
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch enough = new CountDownLatch(expected);
        if (orderly) {
            consumer.registerMessageListener((MessageListenerOrderly) (msgs, context) -> {
                msgs.forEach(m -> print(m, seen, enough));
                return ConsumeOrderlyStatus.SUCCESS;
            });
        } else {
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                msgs.forEach(m -> print(m, seen, enough));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
        }
        consumer.start();
        ProbeOutput.println("READY");
        enough.await(timeoutMs, TimeUnit.MILLISECONDS);
        Thread.sleep(lingerMs);
        ProbeOutput.println("DONE count=" + seen.size());
        consumer.shutdown();
        System.exit(seen.size() >= expected ? 0 : 2);
    }

    private static void print(MessageExt m, Set<String> seen, CountDownLatch enough) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("msgId", m.getMsgId());
        line.put("offsetMsgId", m instanceof MessageClientExt
                ? ((MessageClientExt) m).getOffsetMsgId() : m.getMsgId());
        line.put("topic", m.getTopic());
        line.put("tags", m.getTags());
        line.put("keys", m.getKeys());
        line.put("brokerName", m.getBrokerName());
        line.put("queueId", m.getQueueId());
        line.put("queueOffset", m.getQueueOffset());
        line.put("sysFlag", m.getSysFlag());
        line.put("bornTimestamp", m.getBornTimestamp());
        line.put("storeTimestamp", m.getStoreTimestamp());
        line.put("reconsumeTimes", m.getReconsumeTimes());
        line.put("properties", new TreeMap<>(m.getProperties()));
        line.put("body", Base64.getEncoder().encodeToString(m.getBody()));
        ProbeOutput.println("MSG " + JSON.toJSONString(line));
        if (seen.add(m.getMsgId())) {
            enough.countDown();
        }
    }
}
