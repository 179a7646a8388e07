package org.mqbook.client.impl.consumer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.consumer.listener.ConsumeOrderlyContext;
import org.mqbook.client.consumer.listener.ConsumeOrderlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerOrderly;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.CMResult;
import org.mqbook.common.protocol.body.ConsumeMessageDirectlyResult;
import org.mqbook.common.protocol.heartbeat.MessageModel;

/**
 * Consumes with a {@link MessageListenerOrderly}: the messages of one queue in queue order,
 * one batch at a time. Three locks make that true:
 * <ol>
 *   <li>the broker's lock (LOCK_BATCH_MQ, renewed every 20 s by {@link RebalanceImpl#lockAll}):
 *   no other member of the group consumes the queue;</li>
 *   <li>a lock object per queue in this JVM ({@link MessageQueueLock}): no second consume
 *   thread of this member works on the queue;</li>
 *   <li>the ProcessQueue's consume lock, held around the listener call: a rebalance does not
 *   unlock the queue in the middle of a batch.</li>
 * </ol>
 * A failed batch (SUSPEND_CURRENT_QUEUE_A_MOMENT) is put back and retried after
 * suspendCurrentQueueTimeMillis; it is only sent to %RETRY%group after maxReconsumeTimes
 * (default Integer.MAX_VALUE: never). Offsets are committed after each successful batch.
 *
 * <p>Thread-safe through the locks above. Read next: {@link RebalanceLocks}.
 */
public class ConsumeMessageOrderlyService extends AbstractConsumeMessageService {
    /** JVM property: a consume thread yields a queue after this long (ms). */
    private static final long MAX_TIME_CONSUME_CONTINUOUSLY =
        Long.parseLong(System.getProperty("rocketmq.client.maxTimeConsumeContinuously", "60000"));
    private static final long MIN_SUSPEND_MILLIS = 10;
    private static final long MAX_SUSPEND_MILLIS = 30000;
    private final MessageListenerOrderly messageListener;
    private final MessageQueueLock messageQueueLock = new MessageQueueLock();
    private volatile boolean stopped = false;

    public ConsumeMessageOrderlyService(DefaultMQPushConsumerImpl defaultMQPushConsumerImpl) {
        super(defaultMQPushConsumerImpl);
        this.messageListener =
            (MessageListenerOrderly) defaultMQPushConsumerImpl.getMessageListenerInner();
    }

    private boolean clustering() {
        return defaultMQPushConsumer.getMessageModel() == MessageModel.CLUSTERING;
    }

