package org.mqbook.client.consumer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.mqbook.client.consumer.listener.MessageListener;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.consumer.listener.MessageListenerOrderly;
import org.mqbook.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.exception.RemotingException;

/**
 * The consumer an application uses when it wants messages delivered to a listener: 4.7.1's API
 * and settings, each call handed to {@link DefaultMQPushConsumerImpl}. "Push" is the view from
 * the application; underneath, the client pulls with long polling. The quickstart:
 * <pre>
 * DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("please_rename_unique_group_name_4");
 * consumer.setNamesrvAddr("127.0.0.1:9876");
 * consumer.subscribe("TopicTest", "*");
 * consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -&gt;
 *     ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
 * consumer.start();
 * </pre>
 * Settings (4.7.1 names and defaults), beyond {@link ConsumerConfig}'s (group, model,
 * allocation strategy, offset store):
 * <pre>
 *  consumeFromWhere              CONSUME_FROM_LAST_OFFSET, for queues with no stored offset
 *  consumeTimestamp              now - 30 min (yyyyMMddHHmmss), for CONSUME_FROM_TIMESTAMP
 *  consumeThreadMin / Max        20 / 20
 *  consumeConcurrentlyMaxSpan    2000 offsets in flight per queue (concurrent)
 *  pullThresholdForQueue         1000 messages in flight per queue
 *  pullThresholdSizeForQueue     100 MiB in flight per queue
 *  pullThresholdForTopic / Size  -1 (off), divided among the topic's queues when set
 *  pullInterval                  0 ms between pulls of one queue
 *  pullBatchSize                 32 messages per pull
 *  consumeMessageBatchMaxSize    1 message per listener call
 *  maxReconsumeTimes             -1: 16 (concurrent), Integer.MAX_VALUE (orderly)
 *  suspendCurrentQueueTimeMillis 1000 (orderly, after SUSPEND_CURRENT_QUEUE_A_MOMENT)
 *  consumeTimeout                15 minutes before a stuck message is sent back
 * </pre>
 *
 * <p>Thread-safe once started. Set everything before {@link #start()}. Read next:
 * {@link DefaultMQPushConsumerImpl#start()}.
 */
public class DefaultMQPushConsumer extends ConsumerConfig implements MQPushConsumer {
    protected final transient DefaultMQPushConsumerImpl defaultMQPushConsumerImpl;
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
    private String consumeTimestamp = UtilAll.timeMillisToHumanString3(
        System.currentTimeMillis() - (1000 * 60 * 30));
    private Map<String, String> subscription = new HashMap<>();
    private MessageListener messageListener;
    private int consumeThreadMin = 20;
    private int consumeThreadMax = 20;
    private long adjustThreadPoolNumsThreshold = 100000;
    private int consumeConcurrentlyMaxSpan = 2000;
    private int pullThresholdForQueue = 1000;
    private int pullThresholdSizeForQueue = 100;
    private int pullThresholdForTopic = -1;
    private int pullThresholdSizeForTopic = -1;
    private long pullInterval = 0;
    private int consumeMessageBatchMaxSize = 1;
    private int pullBatchSize = 32;
    private boolean postSubscriptionWhenPull = false;
    private int maxReconsumeTimes = -1;
    private long suspendCurrentQueueTimeMillis = 1000;
    private long consumeTimeout = 15;
    private long awaitTerminationMillisWhenShutdown = 0;

    public DefaultMQPushConsumer() {
        this(MixAll.DEFAULT_CONSUMER_GROUP, null, new AllocateMessageQueueAveragely());
    }

    public DefaultMQPushConsumer(final String consumerGroup) {
        this(consumerGroup, null, new AllocateMessageQueueAveragely());
    }

    public DefaultMQPushConsumer(RPCHook rpcHook) {
        this(MixAll.DEFAULT_CONSUMER_GROUP, rpcHook, new AllocateMessageQueueAveragely());
    }

    public DefaultMQPushConsumer(final String consumerGroup, RPCHook rpcHook,
                                 AllocateMessageQueueStrategy allocateMessageQueueStrategy) {
        super(consumerGroup, allocateMessageQueueStrategy);
        this.defaultMQPushConsumerImpl = new DefaultMQPushConsumerImpl(this, rpcHook);
    }

