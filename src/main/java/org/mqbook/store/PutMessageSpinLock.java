package org.mqbook.store;

import java.util.concurrent.atomic.AtomicBoolean;

/** {@link PutMessageLock} as a CAS spin: true means free. Not reentrant. Thread-safe. */
public class PutMessageSpinLock implements PutMessageLock {
    private final AtomicBoolean putMessageSpinLock = new AtomicBoolean(true);

    @Override
    public void lock() {
        boolean flag;
        do {
            flag = this.putMessageSpinLock.compareAndSet(true, false);
        } while (!flag);
    }

    @Override
    public void unlock() {
        this.putMessageSpinLock.compareAndSet(false, true);
    }
}
