package org.mqbook.rmq471;

import com.alibaba.fastjson.JSON;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The official 4.7.1 pull consumers against an mqbook broker.
 * <pre>
 * BrokerPullProbe NAMESRV GROUP pull TOPIC EXPR
 *     DefaultMQPullConsumer: per queue min/max offset, then pull from min to max in batches,
 *     updateConsumeOffset to max; prints QUEUE {queueId,min,max,searchNow} and MSG per message
 * BrokerPullProbe NAMESRV GROUP lite TOPIC EXPECTED TIMEOUT_MS
 *     DefaultLitePullConsumer subscribe(TOPIC, "*"), poll until EXPECTED messages; MSG lines
 * BrokerPullProbe NAMESRV GROUP seek TOPIC QUEUE_ID OFFSET COUNT TIMEOUT_MS
 *     DefaultLitePullConsumer assign + seek(queue, OFFSET); poll COUNT messages; MSG lines
 * </pre>
 * Ends with {@code DONE count=N}; exit 0.
 */
public final class BrokerPullProbe {

    private BrokerPullProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProbeOutput.configure("JSON");
        String namesrv = args[0];
        String group = args[1];
        int count = switch (args[2]) {
            case "pull" -> pull(namesrv, group, args[3], args[4]);
            case "lite" -> lite(namesrv, group, args[3], Integer.parseInt(args[4]),
                    Long.parseLong(args[5]), null, 0);
            case "seek" -> lite(namesrv, group, args[3], Integer.parseInt(args[6]),
                    Long.parseLong(args[7]), Integer.parseInt(args[4]), Long.parseLong(args[5]));
            default -> throw new IllegalArgumentException("mode " + args[2]);
        };
        ProbeOutput.println("DONE count=" + count);
        System.exit(0);
    }

    private static int pull(String namesrv, String group, String topic, String expr)
            throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("pull-probe-" + ProcessHandle.current().pid());
        consumer.start();
        int count = 0;
        try {
            Set<MessageQueue> mqs = new TreeSet<>(consumer.fetchSubscribeMessageQueues(topic));
            for (MessageQueue mq : mqs) {
                long min = consumer.minOffset(mq);
                long max = consumer.maxOffset(mq);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("queueId", mq.getQueueId());
                line.put("min", min);
                line.put("max", max);
                line.put("searchNow", consumer.searchOffset(mq, System.currentTimeMillis()));
                ProbeOutput.println("QUEUE " + JSON.toJSONString(line));
                long offset = min;
                while (offset < max) {
                    PullResult r = consumer.pull(mq, expr, offset, 32);
                    if (r.getPullStatus() == PullStatus.FOUND) {
                        for (MessageExt m : r.getMsgFoundList()) {
                            print(m);
                            count++;
                        }
                    } else if (r.getPullStatus() != PullStatus.NO_MATCHED_MSG) {
                        ProbeOutput.println("STATUS " + r.getPullStatus() + " at " + offset);
                        break;
                    }
                    offset = r.getNextBeginOffset();
                }
                consumer.updateConsumeOffset(mq, max);
            }
            for (MessageQueue mq : mqs) {
                consumer.getOffsetStore().persist(mq);
            }
        } finally {
            consumer.shutdown();
        }
        return count;
    }

    private static int lite(String namesrv, String group, String topic, int expected,
                            long timeoutMs, Integer queueId, long seekOffset) throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("lite-probe-" + ProcessHandle.current().pid());
        consumer.setPollTimeoutMillis(1000);
        if (queueId == null) {
            consumer.subscribe(topic, "*");
            consumer.start();
        } else {
            consumer.setAutoCommit(false);
            consumer.start();
            List<MessageQueue> chosen = new ArrayList<>();
            for (MessageQueue mq : consumer.fetchMessageQueues(topic)) {
                if (mq.getQueueId() == queueId) {
                    chosen.add(mq);
                }
            }
            consumer.assign(chosen);
            consumer.seek(chosen.get(0), seekOffset);
        }
        int count = 0;
        long deadline = System.currentTimeMillis() + timeoutMs;
        try {
            while (count < expected && System.currentTimeMillis() < deadline) {
                for (MessageExt m : consumer.poll()) {
                    print(m);
                    count++;
                }
            }
        } finally {
            consumer.shutdown();
        }
        return count;
    }

    private static void print(MessageExt m) {
        Map<String, Object> line = BrokerProducerProbe.describe(m);
        ProbeOutput.println("MSG " + JSON.toJSONString(line));
    }
}
