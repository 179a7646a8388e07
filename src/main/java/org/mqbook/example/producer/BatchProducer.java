package org.mqbook.example.producer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.message.Message;

/**
 * A batch: several messages of one topic in one request, stored together in one queue. The
 * result lists every message's id, comma-separated. Keep a batch well under 4 MiB.
 * Argument: the NameServer address (default 127.0.0.1:9876).
 */
public class BatchProducer {

    public static void main(String[] args) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("example_batch_group");
        producer.setNamesrvAddr(args.length > 0 ? args[0] : "127.0.0.1:9876");
        producer.start();
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(new Message("BatchTest", "TagA", "OrderID00" + i,
                ("Hello world " + i).getBytes(StandardCharsets.UTF_8)));
        }
        SendResult sendResult = producer.send(messages);
        System.out.printf("%s%n", sendResult);
        producer.shutdown();
    }
}
