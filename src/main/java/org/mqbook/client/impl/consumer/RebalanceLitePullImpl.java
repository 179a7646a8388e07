package org.mqbook.client.impl.consumer;

import java.util.List;
import java.util.Set;
import org.mqbook.client.consumer.DefaultLitePullConsumer;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeType;

/**
 * Rebalance for a {@link DefaultLitePullConsumerImpl} in subscribe mode: a changed share
 * updates the consumer's assigned queues and its background pull tasks
 * ({@link DefaultLitePullConsumerImpl#messageQueueChanged}); a new queue starts where
 * consumeFromWhere says, with the same rules as the push consumer.
 *
 * <p>Thread-safe as {@link RebalanceImpl}.
 */
public class RebalanceLitePullImpl extends RebalanceImpl {
    private final DefaultLitePullConsumerImpl litePullConsumerImpl;

    public RebalanceLitePullImpl(DefaultLitePullConsumerImpl litePullConsumerImpl) {
        super(null, null, null, null);
        this.litePullConsumerImpl = litePullConsumerImpl;
    }

    @Override
    public void messageQueueChanged(String topic, Set<MessageQueue> mqAll,
                                    Set<MessageQueue> mqDivided) {
        litePullConsumerImpl.messageQueueChanged(topic, mqAll, mqDivided);
    }

    @Override
    public boolean removeUnnecessaryMessageQueue(MessageQueue mq, ProcessQueue pq) {
        litePullConsumerImpl.getOffsetStore().persist(mq);
        litePullConsumerImpl.getOffsetStore().removeOffset(mq);
        return true;
    }

    @Override
    public ConsumeType consumeType() {
        return ConsumeType.CONSUME_ACTIVELY;
    }

    @Override
    public void removeDirtyOffset(final MessageQueue mq) {
        litePullConsumerImpl.getOffsetStore().removeOffset(mq);
    }

    @Override
    public long computePullFromWhere(MessageQueue mq) {
        DefaultLitePullConsumer settings = litePullConsumerImpl.getDefaultLitePullConsumer();
        return computePullFromWhereWith(mq, litePullConsumerImpl.getOffsetStore(),
            settings.getConsumeFromWhere(), settings.getConsumeTimestamp());
    }

    @Override
    public void dispatchPullRequest(List<PullRequest> pullRequestList) {
    }
}