    @Override
    public void start() {
        if (clustering()) {
            this.scheduledExecutorService.scheduleAtFixedRate(() -> {
                if (!stopped) {
                    defaultMQPushConsumerImpl.getRebalanceImpl().lockAll();
                }
            }, 1000, ProcessQueue.REBALANCE_LOCK_INTERVAL, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void shutdown(long awaitTerminateMillis) {
        this.stopped = true;
        this.scheduledExecutorService.shutdown();
        ConsumeMessageService.shutdownGracefully(consumeExecutor, awaitTerminateMillis);
        if (clustering()) {
            // sync, so the next owner can lock at once
            defaultMQPushConsumerImpl.getRebalanceImpl().unlockAll(false);
        }
    }

    @Override
    public ConsumeMessageDirectlyResult consumeMessageDirectly(MessageExt msg, String brokerName) {
        ConsumeMessageDirectlyResult result = new ConsumeMessageDirectlyResult();
        result.setOrder(true);
        List<MessageExt> msgs = new ArrayList<>(List.of(msg));
        MessageQueue mq = new MessageQueue(msg.getTopic(), brokerName, msg.getQueueId());
        ConsumeOrderlyContext context = new ConsumeOrderlyContext(mq);
        defaultMQPushConsumerImpl.resetRetryAndNamespace(msgs, this.consumerGroup);
        final long beginTime = System.currentTimeMillis();
        try {
            ConsumeOrderlyStatus status = this.messageListener.consumeMessage(msgs, context);
            result.setConsumeResult(status == null ? CMResult.CR_RETURN_NULL : switch (status) {
                case COMMIT -> CMResult.CR_COMMIT;
                case ROLLBACK -> CMResult.CR_ROLLBACK;
                case SUCCESS -> CMResult.CR_SUCCESS;
                case SUSPEND_CURRENT_QUEUE_A_MOMENT -> CMResult.CR_LATER;
            });
        } catch (Throwable e) {
            result.setConsumeResult(CMResult.CR_THROW_EXCEPTION);
            result.setRemark(e.toString());
        }
        result.setAutoCommit(context.isAutoCommit());
        result.setSpentTimeMills(System.currentTimeMillis() - beginTime);
        return result;
    }

    /** One request per queue at a time: only when the ProcessQueue had none running. */
    @Override
    public void submitConsumeRequest(final List<MessageExt> msgs, final ProcessQueue processQueue,
                                     final MessageQueue messageQueue, final boolean dispathToConsume) {
        if (dispathToConsume && !this.consumeExecutor.isShutdown()) {
            this.consumeExecutor.submit(new ConsumeRequest(processQueue, messageQueue));
        }
    }

    private void tryLockLaterAndReconsume(final MessageQueue mq, final ProcessQueue processQueue,
                                          final long delayMills) {
        if (stopped) {
            return;
        }
        this.scheduledExecutorService.schedule(() -> {
            boolean lockOK = !stopped && defaultMQPushConsumerImpl.getRebalanceImpl().lock(mq);
            submitConsumeRequestLater(processQueue, mq, lockOK ? 10 : 3000);
        }, delayMills, TimeUnit.MILLISECONDS);
    }

    private void submitConsumeRequestLater(final ProcessQueue processQueue,
                                           final MessageQueue messageQueue,
                                           final long suspendTimeMillis) {
        if (stopped) {
            return;
        }
        long timeMillis = suspendTimeMillis == -1
            ? this.defaultMQPushConsumer.getSuspendCurrentQueueTimeMillis() : suspendTimeMillis;
        timeMillis = Math.max(MIN_SUSPEND_MILLIS, Math.min(MAX_SUSPEND_MILLIS, timeMillis));
        this.scheduledExecutorService.schedule(
            () -> submitConsumeRequest(null, processQueue, messageQueue, true),
            timeMillis, TimeUnit.MILLISECONDS);
    }

    /** What the listener's answer means for the queue; false stops this request's loop. */
    boolean processConsumeResult(final List<MessageExt> msgs, final ConsumeOrderlyStatus status,
                                 final ConsumeOrderlyContext context,
                                 final ConsumeRequest consumeRequest) {
        ProcessQueue pq = consumeRequest.processQueue;
        boolean continueConsume = true;
        long commitOffset = -1L;
        if (context.isAutoCommit() || status == ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT) {
            if (status == ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT) {
                if (checkReconsumeTimes(msgs)) {
                    pq.makeMessageToConsumeAgain(msgs);
                    submitConsumeRequestLater(pq, consumeRequest.messageQueue,
                        context.getSuspendCurrentQueueTimeMillis());
                    continueConsume = false;
                } else {
                    commitOffset = pq.commit();
                }
            } else {
                // with autoCommit, COMMIT and ROLLBACK mean success too, as in 4.7.1
                commitOffset = pq.commit();
            }
        } else if (status == ConsumeOrderlyStatus.COMMIT) {
            commitOffset = pq.commit();
        } else if (status == ConsumeOrderlyStatus.ROLLBACK) {
            pq.rollback();
            submitConsumeRequestLater(pq, consumeRequest.messageQueue,
                context.getSuspendCurrentQueueTimeMillis());
            continueConsume = false;
        }
        if (commitOffset >= 0 && !pq.isDropped()) {
            defaultMQPushConsumerImpl.getOffsetStore().updateOffset(consumeRequest.messageQueue,
                commitOffset, false);
        }
        return continueConsume;
    }

    private int getMaxReconsumeTimes() {
        int max = this.defaultMQPushConsumer.getMaxReconsumeTimes();
        return max == -1 ? Integer.MAX_VALUE : max;
    }

    /** True: retry locally; false: every message reached its limit and was sent to %RETRY%. */
    private boolean checkReconsumeTimes(List<MessageExt> msgs) {
        boolean suspend = false;
        for (MessageExt msg : msgs) {
            if (msg.getReconsumeTimes() >= getMaxReconsumeTimes()) {
                MessageAccessor.setReconsumeTime(msg, String.valueOf(msg.getReconsumeTimes()));
                if (!sendMessageBack(msg)) {
                    suspend = true;
                    msg.setReconsumeTimes(msg.getReconsumeTimes() + 1);
                }
            } else {
                suspend = true;
                msg.setReconsumeTimes(msg.getReconsumeTimes() + 1);
            }
        }
        return suspend;
    }

    private boolean sendMessageBack(final MessageExt msg) {
        try {
            Message retry = PushConsumerSupport.retryMessage(msg, consumerGroup,
                getMaxReconsumeTimes());
            defaultMQPushConsumerImpl.getmQClientFactory().getDefaultMQProducer().send(retry);
            return true;
        } catch (Exception e) {
            log.error("sendMessageBack exception, group: " + consumerGroup + " msg: " + msg, e);
        }
        return false;
    }

    /** Consumes one queue until it is empty, its lock is lost, or a batch fails. */
    class ConsumeRequest implements Runnable {
        private final ProcessQueue processQueue;
        private final MessageQueue messageQueue;

        ConsumeRequest(ProcessQueue processQueue, MessageQueue messageQueue) {
            this.processQueue = processQueue;
            this.messageQueue = messageQueue;
        }

        // tag::ch07-consume-orderly[]
        @Override
        public void run() {
            if (processQueue.isDropped()) {
                log.warn("run, the message queue not be able to consume, "
                    + "because it's dropped. {}", messageQueue);
                return;
            }
            // TODO K1: one thread per queue in this JVM (the lock object),
            // one member per queue in the group (the broker lock).
            final Object objLock =
                messageQueueLock.fetchLockObject(messageQueue);
            synchronized (objLock) {
                boolean owned = processQueue.isLocked()
                    && !processQueue.isLockExpired();
                if (clustering() && !owned) {
                    tryLockLaterAndReconsume(messageQueue, processQueue, 100);
                    return;
                }
                final long beginTime = System.currentTimeMillis();
                for (boolean continueConsume = true; continueConsume; ) {
                    if (processQueue.isDropped()) {
                        break;
                    }
                    if (clustering() && (!processQueue.isLocked()
                        || processQueue.isLockExpired())) {
                        tryLockLaterAndReconsume(messageQueue,
                            processQueue, 10);
                        break;
                    }
                    if (System.currentTimeMillis() - beginTime
                        > MAX_TIME_CONSUME_CONTINUOUSLY) {
                        // let the pool's other queues have this thread
                        submitConsumeRequestLater(processQueue,
                            messageQueue, 10);
                        break;
                    }
                    List<MessageExt> msgs = processQueue.takeMessages(
                        defaultMQPushConsumer
                            .getConsumeMessageBatchMaxSize());
                    if (msgs.isEmpty()) {
                        break;
                    }
                    continueConsume = consumeBatch(msgs);
                }
            }
        }
        // end::ch07-consume-orderly[]

        private boolean consumeBatch(List<MessageExt> msgs) {
            defaultMQPushConsumerImpl.resetRetryAndNamespace(msgs, consumerGroup);
            ConsumeOrderlyContext context = new ConsumeOrderlyContext(messageQueue);
            ConsumeOrderlyStatus status = null;
            processQueue.getConsumeLock().lock();
            try {
                if (processQueue.isDropped()) {
                    log.warn("consumeMessage, the message queue not be able to consume, because "
                        + "it's dropped. {}", messageQueue);
                    return false;
                }
                status = messageListener.consumeMessage(Collections.unmodifiableList(msgs),
                    context);
            } catch (Throwable e) {
                log.warn("consumeMessage exception: {} Group: {} Msgs: {} MQ: {}", e.toString(),
                    consumerGroup, msgs, messageQueue);
            } finally {
                processQueue.getConsumeLock().unlock();
            }
            if (status == null) {
                status = ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            }
            return processConsumeResult(msgs, status, context, this);
        }
    }
}
