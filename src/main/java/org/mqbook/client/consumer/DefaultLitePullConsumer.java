package org.mqbook.client.consumer;

import java.util.Collection;
import java.util.List;
import org.mqbook.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.consumer.DefaultLitePullConsumerImpl;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.remoting.RPCHook;

/**
 * The lite pull consumer (new in 4.6): a poll loop in the application, pulling done by the
 * client. Subscribe mode (queues by rebalance):
 * <pre>
 * DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("group");
 * consumer.setNamesrvAddr("127.0.0.1:9876");
 * consumer.subscribe("TopicTest", "*");
 * consumer.start();
 * while (running) {
 *     List&lt;MessageExt&gt; msgs = consumer.poll();   // offsets auto-committed every 5 s
 * }
 * </pre>
 * or assign mode ({@code assign(queues)}, {@code seek(queue, offset)}, usually with
 * {@code setAutoCommit(false)} and {@code commitSync()}).
 * Settings (4.7.1 defaults): pullBatchSize 10, pullThreadNums 20, autoCommit true every
 * autoCommitIntervalMillis 5000, pollTimeoutMillis 5000, pullThresholdForAll 10000 cached
 * messages, pullThresholdForQueue 1000, pullThresholdSizeForQueue 100 MiB, consumeMaxSpan
 * 2000, brokerSuspendMaxTimeMillis 20000, consumerTimeoutMillisWhenSuspend 30000,
 * topicMetadataCheckIntervalMillis 30000, consumeFromWhere CONSUME_FROM_LAST_OFFSET.
 *
 * <p>{@link #poll()} is meant for one application thread. Read next:
 * {@link DefaultLitePullConsumerImpl#poll}.
 */
public class DefaultLitePullConsumer extends ConsumerConfig implements LitePullConsumer {
    private static final long MIN_AUTOCOMMIT_INTERVAL_MILLIS = 1000;
    private final DefaultLitePullConsumerImpl defaultLitePullConsumerImpl;
    private long brokerSuspendMaxTimeMillis = 1000 * 20;
    private long consumerTimeoutMillisWhenSuspend = 1000 * 30;
    private long consumerPullTimeoutMillis = 1000 * 10;
    private MessageQueueListener messageQueueListener;
    private boolean autoCommit = true;
    private int pullThreadNums = 20;
    private long autoCommitIntervalMillis = 5 * 1000;
    private int pullBatchSize = 10;
    private long pullThresholdForAll = 10000;
    private int consumeMaxSpan = 2000;
    private int pullThresholdForQueue = 1000;
    private int pullThresholdSizeForQueue = 100;
    private long pollTimeoutMillis = 1000 * 5;
    private long topicMetadataCheckIntervalMillis = 30 * 1000;
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
    private String consumeTimestamp = UtilAll.timeMillisToHumanString3(
        System.currentTimeMillis() - (1000 * 60 * 30));

    public DefaultLitePullConsumer() {
        this(MixAll.DEFAULT_CONSUMER_GROUP, null);
    }

    public DefaultLitePullConsumer(final String consumerGroup) {
        this(consumerGroup, null);
    }

    public DefaultLitePullConsumer(final String consumerGroup, RPCHook rpcHook) {
        super(consumerGroup, new AllocateMessageQueueAveragely());
        this.defaultLitePullConsumerImpl = new DefaultLitePullConsumerImpl(this, rpcHook);
    }

    @Override
    public void start() throws MQClientException {
        this.defaultLitePullConsumerImpl.start();
    }

    @Override
    public void shutdown() {
        this.defaultLitePullConsumerImpl.shutdown();
    }

    @Override
    public void subscribe(String topic, String subExpression) throws MQClientException {
        this.defaultLitePullConsumerImpl.subscribe(topic, subExpression);
    }

    @Override
    public void subscribe(String topic, MessageSelector messageSelector) throws MQClientException {
        this.defaultLitePullConsumerImpl.subscribe(topic, messageSelector);
    }

    @Override
    public void unsubscribe(String topic) {
        this.defaultLitePullConsumerImpl.unsubscribe(topic);
    }

    @Override
    public void assign(Collection<MessageQueue> messageQueues) {
        defaultLitePullConsumerImpl.assign(messageQueues);
    }

    @Override
    public List<MessageExt> poll() {
        return defaultLitePullConsumerImpl.poll(this.getPollTimeoutMillis());
    }

    @Override
    public List<MessageExt> poll(long timeout) {
        return defaultLitePullConsumerImpl.poll(timeout);
    }

    @Override
    public void seek(MessageQueue messageQueue, long offset) throws MQClientException {
        this.defaultLitePullConsumerImpl.seek(messageQueue, offset);
    }

    @Override
    public void pause(Collection<MessageQueue> messageQueues) {
        this.defaultLitePullConsumerImpl.pause(messageQueues);
    }

    @Override
    public void resume(Collection<MessageQueue> messageQueues) {
        this.defaultLitePullConsumerImpl.resume(messageQueues);
    }

