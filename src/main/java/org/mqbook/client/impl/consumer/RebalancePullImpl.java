package org.mqbook.client.impl.consumer;

import java.util.List;
import java.util.Set;
import org.mqbook.client.consumer.MessageQueueListener;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeType;

/**
 * Rebalance for a {@link DefaultMQPullConsumerImpl}: the share is only reported, to the
 * application's {@link MessageQueueListener}; the application decides what and where to pull,
 * so there is no pull loop to start and no start offset to compute (always 0).
 *
 * <p>Thread-safe as {@link RebalanceImpl}.
 */
public class RebalancePullImpl extends RebalanceImpl {
    private final DefaultMQPullConsumerImpl defaultMQPullConsumerImpl;

    public RebalancePullImpl(DefaultMQPullConsumerImpl defaultMQPullConsumerImpl) {
        super(null, null, null, null);
        this.defaultMQPullConsumerImpl = defaultMQPullConsumerImpl;
    }

    @Override
    public void messageQueueChanged(String topic, Set<MessageQueue> mqAll,
                                    Set<MessageQueue> mqDivided) {
        MessageQueueListener listener =
            this.defaultMQPullConsumerImpl.getDefaultMQPullConsumer().getMessageQueueListener();
        if (listener != null) {
            try {
                listener.messageQueueChanged(topic, mqAll, mqDivided);
            } catch (Throwable e) {
                ClientLogger.getLog().error("messageQueueChanged exception", e);
            }
        }
    }

    @Override
    public boolean removeUnnecessaryMessageQueue(MessageQueue mq, ProcessQueue pq) {
        this.defaultMQPullConsumerImpl.getOffsetStore().persist(mq);
        this.defaultMQPullConsumerImpl.getOffsetStore().removeOffset(mq);
        return true;
    }

    @Override
    public ConsumeType consumeType() {
        return ConsumeType.CONSUME_ACTIVELY;
    }

    @Override
    public void removeDirtyOffset(final MessageQueue mq) {
        this.defaultMQPullConsumerImpl.getOffsetStore().removeOffset(mq);
    }

    @Override
    public long computePullFromWhere(MessageQueue mq) {
        return 0;
    }

    @Override
    public void dispatchPullRequest(List<PullRequest> pullRequestList) {
    }
}