    @Override
    public void start() throws MQClientException {
        this.defaultMQPushConsumerImpl.start();
    }

    @Override
    public void shutdown() {
        // TODO K2: 0 (4.7.1's default) interrupts running listeners at once; what they
        // had not committed is delivered again, to this group (at-least-once).
        this.defaultMQPushConsumerImpl.shutdown(awaitTerminationMillisWhenShutdown);
    }

    @Override
    @Deprecated
    public void registerMessageListener(MessageListener messageListener) {
        this.messageListener = messageListener;
        this.defaultMQPushConsumerImpl.registerMessageListener(messageListener);
    }

    @Override
    public void registerMessageListener(MessageListenerConcurrently messageListener) {
        this.messageListener = messageListener;
        this.defaultMQPushConsumerImpl.registerMessageListener(messageListener);
    }

    @Override
    public void registerMessageListener(MessageListenerOrderly messageListener) {
        this.messageListener = messageListener;
        this.defaultMQPushConsumerImpl.registerMessageListener(messageListener);
    }

    @Override
    public void subscribe(String topic, String subExpression) throws MQClientException {
        this.defaultMQPushConsumerImpl.subscribe(topic, subExpression);
    }

    @Override
    @Deprecated
    public void subscribe(String topic, String fullClassName, String filterClassSource)
        throws MQClientException {
        throw new MQClientException("class filters (filter servers) are not supported by mqbook: "
            + fullClassName, null);
    }

    @Override
    public void subscribe(String topic, MessageSelector selector) throws MQClientException {
        this.defaultMQPushConsumerImpl.subscribe(topic, selector);
    }

    @Override
    public void unsubscribe(String topic) {
        this.defaultMQPushConsumerImpl.unsubscribe(topic);
    }

    @Override
    public void updateCorePoolSize(int corePoolSize) {
        this.defaultMQPushConsumerImpl.updateCorePoolSize(corePoolSize);
    }

    @Override
    public void suspend() {
        this.defaultMQPushConsumerImpl.suspend();
    }

    @Override
    public void resume() {
        this.defaultMQPushConsumerImpl.resume();
    }

