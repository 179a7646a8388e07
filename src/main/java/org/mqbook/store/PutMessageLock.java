package org.mqbook.store;

/**
 * The lock that makes the commit log single-writer ({@code putMessageLock}). Two kinds, chosen by
 * {@code useReentrantLockWhenPutMessage}: a spin lock (default; a put holds it for microseconds,
 * so spinning beats parking) or a ReentrantLock (better when many threads put at once and the
 * page cache is slow, e.g. with SYNC_FLUSH). Read next: {@link CommitLog#putMessage}.
 */
public interface PutMessageLock {
    void lock();

    void unlock();
}
