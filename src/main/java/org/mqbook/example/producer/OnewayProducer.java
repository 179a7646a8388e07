package org.mqbook.example.producer;

import java.nio.charset.StandardCharsets;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.common.message.Message;

/**
 * Oneway sends: the request is written and forgotten; there is no answer, no retry and no way
 * to learn of a loss. For logs and metrics, where speed beats certainty.
 * Argument: the NameServer address (default 127.0.0.1:9876).
 */
public class OnewayProducer {

    public static void main(String[] args) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("example_oneway_group");
        producer.setNamesrvAddr(args.length > 0 ? args[0] : "127.0.0.1:9876");
        producer.start();
        for (int i = 0; i < 10; i++) {
            Message msg = new Message("TopicTest", "TagA",
                ("Hello RocketMQ " + i).getBytes(StandardCharsets.UTF_8));
            producer.sendOneway(msg);
            System.out.printf("sent oneway %s%n", msg.getProperty("UNIQ_KEY"));
        }
        // Give the last requests time to leave before the connections close.
        Thread.sleep(1000);
        producer.shutdown();
    }
}
