package org.mqbook.client.impl.consumer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.MessageSelector;
import org.mqbook.client.consumer.PullCallback;
import org.mqbook.client.consumer.listener.MessageListener;
import org.mqbook.client.consumer.listener.MessageListenerOrderly;
import org.mqbook.client.consumer.store.OffsetStore;
import org.mqbook.client.consumer.store.ReadOffsetType;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.CommunicationMode;
import org.mqbook.client.impl.MQClientManager;
import org.mqbook.client.impl.ServiceState;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.ConsumerRunningInfo;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.common.sysflag.PullSysFlag;
import org.mqbook.remoting.RPCHook;
import org.slf4j.Logger;

/**
 * The engine behind {@link DefaultMQPushConsumer}: the pull loop of every assigned queue.
 * <pre>
 *  RebalanceService -- new queue --&gt; PullRequest --&gt; PullMessageService (queue of requests)
 *        PullMessageService --&gt; pullMessage(request): flow control, then an async PULL
 *        PullCallback: messages --&gt; ProcessQueue --&gt; ConsumeMessageService (listener threads)
 *                      request --&gt; back to PullMessageService (at once, or later)
 *  ConsumeMessageService: listener done --&gt; ProcessQueue min offset --&gt; OffsetStore
 *  every 5 s: OffsetStore.persistAll --&gt; UPDATE_CONSUMER_OFFSET (oneway)
 * </pre>
 * Retries (send-back) and the admin answers live in {@link PushConsumerSupport}.
 *
 * <p>Thread-safe: start/shutdown are synchronized; pullMessage runs on "PullMessageService",
 * the callback on remoting callback threads, each holding the one PullRequest of its queue.
 * Read next: {@link #pullMessage}, then {@link ProcessQueue}.
 */
public class DefaultMQPushConsumerImpl implements MQConsumerInner {
    /** Wait after a failed pull before the next one (ms). */
    private static final long PULL_TIME_DELAY_MILLS_WHEN_EXCEPTION = 3000;
    /** Wait while flow control holds a queue (ms). */
    private static final long PULL_TIME_DELAY_MILLS_WHEN_FLOW_CONTROL = 50;
    /** Wait while the consumer is suspended (ms). */
    private static final long PULL_TIME_DELAY_MILLS_WHEN_SUSPEND = 1000;
    /** How long the broker may hold an empty pull (long polling). */
    private static final long BROKER_SUSPEND_MAX_TIME_MILLIS = 1000 * 15;
    /** The client's own timeout for a held pull. */
    private static final long CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND = 1000 * 30;
    private static final int FLOW_CONTROL_LOG_EVERY = 1000;
    private final Logger log = ClientLogger.getLog();
    private final DefaultMQPushConsumer defaultMQPushConsumer;
    private final RebalanceImpl rebalanceImpl = new RebalancePushImpl(this);
    private final RPCHook rpcHook;
    private final long consumerStartTimestamp = System.currentTimeMillis();
    private final PushConsumerSupport support = new PushConsumerSupport(this);
    private volatile ServiceState serviceState = ServiceState.CREATE_JUST;
    private MQClientInstance mQClientFactory;
    private PullAPIWrapper pullAPIWrapper;
    private volatile boolean pause = false;
    private boolean consumeOrderly = false;
    private MessageListener messageListenerInner;
    private OffsetStore offsetStore;
    private ConsumeMessageService consumeMessageService;
    private long queueFlowControlTimes = 0;
    private long queueMaxSpanFlowControlTimes = 0;

    public DefaultMQPushConsumerImpl(DefaultMQPushConsumer defaultMQPushConsumer, RPCHook rpcHook) {
        this.defaultMQPushConsumer = defaultMQPushConsumer;
        this.rpcHook = rpcHook;
    }

