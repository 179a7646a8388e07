package org.mqbook.client.consumer;

import java.util.HashSet;
import java.util.Set;
import org.mqbook.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.consumer.DefaultMQPullConsumerImpl;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.exception.RemotingException;

/**
 * The pull consumer: the application names queue and offset for every pull and keeps its own
 * progress ({@link #updateConsumeOffset} / {@link #fetchConsumeOffset}). Typical use:
 * <pre>
 * DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("group");
 * consumer.setNamesrvAddr("127.0.0.1:9876");
 * consumer.start();
 * for (MessageQueue mq : consumer.fetchSubscribeMessageQueues("TopicTest")) {
 *     long offset = Math.max(0, consumer.fetchConsumeOffset(mq, true));
 *     PullResult result = consumer.pullBlockIfNotFound(mq, "*", offset, 32);
 *     ... result.getMsgFoundList() ...
 *     consumer.updateConsumeOffset(mq, result.getNextBeginOffset());
 * }
 * </pre>
 * Settings (4.7.1 defaults): brokerSuspendMaxTimeMillis 20000 (how long the broker may hold a
 * blocking pull), consumerTimeoutMillisWhenSuspend 30000, consumerPullTimeoutMillis 10000,
 * messageModel CLUSTERING, maxReconsumeTimes 16.
 *
 * <p>Thread-safe once started. Read next: {@link DefaultMQPullConsumerImpl#pullSyncImpl}.
 */
public class DefaultMQPullConsumer extends ConsumerConfig implements MQPullConsumer {
    protected final transient DefaultMQPullConsumerImpl defaultMQPullConsumerImpl;
    private long brokerSuspendMaxTimeMillis = 1000 * 20;
    private long consumerTimeoutMillisWhenSuspend = 1000 * 30;
    private long consumerPullTimeoutMillis = 1000 * 10;
    private MessageQueueListener messageQueueListener;
    private Set<String> registerTopics = new HashSet<>();
    private int maxReconsumeTimes = 16;

    public DefaultMQPullConsumer() {
        this(MixAll.DEFAULT_CONSUMER_GROUP, null);
    }

    public DefaultMQPullConsumer(final String consumerGroup) {
        this(consumerGroup, null);
    }

    public DefaultMQPullConsumer(final String consumerGroup, RPCHook rpcHook) {
        super(consumerGroup, new AllocateMessageQueueAveragely());
        this.defaultMQPullConsumerImpl = new DefaultMQPullConsumerImpl(this, rpcHook);
    }

    @Override
    public void start() throws MQClientException {
        this.defaultMQPullConsumerImpl.start();
    }

    @Override
    public void shutdown() {
        this.defaultMQPullConsumerImpl.shutdown();
    }

    /** The rebalance tells {@code listener} which queues of {@code topic} are this member's. */
    @Override
    public void registerMessageQueueListener(String topic, MessageQueueListener listener) {
        synchronized (this.registerTopics) {
            // TODO K2: a registered topic joins the rebalance: members pulling by hand
            // still learn which queues are theirs (fetchMessageQueuesInBalance).
            this.registerTopics.add(topic);
            if (listener != null) {
                this.messageQueueListener = listener;
            }
        }
        this.defaultMQPullConsumerImpl.registerMessageQueueListener(topic);
    }

    private SubscriptionData tag(MessageQueue mq, String subExpression) throws MQClientException {
        return defaultMQPullConsumerImpl.subscriptionOf(mq.getTopic(), subExpression,
            MessageSelector.TAG);
    }

    private SubscriptionData selected(MessageQueue mq, MessageSelector selector)
        throws MQClientException {
        return selector == null ? tag(mq, SubscriptionData.SUB_ALL)
            : defaultMQPullConsumerImpl.subscriptionOf(mq.getTopic(), selector.getExpression(),
                selector.getExpressionType());
    }

