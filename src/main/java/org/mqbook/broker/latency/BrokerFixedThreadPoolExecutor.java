package org.mqbook.broker.latency;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed-size pool with a bounded queue, one per kind of request (send, pull, query, admin,
 * client management, consumer management, end transaction). Each queued task is wrapped in a
 * {@link QueuedTask} that remembers when it was queued. A full queue makes {@code execute}
 * throw, which the remoting layer answers "[OVERLOAD]system busy".
 *
 * <p>Thread-safe (a ThreadPoolExecutor).
 */
public class BrokerFixedThreadPoolExecutor extends ThreadPoolExecutor {

    public BrokerFixedThreadPoolExecutor(int threads, BlockingQueue<Runnable> workQueue,
                                         ThreadFactory threadFactory) {
        super(threads, threads, 1000 * 60, TimeUnit.MILLISECONDS, workQueue, threadFactory);
    }

    @Override
    public void execute(Runnable command) {
        super.execute(command instanceof QueuedTask ? command
            : new QueuedTask(command, System.currentTimeMillis()));
    }

    /** How long the oldest queued task has waited, ms; 0 when the queue is empty. */
    public long headWaitTimeMills() {
        Runnable head = getQueue().peek();
        return head instanceof QueuedTask task
            ? Math.max(0, System.currentTimeMillis() - task.getCreateTimestamp()) : 0;
    }
}
