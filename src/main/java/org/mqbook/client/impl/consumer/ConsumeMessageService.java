package org.mqbook.client.impl.consumer;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.ConsumeMessageDirectlyResult;

/**
 * Where a push consumer's pulled messages go to meet the listener: a thread pool, and the
 * rules for success, failure and the committed offset. Two kinds, picked by the listener:
 * {@link ConsumeMessageConcurrentlyService} and {@link ConsumeMessageOrderlyService}.
 */
public interface ConsumeMessageService {
    void start();

    /** Stops the pools, waiting up to {@code awaitTerminateMillis} for running listeners. */
    void shutdown(long awaitTerminateMillis);

    void updateCorePoolSize(int corePoolSize);

    void incCorePoolSize();

    void decCorePoolSize();

    int getCorePoolSize();

    /** Runs the listener on one message now (an admin tool's CONSUME_MESSAGE_DIRECTLY). */
    ConsumeMessageDirectlyResult consumeMessageDirectly(MessageExt msg, String brokerName);

    /**
     * Hands freshly pulled messages over. {@code dispathToConsume} (4.7.1's spelling): the
     * ProcessQueue had no consume request pending (the orderly service only starts one then).
     */
    void submitConsumeRequest(List<MessageExt> msgs, ProcessQueue processQueue,
                              MessageQueue messageQueue, boolean dispathToConsume);

    /**
     * Stops {@code executor}: running listeners may finish within {@code awaitMillis} (0: do
     * not wait), then whatever still runs is interrupted.
     */
    static void shutdownGracefully(ExecutorService executor, long awaitMillis) {
        executor.shutdown();
        try {
            if (awaitMillis <= 0 || !executor.awaitTermination(awaitMillis, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
