package org.mqbook.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names pool threads {@code prefix + n}, n counting from 1: a prefix of
 * {@code "NettyServerNIOSelector_"} gives {@code NettyServerNIOSelector_1}, ... so a thread
 * dump says which pool a thread belongs to. Thread-safe.
 */
public class ThreadFactoryImpl implements ThreadFactory {
    private final AtomicLong threadIndex = new AtomicLong(0);
    private final String threadNamePrefix;
    private final boolean daemon;

    public ThreadFactoryImpl(final String threadNamePrefix) {
        this(threadNamePrefix, false);
    }

    public ThreadFactoryImpl(final String threadNamePrefix, final boolean daemon) {
        this.threadNamePrefix = threadNamePrefix;
        this.daemon = daemon;
    }

    @Override
    public Thread newThread(final Runnable r) {
        final Thread thread = new Thread(r, threadNamePrefix + threadIndex.incrementAndGet());
        thread.setDaemon(daemon);
        return thread;
    }
}
