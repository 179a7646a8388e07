package org.mqbook.example.producer;

import java.nio.charset.StandardCharsets;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.message.Message;

/**
 * Delayed messages: delay level 3 is 10 s with the default levels
 * ({@code 1s 5s 10s 30s 1m ...}); the broker parks the message and delivers it then.
 * Argument: the NameServer address (default 127.0.0.1:9876).
 */
public class ScheduledMessageProducer {

    public static void main(String[] args) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("example_scheduled_group");
        producer.setNamesrvAddr(args.length > 0 ? args[0] : "127.0.0.1:9876");
        producer.start();
        for (int i = 0; i < 3; i++) {
            // tag::ch08-send-delayed[]
            Message msg = new Message("TestTopic",
                ("Hello scheduled message " + i).getBytes(StandardCharsets.UTF_8));
            // TODO K1: a level, not a time: the broker's messageDelayLevel maps it
            msg.setDelayTimeLevel(3);
            // end::ch08-send-delayed[]
            SendResult sendResult = producer.send(msg);
            System.out.printf("%s%n", sendResult);
        }
        producer.shutdown();
    }
}
