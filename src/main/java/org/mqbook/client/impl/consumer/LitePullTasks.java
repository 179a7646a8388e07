package org.mqbook.client.impl.consumer;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.message.MessageQueue;

/**
 * The background pull tasks of a {@link DefaultLitePullConsumerImpl}: one {@link LitePullTask}
 * per assigned queue on the pool "PullMsgThread-&lt;group&gt;" (pullThreadNums threads). A
 * queue leaving the assignment cancels its task, a new one starts one; a cancelled task
 * finishes its current pull and does not come back.
 *
 * <p>Thread-safe: a concurrent task table; the pool schedules.
 */
final class LitePullTasks {
    private final DefaultLitePullConsumerImpl consumer;
    private final ConcurrentMap<MessageQueue, LitePullTask> taskTable = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor executor;

    LitePullTasks(DefaultLitePullConsumerImpl consumer, int threads, String group) {
        this.consumer = consumer;
        this.executor = new ScheduledThreadPoolExecutor(threads,
            new ThreadFactoryImpl("PullMsgThread-" + group));
    }

    /** Cancels the tasks of queues {@code gone} says are gone, starts tasks for {@code mqs}. */
    void update(Collection<MessageQueue> mqs, Predicate<MessageQueue> gone) {
        cancel(gone);
        start(mqs);
    }

    /** Cancels every task whose queue matches {@code which}. */
    void cancel(Predicate<MessageQueue> which) {
        Iterator<Map.Entry<MessageQueue, LitePullTask>> it = taskTable.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<MessageQueue, LitePullTask> next = it.next();
            if (which.test(next.getKey())) {
                next.getValue().cancel();
                it.remove();
            }
        }
    }

    void start(Collection<MessageQueue> mqs) {
        for (MessageQueue mq : mqs) {
            if (!taskTable.containsKey(mq)) {
                LitePullTask task = new LitePullTask(consumer, mq);
                taskTable.put(mq, task);
                executor.schedule(task, 0, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Replaces the queue's task by a fresh one (after a seek). */
    void restart(MessageQueue mq) {
        LitePullTask old = taskTable.remove(mq);
        if (old != null) {
            // TODO K2: a fresh task, not a reset one: the old may sit in a long-polled pull
            // whose result the seek made stale; once cancelled it drops that result.
            old.cancel();
            start(List.of(mq));
        }
    }

    void schedule(LitePullTask task, long delayMillis) {
        if (!executor.isShutdown()) {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the pool; a task blocked in a long-polled pull is interrupted. */
    void shutdown() {
        executor.shutdownNow();
    }
}
