package org.mqbook.client.impl.consumer;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.Validators;
import org.mqbook.client.consumer.DefaultLitePullConsumer;
import org.mqbook.client.consumer.MessageSelector;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.TopicMessageQueueChangeListener;
import org.mqbook.client.consumer.store.OffsetStore;
import org.mqbook.client.consumer.store.ReadOffsetType;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.CommunicationMode;
import org.mqbook.client.impl.MQClientManager;
import org.mqbook.client.impl.ServiceState;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
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
 * The engine behind {@link DefaultLitePullConsumer}: one {@link LitePullTask} per queue pulls
 * in the background into a cache of consume requests, {@link #poll} hands them out, and the
 * consumed offset advances as they are handed out (committed every autoCommitIntervalMillis,
 * or by {@link #commitSync}). Queues come from a rebalance ({@link #subscribe}) or from the
 * application ({@link #assign}): one or the other, never both.
 *
 * <p>Thread-safe: the public operations are synchronized where they change the queue set;
 * the cache is a blocking queue; pull tasks share per-queue lock objects with seek.
 */
public class DefaultLitePullConsumerImpl implements MQConsumerInner {
    private final Logger log = ClientLogger.getLog();
    private final DefaultLitePullConsumer defaultLitePullConsumer;
    private final RPCHook rpcHook;
    private final long consumerStartTimestamp = System.currentTimeMillis();
    private final RebalanceImpl rebalanceImpl = new RebalanceLitePullImpl(this);
    private final AssignedMessageQueue assignedMessageQueue = new AssignedMessageQueue();
    private final LinkedBlockingQueue<ConsumeRequest> consumeRequestCache = new LinkedBlockingQueue<>();
    private final MessageQueueLock messageQueueLock = new MessageQueueLock();
    private final TopicQueueWatcher topicWatcher = new TopicQueueWatcher(this::fetchMessageQueues);
    private volatile ServiceState serviceState = ServiceState.CREATE_JUST;
    private volatile SubscriptionType subscriptionType = SubscriptionType.NONE;
    private MQClientInstance mQClientFactory;
    private PullAPIWrapper pullAPIWrapper;
    private OffsetStore offsetStore;
    private LitePullTasks pullTasks;
    private long nextAutoCommitDeadline = -1L;

    private enum SubscriptionType { NONE, SUBSCRIBE, ASSIGN }

    /** Pulled messages of one queue waiting for poll(). */
    record ConsumeRequest(List<MessageExt> messageExts, MessageQueue messageQueue,
                          ProcessQueue processQueue) {
    }

    public DefaultLitePullConsumerImpl(DefaultLitePullConsumer defaultLitePullConsumer,
                                       RPCHook rpcHook) {
        this.defaultLitePullConsumer = defaultLitePullConsumer;
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
                if (messageModel() == MessageModel.CLUSTERING) {
                    defaultLitePullConsumer.changeInstanceNameToPID();
                }
                this.mQClientFactory = MQClientManager.getInstance()
                    .getOrCreateMQClientInstance(defaultLitePullConsumer, rpcHook);
                rebalanceImpl.bind(defaultLitePullConsumer, mQClientFactory);
                this.pullAPIWrapper = new PullAPIWrapper(mQClientFactory, groupName(), isUnitMode());
                this.offsetStore = OffsetStore.of(defaultLitePullConsumer, mQClientFactory);
                this.offsetStore.load();
                this.pullTasks = new LitePullTasks(this,
                    defaultLitePullConsumer.getPullThreadNums(), groupName());
                if (!mQClientFactory.registerConsumer(groupName(), this)) {
                    this.serviceState = ServiceState.CREATE_JUST;
                    this.pullTasks.shutdown();
                    throw new MQClientException("The consumer group[" + groupName()
                        + "] has been created before, specify another name please.", null);
                }
                mQClientFactory.start();
                this.serviceState = ServiceState.RUNNING;
                log.info("the consumer [{}] start OK", groupName());
                operateAfterRunning();
                break;
            default:
                throw new MQClientException("The PullConsumer service state not OK, maybe started "
                    + "once, " + this.serviceState, null);
        }
    }

    private void operateAfterRunning() throws MQClientException {
        if (subscriptionType == SubscriptionType.SUBSCRIBE) {
            for (String topic : rebalanceImpl.getSubscriptionInner().keySet()) {
                mQClientFactory.updateTopicRouteInfoFromNameServer(topic);
            }
        } else if (subscriptionType == SubscriptionType.ASSIGN) {
            pullTasks.start(assignedMessageQueue.messageQueues());
        }
        topicWatcher.start(defaultLitePullConsumer.getTopicMetadataCheckIntervalMillis());
    }

    public synchronized void shutdown() {
        if (this.serviceState != ServiceState.RUNNING) {
            return;
        }
        persistConsumerOffset();
        this.mQClientFactory.unregisterConsumer(groupName());
        this.pullTasks.shutdown();
        this.topicWatcher.shutdown();
        this.mQClientFactory.shutdown();
        this.serviceState = ServiceState.SHUTDOWN_ALREADY;
        log.info("the consumer [{}] shutdown OK", groupName());
    }

    private void checkServiceState() {
        if (this.serviceState != ServiceState.RUNNING) {
            throw new IllegalStateException("The consumer service state not OK, "
                + this.serviceState);
        }
    }

    private synchronized void setSubscriptionType(SubscriptionType type) {
        if (this.subscriptionType == SubscriptionType.NONE) {
            this.subscriptionType = type;
        } else if (this.subscriptionType != type) {
            throw new IllegalStateException("Subscribe and assign are mutually exclusive.");
        }
    }

    public synchronized void subscribe(String topic, String subExpression) throws MQClientException {
        subscribe(topic, MessageSelector.byTag(subExpression));
    }

    public synchronized void subscribe(String topic, MessageSelector selector)
        throws MQClientException {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("Topic can not be null or empty.");
        }
        setSubscriptionType(SubscriptionType.SUBSCRIBE);
        try {
            SubscriptionData data = selector == null
                ? FilterAPI.buildSubscriptionData(topic, SubscriptionData.SUB_ALL)
                : FilterAPI.build(topic, selector.getExpression(), selector.getExpressionType());
            rebalanceImpl.getSubscriptionInner().put(topic, data);
        } catch (IllegalArgumentException e) {
            throw new MQClientException("subscribe exception", e);
        }
        assignedMessageQueue.setRebalanceImpl(rebalanceImpl);
        if (serviceState == ServiceState.RUNNING) {
            mQClientFactory.sendHeartbeatToAllBrokerWithLock();
            mQClientFactory.updateTopicRouteInfoFromNameServer(topic);
        }
    }

    public synchronized void unsubscribe(final String topic) {
        rebalanceImpl.getSubscriptionInner().remove(topic);
        if (pullTasks != null) {
            pullTasks.cancel(mq -> mq.getTopic().equals(topic));
        }
        assignedMessageQueue.removeAssignedMessageQueue(topic);
    }

    public synchronized void assign(Collection<MessageQueue> messageQueues) {
        if (messageQueues == null || messageQueues.isEmpty()) {
            throw new IllegalArgumentException("Message queues can not be null or empty.");
        }
        setSubscriptionType(SubscriptionType.ASSIGN);
        assignedMessageQueue.updateAssignedMessageQueue(messageQueues);
        if (serviceState == ServiceState.RUNNING) {
            pullTasks.update(messageQueues, mq -> !messageQueues.contains(mq));
        }
    }

    /** The rebalance changed this member's share of {@code topic} (subscribe mode). */
    void messageQueueChanged(String topic, Set<MessageQueue> mqAll, Set<MessageQueue> mqDivided) {
        Set<MessageQueue> mine = messageModel() == MessageModel.BROADCASTING ? mqAll : mqDivided;
        assignedMessageQueue.updateAssignedMessageQueue(topic, mine);
        pullTasks.update(mine, mq -> mq.getTopic().equals(topic) && !mine.contains(mq));
    }

    void schedule(LitePullTask task, long delayMillis) {
        pullTasks.schedule(task, delayMillis);
    }

    Object lockObject(MessageQueue mq) {
        return messageQueueLock.fetchLockObject(mq);
    }

    int cachedRequestCount() {
        return consumeRequestCache.size();
    }

    void submitConsumeRequest(List<MessageExt> msgs, MessageQueue mq, ProcessQueue pq) {
        consumeRequestCache.add(new ConsumeRequest(msgs, mq, pq));
    }

    /** A pending seek, else where the last pull ended, else the offset store's answer. */
    long nextPullOffset(MessageQueue mq) throws MQClientException {
        long seekOffset = assignedMessageQueue.getSeekOffset(mq);
        if (seekOffset != -1) {
            assignedMessageQueue.updateConsumeOffset(mq, seekOffset);
            assignedMessageQueue.setSeekOffset(mq, -1);
            return seekOffset;
        }
        long offset = assignedMessageQueue.getPullOffset(mq);
        return offset != -1 ? offset : fetchConsumeOffset(mq);
    }

    private long fetchConsumeOffset(MessageQueue mq) {
        checkServiceState();
        return rebalanceImpl.computePullFromWhere(mq);
    }

    SubscriptionData subscriptionFor(MessageQueue mq) {
        SubscriptionData data = subscriptionType == SubscriptionType.SUBSCRIBE
            ? rebalanceImpl.getSubscriptionInner().get(mq.getTopic()) : null;
        return data != null ? data
            : FilterAPI.buildSubscriptionData(mq.getTopic(), SubscriptionData.SUB_ALL);
    }

    /** One blocking pull (lite flag set; the broker may hold it). */
    PullResult pull(MessageQueue mq, SubscriptionData sub, long offset) throws Exception {
        if (offset < 0) {
            throw new MQClientException("offset < 0, got " + offset, null);
        }
        int sysFlag = PullSysFlag.buildSysFlag(false, true, true, false, true);
        boolean isTagType = MessageSelector.TAG.equals(sub.getExpressionType());
        PullResult result = pullAPIWrapper.pullKernelImpl(mq, sub.getSubString(),
            sub.getExpressionType(), isTagType ? 0L : sub.getSubVersion(), offset,
            defaultLitePullConsumer.getPullBatchSize(), sysFlag, 0,
            defaultLitePullConsumer.getBrokerSuspendMaxTimeMillis(),
            defaultLitePullConsumer.getConsumerTimeoutMillisWhenSuspend(),
            CommunicationMode.SYNC, null);
        return pullAPIWrapper.processPullResult(mq, result, sub);
    }

    // tag::ch07-lite-poll[]
    /** What the pull tasks fetched, one queue's batch at a time; the
     *  consumed offset moves past it as it is handed out. */
    public synchronized List<MessageExt> poll(long timeout) {
        checkServiceState();
        if (timeout < 0) {
            throw new IllegalArgumentException(
                "Timeout must not be negative");
        }
        if (defaultLitePullConsumer.isAutoCommit()) {
            maybeAutoCommit();
        }
        long endTime = System.currentTimeMillis() + timeout;
        try {
            ConsumeRequest request;
            do {
                long left = endTime - System.currentTimeMillis();
                request = consumeRequestCache.poll(Math.max(0, left),
                    TimeUnit.MILLISECONDS);
            } while (request != null && request.processQueue().isDropped()
                && endTime > System.currentTimeMillis());
            if (request != null && !request.processQueue().isDropped()) {
                // TODO K1: "consumed" means "handed out": a crash before
                // the application finishes the batch loses nothing only
                // because the commit runs on the next poll, not now.
                List<MessageExt> messages = request.messageExts();
                long offset = request.processQueue().removeMessage(messages);
                assignedMessageQueue.updateConsumeOffset(
                    request.messageQueue(), offset);
                return messages;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Collections.emptyList();
    }
    // end::ch07-lite-poll[]

    private void maybeAutoCommit() {
        long now = System.currentTimeMillis();
        if (now >= this.nextAutoCommitDeadline) {
            commitAll();
            this.nextAutoCommitDeadline = now + defaultLitePullConsumer.getAutoCommitIntervalMillis();
        }
    }

    /** Consumed offsets into the offset store (broadcasting: and into the file now). */
    public synchronized void commitAll() {
        for (MessageQueue mq : assignedMessageQueue.messageQueues()) {
            long consumerOffset = assignedMessageQueue.getConsumerOffset(mq);
            ProcessQueue pq = assignedMessageQueue.getProcessQueue(mq);
            if (consumerOffset != -1 && pq != null && !pq.isDropped()) {
                offsetStore.updateOffset(mq, consumerOffset, false);
            }
        }
        if (messageModel() == MessageModel.BROADCASTING) {
            offsetStore.persistAll(assignedMessageQueue.messageQueues());
        }
    }

    public synchronized void seek(MessageQueue mq, long offset) throws MQClientException {
        if (!assignedMessageQueue.messageQueues().contains(mq)) {
            throw new MQClientException("The message queue is not in assigned list"
                + (subscriptionType == SubscriptionType.SUBSCRIBE ? ", may be rebalancing" : "")
                + ", message queue: " + mq, null);
        }
        long minOffset = minOffset(mq);
        long maxOffset = maxOffset(mq);
        if (offset < minOffset || offset > maxOffset) {
            throw new MQClientException("Seek offset illegal, seek offset = " + offset
                + ", min offset = " + minOffset + ", max offset = " + maxOffset, null);
        }
        synchronized (lockObject(mq)) {
            assignedMessageQueue.setSeekOffset(mq, offset);
            ProcessQueue pq = assignedMessageQueue.getProcessQueue(mq);
            if (pq != null) {
                pq.clear();
            }
            consumeRequestCache.removeIf(r -> r.messageQueue().equals(mq));
            // TODO K2: the old task may sit in a long-polled pull for 20 s;
            // a fresh one pulls at the new offset now (4.7.1 waits; later
            // versions restart the task like this).
            pullTasks.restart(mq);
        }
    }

    public long minOffset(MessageQueue mq) throws MQClientException {
        checkServiceState();
        return mQClientFactory.getMQAdminImpl().minOffset(mq);
    }

    public long maxOffset(MessageQueue mq) throws MQClientException {
        checkServiceState();
        return mQClientFactory.getMQAdminImpl().maxOffset(mq);
    }

    public void pause(Collection<MessageQueue> mqs) {
        assignedMessageQueue.pause(mqs);
    }

    public void resume(Collection<MessageQueue> mqs) {
        assignedMessageQueue.resume(mqs);
    }

    public Long committed(MessageQueue mq) throws MQClientException {
        checkServiceState();
        long offset = offsetStore.readOffset(mq, ReadOffsetType.MEMORY_FIRST_THEN_STORE);
        if (offset == -2) {
            throw new MQClientException("Fetch consume offset from broker exception", null);
        }
        return offset;
    }

    public Set<MessageQueue> fetchMessageQueues(String topic) throws MQClientException {
        checkServiceState();
        return mQClientFactory.getMQAdminImpl().fetchSubscribeMessageQueues(topic);
    }

    public long searchOffset(MessageQueue mq, long timestamp) throws MQClientException {
        checkServiceState();
        return mQClientFactory.getMQAdminImpl().searchOffset(mq, timestamp);
    }

    public synchronized void registerTopicMessageQueueChangeListener(String topic,
        TopicMessageQueueChangeListener listener) throws MQClientException {
        if (topic == null || listener == null) {
            throw new MQClientException("Topic or listener is null", null);
        }
        topicWatcher.watch(topic, listener, serviceState == ServiceState.RUNNING);
    }

    public void updateNameServerAddress(String addr) {
        mQClientFactory.getMQClientAPIImpl().updateNameServerAddressList(addr);
    }

    @Override
    public String groupName() {
        return defaultLitePullConsumer.getConsumerGroup();
    }

    @Override
    public MessageModel messageModel() {
        return defaultLitePullConsumer.getMessageModel();
    }

    @Override
    public ConsumeType consumeType() {
        return ConsumeType.CONSUME_ACTIVELY;
    }

    @Override
    public ConsumeFromWhere consumeFromWhere() {
        return defaultLitePullConsumer.getConsumeFromWhere();
    }

    @Override
    public Set<SubscriptionData> subscriptions() {
        return new HashSet<>(rebalanceImpl.getSubscriptionInner().values());
    }

    @Override
    public void doRebalance() {
        if (subscriptionType == SubscriptionType.SUBSCRIBE) {
            rebalanceImpl.doRebalance(false);
        }
    }

    @Override
    public void persistConsumerOffset() {
        if (serviceState != ServiceState.RUNNING) {
            return;
        }
        Set<MessageQueue> mqs = new HashSet<>(subscriptionType == SubscriptionType.SUBSCRIBE
            ? rebalanceImpl.getProcessQueueTable().keySet() : assignedMessageQueue.messageQueues());
        offsetStore.persistAll(mqs);
    }

    @Override
    public void updateTopicSubscribeInfo(String topic, Set<MessageQueue> info) {
        if (rebalanceImpl.getSubscriptionInner().containsKey(topic)) {
            rebalanceImpl.getTopicSubscribeInfoTable().put(topic, info);
        }
    }

    @Override
    public boolean isSubscribeTopicNeedUpdate(String topic) {
        return rebalanceImpl.getSubscriptionInner().containsKey(topic)
            && !rebalanceImpl.getTopicSubscribeInfoTable().containsKey(topic);
    }

    @Override
    public boolean isUnitMode() {
        return defaultLitePullConsumer.isUnitMode();
    }

    @Override
    public ConsumerRunningInfo consumerRunningInfo() {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.setProperties(defaultLitePullConsumer.consumerProperties());
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_CONSUMER_START_TIMESTAMP,
            String.valueOf(consumerStartTimestamp));
        info.getSubscriptionSet().addAll(subscriptions());
        return info;
    }

    public DefaultLitePullConsumer getDefaultLitePullConsumer() {
        return defaultLitePullConsumer;
    }

    public AssignedMessageQueue getAssignedMessageQueue() {
        return assignedMessageQueue;
    }

    public OffsetStore getOffsetStore() {
        return offsetStore;
    }

    public RebalanceImpl getRebalanceImpl() {
        return rebalanceImpl;
    }

    public ServiceState getServiceState() {
        return serviceState;
    }
}
