package org.mqbook.client.impl.consumer;

import java.util.List;
import org.mqbook.client.consumer.DefaultLitePullConsumer;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.PullStatus;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.slf4j.Logger;

/**
 * The background pull of one queue of a {@link DefaultLitePullConsumerImpl} (4.7.1's inner
 * class PullTaskImpl): pull, put what came into the ProcessQueue and a ConsumeRequest into the
 * cache {@code poll()} reads, schedule itself again. The same flow control as the push
 * consumer holds it while the cache is full; a pause holds it too. Each run is one blocking
 * pull (the broker may hold it up to brokerSuspendMaxTimeMillis) on a "PullMsgThread-" thread.
 *
 * <p>Thread-safe: one task per queue, run by one thread at a time; it shares the queue's lock
 * object with {@code seek}, so a seek never sees a half-applied pull.
 */
final class LitePullTask implements Runnable {
    private static final long PULL_TIME_DELAY_MILLS_WHEN_PAUSE = 1000;
    private static final long PULL_TIME_DELAY_MILLS_WHEN_FLOW_CONTROL = 50;
    private final Logger log = ClientLogger.getLog();
    private final DefaultLitePullConsumerImpl consumer;
    private final MessageQueue messageQueue;
    private volatile boolean cancelled = false;

    LitePullTask(DefaultLitePullConsumerImpl consumer, MessageQueue messageQueue) {
        this.consumer = consumer;
        this.messageQueue = messageQueue;
    }

    // tag::ch07-lite-pull-task[]
    @Override
    public void run() {
        if (cancelled) {
            return;
        }
        AssignedMessageQueue assigned = consumer.getAssignedMessageQueue();
        if (assigned.isPaused(messageQueue)) {
            consumer.schedule(this, PULL_TIME_DELAY_MILLS_WHEN_PAUSE);
            return;
        }
        ProcessQueue pq = assigned.getProcessQueue(messageQueue);
        if (pq == null || pq.isDropped()) {
            return; // the queue is gone: so is this task
        }
        // TODO K1: the only back-pressure: pulling waits while poll()
        // lags, so a slow application buffers no more than the thresholds.
        if (flowControlled(pq)) {
            consumer.schedule(this, PULL_TIME_DELAY_MILLS_WHEN_FLOW_CONTROL);
            return;
        }
        long delay = 0;
        try {
            long offset = consumer.nextPullOffset(messageQueue);
            SubscriptionData sub = consumer.subscriptionFor(messageQueue);
            PullResult result = consumer.pull(messageQueue, sub, offset);
            synchronized (consumer.lockObject(messageQueue)) {
                // a seek since this pull started makes its result stale
                // (a seek also cancels this task and starts a fresh one)
                boolean noSeek = !cancelled
                    && assigned.getSeekOffset(messageQueue) == -1;
                List<MessageExt> msgs = result.getMsgFoundList();
                if (result.getPullStatus() == PullStatus.FOUND && noSeek
                    && msgs != null && !msgs.isEmpty()) {
                    pq.putMessage(msgs);
                    consumer.submitConsumeRequest(msgs, messageQueue, pq);
                } else if (result.getPullStatus()
                    == PullStatus.OFFSET_ILLEGAL) {
                    log.warn("The pull request offset illegal, {}", result);
                }
                if (noSeek) {
                    assigned.updatePullOffset(messageQueue,
                        result.getNextBeginOffset());
                }
            }
        } catch (Throwable e) {
            delay = consumer.getDefaultLitePullConsumer()
                .getPullTimeDelayMillsWhenException();
            log.error("An error occurred in pull message process. {}",
                messageQueue, e);
        }
        if (!cancelled) {
            consumer.schedule(this, delay);
        }
    }
    // end::ch07-lite-pull-task[]

    private boolean flowControlled(ProcessQueue pq) {
        DefaultLitePullConsumer settings = consumer.getDefaultLitePullConsumer();
        long cachedRequests = (long) consumer.cachedRequestCount() * settings.getPullBatchSize();
        return cachedRequests > settings.getPullThresholdForAll()
            || pq.getMsgCount() > settings.getPullThresholdForQueue()
            || pq.getMsgSize() / (1024 * 1024) > settings.getPullThresholdSizeForQueue()
            || pq.getMaxSpan() > settings.getConsumeMaxSpan();
    }

    void cancel() {
        this.cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    MessageQueue getMessageQueue() {
        return messageQueue;
    }
}
