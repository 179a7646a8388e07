package org.mqbook.example.pull;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.mqbook.client.consumer.DefaultMQPullConsumer;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.PullStatus;
import org.mqbook.common.message.MessageQueue;

/**
 * The pull consumer: the program chooses queue and offset. For every queue of TopicTest it
 * starts at the group's stored offset (0 the first time), pulls until nothing is left, prints
 * what it found, and stores where it stopped, so a second run prints only new messages.
 * Argument: the NameServer address (default 127.0.0.1:9876).
 */
public class PullConsumer {

    public static void main(String[] args) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("example_pull_group");
        consumer.setNamesrvAddr(args.length > 0 ? args[0] : "127.0.0.1:9876");
        consumer.start();
        // tag::ch07-pull-consumer-example[]
        Set<MessageQueue> mqs =
            consumer.fetchSubscribeMessageQueues("TopicTest");
        for (MessageQueue mq : mqs) {
            long offset = Math.max(0, consumer.fetchConsumeOffset(mq, true));
            while (true) {
                PullResult result = consumer.pull(mq, "*", offset, 32);
                if (result.getPullStatus() == PullStatus.FOUND) {
                    result.getMsgFoundList().forEach(m -> System.out.printf(
                        "queue %d offset %d: %s%n", m.getQueueId(),
                        m.getQueueOffset(),
                        new String(m.getBody(), StandardCharsets.UTF_8)));
                }
                offset = result.getNextBeginOffset();
                if (result.getPullStatus() != PullStatus.FOUND) {
                    break; // NO_NEW_MSG: caught up (or nothing matched)
                }
            }
            consumer.updateConsumeOffset(mq, offset);
        }
        // end::ch07-pull-consumer-example[]
        consumer.shutdown(); // writes the offsets to the broker
    }
}
