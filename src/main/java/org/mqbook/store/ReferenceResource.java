package org.mqbook.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A resource that readers {@link #hold()} and {@link #release()}, and that is cleaned up (for a
 * {@link MappedFile}: unmapped) only when it has been {@link #shutdown shut down} and the last
 * holder has let go.
 *
 * <pre>
 *  refCount  1 at birth (the owner's own reference)
 *            +1 per hold(), -1 per release()
 *  shutdown  available=false and the owner's reference is released; from then on hold() fails
 *            and the release that brings refCount to 0 runs cleanup()
 *  forced    a later shutdown() after intervalForcibly ms sets refCount below 0, so cleanup
 *            runs although a reader still holds the resource (4.7.1 does the same)
 * </pre>
 *
 * <p>Thread-safe. Read next: {@link MappedFile#cleanup(long)}, {@link SelectMappedBufferResult}.
 */
public abstract class ReferenceResource {
    protected final AtomicLong refCount = new AtomicLong(1);
    protected volatile boolean available = true;
    protected volatile boolean cleanupOver = false;
    private volatile long firstShutdownTimestamp = 0;

    /** Takes a reference; false when the resource is shut down (the caller must not read it). */
    public synchronized boolean hold() {
        if (this.isAvailable()) {
            if (this.refCount.getAndIncrement() > 0) {
                return true;
            }
            this.refCount.getAndDecrement();
        }
        return false;
    }

    public boolean isAvailable() {
        return this.available;
    }

    /**
     * Refuses new holders and drops the owner's reference; a second call, at least
     * {@code intervalForcibly} ms after the first, forces the cleanup even if readers remain.
     */
    public void shutdown(final long intervalForcibly) {
        if (this.available) {
            this.available = false;
            this.firstShutdownTimestamp = System.currentTimeMillis();
            this.release();
        } else if (this.getRefCount() > 0) {
            if ((System.currentTimeMillis() - this.firstShutdownTimestamp) >= intervalForcibly) {
                // TODO K2: a reader that never releases must not keep a deleted file forever
                this.refCount.set(-1000 - this.getRefCount());
                this.release();
            }
        }
    }

    public void release() {
        final long value = this.refCount.decrementAndGet();
        if (value > 0) {
            return;
        }
        synchronized (this) {
            this.cleanupOver = this.cleanup(value);
        }
    }

    public long getRefCount() {
        return this.refCount.get();
    }

    /** Frees what the resource holds; called once no reference is left. True when done. */
    public abstract boolean cleanup(long currentRef);

    public boolean isCleanupOver() {
        return this.refCount.get() <= 0 && this.cleanupOver;
    }
}
