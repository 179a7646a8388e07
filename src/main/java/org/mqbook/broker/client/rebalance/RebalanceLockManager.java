package org.mqbook.broker.client.rebalance;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.mqbook.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's half of ordered consumption: per consumer group, which client holds each queue.
 * An orderly consumer pulls a queue only while it holds its lock here, so two members of a group
 * never consume one queue at the same time, even for a moment during a rebalance.
 *
 * <p>A lock is granted when the queue is free, already the caller's, or expired: not renewed for
 * {@link #REBALANCE_LOCK_MAX_LIVE_TIME} (60 s; JVM property
 * {@code rocketmq.broker.rebalance.lockMaxLiveTime}). Clients renew every 20 s (lockAll), so a
 * crashed client's queues move on within a minute.
 *
 * <p>Thread-safe: one lock serializes grants and releases; reads of the table are concurrent.
 */
public class RebalanceLockManager {
    private static final Logger log = LoggerFactory.getLogger(RebalanceLockManager.class);
    public static final long REBALANCE_LOCK_MAX_LIVE_TIME = Long.parseLong(
        System.getProperty("rocketmq.broker.rebalance.lockMaxLiveTime", "60000"));

    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentMap<String, ConcurrentMap<MessageQueue, LockEntry>> mqLockTable =
        new ConcurrentHashMap<>(1024);
    private final LongSupplier clock;

    public RebalanceLockManager() {
        this(System::currentTimeMillis);
    }

    /** @param clock lets a test move past the lock's life instead of waiting for it */
    public RebalanceLockManager(LongSupplier clock) {
        this.clock = clock;
    }

    // tag::ch03-lock-batch[]
    /** Locks what it can of {@code mqs} for {@code clientId}; returns what it now holds. */
    public Set<MessageQueue> tryLockBatch(final String group,
        final Set<MessageQueue> mqs, final String clientId) {
        Set<MessageQueue> locked = new HashSet<>(mqs.size());
        lock.lock();
        try {
            ConcurrentMap<MessageQueue, LockEntry> groupValue =
                mqLockTable.computeIfAbsent(group, g -> new ConcurrentHashMap<>(32));
            long now = clock.getAsLong();
            for (MessageQueue mq : mqs) {
                LockEntry entry = groupValue.get(mq);
                // TODO K1: a lock is a lease: free, the caller's own, or
                // not renewed for 60 s. Each grant renews it.
                if (entry == null || entry.clientId.equals(clientId)
                    || entry.isExpired(now)) {
                    if (entry != null && !entry.clientId.equals(clientId)) {
                        log.warn("the old consumer {} lock of {} expired, granted to {}",
                            entry.clientId, mq, clientId);
                    }
                    groupValue.put(mq, new LockEntry(clientId, now));
                    locked.add(mq);
                }
            }
        } finally {
            lock.unlock();
        }
        return locked;
    }
    // end::ch03-lock-batch[]

    /** Releases the queues {@code clientId} holds; others' locks are left alone. */
    public void unlockBatch(final String group, final Set<MessageQueue> mqs, final String clientId) {
        lock.lock();
        try {
            ConcurrentMap<MessageQueue, LockEntry> groupValue = mqLockTable.get(group);
            if (groupValue == null) {
                return;
            }
            for (MessageQueue mq : mqs) {
                LockEntry entry = groupValue.get(mq);
                if (entry != null && entry.clientId.equals(clientId)) {
                    groupValue.remove(mq);
                    log.info("unlockBatch, Group: {} {} {}", group, mq, clientId);
                } else if (entry != null) {
                    log.warn("unlockBatch, but mq locked by other client: {}, Group: {} {} {}",
                        entry.clientId, group, mq, clientId);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The client holding {@code mq} now, or null. */
    public String lockedBy(final String group, final MessageQueue mq) {
        Map<MessageQueue, LockEntry> groupValue = mqLockTable.get(group);
        LockEntry entry = groupValue == null ? null : groupValue.get(mq);
        return entry == null || entry.isExpired(clock.getAsLong()) ? null : entry.clientId;
    }

    /** Who holds a queue and since when it was last renewed. Immutable. */
    private record LockEntry(String clientId, long lastUpdateTimestamp) {
        boolean isExpired(long now) {
            return now - lastUpdateTimestamp > REBALANCE_LOCK_MAX_LIVE_TIME;
        }
    }
}
