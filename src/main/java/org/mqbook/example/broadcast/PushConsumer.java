package org.mqbook.example.broadcast;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.MessageModel;

/**
 * A broadcasting consumer: every member of the group gets every message of TopicTest (start
 * two with different instance names and both print all). Its offsets live in a file under
 * {@code target/runtime/.rocketmq_offsets/<clientId>/example_broadcast_group/}, not on the
 * broker. Arguments: the NameServer address (default 127.0.0.1:9876), the instance name
 * (default "DEFAULT"), and optionally a number of messages after which it shuts down (or 60 s).
 */
public class PushConsumer {

    public static void main(String[] args) throws Exception {
        String namesrvAddr = args.length > 0 ? args[0] : "127.0.0.1:9876";
        CountDownLatch enough = new CountDownLatch(
            args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("example_broadcast_group");
        consumer.setNamesrvAddr(namesrvAddr);
        if (args.length > 1) {
            consumer.setInstanceName(args[1]);
        }
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setMessageModel(MessageModel.BROADCASTING);
        consumer.subscribe("TopicTest", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> {
                System.out.printf("%s got %s%n", consumer.getInstanceName(), m.getMsgId());
                enough.countDown();
            });
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        System.out.printf("Broadcast Consumer Started.%n");
        if (args.length > 2) {
            enough.await(60, TimeUnit.SECONDS);
            consumer.shutdown();
        }
    }
}
