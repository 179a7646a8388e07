package org.mqbook.example.quickstart;

import java.nio.charset.StandardCharsets;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.message.Message;

/**
 * The guide's quickstart producer (its 3.3): ten synchronous sends of "Hello RocketMQ i" to
 * TopicTest, tag TagA, through the NameServer at 127.0.0.1:9876. Start a NameServer and a broker
 * first ("01 NameServer", "02 Broker"), then this ("03 Producer"). With a first argument, that
 * address is used instead; a second argument sets the number of messages.
 *
 * <p>Moving this file to Apache RocketMQ 4.7.1 changes only the imports. Read next:
 * {@link DefaultMQProducer}.
 */
public class Producer {

    public static void main(String[] args) throws Exception {
        String namesrvAddr = args.length > 0 ? args[0] : "127.0.0.1:9876";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        // tag::ch05-quickstart[]
        DefaultMQProducer producer =
            new DefaultMQProducer("please_rename_unique_group_name");
        producer.setNamesrvAddr(namesrvAddr);
        producer.start();
        for (int i = 0; i < count; i++) {
            Message msg = new Message("TopicTest", "TagA",
                ("Hello RocketMQ " + i).getBytes(StandardCharsets.UTF_8));
            SendResult sendResult = producer.send(msg);
            System.out.printf("%s%n", sendResult);
        }
        producer.shutdown();
        // end::ch05-quickstart[]
    }
}
