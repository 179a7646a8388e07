package org.mqbook.remoting.common;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A permit that can be given back once only. An async request may end three ways (response,
 * send failure, timeout scan) on three threads; each calls release() and one wins.
 */
public final class SemaphoreReleaseOnlyOnce {
    private final AtomicBoolean released = new AtomicBoolean(false);
    private final Semaphore semaphore;

    public SemaphoreReleaseOnlyOnce(Semaphore semaphore) {
        this.semaphore = semaphore;
    }

    public void release() {
        if (semaphore != null && released.compareAndSet(false, true)) {
            semaphore.release();
        }
    }

    public Semaphore getSemaphore() {
        return semaphore;
    }
}
