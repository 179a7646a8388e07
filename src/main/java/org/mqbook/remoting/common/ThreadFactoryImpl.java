package org.mqbook.remoting.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Names threads {@code prefix + n} with n counting from 1 ("NettyServerNIOSelector_1"), so a
 * thread dump reads like the architecture. Threads are Netty's FastThreadLocalThread, which
 * Netty's event loops and buffer pools run faster on; for plain executors it is just a Thread.
 */
public final class ThreadFactoryImpl implements ThreadFactory {
    private final AtomicInteger index = new AtomicInteger(0);
    private final String prefix;
    private final boolean daemon;

    public ThreadFactoryImpl(String prefix) {
        this(prefix, false);
    }

    public ThreadFactoryImpl(String prefix, boolean daemon) {
        this.prefix = prefix;
        this.daemon = daemon;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread thread = new FastThreadLocalThread(r, prefix + index.incrementAndGet());
        thread.setDaemon(daemon);
        return thread;
    }
}
