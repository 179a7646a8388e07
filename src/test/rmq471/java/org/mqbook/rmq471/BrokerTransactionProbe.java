package org.mqbook.rmq471;

import com.alibaba.fastjson.JSON;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The official 4.7.1 TransactionMQProducer against an mqbook broker: three half messages whose
 * local transactions answer COMMIT, ROLLBACK and UNKNOW (bodies "commit", "rollback",
 * "unknown"); the broker's check-back for the third is answered COMMIT.
 * <pre>
 * BrokerTransactionProbe NAMESRV GROUP TOPIC CHECK_WAIT_MS
 * </pre>
 * Output: {@code HALF {json}} per send (its local state), {@code CHECK {json}} per check-back
 * received, {@code DONE checks=N}. Waits up to CHECK_WAIT_MS for the first check. Exit 0.
 */
public final class BrokerTransactionProbe {

    private BrokerTransactionProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProbeOutput.configure("JSON");
        CountDownLatch checked = new CountDownLatch(1);
        TransactionMQProducer producer = new TransactionMQProducer(args[1]);
        producer.setNamesrvAddr(args[0]);
        producer.setInstanceName("tx-probe-" + ProcessHandle.current().pid());
        int[] checks = {0};
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return switch (new String(msg.getBody(), StandardCharsets.UTF_8)) {
                    case "commit" -> LocalTransactionState.COMMIT_MESSAGE;
                    case "rollback" -> LocalTransactionState.ROLLBACK_MESSAGE;
                    default -> LocalTransactionState.UNKNOW;
                };
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                Map<String, Object> line = BrokerProducerProbe.describe(msg);
                line.put("transactionId", msg.getTransactionId());
                ProbeOutput.println("CHECK " + JSON.toJSONString(line));
                synchronized (checks) {
                    checks[0]++;
                }
                checked.countDown();
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        producer.start();
        for (String body : new String[] {"commit", "rollback", "unknown"}) {
            Message m = new Message(args[2], "TagT", "tx-" + body,
                    body.getBytes(StandardCharsets.UTF_8));
            TransactionSendResult r = producer.sendMessageInTransaction(m, null);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("body", body);
            line.put("status", r.getSendStatus().name());
            line.put("localState", r.getLocalTransactionState().name());
            line.put("msgId", r.getMsgId());
            line.put("offsetMsgId", r.getOffsetMsgId());
            line.put("queueId", r.getMessageQueue().getQueueId());
            line.put("queueOffset", r.getQueueOffset());
            ProbeOutput.println("HALF " + JSON.toJSONString(line));
        }
        checked.await(Long.parseLong(args[3]), TimeUnit.MILLISECONDS);
        Thread.sleep(1000);
        producer.shutdown();
        synchronized (checks) {
            ProbeOutput.println("DONE checks=" + checks[0]);
        }
        System.exit(0);
    }
}
