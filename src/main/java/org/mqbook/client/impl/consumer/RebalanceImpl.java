package org.mqbook.client.impl.consumer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.client.consumer.AllocateMessageQueueStrategy;
import org.mqbook.client.consumer.ConsumerConfig;
import org.mqbook.client.consumer.store.OffsetStore;
import org.mqbook.client.consumer.store.ReadOffsetType;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.slf4j.Logger;

/**
 * One consumer's share of its subscribed queues, and the table of what it owns:
 * <pre>
 *   subscriptionInner        topic -> SubscriptionData (with %RETRY%group in clustering)
 *   topicSubscribeInfoTable  topic -> every readable queue, from the route
 *   processQueueTable        queue -> ProcessQueue, for each queue owned now
 * </pre>
 * {@link #doRebalance} recomputes the share: clustering divides the sorted queues among the
 * sorted member ids with the allocation strategy (every member computes the same split, so no
 * coordinator is needed); broadcasting takes every queue. The difference is applied to
 * processQueueTable: a lost queue is dropped (its offset persisted first), a new one gets a
 * ProcessQueue and a start offset. What "applied" means differs by consumer kind, so the
 * subclasses fill in the hooks: {@link RebalancePushImpl} starts a pull loop,
 * {@link RebalancePullImpl} and {@link RebalanceLitePullImpl} tell their listener.
 *
 * <p>Thread-safe: doRebalance runs on "RebalanceService" only; the tables are concurrent, read
 * by pull, consume and heartbeat threads. Locks (orderly) are in {@link RebalanceLocks}.
 */
public abstract class RebalanceImpl {
    protected final Logger log = ClientLogger.getLog();
    protected final ConcurrentMap<MessageQueue, ProcessQueue> processQueueTable =
        new ConcurrentHashMap<>(64);
    protected final ConcurrentMap<String, Set<MessageQueue>> topicSubscribeInfoTable =
        new ConcurrentHashMap<>();
    protected final ConcurrentMap<String, SubscriptionData> subscriptionInner =
        new ConcurrentHashMap<>();
    protected String consumerGroup;
    protected MessageModel messageModel;
    protected AllocateMessageQueueStrategy allocateMessageQueueStrategy;
    protected MQClientInstance mQClientFactory;
    private final RebalanceLocks locks = new RebalanceLocks(this);

    protected RebalanceImpl(String consumerGroup, MessageModel messageModel,
                            AllocateMessageQueueStrategy allocateMessageQueueStrategy,
                            MQClientInstance mQClientFactory) {
        this.consumerGroup = consumerGroup;
        this.messageModel = messageModel;
        this.allocateMessageQueueStrategy = allocateMessageQueueStrategy;
        this.mQClientFactory = mQClientFactory;
    }

    /** One rebalance round over every subscribed topic. */
    public void doRebalance(final boolean isOrder) {
        for (String topic : subscriptionInner.keySet()) {
            try {
                this.rebalanceByTopic(topic, isOrder);
            } catch (Throwable e) {
                if (!topic.startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
                    log.warn("rebalanceByTopic Exception", e);
                }
            }
        }
        this.truncateMessageQueueNotMyTopic();
    }

    // tag::ch07-rebalance-by-topic[]
    private void rebalanceByTopic(final String topic, final boolean isOrder) {
        Set<MessageQueue> mqSet = this.topicSubscribeInfoTable.get(topic);
        if (messageModel == MessageModel.BROADCASTING) {
            // TODO K1: broadcasting: every member takes every queue, and
            // keeps its own offsets (a local file), never the broker's.
            if (mqSet == null) {
                log.warn("doRebalance, {}, but the topic[{}] not exist.",
                    consumerGroup, topic);
                return;
            }
            if (updateProcessQueueTableInRebalance(topic, mqSet, isOrder)) {
                messageQueueChanged(topic, mqSet, mqSet);
            }
            return;
        }
        List<String> cidAll = findConsumerIdList(topic);
        if (mqSet == null || cidAll == null) {
            if (!topic.startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
                log.warn("doRebalance, {} {}, queues {} or members {} "
                    + "unknown", consumerGroup, topic, mqSet, cidAll);
            }
            return;
        }
        // TODO K1: sorted inputs: every member computes the same split
        // from the same lists, so the shares never overlap.
        List<MessageQueue> mqAll = new ArrayList<>(mqSet);
        Collections.sort(mqAll);
        List<String> cids = new ArrayList<>(cidAll);
        Collections.sort(cids);
        Set<MessageQueue> allocated = new HashSet<>();
        try {
            allocated.addAll(allocateMessageQueueStrategy.allocate(
                consumerGroup, mQClientFactory.getClientId(), mqAll, cids));
        } catch (Throwable e) {
            log.error("AllocateMessageQueueStrategy.allocate Exception. "
                + "allocateMessageQueueStrategyName={}",
                allocateMessageQueueStrategy.getName(), e);
            return;
        }
        if (updateProcessQueueTableInRebalance(topic, allocated, isOrder)) {
            log.info("rebalanced result changed. group={}, topic={}, "
                + "clientId={}, mqAllSize={}, cidAllSize={}, rebalanceResult"
                + "Size={}, rebalanceResultSet={}", consumerGroup, topic,
                mQClientFactory.getClientId(), mqSet.size(), cids.size(),
                allocated.size(), allocated);
            messageQueueChanged(topic, mqSet, allocated);
        }
    }
    // end::ch07-rebalance-by-topic[]