    // tag::ch07-push-start[]
    /** Builds the consumer's parts and registers it with the client
     *  instance of its id; the instance starts the shared threads. */
    public synchronized void start() throws MQClientException {
        switch (this.serviceState) {
            case CREATE_JUST:
                this.serviceState = ServiceState.START_FAILED;
                PushConsumerChecks.checkConfig(defaultMQPushConsumer);
                support.copySubscription();
                if (messageModel() == MessageModel.CLUSTERING) {
                    defaultMQPushConsumer.changeInstanceNameToPID();
                }
                this.mQClientFactory = MQClientManager.getInstance()
                    .getOrCreateMQClientInstance(defaultMQPushConsumer,
                        rpcHook);
                rebalanceImpl.bind(defaultMQPushConsumer, mQClientFactory);
                this.pullAPIWrapper = new PullAPIWrapper(mQClientFactory,
                    groupName(), isUnitMode());
                this.offsetStore = OffsetStore.of(defaultMQPushConsumer,
                    mQClientFactory);
                this.offsetStore.load();
                // TODO K1: the listener's kind picks the consume service;
                // orderly adds broker locks and one thread per queue.
                if (messageListenerInner instanceof MessageListenerOrderly) {
                    this.consumeOrderly = true;
                    this.consumeMessageService =
                        new ConsumeMessageOrderlyService(this);
                } else {
                    this.consumeOrderly = false;
                    this.consumeMessageService =
                        new ConsumeMessageConcurrentlyService(this);
                }
                this.consumeMessageService.start();
                if (!mQClientFactory.registerConsumer(groupName(), this)) {
                    this.serviceState = ServiceState.CREATE_JUST;
                    this.consumeMessageService.shutdown(0);
                    throw new MQClientException("The consumer group["
                        + groupName() + "] has been created before, specify"
                        + " another name please.", null);
                }
                mQClientFactory.start();
                log.info("the consumer [{}] start OK.", groupName());
                this.serviceState = ServiceState.RUNNING;
                break;
            default:
                throw new MQClientException("The PushConsumer service "
                    + "state not OK, maybe started once, "
                    + this.serviceState, null);
        }
        // routes of the subscribed topics, a heartbeat naming them, and a
        // rebalance now rather than in 20 s
        this.updateTopicSubscribeInfoWhenSubscriptionChanged();
        this.mQClientFactory.sendHeartbeatToAllBrokerWithLock();
        this.mQClientFactory.rebalanceImmediately();
    }
    // end::ch07-push-start[]

    /** Stops consuming, writes the offsets, leaves the group (and the instance when last). */
    public synchronized void shutdown(long awaitTerminateMillis) {
        if (this.serviceState != ServiceState.RUNNING) {
            return;
        }
        this.consumeMessageService.shutdown(awaitTerminateMillis);
        this.persistConsumerOffset();
        // from here on, pulls failing because the connections close are expected
        this.serviceState = ServiceState.SHUTDOWN_ALREADY;
        this.mQClientFactory.unregisterConsumer(groupName());
        this.mQClientFactory.shutdown();
        this.rebalanceImpl.destroy();
        log.info("the consumer [{}] shutdown OK", groupName());
    }

    // tag::ch07-pull-message[]
    /** Starts one pull for one queue, unless flow control says wait. */
    public void pullMessage(final PullRequest pullRequest) {
        final ProcessQueue processQueue = pullRequest.getProcessQueue();
        if (processQueue.isDropped()) {
            // the queue left this consumer: the request dies here
            log.info("the pull request[{}] is dropped.", pullRequest);
            return;
        }
        processQueue.setLastPullTimestamp(System.currentTimeMillis());
        if (this.serviceState != ServiceState.RUNNING) {
            pullLater(pullRequest, PULL_TIME_DELAY_MILLS_WHEN_EXCEPTION);
            return;
        }
        if (this.pause) {
            pullLater(pullRequest, PULL_TIME_DELAY_MILLS_WHEN_SUSPEND);
            return;
        }
        // TODO K1: flow control: a slow listener makes messages pile up in
        // the ProcessQueue; past a threshold the consumer stops pulling
        // that queue and looks again 50 ms later.
        long cachedCount = processQueue.getMsgCount();
        long cachedMiB = processQueue.getMsgSize() / (1024 * 1024);
        if (cachedCount > defaultMQPushConsumer.getPullThresholdForQueue()
            || cachedMiB > defaultMQPushConsumer
                .getPullThresholdSizeForQueue()) {
            pullLater(pullRequest, PULL_TIME_DELAY_MILLS_WHEN_FLOW_CONTROL);
            if ((queueFlowControlTimes++ % FLOW_CONTROL_LOG_EVERY) == 0) {
                log.warn("the cached message count {} or size {} MiB "
                    + "exceeds the threshold, so do flow control, {}",
                    cachedCount, cachedMiB, pullRequest);
            }
            return;
        }
        if (!this.consumeOrderly) {
            // TODO K2: one stuck message pins the committed offset; a
            // span over 2000 means a restart would redo them all.
            if (processQueue.getMaxSpan() > defaultMQPushConsumer
                .getConsumeConcurrentlyMaxSpan()) {
                pullLater(pullRequest,
                    PULL_TIME_DELAY_MILLS_WHEN_FLOW_CONTROL);
                if ((queueMaxSpanFlowControlTimes++
                    % FLOW_CONTROL_LOG_EVERY) == 0) {
                    log.warn("the queue's messages span too long, so do "
                        + "flow control, maxSpan={}, {}",
                        processQueue.getMaxSpan(), pullRequest);
                }
                return;
            }
        } else if (!support.prepareOrderlyPull(pullRequest)) {
            return;
        }
        final SubscriptionData subscriptionData =
            this.rebalanceImpl.getSubscriptionInner()
                .get(pullRequest.getMessageQueue().getTopic());
        if (subscriptionData == null) {
            pullLater(pullRequest, PULL_TIME_DELAY_MILLS_WHEN_EXCEPTION);
            log.warn("find the consumer's subscription failed, {}",
                pullRequest);
            return;
        }
        final PullCallback pullCallback =
            new PushPullCallback(this, pullRequest, subscriptionData);
        // TODO K2: the pull also carries the offset consumed so far, so
        // the broker stores progress without waiting for the 5 s persist.
        long commitOffsetValue = 0L;
        if (messageModel() == MessageModel.CLUSTERING) {
            commitOffsetValue = this.offsetStore.readOffset(
                pullRequest.getMessageQueue(),
                ReadOffsetType.READ_FROM_MEMORY);
        }
        boolean commitOffsetEnable = commitOffsetValue > 0;
        String subExpression = null;
        if (defaultMQPushConsumer.isPostSubscriptionWhenPull()
            && !subscriptionData.isClassFilterMode()) {
            subExpression = subscriptionData.getSubString();
        }
        int sysFlag = PullSysFlag.buildSysFlag(commitOffsetEnable, true,
            subExpression != null, false);
        try {
            this.pullAPIWrapper.pullKernelImpl(pullRequest.getMessageQueue(),
                subExpression, subscriptionData.getExpressionType(),
                subscriptionData.getSubVersion(), pullRequest.getNextOffset(),
                defaultMQPushConsumer.getPullBatchSize(), sysFlag,
                commitOffsetValue, BROKER_SUSPEND_MAX_TIME_MILLIS,
                CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND,
                CommunicationMode.ASYNC, pullCallback);
        } catch (Exception e) {
            log.error("pullKernelImpl exception", e);
            pullLater(pullRequest, PULL_TIME_DELAY_MILLS_WHEN_EXCEPTION);
        }
    }
    // end::ch07-pull-message[]

