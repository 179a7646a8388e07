package org.mqbook.client.impl.consumer;

import java.util.HashSet;
import java.util.Set;
import org.mqbook.client.Validators;
import org.mqbook.client.consumer.DefaultMQPullConsumer;
import org.mqbook.client.consumer.MessageSelector;
import org.mqbook.client.consumer.PullCallback;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.store.OffsetStore;
import org.mqbook.client.consumer.store.ReadOffsetType;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.CommunicationMode;
import org.mqbook.client.impl.MQClientManager;
import org.mqbook.client.impl.ServiceState;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.ConsumerRunningInfo;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.common.sysflag.PullSysFlag;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.exception.RemotingException;
import org.slf4j.Logger;

/**
 * The engine behind {@link DefaultMQPullConsumer}: every pull is the application's own call,
 * with the queue and offset it names; nothing pulls in the background. What remains of the
 * push consumer's machinery is the rebalance (to tell a {@code MessageQueueListener} which
 * queues are this member's) and the offset store (the application updates it, the client
 * instance persists it every 5 s).
 *
 * <p>Thread-safe: pulls from many threads are fine; start/shutdown are synchronized.
 */
public class DefaultMQPullConsumerImpl implements MQConsumerInner {
    private final Logger log = ClientLogger.getLog();
    private final DefaultMQPullConsumer defaultMQPullConsumer;
    private final RPCHook rpcHook;
    private final long consumerStartTimestamp = System.currentTimeMillis();
    private final RebalanceImpl rebalanceImpl = new RebalancePullImpl(this);
    private volatile ServiceState serviceState = ServiceState.CREATE_JUST;
    private MQClientInstance mQClientFactory;
    private PullAPIWrapper pullAPIWrapper;
    private OffsetStore offsetStore;

    public DefaultMQPullConsumerImpl(final DefaultMQPullConsumer defaultMQPullConsumer,
                                     final RPCHook rpcHook) {
        this.defaultMQPullConsumer = defaultMQPullConsumer;
        this.rpcHook = rpcHook;
    }

    public synchronized void start() throws MQClientException {
        switch (this.serviceState) {
            case CREATE_JUST:
                this.serviceState = ServiceState.START_FAILED;
                Validators.checkGroup(groupName());
                if (MixAll.DEFAULT_CONSUMER_GROUP.equals(groupName())) {
                    throw new MQClientException("consumerGroup can not equal "
                        + MixAll.DEFAULT_CONSUMER_GROUP + ", please specify another one.", null);
                }
                this.copySubscription();
                if (messageModel() == MessageModel.CLUSTERING) {
                    this.defaultMQPullConsumer.changeInstanceNameToPID();
                }
                this.mQClientFactory = MQClientManager.getInstance()
                    .getOrCreateMQClientInstance(this.defaultMQPullConsumer, this.rpcHook);
                this.rebalanceImpl.bind(defaultMQPullConsumer, mQClientFactory);
                this.pullAPIWrapper = new PullAPIWrapper(mQClientFactory, groupName(), isUnitMode());
                this.offsetStore = OffsetStore.of(defaultMQPullConsumer, mQClientFactory);
                this.offsetStore.load();
                if (!mQClientFactory.registerConsumer(groupName(), this)) {
                    this.serviceState = ServiceState.CREATE_JUST;
                    throw new MQClientException("The consumer group[" + groupName()
                        + "] has been created before, specify another name please.", null);
                }
                mQClientFactory.start();
                log.info("the consumer [{}] start OK", groupName());
                this.serviceState = ServiceState.RUNNING;
                break;
            default:
                throw new MQClientException("The PullConsumer service state not OK, maybe started "
                    + "once, " + this.serviceState, null);
        }
    }

    /** registerTopics become "*" subscriptions: what the rebalance divides. */
    private void copySubscription() {
        Set<String> registerTopics = this.defaultMQPullConsumer.getRegisterTopics();
        if (registerTopics != null) {
            for (String topic : registerTopics) {
                this.rebalanceImpl.getSubscriptionInner().put(topic,
                    FilterAPI.buildSubscriptionData(topic, SubscriptionData.SUB_ALL));
            }
        }
    }

    public synchronized void shutdown() {
        if (this.serviceState != ServiceState.RUNNING) {
            return;
        }
        this.persistConsumerOffset();
        this.mQClientFactory.unregisterConsumer(groupName());
        this.mQClientFactory.shutdown();
        log.info("the consumer [{}] shutdown OK", groupName());
        this.serviceState = ServiceState.SHUTDOWN_ALREADY;
    }

    private void makeSureStateOK() throws MQClientException {
        if (this.serviceState != ServiceState.RUNNING) {
            throw new MQClientException("The consumer service state not OK, "
                + this.serviceState, null);
        }
    }

