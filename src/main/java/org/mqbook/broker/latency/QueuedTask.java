package org.mqbook.broker.latency;

/**
 * What a {@link BrokerFixedThreadPoolExecutor} really queues: the remoting layer's task plus
 * the time it was queued, so {@link BrokerFastFailure} can see how long the head of a queue has
 * waited, take old tasks out and answer them SYSTEM_BUSY instead.
 *
 * <p>Thread-safe: immutable; {@link #runRejected} may run on the fast-failure thread.
 */
public final class QueuedTask implements Runnable {
    private static final ThreadLocal<String> REJECT_REMARK = new ThreadLocal<>();

    private final Runnable task;
    private final long createTimestamp;

    QueuedTask(Runnable task, long createTimestamp) {
        this.task = task;
        this.createTimestamp = createTimestamp;
    }

    public long getCreateTimestamp() {
        return createTimestamp;
    }

    @Override
    public void run() {
        task.run();
    }

    /**
     * Runs the task so that its processor answers SYSTEM_BUSY with {@code remark} instead of
     * doing the work ({@link FastFailureGuard} reads the remark on this thread).
     */
    void runRejected(String remark) {
        REJECT_REMARK.set(remark);
        try {
            task.run();
        } finally {
            REJECT_REMARK.remove();
        }
    }

    /** The remark of a task being rejected on this thread, or null for a normal run. */
    static String currentRejectRemark() {
        return REJECT_REMARK.get();
    }
}
