package org.mqbook.rmq471;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The official 4.7.1 producer, feeding mqbook's consumers in every send mode, and printing one
 * parseable line per message it sent, so a test knows exactly what must arrive:
 * <pre>
 * ConsumerFeedProducer NAMESRV TOPIC MODE:COUNT... [@OTHER_TOPIC MODE:COUNT...]...
 *   MODE: sync | async | oneway | ordered | batch | delay | tx | paced (COUNT:INTERVAL_MS)
 * SENT topic=T mode=sync msgId=0A...01 queueId=2 key=sync-0 tags=TagA
 * ...
 * DONE sent=N
 * </pre>
 * An argument {@code @TOPIC} sends what follows to another topic. {@code paced:N:MS} sends N
 * messages synchronously, one every MS milliseconds (traffic while consumers come and go).
 * {@code queueId} is -1 where the producer does not learn it (oneway). Keys are
 * {@code MODE-i}; ordered messages are keyed {@code ordered-ORDER-SEQ}, sent with a selector
 * that maps order ORDER (i % 3) to queue ORDER % queues. Delayed messages use delay level 2
 * (a test lowers the broker's {@code messageDelayLevel}). Transactional messages are committed
 * by the local transaction. Tags alternate TagA/TagB. Exit code 0 when every send succeeded.
 */
public final class ConsumerFeedProducer {
    private static final AtomicInteger SENT = new AtomicInteger();

    private ConsumerFeedProducer() {
    }

    public static void main(String[] args) throws Exception {
        String namesrv = args[0];
        String topic = args[1];
        ProbeOutput.configure("JSON");
        String run = Long.toString(System.nanoTime(), 36);
        DefaultMQProducer producer = new DefaultMQProducer("PG_FEED_" + run);
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("feed-" + run);
        producer.start();
        TransactionMQProducer txProducer = null;
        try {
            for (int a = 2; a < args.length; a++) {
                if (args[a].startsWith("@")) {
                    topic = args[a].substring(1);
                    continue;
                }
                String[] spec = args[a].split(":");
                int count = Integer.parseInt(spec[1]);
                if (spec[0].equals("tx")) {
                    txProducer = startTx(namesrv, run);
                    sendTx(txProducer, topic, count);
                } else if (spec[0].equals("paced")) {
                    sendPaced(producer, topic, count, Long.parseLong(spec[2]));
                } else {
                    send(producer, spec[0], topic, count);
                }
            }
        } finally {
            producer.shutdown();
            if (txProducer != null) {
                txProducer.shutdown();
            }
        }
        ProbeOutput.println("DONE sent=" + SENT.get());
        System.exit(0);
    }

    private static Message message(String topic, String key, int i) {
        return new Message(topic, i % 2 == 0 ? "TagA" : "TagB", key,
            (topic + " " + key).getBytes(StandardCharsets.UTF_8));
    }

    private static void print(String mode, String msgId, int queueId, Message msg) {
        SENT.incrementAndGet();
        ProbeOutput.println("SENT topic=" + msg.getTopic() + " mode=" + mode
            + " msgId=" + msgId + " queueId=" + queueId
            + " key=" + msg.getKeys() + " tags=" + msg.getTags());
    }

    private static void send(DefaultMQProducer producer, String mode, String topic, int count)
        throws Exception {
        switch (mode) {
            case "sync":
            case "delay":
                for (int i = 0; i < count; i++) {
                    Message msg = message(topic, mode + "-" + i, i);
                    if (mode.equals("delay")) {
                        msg.setDelayTimeLevel(2);
                    }
                    SendResult r = producer.send(msg);
                    print(mode, r.getMsgId(), r.getMessageQueue().getQueueId(), msg);
                }
                break;
            case "async":
                sendAsync(producer, topic, count);
                break;
            case "oneway":
                for (int i = 0; i < count; i++) {
                    Message msg = message(topic, "oneway-" + i, i);
                    producer.sendOneway(msg);
                    print(mode, msg.getProperty("UNIQ_KEY"), -1, msg);
                }
                break;
            case "ordered":
                for (int i = 0; i < count; i++) {
                    int order = i % 3;
                    Message msg = message(topic, "ordered-" + order + "-" + (i / 3), i);
                    SendResult r = producer.send(msg,
                        (List<MessageQueue> mqs, Message m, Object arg) ->
                            mqs.get((Integer) arg % mqs.size()), order);
                    print(mode, r.getMsgId(), r.getMessageQueue().getQueueId(), msg);
                }
                break;
            case "batch":
                List<Message> batch = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    batch.add(message(topic, "batch-" + i, i));
                }
                SendResult r = producer.send(batch);
                for (Message msg : batch) {
                    print(mode, msg.getProperty("UNIQ_KEY"), r.getMessageQueue().getQueueId(), msg);
                }
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void sendPaced(DefaultMQProducer producer, String topic, int count,
                                  long intervalMs) throws Exception {
        for (int i = 0; i < count; i++) {
            Message msg = message(topic, "paced-" + i, i);
            SendResult r = producer.send(msg);
            print("paced", r.getMsgId(), r.getMessageQueue().getQueueId(), msg);
            Thread.sleep(intervalMs);
        }
    }

    private static void sendAsync(DefaultMQProducer producer, String topic, int count)
        throws Exception {
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Message msg = message(topic, "async-" + i, i);
            producer.send(msg, new SendCallback() {
                @Override
                public void onSuccess(SendResult r) {
                    print("async", r.getMsgId(), r.getMessageQueue().getQueueId(), msg);
                    done.countDown();
                }

                @Override
                public void onException(Throwable e) {
                    ProbeOutput.println("FAILED async " + msg.getKeys() + " " + e);
                    done.countDown();
                }
            });
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("async sends did not complete");
        }
    }

    private static TransactionMQProducer startTx(String namesrv, String run) throws Exception {
        TransactionMQProducer tx = new TransactionMQProducer("PG_FEED_TX_" + run);
        tx.setNamesrvAddr(namesrv);
        tx.setInstanceName("feed-tx-" + run);
        tx.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        tx.start();
        return tx;
    }

    private static void sendTx(TransactionMQProducer tx, String topic, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Message msg = message(topic, "tx-" + i, i);
            SendResult r = tx.sendMessageInTransaction(msg, null);
            print("tx", r.getMsgId(), r.getMessageQueue().getQueueId(), msg);
        }
    }
}