    /** A topic pulled without being registered joins the subscriptions (and the heartbeat). */
    private void subscriptionAutomatically(final String topic) {
        this.rebalanceImpl.getSubscriptionInner().computeIfAbsent(topic,
            t -> FilterAPI.buildSubscriptionData(t, SubscriptionData.SUB_ALL));
    }

    // tag::ch07-pull-sync[]
    /** One synchronous pull at {@code offset}; {@code block}: the broker
     *  may hold it up to brokerSuspendMaxTimeMillis for new messages. */
    public PullResult pullSyncImpl(MessageQueue mq, SubscriptionData sub,
        long offset, int maxNums, boolean block, long timeout)
        throws MQClientException, RemotingException, MQBrokerException,
        InterruptedException {
        this.makeSureStateOK();
        checkPullArguments(mq, offset, maxNums);
        this.subscriptionAutomatically(mq.getTopic());
        // TODO K1: the expression travels with every pull (bit 2): a pull
        // consumer's subscription is whatever this call says.
        int sysFlag = PullSysFlag.buildSysFlag(false, block, true, false);
        long timeoutMillis = block ? this.defaultMQPullConsumer
            .getConsumerTimeoutMillisWhenSuspend() : timeout;
        boolean isTagType =
            MessageSelector.TAG.equals(sub.getExpressionType());
        PullResult pullResult = this.pullAPIWrapper.pullKernelImpl(mq,
            sub.getSubString(), sub.getExpressionType(),
            isTagType ? 0L : sub.getSubVersion(), offset, maxNums, sysFlag, 0,
            this.defaultMQPullConsumer.getBrokerSuspendMaxTimeMillis(),
            timeoutMillis, CommunicationMode.SYNC, null);
        return this.pullAPIWrapper.processPullResult(mq, pullResult, sub);
    }
    // end::ch07-pull-sync[]

    private static void checkPullArguments(MessageQueue mq, long offset, int maxNums)
        throws MQClientException {
        if (mq == null) {
            throw new MQClientException("mq is null", null);
        }
        if (offset < 0) {
            throw new MQClientException("offset < 0, got " + offset, null);
        }
        if (maxNums <= 0) {
            throw new MQClientException("maxNums <= 0, got " + maxNums, null);
        }
    }

    /** The asynchronous form: {@code pullCallback} gets the decoded, filtered result. */
    public void pullAsyncImpl(final MessageQueue mq, final SubscriptionData sub, final long offset,
                              final int maxNums, final PullCallback pullCallback,
                              final boolean block, final long timeout)
        throws MQClientException, RemotingException, InterruptedException {
        this.makeSureStateOK();
        checkPullArguments(mq, offset, maxNums);
        if (pullCallback == null) {
            throw new MQClientException("pullCallback is null", null);
        }
        this.subscriptionAutomatically(mq.getTopic());
        int sysFlag = PullSysFlag.buildSysFlag(false, block, true, false);
        long timeoutMillis = block ? this.defaultMQPullConsumer
            .getConsumerTimeoutMillisWhenSuspend() : timeout;
        boolean isTagType = MessageSelector.TAG.equals(sub.getExpressionType());
        try {
            this.pullAPIWrapper.pullKernelImpl(mq, sub.getSubString(), sub.getExpressionType(),
                isTagType ? 0L : sub.getSubVersion(), offset, maxNums, sysFlag, 0,
                this.defaultMQPullConsumer.getBrokerSuspendMaxTimeMillis(), timeoutMillis,
                CommunicationMode.ASYNC, new PullCallback() {
                    @Override
                    public void onSuccess(PullResult pullResult) {
                        pullCallback.onSuccess(pullAPIWrapper.processPullResult(mq, pullResult, sub));
                    }

                    @Override
                    public void onException(Throwable e) {
                        pullCallback.onException(e);
                    }
                });
        } catch (MQBrokerException e) {
            throw new MQClientException("pullAsync unknow exception", e);
        }
    }

    /** Builds the subscription of one pull call (TAG or SQL92). */
    public SubscriptionData subscriptionOf(String topic, String expression, String type)
        throws MQClientException {
        try {
            return FilterAPI.build(topic, expression, type);
        } catch (IllegalArgumentException e) {
            throw new MQClientException("parse subscription error", e);
        }
    }

    public void updateConsumeOffset(MessageQueue mq, long offset) throws MQClientException {
        this.makeSureStateOK();
        this.offsetStore.updateOffset(mq, offset, false);
    }

    public long fetchConsumeOffset(MessageQueue mq, boolean fromStore) throws MQClientException {
        this.makeSureStateOK();
        return this.offsetStore.readOffset(mq, fromStore ? ReadOffsetType.READ_FROM_STORE
            : ReadOffsetType.MEMORY_FIRST_THEN_STORE);
    }

