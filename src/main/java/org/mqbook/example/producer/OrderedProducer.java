package org.mqbook.example.producer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.MessageQueueSelector;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageQueue;

/**
 * Ordered messages: every step of one order goes to the same queue, chosen by a
 * {@link MessageQueueSelector} from the order id, so an orderly consumer sees the steps in
 * order. Argument: the NameServer address (default 127.0.0.1:9876).
 */
public class OrderedProducer {

    public static void main(String[] args) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("example_ordered_group");
        producer.setNamesrvAddr(args.length > 0 ? args[0] : "127.0.0.1:9876");
        producer.start();
        String[] steps = {"created", "paid", "shipped", "done"};
        for (String step : steps) {
            for (int orderId = 0; orderId < 3; orderId++) {
                Message msg = new Message("TopicOrder", "TagA", "order-" + orderId,
                    ("order " + orderId + " " + step).getBytes(StandardCharsets.UTF_8));
                SendResult sendResult = producer.send(msg, new MessageQueueSelector() {
                    @Override
                    public MessageQueue select(List<MessageQueue> mqs, Message m, Object arg) {
                        return mqs.get((Integer) arg % mqs.size());
                    }
                }, orderId);
                System.out.printf("order %d %-8s -> queue %d%n", orderId, step,
                    sendResult.getMessageQueue().getQueueId());
            }
        }
        producer.shutdown();
    }
}