    @Override
    public void sendMessageBack(MessageExt msg, int delayLevel)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        this.defaultMQPushConsumerImpl.sendMessageBack(msg, delayLevel, null);
    }

    @Override
    public void sendMessageBack(MessageExt msg, int delayLevel, String brokerName)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        this.defaultMQPushConsumerImpl.sendMessageBack(msg, delayLevel, brokerName);
    }

    @Override
    public Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException {
        return this.defaultMQPushConsumerImpl.fetchSubscribeMessageQueues(topic);
    }

    public long searchOffset(MessageQueue mq, long timestamp) throws MQClientException {
        return this.defaultMQPushConsumerImpl.getmQClientFactory().getMQAdminImpl()
            .searchOffset(mq, timestamp);
    }

    public long maxOffset(MessageQueue mq) throws MQClientException {
        return this.defaultMQPushConsumerImpl.getmQClientFactory().getMQAdminImpl().maxOffset(mq);
    }

    public long minOffset(MessageQueue mq) throws MQClientException {
        return this.defaultMQPushConsumerImpl.getmQClientFactory().getMQAdminImpl().minOffset(mq);
    }

    public DefaultMQPushConsumerImpl getDefaultMQPushConsumerImpl() {
        return defaultMQPushConsumerImpl;
    }

    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }

    public String getConsumeTimestamp() {
        return consumeTimestamp;
    }

    public void setConsumeTimestamp(String consumeTimestamp) {
        this.consumeTimestamp = consumeTimestamp;
    }

    /** topic -> expression, the Spring-style alternative to {@link #subscribe}. */
    public Map<String, String> getSubscription() {
        return subscription;
    }

    public void setSubscription(Map<String, String> subscription) {
        this.subscription = subscription;
    }

    public MessageListener getMessageListener() {
        return messageListener;
    }

    public void setMessageListener(MessageListener messageListener) {
        this.messageListener = messageListener;
    }

    public int getConsumeThreadMin() {
        return consumeThreadMin;
    }

    public void setConsumeThreadMin(int consumeThreadMin) {
        this.consumeThreadMin = consumeThreadMin;
    }

    public int getConsumeThreadMax() {
        return consumeThreadMax;
    }

    public void setConsumeThreadMax(int consumeThreadMax) {
        this.consumeThreadMax = consumeThreadMax;
    }

    public long getAdjustThreadPoolNumsThreshold() {
        return adjustThreadPoolNumsThreshold;
    }

    public void setAdjustThreadPoolNumsThreshold(long adjustThreadPoolNumsThreshold) {
        this.adjustThreadPoolNumsThreshold = adjustThreadPoolNumsThreshold;
    }

    public int getConsumeConcurrentlyMaxSpan() {
        return consumeConcurrentlyMaxSpan;
    }

    public void setConsumeConcurrentlyMaxSpan(int consumeConcurrentlyMaxSpan) {
        this.consumeConcurrentlyMaxSpan = consumeConcurrentlyMaxSpan;
    }

    public int getPullThresholdForQueue() {
        return pullThresholdForQueue;
    }

    public void setPullThresholdForQueue(int pullThresholdForQueue) {
        this.pullThresholdForQueue = pullThresholdForQueue;
    }

    public int getPullThresholdSizeForQueue() {
        return pullThresholdSizeForQueue;
    }

    public void setPullThresholdSizeForQueue(int pullThresholdSizeForQueue) {
        this.pullThresholdSizeForQueue = pullThresholdSizeForQueue;
    }

    public int getPullThresholdForTopic() {
        return pullThresholdForTopic;
    }

    public void setPullThresholdForTopic(int pullThresholdForTopic) {
        this.pullThresholdForTopic = pullThresholdForTopic;
    }

    public int getPullThresholdSizeForTopic() {
        return pullThresholdSizeForTopic;
    }

    public void setPullThresholdSizeForTopic(int pullThresholdSizeForTopic) {
        this.pullThresholdSizeForTopic = pullThresholdSizeForTopic;
    }

    public long getPullInterval() {
        return pullInterval;
    }

    public void setPullInterval(long pullInterval) {
        this.pullInterval = pullInterval;
    }

    public int getConsumeMessageBatchMaxSize() {
        return consumeMessageBatchMaxSize;
    }

    public void setConsumeMessageBatchMaxSize(int consumeMessageBatchMaxSize) {
        this.consumeMessageBatchMaxSize = consumeMessageBatchMaxSize;
    }

    public int getPullBatchSize() {
        return pullBatchSize;
    }

    public void setPullBatchSize(int pullBatchSize) {
        this.pullBatchSize = pullBatchSize;
    }

    public boolean isPostSubscriptionWhenPull() {
        return postSubscriptionWhenPull;
    }

    public void setPostSubscriptionWhenPull(boolean postSubscriptionWhenPull) {
        this.postSubscriptionWhenPull = postSubscriptionWhenPull;
    }

    public int getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    public void setMaxReconsumeTimes(final int maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }

    public long getSuspendCurrentQueueTimeMillis() {
        return suspendCurrentQueueTimeMillis;
    }

    public void setSuspendCurrentQueueTimeMillis(final long suspendCurrentQueueTimeMillis) {
        this.suspendCurrentQueueTimeMillis = suspendCurrentQueueTimeMillis;
    }

    /** Minutes. */
    public long getConsumeTimeout() {
        return consumeTimeout;
    }

    public void setConsumeTimeout(final long consumeTimeout) {
        this.consumeTimeout = consumeTimeout;
    }

    public long getAwaitTerminationMillisWhenShutdown() {
        return awaitTerminationMillisWhenShutdown;
    }

    public void setAwaitTerminationMillisWhenShutdown(long awaitTerminationMillisWhenShutdown) {
        this.awaitTerminationMillisWhenShutdown = awaitTerminationMillisWhenShutdown;
    }
}
