package org.mqbook.store;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link PutMessageLock} that spins briefly, then parks: the default put lock.
 * <pre>
 *  lock():  tryLock ─ free? ─&gt; held
 *             │ busy
 *             ├─ no thread parked and fewer spinners than cores - 1:
 *             │    up to 16 tries, each after a Thread.yield(), then park
 *             └─ otherwise: park at once (ReentrantLock's queue)
 * </pre>
 * 4.7.1's spin lock is a bare CAS loop: with more producers than cores the spinners eat the
 * CPU the holder needs to finish its append (sync flush at 16 threads on 2 cores runs 4x
 * slower than with the reentrant lock). An append holds the lock for about a microsecond, so
 * a few tries usually win it without a park; yielding between tries hands the core to the
 * holder, or to the thread waking the others, whenever one of them is waiting for it.
 * Not meant to be re-entered. Thread-safe.
 */
public class PutMessageSpinLock implements PutMessageLock {
    private static final int MAX_SPINS = 16;
    private static final int MAX_SPINNERS =
        Math.max(0, Runtime.getRuntime().availableProcessors() - 1);

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger spinners = new AtomicInteger();

    // tag::ch06-spin-lock[]
    @Override
    public void lock() {
        // TODO K1: spin only while a core is free for it and nobody queues,
        // and yield while spinning: past the core count a spinner only
        // steals the CPU the lock holder needs
        if (lock.tryLock() || !lock.hasQueuedThreads() && spinForLock()) {
            return;
        }
        lock.lock();
    }

    /** Up to 16 yielding tries, if a spin place is free; true if won. */
    private boolean spinForLock() {
        try {
            if (spinners.incrementAndGet() > MAX_SPINNERS) {
                return false;
            }
            for (int i = 0; i < MAX_SPINS; i++) {
                Thread.yield();
                if (!lock.isLocked() && lock.tryLock()) {
                    return true;
                }
            }
            return false;
        } finally {
            spinners.decrementAndGet();
        }
    }
    // end::ch06-spin-lock[]

    @Override
    public void unlock() {
        lock.unlock();
    }
}
