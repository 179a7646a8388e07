package org.mqbook.example.producer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mqbook.client.producer.LocalTransactionState;
import org.mqbook.client.producer.TransactionListener;
import org.mqbook.client.producer.TransactionMQProducer;
import org.mqbook.client.producer.TransactionSendResult;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;

/**
 * Transactional messages: each send stores a half message, runs the local transaction, and
 * commits or rolls back. Here message 0 commits, 1 rolls back and 2 answers UNKNOW: the broker
 * asks again later (every 60 s by default) and {@code checkLocalTransaction} commits it.
 * Arguments: the NameServer address (default 127.0.0.1:9876), then how long to wait for the
 * broker's question in ms (default 0: do not wait).
 */
public class TransactionProducer {

    public static void main(String[] args) throws Exception {
        Map<String, LocalTransactionState> decided = new ConcurrentHashMap<>();
        TransactionMQProducer producer = new TransactionMQProducer("example_transaction_group");
        producer.setNamesrvAddr(args.length > 0 ? args[0] : "127.0.0.1:9876");
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                LocalTransactionState[] verdicts = {LocalTransactionState.COMMIT_MESSAGE,
                    LocalTransactionState.ROLLBACK_MESSAGE, LocalTransactionState.UNKNOW};
                return verdicts[(Integer) arg];
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                System.out.printf("broker asks about %s%n", msg.getTransactionId());
                decided.put(msg.getTransactionId(), LocalTransactionState.COMMIT_MESSAGE);
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        producer.start();
        for (int i = 0; i < 3; i++) {
            Message msg = new Message("TopicTransaction", "TagA", "KEY" + i,
                ("Hello RocketMQ " + i).getBytes(StandardCharsets.UTF_8));
            TransactionSendResult sendResult = producer.sendMessageInTransaction(msg, i);
            System.out.printf("%s%n", sendResult);
        }
        long waitMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        long deadline = System.currentTimeMillis() + waitMs;
        while (decided.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        producer.shutdown();
    }
}