    /** The group's member ids from a broker of {@code topic}; null when none answered. */
    protected List<String> findConsumerIdList(String topic) {
        return mQClientFactory.findConsumerIdList(topic, consumerGroup);
    }

    /** Drops queues of topics no longer subscribed. */
    private void truncateMessageQueueNotMyTopic() {
        for (MessageQueue mq : processQueueTable.keySet()) {
            if (!subscriptionInner.containsKey(mq.getTopic())) {
                ProcessQueue pq = processQueueTable.remove(mq);
                if (pq != null) {
                    pq.setDropped(true);
                    log.info("doRebalance, {}, truncateMessageQueueNotMyTopic remove unnecessary "
                        + "mq, {}", consumerGroup, mq);
                }
            }
        }
    }

    // tag::ch07-update-process-queue-table[]
    /** Makes processQueueTable hold exactly {@code mqSet} for
     *  {@code topic}; true when anything changed. */
    public boolean updateProcessQueueTableInRebalance(final String topic,
        final Set<MessageQueue> mqSet, final boolean isOrder) {
        boolean changed = false;
        Iterator<Map.Entry<MessageQueue, ProcessQueue>> it =
            processQueueTable.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<MessageQueue, ProcessQueue> next = it.next();
            MessageQueue mq = next.getKey();
            ProcessQueue pq = next.getValue();
            if (!mq.getTopic().equals(topic)) {
                continue;
            }
            boolean lost = !mqSet.contains(mq);
            // TODO K2: a push queue not pulled for 120 s is stuck: drop it
            // here, the lines below add it back with a fresh pull loop.
            boolean stuck = !lost && pq.isPullExpired()
                && consumeType() == ConsumeType.CONSUME_PASSIVELY;
            if (lost || stuck) {
                pq.setDropped(true);
                if (removeUnnecessaryMessageQueue(mq, pq)) {
                    it.remove();
                    changed = true;
                    log.info("doRebalance, {}, remove unnecessary mq, "
                        + "{}{}", consumerGroup, mq,
                        stuck ? " (pull expired)" : "");
                }
            }
        }
        List<PullRequest> pullRequestList = new ArrayList<>();
        for (MessageQueue mq : mqSet) {
            if (processQueueTable.containsKey(mq)) {
                continue;
            }
            if (isOrder && !this.lock(mq)) {
                log.warn("doRebalance, {}, add a new mq failed, {}, because "
                    + "lock failed", consumerGroup, mq);
                continue;
            }
            this.removeDirtyOffset(mq);
            ProcessQueue pq = new ProcessQueue();
            if (isOrder) {
                // TODO K2: the lock was just granted; 4.7.1 forgets to mark
                // it and waits for the next lockAll (up to 20 s) to pull.
                pq.setLocked(true);
                pq.setLastLockTimestamp(System.currentTimeMillis());
            }
            long nextOffset = this.computePullFromWhere(mq);
            if (nextOffset < 0) {
                // -2 or worse: the offset could not be read; next round
                log.warn("doRebalance, {}, add new mq failed, {}",
                    consumerGroup, mq);
                continue;
            }
            if (processQueueTable.putIfAbsent(mq, pq) != null) {
                log.info("doRebalance, {}, mq already exists, {}",
                    consumerGroup, mq);
                continue;
            }
            log.info("doRebalance, {}, add a new mq, {}", consumerGroup, mq);
            PullRequest pullRequest = new PullRequest();
            pullRequest.setConsumerGroup(consumerGroup);
            pullRequest.setNextOffset(nextOffset);
            pullRequest.setMessageQueue(mq);
            pullRequest.setProcessQueue(pq);
            pullRequestList.add(pullRequest);
            changed = true;
        }
        this.dispatchPullRequest(pullRequestList);
        return changed;
    }
    // end::ch07-update-process-queue-table[]

    /** A queue left this member (rebalance, reset): drop it, persist its offset. */
    public void removeProcessQueue(final MessageQueue mq) {
        ProcessQueue prev = this.processQueueTable.remove(mq);
        if (prev != null) {
            boolean wasDropped = prev.isDropped();
            prev.setDropped(true);
            this.removeUnnecessaryMessageQueue(mq, prev);
            log.info("Fix Offset, {}, remove unnecessary mq, {} Droped: {}", consumerGroup, mq,
                wasDropped);
        }
    }

    /** Every queue is dropped (consumer shutdown). */
    public void destroy() {
        for (ProcessQueue pq : processQueueTable.values()) {
            pq.setDropped(true);
        }
        this.processQueueTable.clear();
    }

    /** The share of {@code topic} changed: bump versions, notify listeners... */
    public abstract void messageQueueChanged(final String topic, final Set<MessageQueue> mqAll,
                                             final Set<MessageQueue> mqDivided);

    /** Persists and forgets the offset of a lost queue; false keeps it in the table. */
    public abstract boolean removeUnnecessaryMessageQueue(final MessageQueue mq,
                                                          final ProcessQueue pq);

    public abstract ConsumeType consumeType();

    public abstract void removeDirtyOffset(final MessageQueue mq);

    /** Where to start in a newly assigned queue; negative when it cannot be known now. */
    public abstract long computePullFromWhere(final MessageQueue mq);

    // tag::ch07-compute-pull-from-where[]
    /** Where a newly assigned queue starts: the stored offset if there
     *  is one, else what consumeFromWhere says; -1 when the store could
     *  not be asked (the queue waits for the next round). */
    protected long computePullFromWhereWith(MessageQueue mq,
        OffsetStore offsetStore, ConsumeFromWhere consumeFromWhere,
        String consumeTimestamp) {
        long lastOffset = offsetStore.readOffset(mq,
            ReadOffsetType.READ_FROM_STORE);
        // TODO K1: a 4.7.1 broker answers 0, not "none", for a new group
        // whose queue still holds message 0: the group then starts at 0
        // whatever consumeFromWhere says (spec trap 9).
        if (lastOffset >= 0) {
            return lastOffset;
        }
        if (lastOffset != -1) {
            return -1; // -2: the broker could not be asked
        }
        boolean retryTopic = mq.getTopic()
            .startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX);
        try {
            switch (consumeFromWhere) {
                case CONSUME_FROM_FIRST_OFFSET:
                    return 0L;
                case CONSUME_FROM_TIMESTAMP:
                    if (retryTopic) {
                        return mQClientFactory.getMQAdminImpl().maxOffset(mq);
                    }
                    long timestamp = UtilAll.parseDate(consumeTimestamp,
                        UtilAll.YYYYMMDDHHMMSS).getTime();
                    return mQClientFactory.getMQAdminImpl()
                        .searchOffset(mq, timestamp);
                default: // LAST_OFFSET and its deprecated variants
                    return retryTopic ? 0L
                        : mQClientFactory.getMQAdminImpl().maxOffset(mq);
            }
        } catch (MQClientException e) {
            log.warn("compute consume offset of {} failed: {}", mq,
                e.getMessage());
            return -1;
        }
    }
    // end::ch07-compute-pull-from-where[]

    public abstract void dispatchPullRequest(final List<PullRequest> pullRequestList);

    /** LOCK_BATCH_MQ for one queue (orderly); see {@link RebalanceLocks#lock}. */
    public boolean lock(final MessageQueue mq) {
        return locks.lock(mq);
    }

    /** Renews the locks of every owned queue, broker by broker (orderly, every 20 s). */
    public void lockAll() {
        locks.lockAll();
    }

    public void unlock(final MessageQueue mq, final boolean oneway) {
        locks.unlock(mq, oneway);
    }

    public void unlockAll(final boolean oneway) {
        locks.unlockAll(oneway);
    }

    public ConcurrentMap<MessageQueue, ProcessQueue> getProcessQueueTable() {
        return processQueueTable;
    }

    public ConcurrentMap<String, Set<MessageQueue>> getTopicSubscribeInfoTable() {
        return topicSubscribeInfoTable;
    }

    public ConcurrentMap<String, SubscriptionData> getSubscriptionInner() {
        return subscriptionInner;
    }

    /** Takes the consumer's group, message model and allocation strategy, and its client. */
    public void bind(final ConsumerConfig settings, final MQClientInstance factory) {
        this.consumerGroup = settings.getConsumerGroup();
        this.messageModel = settings.getMessageModel();
        this.allocateMessageQueueStrategy = settings.getAllocateMessageQueueStrategy();
        this.mQClientFactory = factory;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public AllocateMessageQueueStrategy getAllocateMessageQueueStrategy() {
        return allocateMessageQueueStrategy;
    }

    public void setAllocateMessageQueueStrategy(AllocateMessageQueueStrategy strategy) {
        this.allocateMessageQueueStrategy = strategy;
    }

    public MQClientInstance getmQClientFactory() {
        return mQClientFactory;
    }

    public void setmQClientFactory(MQClientInstance mQClientFactory) {
        this.mQClientFactory = mQClientFactory;
    }
}