    public Set<MessageQueue> fetchMessageQueuesInBalance(String topic) throws MQClientException {
        this.makeSureStateOK();
        if (topic == null) {
            throw new IllegalArgumentException("topic is null");
        }
        Set<MessageQueue> mqResult = new HashSet<>();
        for (MessageQueue mq : this.rebalanceImpl.getProcessQueueTable().keySet()) {
            if (mq.getTopic().equals(topic)) {
                mqResult.add(mq);
            }
        }
        return mqResult;
    }

    public Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException {
        this.makeSureStateOK();
        return this.mQClientFactory.getMQAdminImpl().fetchSubscribeMessageQueues(topic);
    }

    /** As the push consumer's, with this consumer's maxReconsumeTimes (16). */
    public void sendMessageBack(MessageExt msg, int delayLevel, final String brokerName,
                                String consumerGroup) throws MQClientException {
        String group = consumerGroup == null ? groupName() : consumerGroup;
        try {
            String brokerAddr = brokerName != null
                ? this.mQClientFactory.findBrokerAddressInPublish(brokerName)
                : RemotingHelper.parseSocketAddressAddr(msg.getStoreHost());
            this.mQClientFactory.getConsumerAPI().consumerSendMessageBack(brokerAddr, msg, group,
                delayLevel, 3000, this.defaultMQPullConsumer.getMaxReconsumeTimes());
        } catch (Exception e) {
            log.error("sendMessageBack Exception, " + group, e);
            Message retry = PushConsumerSupport.retryMessage(msg, group,
                this.defaultMQPullConsumer.getMaxReconsumeTimes());
            try {
                this.mQClientFactory.getDefaultMQProducer().send(retry);
            } catch (Exception sendFailed) {
                throw new MQClientException("send back failed twice: " + e.getMessage(),
                    sendFailed);
            }
        }
    }

    public void registerMessageQueueListener(String topic) {
        this.rebalanceImpl.getSubscriptionInner().computeIfAbsent(topic,
            t -> FilterAPI.buildSubscriptionData(t, SubscriptionData.SUB_ALL));
    }

    @Override
    public String groupName() {
        return this.defaultMQPullConsumer.getConsumerGroup();
    }

    @Override
    public MessageModel messageModel() {
        return this.defaultMQPullConsumer.getMessageModel();
    }

    @Override
    public ConsumeType consumeType() {
        return ConsumeType.CONSUME_ACTIVELY;
    }

    @Override
    public ConsumeFromWhere consumeFromWhere() {
        return ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
    }

    @Override
    public Set<SubscriptionData> subscriptions() {
        return new HashSet<>(this.rebalanceImpl.getSubscriptionInner().values());
    }

    @Override
    public void doRebalance() {
        this.rebalanceImpl.doRebalance(false);
    }

    @Override
    public void persistConsumerOffset() {
        if (this.serviceState != ServiceState.RUNNING) {
            return;
        }
        Set<MessageQueue> mqs = new HashSet<>(this.rebalanceImpl.getProcessQueueTable().keySet());
        // queues pulled by hand but never assigned by a rebalance are persisted too
        mqs.addAll(this.offsetStore.cloneOffsetTable(null).keySet());
        this.offsetStore.persistAll(mqs);
    }

    @Override
    public void updateTopicSubscribeInfo(String topic, Set<MessageQueue> info) {
        if (this.rebalanceImpl.getSubscriptionInner().containsKey(topic)) {
            this.rebalanceImpl.getTopicSubscribeInfoTable().put(topic, info);
        }
    }

    @Override
    public boolean isSubscribeTopicNeedUpdate(String topic) {
        return this.rebalanceImpl.getSubscriptionInner().containsKey(topic)
            && !this.rebalanceImpl.getTopicSubscribeInfoTable().containsKey(topic);
    }

    @Override
    public boolean isUnitMode() {
        return this.defaultMQPullConsumer.isUnitMode();
    }

    @Override
    public ConsumerRunningInfo consumerRunningInfo() {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.setProperties(this.defaultMQPullConsumer.consumerProperties());
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_CONSUMER_START_TIMESTAMP,
            String.valueOf(this.consumerStartTimestamp));
        info.getSubscriptionSet().addAll(subscriptions());
        return info;
    }

    public RebalanceImpl getRebalanceImpl() {
        return rebalanceImpl;
    }

    public OffsetStore getOffsetStore() {
        return offsetStore;
    }

    public MQClientInstance getmQClientFactory() {
        return mQClientFactory;
    }

    public DefaultMQPullConsumer getDefaultMQPullConsumer() {
        return defaultMQPullConsumer;
    }

    public ServiceState getServiceState() {
        return serviceState;
    }
}
