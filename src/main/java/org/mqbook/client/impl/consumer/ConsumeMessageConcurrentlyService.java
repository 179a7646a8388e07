package org.mqbook.client.impl.consumer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyContext;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.CMResult;
import org.mqbook.common.protocol.body.ConsumeMessageDirectlyResult;
import org.mqbook.common.protocol.heartbeat.MessageModel;

/**
 * Consumes with a {@link MessageListenerConcurrently}: pulled messages are cut into batches of
 * consumeMessageBatchMaxSize and run on the pool "ConsumeMessageThread_N" (consumeThreadMin to
 * consumeThreadMax threads, an unbounded queue), in any order. After the listener:
 * <ul>
 *   <li>success: the messages leave the ProcessQueue and its minimum offset is committed;</li>
 *   <li>RECONSUME_LATER (clustering): each message is sent back to the broker, which stores a
 *   copy for %RETRY%group with a delay; one that cannot be sent back is re-consumed here 5 s
 *   later; broadcasting drops failures (a retry would reach every member).</li>
 * </ul>
 * A second thread, "CleanExpireMsgScheduledThread_1", sends back messages held longer than
 * consumeTimeout minutes, so one stuck listener call cannot hold the offset forever.
 *
 * <p>Thread-safe: consume requests share only thread-safe parts. Read next:
 * {@link ConsumeMessageOrderlyService}.
 */
public class ConsumeMessageConcurrentlyService extends AbstractConsumeMessageService {
    private static final long CONSUME_LATER_DELAY_MILLIS = 5000;
    private final MessageListenerConcurrently messageListener;
    private final ScheduledExecutorService cleanExpireMsgExecutors;

