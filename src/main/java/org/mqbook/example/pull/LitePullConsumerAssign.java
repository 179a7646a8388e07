package org.mqbook.example.pull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mqbook.client.consumer.DefaultLitePullConsumer;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;

/**
 * The lite pull consumer in assign mode: the program takes every queue of TopicTest itself,
 * seeks each to its first message, polls, and commits by hand after each batch it printed.
 * Arguments: the NameServer address (default 127.0.0.1:9876) and how many empty polls in a
 * row end the program (default 3).
 */
public class LitePullConsumerAssign {

    public static void main(String[] args) throws Exception {
        int maxEmptyPolls = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("example_assign_group");
        consumer.setNamesrvAddr(args.length > 0 ? args[0] : "127.0.0.1:9876");
        consumer.setAutoCommit(false);
        consumer.start();
        try {
            // tag::ch07-lite-assign-example[]
            List<MessageQueue> mqs =
                new ArrayList<>(consumer.fetchMessageQueues("TopicTest"));
            consumer.assign(mqs);
            for (MessageQueue mq : mqs) {
                consumer.seekToBegin(mq);
            }
            for (int empty = 0; empty < maxEmptyPolls; ) {
                List<MessageExt> messages = consumer.poll(1000);
                empty = messages.isEmpty() ? empty + 1 : 0;
                messages.forEach(m -> System.out.printf(
                    "queue %d offset %d: %s%n", m.getQueueId(),
                    m.getQueueOffset(),
                    new String(m.getBody(), StandardCharsets.UTF_8)));
                consumer.commitSync();
            }
            // end::ch07-lite-assign-example[]
        } finally {
            consumer.shutdown();
        }
    }
}
