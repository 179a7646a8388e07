package org.mqbook.client.impl.consumer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.store.OffsetStore;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;

/**
 * Rebalance for a push consumer: a new queue starts a pull loop at the offset
 * {@link #computePullFromWhere} finds; a lost queue has its offset persisted and, if orderly,
 * its broker lock released; a changed share bumps the subscription's subVersion and sends a
 * heartbeat at once, so the broker's view of the subscription is never older than a pull.
 *
 * <p>Thread-safe as {@link RebalanceImpl}.
 */
public class RebalancePushImpl extends RebalanceImpl {
    /** JVM property: how long a busy orderly queue's unlock is put off (ms). */
    private static final long UNLOCK_DELAY_TIME_MILLS =
        Long.parseLong(System.getProperty("rocketmq.client.unlockDelayTimeMills", "20000"));
    private static final long CONSUME_LOCK_WAIT_MILLIS = 1000;
    private final DefaultMQPushConsumerImpl defaultMQPushConsumerImpl;

    public RebalancePushImpl(DefaultMQPushConsumerImpl defaultMQPushConsumerImpl) {
        super(null, null, null, null);
        this.defaultMQPushConsumerImpl = defaultMQPushConsumerImpl;
    }

    @Override
    public void messageQueueChanged(String topic, Set<MessageQueue> mqAll,
                                    Set<MessageQueue> mqDivided) {
        SubscriptionData subscriptionData = this.subscriptionInner.get(topic);
        long newVersion = System.currentTimeMillis();
        log.info("{} Rebalance changed, also update version: {}, {}", topic,
            subscriptionData.getSubVersion(), newVersion);
        subscriptionData.setSubVersion(newVersion);
        int currentQueueCount = this.processQueueTable.size();
        DefaultMQPushConsumer settings = defaultMQPushConsumerImpl.getDefaultMQPushConsumer();
        if (currentQueueCount != 0) {
            // topic-wide limits are shared out among the queues owned now
            if (settings.getPullThresholdForTopic() != -1) {
                settings.setPullThresholdForQueue(
                    Math.max(1, settings.getPullThresholdForTopic() / currentQueueCount));
            }
            if (settings.getPullThresholdSizeForTopic() != -1) {
                settings.setPullThresholdSizeForQueue(
                    Math.max(1, settings.getPullThresholdSizeForTopic() / currentQueueCount));
            }
        }
        this.mQClientFactory.sendHeartbeatToAllBrokerWithLock();
    }

    // tag::ch07-remove-unnecessary[]
    /** A lost queue: persist and forget its offset; orderly, also give
     *  the broker lock back, but only between two batches. */
    @Override
    public boolean removeUnnecessaryMessageQueue(MessageQueue mq,
                                                 ProcessQueue pq) {
        OffsetStore store = defaultMQPushConsumerImpl.getOffsetStore();
        store.persist(mq);
        store.removeOffset(mq);
        if (!defaultMQPushConsumerImpl.isConsumeOrderly()
            || defaultMQPushConsumerImpl.messageModel()
                != MessageModel.CLUSTERING) {
            return true;
        }
        // TODO K1: an orderly queue is unlocked only between batches:
        // the consume lock waits for the listener to return first.
        try {
            if (pq.getConsumeLock().tryLock(CONSUME_LOCK_WAIT_MILLIS,
                TimeUnit.MILLISECONDS)) {
                try {
                    return this.unlockDelay(mq, pq);
                } finally {
                    pq.getConsumeLock().unlock();
                }
            }
            log.warn("[WRONG]mq is consuming, so can not unlock it, {}. "
                + "maybe hanged for a while, {}", mq,
                pq.getTryUnlockTimes());
            pq.incTryUnlockTimes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
    // end::ch07-remove-unnecessary[]

    /** Messages still in flight: unlock later, so another member does not consume them too. */
    private boolean unlockDelay(final MessageQueue mq, final ProcessQueue pq) {
        if (pq.hasTempMessage()) {
            log.info("[{}]unlockDelay, begin {} ", mq.hashCode(), mq);
            this.defaultMQPushConsumerImpl.executeTaskLater(() -> {
                log.info("[{}]unlockDelay, execute at once {}", mq.hashCode(), mq);
                this.unlock(mq, true);
            }, UNLOCK_DELAY_TIME_MILLS);
        } else {
            this.unlock(mq, true);
        }
        return true;
    }

    @Override
    public ConsumeType consumeType() {
        return ConsumeType.CONSUME_PASSIVELY;
    }

    @Override
    public void removeDirtyOffset(final MessageQueue mq) {
        this.defaultMQPushConsumerImpl.getOffsetStore().removeOffset(mq);
    }

    @Override
    public long computePullFromWhere(MessageQueue mq) {
        DefaultMQPushConsumer settings = defaultMQPushConsumerImpl.getDefaultMQPushConsumer();
        return computePullFromWhereWith(mq, defaultMQPushConsumerImpl.getOffsetStore(),
            settings.getConsumeFromWhere(), settings.getConsumeTimestamp());
    }

    @Override
    public void dispatchPullRequest(List<PullRequest> pullRequestList) {
        for (PullRequest pullRequest : pullRequestList) {
            this.defaultMQPushConsumerImpl.executePullRequestImmediately(pullRequest);
            log.info("doRebalance, {}, add a new pull request {}", consumerGroup, pullRequest);
        }
    }
}
