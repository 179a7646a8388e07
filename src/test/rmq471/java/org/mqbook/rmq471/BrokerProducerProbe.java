package org.mqbook.rmq471;

import com.alibaba.fastjson.JSON;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The official 4.7.1 producer against an mqbook broker, one command after another, printing one
 * parseable line per outcome.
 * <pre>
 * BrokerProducerProbe NAMESRV GROUP COMMAND...
 *   send:TOPIC:COUNT:MODE[:TAG[:BODY_BYTES]]  MODE sync|async|oneway; key and body
 *                                             "TOPIC-MODE-i" (padded with 'x' to BODY_BYTES)
 *   batch:TOPIC:COUNT                         one batch of COUNT messages
 *   order:TOPIC:KEYS:PER_KEY                  per key, PER_KEY messages "k<key>-<seq>" to queue
 *                                             key % queues (a selector, as ordered sends do)
 *   delay:TOPIC:LEVEL[,LEVEL...]               one message per level, key "TOPIC-L<level>", sent
 *                                             with setDelayTimeLevel(level); then VIEW of the
 *                                             parked copy (its storeTimestamp is the park time)
 *   queues:TOPIC                              the publish queues the client sees
 *   offsets:TOPIC                             min, max, earliest store time, search(now) per queue
 *   view:OFFSET_MSG_ID                        viewMessage by offsetMsgId
 *   query:TOPIC:KEY                           queryMessage by key
 *   uniq:TOPIC:MSG_ID                         viewMessage by the client msgId (UNIQ_KEY)
 *   maxsize:BYTES                             setMaxMessageSize (to let a big body reach the broker)
 *   nocompress                                never compress bodies (big bodies travel whole)
 * </pre>
 * Output lines: {@code SENT {json}}, {@code FAIL {json}} (an exception: class, message, code),
 * {@code QUEUES}, {@code OFFSET}, {@code VIEW}, {@code QUERY}; then {@code DONE}. Exit 0.
 */
public final class BrokerProducerProbe {