    /** No message in flight: the offset may jump over non-matching messages at once. */
    void correctTagsOffset(final PullRequest pullRequest) {
        if (0L == pullRequest.getProcessQueue().getMsgCount()) {
            this.offsetStore.updateOffset(pullRequest.getMessageQueue(),
                pullRequest.getNextOffset(), true);
        }
    }

    void pullLater(final PullRequest pullRequest, final long timeDelay) {
        this.mQClientFactory.getPullMessageService().executePullRequestLater(pullRequest, timeDelay);
    }

    void pullLaterAfterException(final PullRequest pullRequest) {
        pullLater(pullRequest, PULL_TIME_DELAY_MILLS_WHEN_EXCEPTION);
    }

    public void executePullRequestImmediately(final PullRequest pullRequest) {
        this.mQClientFactory.getPullMessageService().executePullRequestImmediately(pullRequest);
    }

    void executeTaskLater(final Runnable r, final long timeDelay) {
        this.mQClientFactory.getPullMessageService().executeTaskLater(r, timeDelay);
    }

    /** Also called by {@link PushConsumerSupport#copySubscription}. */
    public void registerMessageListener(MessageListener messageListener) {
        this.messageListenerInner = messageListener;
    }

    public void subscribe(String topic, String subExpression) throws MQClientException {
        try {
            SubscriptionData data = FilterAPI.buildSubscriptionData(topic, subExpression);
            this.rebalanceImpl.getSubscriptionInner().put(topic, data);
        } catch (IllegalArgumentException e) {
            throw new MQClientException("subscription exception", e);
        }
        sendHeartbeatWhenRunning();
    }

    public void subscribe(String topic, MessageSelector selector) throws MQClientException {
        try {
            SubscriptionData data = selector == null
                ? FilterAPI.buildSubscriptionData(topic, SubscriptionData.SUB_ALL)
                : FilterAPI.build(topic, selector.getExpression(), selector.getExpressionType());
            this.rebalanceImpl.getSubscriptionInner().put(topic, data);
        } catch (IllegalArgumentException e) {
            throw new MQClientException("subscription exception", e);
        }
        sendHeartbeatWhenRunning();
    }

    public void unsubscribe(String topic) {
        this.rebalanceImpl.getSubscriptionInner().remove(topic);
    }

    private void sendHeartbeatWhenRunning() {
        if (this.mQClientFactory != null && this.serviceState == ServiceState.RUNNING) {
            this.mQClientFactory.sendHeartbeatToAllBrokerWithLock();
        }
    }

    private void updateTopicSubscribeInfoWhenSubscriptionChanged() {
        for (String topic : rebalanceImpl.getSubscriptionInner().keySet()) {
            this.mQClientFactory.updateTopicRouteInfoFromNameServer(topic);
        }
    }

