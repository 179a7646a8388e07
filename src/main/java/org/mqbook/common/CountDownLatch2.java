package org.mqbook.common;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A count-down latch that can be {@link #reset()} to its initial count, so one latch serves
 * every wait of a {@link ServiceThread}: reset, then await until a wakeup counts it down or
 * the interval passes. Thread-safe.
 */
public class CountDownLatch2 {
    private final Sync sync;

    public CountDownLatch2(final int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " is negative");
        }
        this.sync = new Sync(count);
    }

    public void await() throws InterruptedException {
        sync.acquireSharedInterruptibly(1);
    }

    /** True when the count reached zero, false when the timeout passed first. */
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException {
        return sync.tryAcquireSharedNanos(1, unit.toNanos(timeout));
    }

    public void countDown() {
        sync.releaseShared(1);
    }

    public long getCount() {
        return sync.getCount();
    }

    /** Back to the initial count; threads already released stay released. */
    public void reset() {
        sync.reset();
    }

    @Override
    public String toString() {
        return super.toString() + "[Count = " + sync.getCount() + "]";
    }

    private static final class Sync extends AbstractQueuedSynchronizer {
        private final int startCount;

        Sync(final int count) {
            this.startCount = count;
            setState(count);
        }

        int getCount() {
            return getState();
        }

        @Override
        protected int tryAcquireShared(final int acquires) {
            return getState() == 0 ? 1 : -1;
        }

        @Override
        protected boolean tryReleaseShared(final int releases) {
            for (;;) {
                final int c = getState();
                if (c == 0) {
                    return false;
                }
                if (compareAndSetState(c, c - 1)) {
                    return c - 1 == 0;
                }
            }
        }

        void reset() {
            // TODO K2: a plain write, no CAS: only the waiting thread resets, and a wakeup
            // racing with it is not lost: ServiceThread's hasNotified flag remembers it.
            setState(startCount);
        }
    }
}
