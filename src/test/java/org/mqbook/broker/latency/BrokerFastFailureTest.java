package org.mqbook.broker.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;

/** Requests older than their queue's limit are taken out and answered SYSTEM_BUSY. */
class BrokerFastFailureTest {

    @Test
    void anExpiredHeadIsAnsweredBusyAndAYoungOneStays() {
        AtomicReference<RemotingCommand> answered = new AtomicReference<>();
        FastFailureGuard guard = new FastFailureGuard((ctx, request) ->
            RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, "processed"));
        Runnable task = () -> {
            try {
                answered.set(guard.processRequest(null, new RemotingCommand()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        long now = System.currentTimeMillis();
        queue.add(new QueuedTask(task, now - 500));
        QueuedTask young = new QueuedTask(task, now + 60_000);
        queue.add(young);

        new BrokerFastFailure(null).cleanExpiredRequestInQueue(queue, 200);

        assertEquals(ResponseCode.SYSTEM_BUSY, answered.get().getCode());
        String remark = answered.get().getRemark();
        assertTrue(remark.startsWith("[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a "
            + "while, period in queue: "), remark);
        assertTrue(remark.endsWith("ms, size of queue: 1"), remark);
        assertEquals(1, queue.size());
        assertEquals(young, queue.peek());

        young.run();
        assertEquals("processed", answered.get().getRemark(), "a normal run reaches the processor");
    }

    @Test
    void theExecutorWrapsAndMeasuresItsQueue() throws Exception {
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>(10);
        BrokerFixedThreadPoolExecutor executor = new BrokerFixedThreadPoolExecutor(1, queue,
            r -> new Thread(r, "FastFailureTestThread"));
        try {
            java.util.concurrent.CountDownLatch block = new java.util.concurrent.CountDownLatch(1);
            executor.execute(() -> {
                try {
                    block.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            executor.execute(() -> { });
            Thread.sleep(60);
            assertTrue(queue.peek() instanceof QueuedTask);
            assertTrue(executor.headWaitTimeMills() >= 50, "" + executor.headWaitTimeMills());
            block.countDown();
        } finally {
            executor.shutdown();
        }
    }
}
