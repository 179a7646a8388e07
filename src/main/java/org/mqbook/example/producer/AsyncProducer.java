package org.mqbook.example.producer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendCallback;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.message.Message;

/**
 * Asynchronous sends: {@code send} returns at once, a {@link SendCallback} learns the outcome
 * on the client's callback thread. The latch keeps main alive until every callback ran.
 * Argument: the NameServer address (default 127.0.0.1:9876).
 */
public class AsyncProducer {

    public static void main(String[] args) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("example_async_group");
        producer.setNamesrvAddr(args.length > 0 ? args[0] : "127.0.0.1:9876");
        producer.setRetryTimesWhenSendAsyncFailed(0);
        producer.start();
        int count = 10;
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            final int index = i;
            Message msg = new Message("TopicTest", "TagA", "OrderID188",
                ("Hello world " + i).getBytes(StandardCharsets.UTF_8));
            producer.send(msg, new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    System.out.printf("%-10d OK %s%n", index, sendResult.getMsgId());
                    done.countDown();
                }

                @Override
                public void onException(Throwable e) {
                    System.out.printf("%-10d Exception %s%n", index, e);
                    done.countDown();
                }
            });
        }
        done.await(10, TimeUnit.SECONDS);
        producer.shutdown();
    }
}