    public void suspend() {
        this.pause = true;
        log.info("suspend this consumer, {}", groupName());
    }

    public void resume() {
        this.pause = false;
        doRebalance();
        log.info("resume this consumer, {}", groupName());
    }

    public void updateCorePoolSize(int corePoolSize) {
        this.consumeMessageService.updateCorePoolSize(corePoolSize);
    }

    /** See {@link PushConsumerSupport#sendMessageBack}. */
    public void sendMessageBack(MessageExt msg, int delayLevel, final String brokerName)
        throws MQClientException {
        support.sendMessageBack(msg, delayLevel, brokerName);
    }

    public Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException {
        return this.mQClientFactory.getMQAdminImpl().fetchSubscribeMessageQueues(topic);
    }

    /** Messages from %RETRY%group get their original topic back before the listener sees them. */
    public void resetRetryAndNamespace(final List<MessageExt> msgs, String consumerGroup) {
        PushConsumerSupport.resetRetryTopic(msgs, consumerGroup);
    }

    /** Sets an offset in memory (RESET_CONSUMER_CLIENT_OFFSET). */
    public void updateConsumeOffset(MessageQueue mq, long offset) {
        this.offsetStore.updateOffset(mq, offset, false);
    }

    /** 16 for concurrent listeners unless set. */
    int getMaxReconsumeTimes() {
        int max = defaultMQPushConsumer.getMaxReconsumeTimes();
        return max == -1 ? 16 : max;
    }

    @Override
    public String groupName() {
        return defaultMQPushConsumer.getConsumerGroup();
    }

    @Override
    public MessageModel messageModel() {
        return defaultMQPushConsumer.getMessageModel();
    }

    @Override
    public ConsumeType consumeType() {
        return ConsumeType.CONSUME_PASSIVELY;
    }

    @Override
    public ConsumeFromWhere consumeFromWhere() {
        return defaultMQPushConsumer.getConsumeFromWhere();
    }

    @Override
    public Set<SubscriptionData> subscriptions() {
        return new HashSet<>(this.rebalanceImpl.getSubscriptionInner().values());
    }

    @Override
    public void doRebalance() {
        if (!this.pause) {
            this.rebalanceImpl.doRebalance(this.consumeOrderly);
        }
    }

    @Override
    public void persistConsumerOffset() {
        if (this.serviceState != ServiceState.RUNNING) {
            log.warn("persistConsumerOffset skipped: consumer {} is {}", groupName(),
                this.serviceState);
            return;
        }
        Set<MessageQueue> mqs = new HashSet<>(this.rebalanceImpl.getProcessQueueTable().keySet());
        this.offsetStore.persistAll(mqs);
    }

    @Override
    public void updateTopicSubscribeInfo(String topic, Set<MessageQueue> info) {
        if (rebalanceImpl.getSubscriptionInner().containsKey(topic)) {
            this.rebalanceImpl.getTopicSubscribeInfoTable().put(topic, info);
        }
    }

    @Override
    public boolean isSubscribeTopicNeedUpdate(String topic) {
        return rebalanceImpl.getSubscriptionInner().containsKey(topic)
            && !this.rebalanceImpl.getTopicSubscribeInfoTable().containsKey(topic);
    }

    @Override
    public boolean isUnitMode() {
        return defaultMQPushConsumer.isUnitMode();
    }

    @Override
    public ConsumerRunningInfo consumerRunningInfo() {
        return support.consumerRunningInfo();
    }

    public boolean isConsumeOrderly() {
        return consumeOrderly;
    }

    public boolean isPause() {
        return pause;
    }

    public RebalanceImpl getRebalanceImpl() {
        return rebalanceImpl;
    }

    public DefaultMQPushConsumer getDefaultMQPushConsumer() {
        return defaultMQPushConsumer;
    }

    public MessageListener getMessageListenerInner() {
        return messageListenerInner;
    }

    public OffsetStore getOffsetStore() {
        return offsetStore;
    }

    public ConsumeMessageService getConsumeMessageService() {
        return consumeMessageService;
    }

    public PullAPIWrapper getPullAPIWrapper() {
        return pullAPIWrapper;
    }

    public MQClientInstance getmQClientFactory() {
        return mQClientFactory;
    }

    public ServiceState getServiceState() {
        return serviceState;
    }

    public long getConsumerStartTimestamp() {
        return consumerStartTimestamp;
    }

    /** How many times a pull was postponed because a queue held too many messages or MiB. */
    public long getQueueFlowControlTimes() {
        return queueFlowControlTimes;
    }

    /** How many times a pull was postponed because a queue's offset span was too wide. */
    public long getQueueMaxSpanFlowControlTimes() {
        return queueMaxSpanFlowControlTimes;
    }
}
