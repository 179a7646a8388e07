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
 * The official 4.7.1 pull consumers against an mqbook broker, one command after another.
 * <pre>
 * BrokerPullProbe NAMESRV COMMAND...
 *   pull:GROUP:TOPIC:EXPR          DefaultMQPullConsumer: per queue min/max/searchOffset, pull
 *                                  from min to max in batches, then updateConsumeOffset(max)
 *   lite:GROUP:TOPIC:EXPECTED:MS   DefaultLitePullConsumer subscribe(TOPIC, "*"), poll until
 *                                  EXPECTED messages or MS passed
 *   seek:GROUP:TOPIC:QID:OFFSET:COUNT:MS  DefaultLitePullConsumer assign + seek, poll COUNT
 *   commit:GROUP:TOPIC:QID:OFFSET  DefaultMQPullConsumer updateConsumeOffset + persist
 *   assign:GROUP:TOPIC:QID:COUNT:MS  DefaultLitePullConsumer assign (from the committed
 *                                  offset), poll COUNT
 * </pre>
 * Output: {@code QUEUE {queueId,min,max,searchNow}}, one {@code PULL|LITE|SEEK {message}} per
 * message, {@code DONE <command> count=N} after each command. Exit 0.
 */
public final class BrokerPullProbe {

    private BrokerPullProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProbeOutput.configure("JSON");
        String namesrv = args[0];
        for (int i = 1; i < args.length; i++) {
            String[] c = args[i].split(":");
            int count = switch (c[0]) {
                case "pull" -> pull(namesrv, c[1], c[2], c[3]);
                case "lite" -> lite("LITE", namesrv, c[1], c[2], Integer.parseInt(c[3]),
                        Long.parseLong(c[4]), null, 0);
                case "seek" -> lite("SEEK", namesrv, c[1], c[2], Integer.parseInt(c[5]),
                        Long.parseLong(c[6]), Integer.parseInt(c[3]), Long.parseLong(c[4]));
                case "assign" -> lite("ASSIGN", namesrv, c[1], c[2], Integer.parseInt(c[4]),
                        Long.parseLong(c[5]), Integer.parseInt(c[3]), -1);
                case "commit" -> commit(namesrv, c[1], c[2], Integer.parseInt(c[3]),
                        Long.parseLong(c[4]));
                default -> throw new IllegalArgumentException("command " + args[i]);
            };
            ProbeOutput.println("DONE " + c[0] + " count=" + count);
        }
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
                            print("PULL", m);
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

    private static int commit(String namesrv, String group, String topic, int queueId,
                              long offset) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("commit-probe-" + ProcessHandle.current().pid());
        consumer.start();
        try {
            for (MessageQueue mq : consumer.fetchSubscribeMessageQueues(topic)) {
                if (mq.getQueueId() == queueId) {
                    consumer.updateConsumeOffset(mq, offset);
                    consumer.getOffsetStore().persist(mq);
                }
            }
        } finally {
            consumer.shutdown();
        }
        return 1;
    }

    private static int lite(String label, String namesrv, String group, String topic,
                            int expected,
                            long timeoutMs, Integer queueId, long seekOffset) throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        // A fresh instance per command: a shut-down client instance cannot be reused.
        consumer.setInstanceName("lite-probe-" + ProcessHandle.current().pid() + "-" + label);
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
            if (seekOffset >= 0) {
                consumer.seek(chosen.get(0), seekOffset);
            }
        }
        int count = 0;
        long deadline = System.currentTimeMillis() + timeoutMs;
        try {
            while (count < expected && System.currentTimeMillis() < deadline) {
                for (MessageExt m : consumer.poll()) {
                    print(label, m);
                    count++;
                }
            }
        } finally {
            consumer.shutdown();
        }
        return count;
    }

    private static void print(String label, MessageExt m) {
        Map<String, Object> line = BrokerProducerProbe.describe(m);
        ProbeOutput.println(label + " " + JSON.toJSONString(line));
    }
}
