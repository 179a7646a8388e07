package org.mqbook.client.impl.consumer;

import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.ThreadFactoryImpl;
import org.slf4j.Logger;

/**
 * What both consume services own alike: the consumer they serve, the pool
 * "ConsumeMessageThread_N" (consumeThreadMin to consumeThreadMax threads, an unbounded queue)
 * where listeners run, and one "ConsumeMessageScheduledThread_1" for work put off until
 * later. The two differ in everything after that: read
 * {@link ConsumeMessageConcurrentlyService} first, then {@link ConsumeMessageOrderlyService}.
 * (4.7.1 repeats these parts in each service.)
 *
 * <p>Thread-safe: the fields are final and the pools are thread-safe.
 */
abstract class AbstractConsumeMessageService implements ConsumeMessageService {
    private static final long CONSUME_THREAD_KEEP_ALIVE_MILLIS = 1000 * 60;
    protected final Logger log = ClientLogger.getLog();
    protected final DefaultMQPushConsumerImpl defaultMQPushConsumerImpl;
    protected final DefaultMQPushConsumer defaultMQPushConsumer;
    protected final String consumerGroup;
    protected final ThreadPoolExecutor consumeExecutor;
    protected final ScheduledExecutorService scheduledExecutorService;

    protected AbstractConsumeMessageService(DefaultMQPushConsumerImpl defaultMQPushConsumerImpl) {
        this.defaultMQPushConsumerImpl = defaultMQPushConsumerImpl;
        this.defaultMQPushConsumer = defaultMQPushConsumerImpl.getDefaultMQPushConsumer();
        this.consumerGroup = defaultMQPushConsumer.getConsumerGroup();
        // TODO K2: with an unbounded queue the pool never grows past
        // consumeThreadMin; the ProcessQueue thresholds bound the backlog.
        this.consumeExecutor = new ThreadPoolExecutor(defaultMQPushConsumer.getConsumeThreadMin(),
            defaultMQPushConsumer.getConsumeThreadMax(), CONSUME_THREAD_KEEP_ALIVE_MILLIS,
            TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            new ThreadFactoryImpl("ConsumeMessageThread_"));
        this.scheduledExecutorService = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryImpl("ConsumeMessageScheduledThread_"));
    }

    /** Below consumeThreadMax and Short.MAX_VALUE only; other values are ignored. */
    @Override
    public void updateCorePoolSize(int corePoolSize) {
        if (corePoolSize > 0 && corePoolSize <= Short.MAX_VALUE
            && corePoolSize < this.defaultMQPushConsumer.getConsumeThreadMax()) {
            this.consumeExecutor.setCorePoolSize(corePoolSize);
        }
    }

    /** Does nothing, as in 4.7.1 (kept for the interface). */
    @Override
    public void incCorePoolSize() {
    }

    /** Does nothing, as in 4.7.1 (kept for the interface). */
    @Override
    public void decCorePoolSize() {
    }

    @Override
    public int getCorePoolSize() {
        return this.consumeExecutor.getCorePoolSize();
    }
}
