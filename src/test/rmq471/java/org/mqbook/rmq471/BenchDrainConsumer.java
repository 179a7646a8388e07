package org.mqbook.rmq471;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * The drain of the broker benchmark (issue 6): the official 4.7.1 push consumer, a new group,
 * reads a topic that is already full from its first offset, with the client's defaults
 * (clustering, concurrently, 20 consume threads, pulls of 32), and measures how long it takes
 * until EXPECTED messages reached the listener.
 * <pre>
 * BenchDrainConsumer NAMESRV TOPIC GROUP EXPECTED TIMEOUT_MS
 * RESULT cmd=drain consumed=300000 seconds=7.9 tps=38000.0 firstMsgSeconds=0.4 loopCpuMs=5400
 *        cpuMs=6900
 * </pre>
 * {@code loopCpuMs} is this process's CPU time (user + system) from right before
 * {@code start()} to the last message, {@code cpuMs} since the JVM started.
 * The clock starts right before {@code start()}, so the time includes the consumer's start,
 * route lookup and first rebalance (about the same for both brokers). Exit 0 when EXPECTED
 * arrived, 2 when the timeout passed first.
 */
public final class BenchDrainConsumer {

    private BenchDrainConsumer() {
    }

    public static void main(String[] args) throws Exception {
        ProbeOutput.configure("JSON");
        int expected = Integer.parseInt(args[3]);
        long timeoutMs = Long.parseLong(args[4]);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(args[2]);
        consumer.setNamesrvAddr(args[0]);
        consumer.setInstanceName("drain-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(args[1], "*");
        AtomicLong consumed = new AtomicLong();
        AtomicLong firstNanos = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            firstNanos.compareAndSet(0, System.nanoTime());
            if (consumed.addAndGet(msgs.size()) >= expected) {
                all.countDown();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        long cpuBefore = BenchLoadProducer.cpuNanos();
        long start = System.nanoTime();
        consumer.start();
        boolean done = all.await(timeoutMs, TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long loopCpuNanos = BenchLoadProducer.cpuNanos() - cpuBefore;
        double first = firstNanos.get() == 0 ? -1 : (firstNanos.get() - start) / 1e9;
        ProbeOutput.println("RESULT cmd=drain consumed=" + consumed.get()
                + " seconds=" + BenchLoadProducer.fmt(seconds)
                + " tps=" + BenchLoadProducer.fmt(consumed.get() / seconds)
                + " firstMsgSeconds=" + BenchLoadProducer.fmt(first)
                + " loopCpuMs=" + loopCpuNanos / 1_000_000
                + " cpuMs=" + BenchLoadProducer.cpuNanos() / 1_000_000);
        consumer.shutdown();
        System.exit(done ? 0 : 2);
    }
}
