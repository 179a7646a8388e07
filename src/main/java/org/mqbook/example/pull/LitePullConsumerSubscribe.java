package org.mqbook.example.pull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mqbook.client.consumer.DefaultLitePullConsumer;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;

/**
 * The lite pull consumer in subscribe mode: the group shares TopicTest's queues by rebalance,
 * the program polls, offsets are committed every 5 s. Arguments: the NameServer address
 * (default 127.0.0.1:9876) and how many empty polls in a row end the program (default: never).
 */
public class LitePullConsumerSubscribe {

    public static void main(String[] args) throws Exception {
        int maxEmptyPolls = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("example_lite_group");
        consumer.setNamesrvAddr(args.length > 0 ? args[0] : "127.0.0.1:9876");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("TopicTest", "*");
        consumer.start();
        try {
            for (int empty = 0; empty < maxEmptyPolls; ) {
                List<MessageExt> messages = consumer.poll(1000);
                empty = messages.isEmpty() ? empty + 1 : 0;
                messages.forEach(m -> System.out.printf("queue %d offset %d: %s%n", m.getQueueId(),
                    m.getQueueOffset(), new String(m.getBody(), StandardCharsets.UTF_8)));
            }
        } finally {
            consumer.shutdown();
        }
    }
}