    @Override
    public Collection<MessageQueue> fetchMessageQueues(String topic) throws MQClientException {
        return this.defaultLitePullConsumerImpl.fetchMessageQueues(topic);
    }

    @Override
    public Long offsetForTimestamp(MessageQueue messageQueue, Long timestamp)
        throws MQClientException {
        return this.defaultLitePullConsumerImpl.searchOffset(messageQueue, timestamp);
    }

    @Override
    public void registerTopicMessageQueueChangeListener(String topic,
        TopicMessageQueueChangeListener topicMessageQueueChangeListener) throws MQClientException {
        this.defaultLitePullConsumerImpl.registerTopicMessageQueueChangeListener(topic,
            topicMessageQueueChangeListener);
    }

    @Override
    public void commitSync() {
        // TODO K2: into the offset store only; in clustering the broker gets them
        // with the next persist (every persistConsumerOffsetInterval, 5 s).
        this.defaultLitePullConsumerImpl.commitAll();
    }

    @Override
    public Long committed(MessageQueue messageQueue) throws MQClientException {
        return this.defaultLitePullConsumerImpl.committed(messageQueue);
    }

    @Override
    public void updateNameServerAddress(String nameServerAddress) {
        this.defaultLitePullConsumerImpl.updateNameServerAddress(nameServerAddress);
    }

    @Override
    public void seekToBegin(MessageQueue messageQueue) throws MQClientException {
        this.defaultLitePullConsumerImpl.seek(messageQueue,
            this.defaultLitePullConsumerImpl.minOffset(messageQueue));
    }

    @Override
    public void seekToEnd(MessageQueue messageQueue) throws MQClientException {
        this.defaultLitePullConsumerImpl.seek(messageQueue,
            this.defaultLitePullConsumerImpl.maxOffset(messageQueue));
    }

    @Override
    public boolean isAutoCommit() {
        return autoCommit;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    public DefaultLitePullConsumerImpl getDefaultLitePullConsumerImpl() {
        return defaultLitePullConsumerImpl;
    }

    public int getPullThreadNums() {
        return pullThreadNums;
    }

    public void setPullThreadNums(int pullThreadNums) {
        this.pullThreadNums = pullThreadNums;
    }

    public long getAutoCommitIntervalMillis() {
        return autoCommitIntervalMillis;
    }

    /** At least 1000 ms; smaller values are raised to it, as in 4.7.1. */
    public void setAutoCommitIntervalMillis(long autoCommitIntervalMillis) {
        this.autoCommitIntervalMillis =
            Math.max(MIN_AUTOCOMMIT_INTERVAL_MILLIS, autoCommitIntervalMillis);
    }

    public int getPullBatchSize() {
        return pullBatchSize;
    }

    public void setPullBatchSize(int pullBatchSize) {
        this.pullBatchSize = pullBatchSize;
    }

    public long getPullThresholdForAll() {
        return pullThresholdForAll;
    }

    public void setPullThresholdForAll(long pullThresholdForAll) {
        this.pullThresholdForAll = pullThresholdForAll;
    }

    public int getConsumeMaxSpan() {
        return consumeMaxSpan;
    }

    public void setConsumeMaxSpan(int consumeMaxSpan) {
        this.consumeMaxSpan = consumeMaxSpan;
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

    public long getBrokerSuspendMaxTimeMillis() {
        return brokerSuspendMaxTimeMillis;
    }

    public void setBrokerSuspendMaxTimeMillis(long brokerSuspendMaxTimeMillis) {
        this.brokerSuspendMaxTimeMillis = brokerSuspendMaxTimeMillis;
    }

    public long getPollTimeoutMillis() {
        return pollTimeoutMillis;
    }

    public void setPollTimeoutMillis(long pollTimeoutMillis) {
        this.pollTimeoutMillis = pollTimeoutMillis;
    }

    public MessageQueueListener getMessageQueueListener() {
        return messageQueueListener;
    }

    public void setMessageQueueListener(MessageQueueListener messageQueueListener) {
        this.messageQueueListener = messageQueueListener;
    }

    public long getConsumerPullTimeoutMillis() {
        return consumerPullTimeoutMillis;
    }

    public void setConsumerPullTimeoutMillis(long consumerPullTimeoutMillis) {
        this.consumerPullTimeoutMillis = consumerPullTimeoutMillis;
    }

    public long getConsumerTimeoutMillisWhenSuspend() {
        return consumerTimeoutMillisWhenSuspend;
    }

    public void setConsumerTimeoutMillisWhenSuspend(long consumerTimeoutMillisWhenSuspend) {
        this.consumerTimeoutMillisWhenSuspend = consumerTimeoutMillisWhenSuspend;
    }

    public long getTopicMetadataCheckIntervalMillis() {
        return topicMetadataCheckIntervalMillis;
    }

    public void setTopicMetadataCheckIntervalMillis(long topicMetadataCheckIntervalMillis) {
        this.topicMetadataCheckIntervalMillis = topicMetadataCheckIntervalMillis;
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
}
