package org.mqbook.store;

import java.util.concurrent.locks.ReentrantLock;

/** {@link PutMessageLock} as a non-fair ReentrantLock: waiting threads park. Thread-safe. */
public class PutMessageReentrantLock implements PutMessageLock {
    private final ReentrantLock putMessageNormalLock = new ReentrantLock();

    @Override
    public void lock() {
        putMessageNormalLock.lock();
    }

    @Override
    public void unlock() {
        putMessageNormalLock.unlock();
    }
}