    private BrokerProducerProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProbeOutput.configure("JSON");
        DefaultMQProducer producer = new DefaultMQProducer(args[1]);
        producer.setNamesrvAddr(args[0]);
        producer.setInstanceName("producer-probe-" + ProcessHandle.current().pid());
        producer.start();
        try {
            for (int a = 2; a < args.length; a++) {
                String[] c = args[a].split(":");
                try {
                    run(producer, c);
                } catch (Exception e) {
                    fail(c[0], e);
                }
            }
        } finally {
            producer.shutdown();
        }
        ProbeOutput.println("DONE");
        System.exit(0);
    }

    private static void run(DefaultMQProducer p, String[] c) throws Exception {
        switch (c[0]) {
            case "send" -> send(p, c[1], Integer.parseInt(c[2]), c[3], c.length > 4 ? c[4] : null,
                    c.length > 5 ? Integer.parseInt(c[5]) : 0);
            case "batch" -> batch(p, c[1], Integer.parseInt(c[2]));
            case "order" -> order(p, c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]));
            case "delay" -> delay(p, c[1], c[2].split(","));
            case "queues" -> ProbeOutput.println("QUEUES " + JSON.toJSONString(
                    p.fetchPublishMessageQueues(c[1])));
            case "offsets" -> offsets(p, c[1]);
            case "view" -> ProbeOutput.println("VIEW " + JSON.toJSONString(describe(
                    p.viewMessage(c[1]))));
            case "query" -> {
                QueryResult r = p.queryMessage(c[1], c[2], 32, 0, Long.MAX_VALUE);
                List<Map<String, Object>> found = new ArrayList<>();
                r.getMessageList().forEach(m -> found.add(describe(m)));
                ProbeOutput.println("QUERY " + JSON.toJSONString(found));
            }
            case "uniq" -> ProbeOutput.println("VIEW " + JSON.toJSONString(describe(
                    p.viewMessage(c[1], c[2]))));
            case "maxsize" -> p.setMaxMessageSize(Integer.parseInt(c[1]));
            case "nocompress" -> p.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
            default -> throw new IllegalArgumentException("unknown command " + Arrays.toString(c));
        }
    }

    private static Message message(String topic, String label, int i, String tag, int bodyBytes) {
        String key = topic + "-" + label + "-" + i;
        StringBuilder body = new StringBuilder(key);
        while (body.length() < bodyBytes) {
            body.append('x');
        }
        return new Message(topic, tag == null || tag.isEmpty() ? "" : tag, key,
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(DefaultMQProducer p, String topic, int count, String mode,
                             String tag, int bodyBytes) throws Exception {
        CountDownLatch done = new CountDownLatch(mode.equals("async") ? count : 0);
        for (int i = 0; i < count; i++) {
            Message m = message(topic, mode, i, tag, bodyBytes);
            final int index = i;
            switch (mode) {
                case "sync" -> sent(index, mode, p.send(m), m.getKeys());
                case "oneway" -> {
                    p.sendOneway(m);
                    ProbeOutput.println("SENT " + JSON.toJSONString(
                            Map.of("i", index, "mode", mode, "keys", m.getKeys())));
                }
                case "async" -> p.send(m, new SendCallback() {
                    @Override
                    public void onSuccess(SendResult r) {
                        sent(index, mode, r, m.getKeys());
                        done.countDown();
                    }

                    @Override
                    public void onException(Throwable e) {
                        fail("send", e);
                        done.countDown();
                    }
                });
                default -> throw new IllegalArgumentException("mode " + mode);
            }
        }
        done.await(30, TimeUnit.SECONDS);
    }

    private static void batch(DefaultMQProducer p, String topic, int count) throws Exception {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(message(topic, "batch", i, "TagB", 0));
        }
        sent(0, "batch", p.send(batch), topic + "-batch-*");
    }

    private static void order(DefaultMQProducer p, String topic, int keys, int perKey)
            throws Exception {
        for (int seq = 0; seq < perKey; seq++) {
            for (int k = 0; k < keys; k++) {
                Message m = new Message(topic, "TagO", "k" + k,
                        ("k" + k + "-" + seq).getBytes(StandardCharsets.UTF_8));
                SendResult r = p.send(m, (mqs, msg, arg) -> mqs.get((Integer) arg % mqs.size()), k);
                sent(k * perKey + seq, "order", r, "k" + k);
            }
        }
    }

    private static void delay(DefaultMQProducer p, String topic, String[] levels) throws Exception {
        List<SendResult> results = new ArrayList<>();
        for (String level : levels) {
            Message m = new Message(topic, "TagD", topic + "-L" + level,
                    ("delayed " + level).getBytes(StandardCharsets.UTF_8));
            m.setDelayTimeLevel(Integer.parseInt(level));
            SendResult r = p.send(m);
            sent(Integer.parseInt(level), "delay", r, m.getKeys());
            results.add(r);
        }
        for (SendResult r : results) {
            MessageExt parked = p.viewMessage(r.getOffsetMsgId());
            Map<String, Object> line = describe(parked);
            line.put("storeTimestamp", parked.getStoreTimestamp());
            ProbeOutput.println("VIEW " + JSON.toJSONString(line));
        }
    }

    private static void offsets(DefaultMQProducer p, String topic) throws Exception {
        for (MessageQueue mq : p.fetchPublishMessageQueues(topic)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("queueId", mq.getQueueId());
            line.put("min", p.minOffset(mq));
            line.put("max", p.maxOffset(mq));
            line.put("searchNow", p.searchOffset(mq, System.currentTimeMillis() + 60_000));
            line.put("searchZero", p.searchOffset(mq, 0));
            line.put("earliest", p.maxOffset(mq) > 0 ? p.earliestMsgStoreTime(mq) : -1);
            ProbeOutput.println("OFFSET " + JSON.toJSONString(line));
        }
    }

    private static void sent(int i, String mode, SendResult r, String keys) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("i", i);
        line.put("mode", mode);
        line.put("keys", keys);
        line.put("status", r.getSendStatus().name());
        line.put("msgId", r.getMsgId());
        line.put("offsetMsgId", r.getOffsetMsgId());
        line.put("brokerName", r.getMessageQueue().getBrokerName());
        line.put("queueId", r.getMessageQueue().getQueueId());
        line.put("queueOffset", r.getQueueOffset());
        line.put("regionId", r.getRegionId());
        line.put("traceOn", r.isTraceOn());
        line.put("transactionId", r.getTransactionId());
        ProbeOutput.println("SENT " + JSON.toJSONString(line));
    }

    static void fail(String what, Throwable e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("cmd", what);
        line.put("error", e.getClass().getSimpleName());
        line.put("message", String.valueOf(e.getMessage()));
        try {
            line.put("code", e.getClass().getMethod("getResponseCode").invoke(e));
        } catch (ReflectiveOperationException ignored) {
            line.put("code", -1);
        }
        ProbeOutput.println("FAIL " + JSON.toJSONString(line));
    }

    /** The body as text when short, else its length and CRC32 only. */
    static void putBody(Map<String, Object> line, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        line.put("bodyLength", body.length);
        line.put("bodyCrc", crc.getValue());
        line.put("body", body.length <= 256 ? new String(body, StandardCharsets.UTF_8)
                : new String(body, 0, 64, StandardCharsets.UTF_8));
    }

    static Map<String, Object> describe(MessageExt m) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("msgId", m.getMsgId());
        line.put("topic", m.getTopic());
        line.put("tags", m.getTags());
        line.put("keys", m.getKeys());
        line.put("queueId", m.getQueueId());
        line.put("queueOffset", m.getQueueOffset());
        line.put("commitLogOffset", m.getCommitLogOffset());
        line.put("reconsumeTimes", m.getReconsumeTimes());
        line.put("properties", new TreeMap<>(m.getProperties()));
        putBody(line, m.getBody());
        return line;
    }
}
