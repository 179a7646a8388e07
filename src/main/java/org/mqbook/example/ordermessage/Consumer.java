package org.mqbook.example.ordermessage;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.ConsumeOrderlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerOrderly;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;

/**
 * The orderly consumer for {@code example.producer.OrderedProducer}: TopicOrder with a
 * {@link MessageListenerOrderly}, so each order's steps (created, paid, shipped, done) arrive
 * in the order they were sent. Every fifth call answers SUSPEND_CURRENT_QUEUE_A_MOMENT: the
 * queue pauses a second and the same message comes again, still before the next step.
 * Arguments: the NameServer address (default 127.0.0.1:9876), and optionally a number of
 * messages after which it shuts down (or 60 s).
 */
public class Consumer {

    public static void main(String[] args) throws Exception {
        String namesrvAddr = args.length > 0 ? args[0] : "127.0.0.1:9876";
        CountDownLatch enough = new CountDownLatch(
            args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("example_orderly_group");
        consumer.setNamesrvAddr(namesrvAddr);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("TopicOrder", "*");
        AtomicLong calls = new AtomicLong();
        consumer.registerMessageListener((MessageListenerOrderly) (msgs, context) -> {
            if (calls.incrementAndGet() % 5 == 0) {
                System.out.printf("queue %d suspended a moment%n",
                    context.getMessageQueue().getQueueId());
                return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            }
            msgs.forEach(m -> {
                System.out.printf("queue %d offset %d: %s%n", m.getQueueId(), m.getQueueOffset(),
                    new String(m.getBody(), StandardCharsets.UTF_8));
                enough.countDown();
            });
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
        System.out.printf("Consumer Started.%n");
        if (args.length > 1) {
            enough.await(60, TimeUnit.SECONDS);
            consumer.shutdown();
        }
    }
}