    public ConsumeMessageConcurrentlyService(DefaultMQPushConsumerImpl defaultMQPushConsumerImpl) {
        super(defaultMQPushConsumerImpl);
        this.messageListener =
            (MessageListenerConcurrently) defaultMQPushConsumerImpl.getMessageListenerInner();
        this.cleanExpireMsgExecutors = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryImpl("CleanExpireMsgScheduledThread_"));
    }

    @Override
    public void start() {
        long minutes = defaultMQPushConsumer.getConsumeTimeout();
        this.cleanExpireMsgExecutors.scheduleAtFixedRate(this::cleanExpireMsg, minutes, minutes,
            TimeUnit.MINUTES);
    }

    @Override
    public void shutdown(long awaitTerminateMillis) {
        this.scheduledExecutorService.shutdown();
        ConsumeMessageService.shutdownGracefully(consumeExecutor, awaitTerminateMillis);
        this.cleanExpireMsgExecutors.shutdown();
    }

    private void cleanExpireMsg() {
        for (ProcessQueue pq : defaultMQPushConsumerImpl.getRebalanceImpl()
            .getProcessQueueTable().values()) {
            pq.cleanExpiredMsg(this.defaultMQPushConsumer);
        }
    }

    @Override
    public ConsumeMessageDirectlyResult consumeMessageDirectly(MessageExt msg, String brokerName) {
        ConsumeMessageDirectlyResult result = new ConsumeMessageDirectlyResult();
        result.setOrder(false);
        result.setAutoCommit(true);
        List<MessageExt> msgs = new ArrayList<>(List.of(msg));
        MessageQueue mq = new MessageQueue(msg.getTopic(), brokerName, msg.getQueueId());
        ConsumeConcurrentlyContext context = new ConsumeConcurrentlyContext(mq);
        defaultMQPushConsumerImpl.resetRetryAndNamespace(msgs, this.consumerGroup);
        final long beginTime = System.currentTimeMillis();
        log.info("consumeMessageDirectly receive new message: {}", msg);
        try {
            ConsumeConcurrentlyStatus status = this.messageListener.consumeMessage(msgs, context);
            result.setConsumeResult(status == null ? CMResult.CR_RETURN_NULL
                : status == ConsumeConcurrentlyStatus.CONSUME_SUCCESS ? CMResult.CR_SUCCESS
                : CMResult.CR_LATER);
        } catch (Throwable e) {
            result.setConsumeResult(CMResult.CR_THROW_EXCEPTION);
            result.setRemark(e.toString());
            log.warn("consumeMessageDirectly exception: {} Group: {} Msgs: {} MQ: {}", e,
                consumerGroup, msgs, mq);
        }
        result.setSpentTimeMills(System.currentTimeMillis() - beginTime);
        log.info("consumeMessageDirectly Result: {}", result);
        return result;
    }

    // tag::ch07-submit-concurrently[]
    /** Cuts the pulled messages into listener-sized batches, one task
     *  each; a full pool retries the batch 5 s later. */
    @Override
    public void submitConsumeRequest(final List<MessageExt> msgs,
        final ProcessQueue processQueue, final MessageQueue messageQueue,
        final boolean dispatchToConsume) {
        final int consumeBatchSize =
            defaultMQPushConsumer.getConsumeMessageBatchMaxSize();
        for (int from = 0; from < msgs.size(); from += consumeBatchSize) {
            int to = Math.min(msgs.size(), from + consumeBatchSize);
            List<MessageExt> batch = new ArrayList<>(msgs.subList(from, to));
            ConsumeRequest request =
                new ConsumeRequest(batch, processQueue, messageQueue);
            try {
                this.consumeExecutor.submit(request);
            } catch (RejectedExecutionException e) {
                this.submitConsumeRequestLater(request);
            }
        }
    }
    // end::ch07-submit-concurrently[]

    // tag::ch07-process-consume-result[]
    /** After the listener: send failures back, then commit the
     *  ProcessQueue's minimum offset (memory now, broker every 5 s). */
    public void processConsumeResult(final ConsumeConcurrentlyStatus status,
        final ConsumeConcurrentlyContext context,
        final ConsumeRequest consumeRequest) {
        List<MessageExt> msgs = consumeRequest.getMsgs();
        if (msgs.isEmpty()) {
            return;
        }
        int ackIndex = context.getAckIndex();
        if (status == ConsumeConcurrentlyStatus.CONSUME_SUCCESS) {
            ackIndex = Math.min(ackIndex, msgs.size() - 1);
        } else {
            ackIndex = -1;
        }
        if (defaultMQPushConsumer.getMessageModel()
            == MessageModel.BROADCASTING) {
            for (int i = ackIndex + 1; i < msgs.size(); i++) {
                log.warn("BROADCASTING, the message consume failed, "
                    + "drop it, {}", msgs.get(i));
            }
        } else {
            List<MessageExt> msgBackFailed = new ArrayList<>();
            for (int i = ackIndex + 1; i < msgs.size(); i++) {
                MessageExt msg = msgs.get(i);
                if (!this.sendMessageBack(msg, context)) {
                    msg.setReconsumeTimes(msg.getReconsumeTimes() + 1);
                    msgBackFailed.add(msg);
                }
            }
            if (!msgBackFailed.isEmpty()) {
                // TODO K2: kept in the ProcessQueue (the offset cannot pass
                // them) and consumed again here in 5 s.
                msgs.removeAll(msgBackFailed);
                this.submitConsumeRequestLater(msgBackFailed,
                    consumeRequest.getProcessQueue(),
                    consumeRequest.getMessageQueue());
            }
        }
        long offset = consumeRequest.getProcessQueue().removeMessage(msgs);
        if (offset >= 0 && !consumeRequest.getProcessQueue().isDropped()) {
            this.defaultMQPushConsumerImpl.getOffsetStore().updateOffset(
                consumeRequest.getMessageQueue(), offset, true);
        }
    }
    // end::ch07-process-consume-result[]

    private boolean sendMessageBack(final MessageExt msg, final ConsumeConcurrentlyContext context) {
        int delayLevel = context.getDelayLevelWhenNextConsume();
        try {
            this.defaultMQPushConsumerImpl.sendMessageBack(msg, delayLevel,
                context.getMessageQueue().getBrokerName());
            return true;
        } catch (Exception e) {
            log.error("sendMessageBack exception, group: " + this.consumerGroup + " msg: " + msg, e);
        }
        return false;
    }

    private void submitConsumeRequestLater(final List<MessageExt> msgs,
                                           final ProcessQueue processQueue,
                                           final MessageQueue messageQueue) {
        if (this.scheduledExecutorService.isShutdown()) {
            return; // shut down: the offset was not committed, a restart reads them again
        }
        this.scheduledExecutorService.schedule(
            () -> submitConsumeRequest(msgs, processQueue, messageQueue, true),
            CONSUME_LATER_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void submitConsumeRequestLater(final ConsumeRequest consumeRequest) {
        if (this.scheduledExecutorService.isShutdown()) {
            return;
        }
        this.scheduledExecutorService.schedule(() -> consumeExecutor.submit(consumeRequest),
            CONSUME_LATER_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One batch for the listener. */
    class ConsumeRequest implements Runnable {
        private final List<MessageExt> msgs;
        private final ProcessQueue processQueue;
        private final MessageQueue messageQueue;

        ConsumeRequest(List<MessageExt> msgs, ProcessQueue processQueue,
                       MessageQueue messageQueue) {
            this.msgs = msgs;
            this.processQueue = processQueue;
            this.messageQueue = messageQueue;
        }

        List<MessageExt> getMsgs() {
            return msgs;
        }

        ProcessQueue getProcessQueue() {
            return processQueue;
        }

        MessageQueue getMessageQueue() {
            return messageQueue;
        }

        // tag::ch07-consume-request[]
        @Override
        public void run() {
            if (this.processQueue.isDropped()) {
                log.info("the message queue not be able to consume, "
                    + "because it's dropped. group={} {}", consumerGroup,
                    this.messageQueue);
                return;
            }
            ConsumeConcurrentlyContext context =
                new ConsumeConcurrentlyContext(messageQueue);
            ConsumeConcurrentlyStatus status = null;
            defaultMQPushConsumerImpl.resetRetryAndNamespace(msgs,
                consumerGroup);
            String now = String.valueOf(System.currentTimeMillis());
            for (MessageExt msg : msgs) {
                MessageAccessor.setConsumeStartTimeStamp(msg, now);
            }
            try {
                status = messageListener.consumeMessage(
                    Collections.unmodifiableList(msgs), context);
            } catch (Throwable e) {
                log.warn("consumeMessage exception: {} Group: {} Msgs: {} "
                    + "MQ: {}", e.toString(), consumerGroup, msgs,
                    messageQueue);
            }
            if (status == null) {
                // a thrown exception or a null answer is a failure
                status = ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
            // TODO K1: a dropped queue may already belong to another
            // member: its offset is not ours to commit any more.
            if (!processQueue.isDropped()) {
                processConsumeResult(status, context, this);
            } else {
                log.warn("processQueue is dropped without process consume "
                    + "result. messageQueue={}, msgs={}", messageQueue, msgs);
            }
        }
        // end::ch07-consume-request[]
    }
}