    @Override
    public PullResult pull(MessageQueue mq, String subExpression, long offset, int maxNums)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return pull(mq, subExpression, offset, maxNums, consumerPullTimeoutMillis);
    }

    @Override
    public PullResult pull(MessageQueue mq, String subExpression, long offset, int maxNums,
                           long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return defaultMQPullConsumerImpl.pullSyncImpl(mq, tag(mq, subExpression), offset, maxNums,
            false, timeout);
    }

    @Override
    public PullResult pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return pull(mq, selector, offset, maxNums, consumerPullTimeoutMillis);
    }

    @Override
    public PullResult pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums,
                           long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return defaultMQPullConsumerImpl.pullSyncImpl(mq, selected(mq, selector), offset, maxNums,
            false, timeout);
    }

    @Override
    public void pull(MessageQueue mq, String subExpression, long offset, int maxNums,
                     PullCallback pullCallback)
        throws MQClientException, RemotingException, InterruptedException {
        pull(mq, subExpression, offset, maxNums, pullCallback, consumerPullTimeoutMillis);
    }

    @Override
    public void pull(MessageQueue mq, String subExpression, long offset, int maxNums,
                     PullCallback pullCallback, long timeout)
        throws MQClientException, RemotingException, InterruptedException {
        defaultMQPullConsumerImpl.pullAsyncImpl(mq, tag(mq, subExpression), offset, maxNums,
            pullCallback, false, timeout);
    }

    @Override
    public void pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums,
                     PullCallback pullCallback)
        throws MQClientException, RemotingException, InterruptedException {
        pull(mq, selector, offset, maxNums, pullCallback, consumerPullTimeoutMillis);
    }

    @Override
    public void pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums,
                     PullCallback pullCallback, long timeout)
        throws MQClientException, RemotingException, InterruptedException {
        defaultMQPullConsumerImpl.pullAsyncImpl(mq, selected(mq, selector), offset, maxNums,
            pullCallback, false, timeout);
    }

    @Override
    public PullResult pullBlockIfNotFound(MessageQueue mq, String subExpression, long offset,
                                          int maxNums)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return defaultMQPullConsumerImpl.pullSyncImpl(mq, tag(mq, subExpression), offset, maxNums,
            true, consumerPullTimeoutMillis);
    }

    @Override
    public void pullBlockIfNotFound(MessageQueue mq, String subExpression, long offset,
                                    int maxNums, PullCallback pullCallback)
        throws MQClientException, RemotingException, InterruptedException {
        defaultMQPullConsumerImpl.pullAsyncImpl(mq, tag(mq, subExpression), offset, maxNums,
            pullCallback, true, consumerPullTimeoutMillis);
    }

    @Override
    public void updateConsumeOffset(MessageQueue mq, long offset) throws MQClientException {
        this.defaultMQPullConsumerImpl.updateConsumeOffset(mq, offset);
    }

    @Override
    public long fetchConsumeOffset(MessageQueue mq, boolean fromStore) throws MQClientException {
        return this.defaultMQPullConsumerImpl.fetchConsumeOffset(mq, fromStore);
    }

    @Override
    public Set<MessageQueue> fetchMessageQueuesInBalance(String topic) throws MQClientException {
        return this.defaultMQPullConsumerImpl.fetchMessageQueuesInBalance(topic);
    }

    @Override
    public Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException {
        return this.defaultMQPullConsumerImpl.fetchSubscribeMessageQueues(topic);
    }

    @Override
    public void sendMessageBack(MessageExt msg, int delayLevel)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        this.defaultMQPullConsumerImpl.sendMessageBack(msg, delayLevel, null, null);
    }

    @Override
    public void sendMessageBack(MessageExt msg, int delayLevel, String brokerName)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        this.defaultMQPullConsumerImpl.sendMessageBack(msg, delayLevel, brokerName, null);
    }

    @Override
    public void sendMessageBack(MessageExt msg, int delayLevel, String brokerName,
                                String consumerGroup)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        this.defaultMQPullConsumerImpl.sendMessageBack(msg, delayLevel, brokerName, consumerGroup);
    }

    public long searchOffset(MessageQueue mq, long timestamp) throws MQClientException {
        return defaultMQPullConsumerImpl.getmQClientFactory().getMQAdminImpl()
            .searchOffset(mq, timestamp);
    }

    public long maxOffset(MessageQueue mq) throws MQClientException {
        return defaultMQPullConsumerImpl.getmQClientFactory().getMQAdminImpl().maxOffset(mq);
    }

    public long minOffset(MessageQueue mq) throws MQClientException {
        return defaultMQPullConsumerImpl.getmQClientFactory().getMQAdminImpl().minOffset(mq);
    }

    public long earliestMsgStoreTime(MessageQueue mq) throws MQClientException {
        return defaultMQPullConsumerImpl.getmQClientFactory().getMQAdminImpl()
            .earliestMsgStoreTime(mq);
    }

    public DefaultMQPullConsumerImpl getDefaultMQPullConsumerImpl() {
        return defaultMQPullConsumerImpl;
    }

    public long getBrokerSuspendMaxTimeMillis() {
        return brokerSuspendMaxTimeMillis;
    }

    public void setBrokerSuspendMaxTimeMillis(long brokerSuspendMaxTimeMillis) {
        this.brokerSuspendMaxTimeMillis = brokerSuspendMaxTimeMillis;
    }

    public long getConsumerTimeoutMillisWhenSuspend() {
        return consumerTimeoutMillisWhenSuspend;
    }

    public void setConsumerTimeoutMillisWhenSuspend(long consumerTimeoutMillisWhenSuspend) {
        this.consumerTimeoutMillisWhenSuspend = consumerTimeoutMillisWhenSuspend;
    }

    public long getConsumerPullTimeoutMillis() {
        return consumerPullTimeoutMillis;
    }

    public void setConsumerPullTimeoutMillis(long consumerPullTimeoutMillis) {
        this.consumerPullTimeoutMillis = consumerPullTimeoutMillis;
    }

    public MessageQueueListener getMessageQueueListener() {
        return messageQueueListener;
    }

    public void setMessageQueueListener(MessageQueueListener messageQueueListener) {
        this.messageQueueListener = messageQueueListener;
    }

    public Set<String> getRegisterTopics() {
        return registerTopics;
    }

    public void setRegisterTopics(Set<String> registerTopics) {
        this.registerTopics = registerTopics;
    }

    public int getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    public void setMaxReconsumeTimes(final int maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }
}
