package org.mqbook.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** ServiceThread's wait/wakeup contract, CountDownLatch2, ThreadFactoryImpl. */
class ServiceThreadTest {

    /** Counts loops; each loop waits a minute unless woken. */
    static final class CountingService extends ServiceThread {
        final AtomicInteger loops = new AtomicInteger();
        final AtomicReference<String> threadName = new AtomicReference<>();
        volatile CountDownLatch looped = new CountDownLatch(1);

        @Override
        public String getServiceName() {
            return "CountingService";
        }

        @Override
        public void run() {
            threadName.set(Thread.currentThread().getName());
            while (!isStopped()) {
                waitForRunning(60_000);
                loops.incrementAndGet();
                looped.countDown();
            }
        }

        @Override
        public long getJointime() {
            return 5_000;
        }
    }

    @Test
    void wakeupEndsAWaitAndShutdownEndsTheThread() throws InterruptedException {
        final CountingService service = new CountingService();
        service.start();
        service.start();
        Thread.sleep(50);
        assertEquals(0, service.loops.get());

        service.wakeup();
        assertTrue(service.looped.await(5, TimeUnit.SECONDS), "wakeup did not end the wait");
        assertEquals("CountingService", service.threadName.get());

        final long begin = System.nanoTime();
        service.shutdown();
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        assertTrue(tookMs < 5_000, "shutdown took " + tookMs + " ms");
        assertTrue(service.isStopped());
        final int loops = service.loops.get();
        Thread.sleep(50);
        assertEquals(loops, service.loops.get());
    }

    @Test
    void aWakeupWhileBusyIsRemembered() {
        final CountingService service = new CountingService();
        service.wakeup();
        final long begin = System.nanoTime();
        service.waitForRunning(60_000);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) < 1_000);
        assertFalse(service.hasNotified.get());
    }

    @Test
    void aWaitWithoutWakeupLastsTheInterval() {
        final CountingService service = new CountingService();
        final long begin = System.nanoTime();
        service.waitForRunning(100);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) >= 90);
    }

    @Test
    void latchCanBeReset() throws InterruptedException {
        final CountDownLatch2 latch = new CountDownLatch2(1);
        latch.countDown();
        assertTrue(latch.await(1, TimeUnit.MILLISECONDS));
        latch.reset();
        assertEquals(1, latch.getCount());
        assertFalse(latch.await(20, TimeUnit.MILLISECONDS));
    }

    @Test
    void threadFactoryNumbersFromOne() {
        final ThreadFactoryImpl factory = new ThreadFactoryImpl("NettyServerNIOSelector_", true);
        final Thread first = factory.newThread(() -> { });
        final Thread second = factory.newThread(() -> { });
        assertEquals("NettyServerNIOSelector_1", first.getName());
        assertEquals("NettyServerNIOSelector_2", second.getName());
        assertTrue(first.isDaemon());
        assertFalse(new ThreadFactoryImpl("x_").newThread(() -> { }).isDaemon());
    }
}
