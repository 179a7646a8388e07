package org.mqbook.client.impl.consumer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.mqbook.client.impl.FindBrokerResult;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.LockBatchRequestBody;
import org.mqbook.common.protocol.body.UnlockBatchRequestBody;
import org.slf4j.Logger;

/**
 * The broker-side queue locks of an orderly, clustering consumer (4.7.1 keeps these methods in
 * RebalanceImpl, which calls them under the same names). The master of a queue's broker holds
 * a lock table per group: a queue belongs to one client id at a time, for 60 s after its last
 * renewal. The consumer trusts a granted lock for 30 s ({@code lockMaxLiveTime}) and renews
 * every 20 s ({@code lockInterval}), so a renewal that fails twice in a row lets the lock
 * lapse on the client before it lapses on the broker: two members never both believe they own
 * a queue.
 *
 * <p>Thread-safe: calls come from "RebalanceService" and the orderly service's scheduler;
 * each only writes the ProcessQueue's volatile lock fields.
 */
final class RebalanceLocks {
    private static final long LOCK_TIMEOUT_MILLIS = 1000;
    private final Logger log = ClientLogger.getLog();
    private final RebalanceImpl rebalance;

    RebalanceLocks(RebalanceImpl rebalance) {
        this.rebalance = rebalance;
    }

    private MQClientInstance factory() {
        return rebalance.getmQClientFactory();
    }

    private FindBrokerResult master(String brokerName) {
        return factory().findBrokerAddressInSubscribe(brokerName, MixAll.MASTER_ID, true);
    }

    /** LOCK_BATCH_MQ with one queue; true when the broker granted it. */
    boolean lock(final MessageQueue mq) {
        FindBrokerResult found = master(mq.getBrokerName());
        if (found == null) {
            return false;
        }
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.setConsumerGroup(rebalance.getConsumerGroup());
        body.setClientId(factory().getClientId());
        body.getMqSet().add(mq);
        try {
            Set<MessageQueue> lockedMq = factory().getConsumerAPI()
                .lockBatchMQ(found.getBrokerAddr(), body, LOCK_TIMEOUT_MILLIS);
            markLocked(lockedMq);
            boolean lockOK = lockedMq.contains(mq);
            log.info("the message queue lock {}, {} {}", lockOK ? "OK" : "Failed",
                rebalance.getConsumerGroup(), mq);
            return lockOK;
        } catch (Exception e) {
            log.error("lockBatchMQ exception, " + mq, e);
            return false;
        }
    }

    // tag::ch07-lock-all[]
    /** Renews every owned queue's lock; a queue the broker did not
     *  grant stops being consumed until a later renewal succeeds. */
    void lockAll() {
        Map<String, Set<MessageQueue>> brokerMqs = byBrokerName();
        for (Map.Entry<String, Set<MessageQueue>> entry
            : brokerMqs.entrySet()) {
            Set<MessageQueue> mqs = entry.getValue();
            FindBrokerResult found = master(entry.getKey());
            if (found == null || mqs.isEmpty()) {
                continue;
            }
            LockBatchRequestBody body = new LockBatchRequestBody();
            body.setConsumerGroup(rebalance.getConsumerGroup());
            body.setClientId(factory().getClientId());
            body.setMqSet(mqs);
            try {
                Set<MessageQueue> lockOKMQSet = factory().getConsumerAPI()
                    .lockBatchMQ(found.getBrokerAddr(), body,
                        LOCK_TIMEOUT_MILLIS);
                // TODO K1: a lock is a lease: the client trusts it 30 s, the
                // broker holds it 60 s, so the client always lets go first.
                markLocked(lockOKMQSet);
                for (MessageQueue mq : mqs) {
                    ProcessQueue pq =
                        rebalance.getProcessQueueTable().get(mq);
                    if (!lockOKMQSet.contains(mq) && pq != null) {
                        pq.setLocked(false);
                        log.warn("the message queue locked Failed, "
                            + "Group: {} {}", rebalance.getConsumerGroup(),
                            mq);
                    }
                }
            } catch (Exception e) {
                log.error("lockBatchMQ exception, " + mqs, e);
            }
        }
    }
    // end::ch07-lock-all[]

    private void markLocked(Set<MessageQueue> granted) {
        long now = System.currentTimeMillis();
        for (MessageQueue mq : granted) {
            ProcessQueue pq = rebalance.getProcessQueueTable().get(mq);
            if (pq != null) {
                if (!pq.isLocked()) {
                    log.info("the message queue locked OK, Group: {} {}",
                        rebalance.getConsumerGroup(), mq);
                }
                pq.setLocked(true);
                pq.setLastLockTimestamp(now);
            }
        }
    }

    /** UNLOCK_BATCH_MQ for one queue (oneway when a rebalance gives it away). */
    void unlock(final MessageQueue mq, final boolean oneway) {
        FindBrokerResult found = master(mq.getBrokerName());
        if (found == null) {
            return;
        }
        UnlockBatchRequestBody body = new UnlockBatchRequestBody();
        body.setConsumerGroup(rebalance.getConsumerGroup());
        body.setClientId(factory().getClientId());
        body.getMqSet().add(mq);
        try {
            factory().getConsumerAPI().unlockBatchMQ(found.getBrokerAddr(), body,
                LOCK_TIMEOUT_MILLIS, oneway);
            log.warn("unlock messageQueue. group:{}, clientId:{}, mq:{}",
                rebalance.getConsumerGroup(), factory().getClientId(), mq);
        } catch (Exception e) {
            log.error("unlockBatchMQ exception, " + mq, e);
        }
    }

    /** UNLOCK_BATCH_MQ for every owned queue, broker by broker (shutdown). */
    void unlockAll(final boolean oneway) {
        for (Map.Entry<String, Set<MessageQueue>> entry : byBrokerName().entrySet()) {
            Set<MessageQueue> mqs = entry.getValue();
            FindBrokerResult found = master(entry.getKey());
            if (found == null || mqs.isEmpty()) {
                continue;
            }
            UnlockBatchRequestBody body = new UnlockBatchRequestBody();
            body.setConsumerGroup(rebalance.getConsumerGroup());
            body.setClientId(factory().getClientId());
            body.setMqSet(mqs);
            try {
                factory().getConsumerAPI().unlockBatchMQ(found.getBrokerAddr(), body,
                    LOCK_TIMEOUT_MILLIS, oneway);
                for (MessageQueue mq : mqs) {
                    ProcessQueue pq = rebalance.getProcessQueueTable().get(mq);
                    if (pq != null) {
                        pq.setLocked(false);
                        log.info("the message queue unlock OK, Group: {} {}",
                            rebalance.getConsumerGroup(), mq);
                    }
                }
            } catch (Exception e) {
                log.error("unlockBatchMQ exception, " + mqs, e);
            }
        }
    }

    private Map<String, Set<MessageQueue>> byBrokerName() {
        Map<String, Set<MessageQueue>> result = new HashMap<>();
        for (MessageQueue mq : rebalance.getProcessQueueTable().keySet()) {
            result.computeIfAbsent(mq.getBrokerName(), k -> new HashSet<>()).add(mq);
        }
        return result;
    }
}
