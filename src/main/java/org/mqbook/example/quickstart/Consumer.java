package org.mqbook.example.quickstart;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;

/**
 * The guide's quickstart consumer (its 3.4): subscribes to every tag of TopicTest through the
 * NameServer at 127.0.0.1:9876 and prints each message it receives, until stopped. Start a
 * NameServer, a broker and the producer first ("01 NameServer", "02 Broker", "03 Producer"),
 * then this ("04 Consumer"). A first argument replaces the NameServer address; with a second
 * argument N it shuts down after N messages (or 60 s).
 *
 * <p>Moving this file to Apache RocketMQ 4.7.1 changes only the imports. Read next:
 * {@link DefaultMQPushConsumer}.
 */
public class Consumer {

    public static void main(String[] args) throws Exception {
        String namesrvAddr = args.length > 0 ? args[0] : "127.0.0.1:9876";
        CountDownLatch enough = new CountDownLatch(
            args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE);
        // tag::ch07-quickstart[]
        DefaultMQPushConsumer consumer =
            new DefaultMQPushConsumer("please_rename_unique_group_name_4");
        consumer.setNamesrvAddr(namesrvAddr);
        consumer.setConsumeFromWhere(
            ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("TopicTest", "*");
        consumer.registerMessageListener(
            (MessageListenerConcurrently) (msgs, context) -> {
                System.out.printf("%s Receive New Messages: %s %n",
                    Thread.currentThread().getName(), msgs);
                msgs.forEach(m -> enough.countDown());
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
        consumer.start();
        System.out.printf("Consumer Started.%n");
        // end::ch07-quickstart[]
        if (args.length > 1) {
            enough.await(60, TimeUnit.SECONDS);
            consumer.shutdown();
        }
    }
}
