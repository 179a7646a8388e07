package org.mqbook.client.impl.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.body.ProcessQueueInfo;
import org.slf4j.Logger;

/**
 * The consumer's side of one assigned queue: the messages pulled but not yet consumed, keyed
 * by queue offset, and the state around them.
 * <pre>
 *   pulled, in flight (msgTreeMap)        offset: 40 41 42 43 44 45
 *   being consumed orderly (consuming..)  taken out of msgTreeMap until commit()
 *   msgCount / msgSize                    what flow control reads (count, body bytes)
 *   dropped                               the queue left this consumer: stop everything
 *   locked / lastLockTimestamp            the broker lock of an orderly consumer
 *   lastPullTimestamp                     a queue not pulled for 120 s is given up
 * </pre>
 * A concurrent consumer finishes messages in any order, so the offset it may commit is the
 * smallest offset still in flight ({@link #removeMessage}): everything below it is done.
 *
 * <p>Thread-safe: the tree maps are guarded by {@code treeMapLock} (pull thread puts, consume
 * threads remove); counters are atomic; flags volatile. {@code consumeLock} serialises an
 * orderly listener with a rebalance that wants to drop the queue. Read next:
 * {@link ConsumeMessageConcurrentlyService}.
 */
public class ProcessQueue {
    /** JVM property: how long a broker lock is trusted without renewal (ms). */
    public static final long REBALANCE_LOCK_MAX_LIVE_TIME =
        Long.parseLong(System.getProperty("rocketmq.client.rebalance.lockMaxLiveTime", "30000"));
    /** JVM property: how often an orderly consumer renews its locks (ms). */
    public static final long REBALANCE_LOCK_INTERVAL =
        Long.parseLong(System.getProperty("rocketmq.client.rebalance.lockInterval", "20000"));
    /** JVM property: a queue not pulled for this long is dropped and re-added (ms). */
    private static final long PULL_MAX_IDLE_TIME =
        Long.parseLong(System.getProperty("rocketmq.client.pull.pullMaxIdleTime", "120000"));
    private static final int CLEAN_EXPIRED_BATCH = 16;
    private final Logger log = ClientLogger.getLog();

    private final ReadWriteLock treeMapLock = new ReentrantReadWriteLock();
    private final TreeMap<Long, MessageExt> msgTreeMap = new TreeMap<>();
    private final TreeMap<Long, MessageExt> consumingMsgOrderlyTreeMap = new TreeMap<>();
    private final AtomicLong msgCount = new AtomicLong();
    private final AtomicLong msgSize = new AtomicLong();
    private final Lock consumeLock = new ReentrantLock();
    private final AtomicLong tryUnlockTimes = new AtomicLong(0);
    private volatile long queueOffsetMax = 0L;
    private volatile boolean dropped = false;
    private volatile long lastPullTimestamp = System.currentTimeMillis();
    private volatile long lastConsumeTimestamp = System.currentTimeMillis();
    private volatile boolean locked = false;
    private volatile long lastLockTimestamp = System.currentTimeMillis();
    /** True while a consume request for this queue is queued or running (orderly). */
    private volatile boolean consuming = false;
    /** Messages the broker still holds behind the last pull (MAX_OFFSET - last offset). */
    private volatile long msgAccCnt = 0;

    public boolean isLockExpired() {
        return (System.currentTimeMillis() - this.lastLockTimestamp) > REBALANCE_LOCK_MAX_LIVE_TIME;
    }

    public boolean isPullExpired() {
        return (System.currentTimeMillis() - this.lastPullTimestamp) > PULL_MAX_IDLE_TIME;
    }

    // tag::ch07-process-queue-put[]
    /** Adds pulled messages; true when the caller should start a
     *  consume request (orderly: none is running for this queue). */
    public boolean putMessage(final List<MessageExt> msgs) {
        boolean dispatchToConsume = false;
        this.treeMapLock.writeLock().lock();
        try {
            int validMsgCnt = 0;
            for (MessageExt msg : msgs) {
                MessageExt old = msgTreeMap.put(msg.getQueueOffset(), msg);
                if (old == null) {
                    validMsgCnt++;
                    this.queueOffsetMax = msg.getQueueOffset();
                    msgSize.addAndGet(bodyLength(msg));
                }
            }
            msgCount.addAndGet(validMsgCnt);
            if (!msgTreeMap.isEmpty() && !this.consuming) {
                dispatchToConsume = true;
                this.consuming = true;
            }
            if (!msgs.isEmpty()) {
                MessageExt last = msgs.get(msgs.size() - 1);
                String max =
                    last.getProperty(MessageConst.PROPERTY_MAX_OFFSET);
                if (max != null) {
                    long behind = Long.parseLong(max) - last.getQueueOffset();
                    if (behind > 0) {
                        this.msgAccCnt = behind;
                    }
                }
            }
        } finally {
            this.treeMapLock.writeLock().unlock();
        }
        return dispatchToConsume;
    }
    // end::ch07-process-queue-put[]

    /** Offset distance between the oldest and newest message in flight (concurrent flow control). */
    public long getMaxSpan() {
        this.treeMapLock.readLock().lock();
        try {
            return msgTreeMap.isEmpty() ? 0 : msgTreeMap.lastKey() - msgTreeMap.firstKey();
        } finally {
            this.treeMapLock.readLock().unlock();
        }
    }

    // tag::ch07-process-queue-remove[]
    /** Removes consumed messages; returns the offset that may be
     *  committed: the smallest one still in flight, or one past the
     *  largest ever put when nothing is left (-1: nothing to say). */
    public long removeMessage(final List<MessageExt> msgs) {
        long result = -1;
        final long now = System.currentTimeMillis();
        this.treeMapLock.writeLock().lock();
        this.lastConsumeTimestamp = now;
        try {
            if (!msgTreeMap.isEmpty()) {
                result = this.queueOffsetMax + 1;
                int removedCnt = 0;
                for (MessageExt msg : msgs) {
                    MessageExt prev = msgTreeMap.remove(msg.getQueueOffset());
                    if (prev != null) {
                        removedCnt--;
                        msgSize.addAndGet(-bodyLength(msg));
                    }
                }
                msgCount.addAndGet(removedCnt);
                // TODO K1: offsets below the first key are all consumed;
                // those above it may be too, but committing them could lose
                // the first one if this consumer dies now.
                if (!msgTreeMap.isEmpty()) {
                    result = msgTreeMap.firstKey();
                }
            }
        } finally {
            this.treeMapLock.writeLock().unlock();
        }
        return result;
    }
    // end::ch07-process-queue-remove[]

    /**
     * Sends back (delay level 3) messages a concurrent listener has held for longer than
     * consumeTimeout, at most 16 per call, so a stuck message cannot pin the committed offset.
     */
    public void cleanExpiredMsg(DefaultMQPushConsumer pushConsumer) {
        if (pushConsumer.getDefaultMQPushConsumerImpl().isConsumeOrderly()) {
            return;
        }
        long timeoutMillis = pushConsumer.getConsumeTimeout() * 60 * 1000;
        for (int i = 0; i < Math.min(msgTreeMap.size(), CLEAN_EXPIRED_BATCH); i++) {
            MessageExt msg;
            this.treeMapLock.readLock().lock();
            try {
                if (msgTreeMap.isEmpty()) {
                    return;
                }
                msg = msgTreeMap.firstEntry().getValue();
                String started = MessageAccessor.getConsumeStartTimeStamp(msg);
                if (started == null
                    || System.currentTimeMillis() - Long.parseLong(started) <= timeoutMillis) {
                    return;
                }
            } finally {
                this.treeMapLock.readLock().unlock();
            }
            try {
                pushConsumer.sendMessageBack(msg, 3);
                log.info("send expire msg back. topic={}, msgId={}, storeHost={}, queueId={}, "
                    + "queueOffset={}", msg.getTopic(), msg.getMsgId(), msg.getStoreHost(),
                    msg.getQueueId(), msg.getQueueOffset());
                removeIfStillFirst(msg);
            } catch (Exception e) {
                log.error("send expired msg exception", e);
            }
        }
    }

    private void removeIfStillFirst(MessageExt msg) {
        this.treeMapLock.writeLock().lock();
        try {
            if (!msgTreeMap.isEmpty() && msg.getQueueOffset() == msgTreeMap.firstKey()) {
                removeMessage(List.of(msg));
            }
        } finally {
            this.treeMapLock.writeLock().unlock();
        }
    }

    /**
     * Orderly: moves up to {@code batchSize} messages, lowest offsets first, from the in-flight
     * map to the "being consumed" map; an empty result ends this queue's consume request.
     */
    public List<MessageExt> takeMessages(final int batchSize) {
        List<MessageExt> result = new ArrayList<>(batchSize);
        final long now = System.currentTimeMillis();
        this.treeMapLock.writeLock().lock();
        this.lastConsumeTimestamp = now;
        try {
            for (int i = 0; i < batchSize && !msgTreeMap.isEmpty(); i++) {
                Map.Entry<Long, MessageExt> entry = msgTreeMap.pollFirstEntry();
                result.add(entry.getValue());
                consumingMsgOrderlyTreeMap.put(entry.getKey(), entry.getValue());
            }
            if (result.isEmpty()) {
                consuming = false;
            }
        } finally {
            this.treeMapLock.writeLock().unlock();
        }
        return result;
    }

    /** Orderly: the taken batch is done; returns the offset after it (-1 if none was taken). */
    public long commit() {
        this.treeMapLock.writeLock().lock();
        try {
            if (consumingMsgOrderlyTreeMap.isEmpty()) {
                return -1;
            }
            long offset = consumingMsgOrderlyTreeMap.lastKey();
            msgCount.addAndGet(-consumingMsgOrderlyTreeMap.size());
            for (MessageExt msg : consumingMsgOrderlyTreeMap.values()) {
                msgSize.addAndGet(-bodyLength(msg));
            }
            consumingMsgOrderlyTreeMap.clear();
            return offset + 1;
        } finally {
            this.treeMapLock.writeLock().unlock();
        }
    }

    /** Orderly: every taken message goes back in front of the queue. */
    public void rollback() {
        this.treeMapLock.writeLock().lock();
        try {
            this.msgTreeMap.putAll(this.consumingMsgOrderlyTreeMap);
            this.consumingMsgOrderlyTreeMap.clear();
        } finally {
            this.treeMapLock.writeLock().unlock();
        }
    }

    /** Orderly: these taken messages go back, to be consumed again after a pause. */
    public void makeMessageToConsumeAgain(List<MessageExt> msgs) {
        this.treeMapLock.writeLock().lock();
        try {
            for (MessageExt msg : msgs) {
                this.consumingMsgOrderlyTreeMap.remove(msg.getQueueOffset());
                this.msgTreeMap.put(msg.getQueueOffset(), msg);
            }
        } finally {
            this.treeMapLock.writeLock().unlock();
        }
    }

    /** True while messages wait in flight (an unlock is then postponed). */
    public boolean hasTempMessage() {
        this.treeMapLock.readLock().lock();
        try {
            return !this.msgTreeMap.isEmpty();
        } finally {
            this.treeMapLock.readLock().unlock();
        }
    }

    /** Forgets everything (a reset of the consume offset). */
    public void clear() {
        this.treeMapLock.writeLock().lock();
        try {
            this.msgTreeMap.clear();
            this.consumingMsgOrderlyTreeMap.clear();
            this.msgCount.set(0);
            this.msgSize.set(0);
            this.queueOffsetMax = 0L;
        } finally {
            this.treeMapLock.writeLock().unlock();
        }
    }

    /** Copies this queue's state into an admin tool's running-info snapshot. */
    public void fillProcessQueueInfo(final ProcessQueueInfo info) {
        this.treeMapLock.readLock().lock();
        try {
            if (!this.msgTreeMap.isEmpty()) {
                info.setCachedMsgMinOffset(this.msgTreeMap.firstKey());
                info.setCachedMsgMaxOffset(this.msgTreeMap.lastKey());
            }
            info.setCachedMsgCount(this.msgTreeMap.size());
            info.setCachedMsgSizeInMiB((int) (this.msgSize.get() / (1024 * 1024)));
            if (!this.consumingMsgOrderlyTreeMap.isEmpty()) {
                info.setTransactionMsgMinOffset(this.consumingMsgOrderlyTreeMap.firstKey());
                info.setTransactionMsgMaxOffset(this.consumingMsgOrderlyTreeMap.lastKey());
                info.setTransactionMsgCount(this.consumingMsgOrderlyTreeMap.size());
            }
            info.setLocked(this.locked);
            info.setTryUnlockTimes(this.tryUnlockTimes.get());
            info.setLastLockTimestamp(this.lastLockTimestamp);
            info.setDroped(this.dropped);
            info.setLastPullTimestamp(this.lastPullTimestamp);
            info.setLastConsumeTimestamp(this.lastConsumeTimestamp);
        } finally {
            this.treeMapLock.readLock().unlock();
        }
    }

    private static long bodyLength(MessageExt msg) {
        return msg.getBody() == null ? 0 : msg.getBody().length;
    }

    /** Messages in flight (orderly: including the batch being consumed). */
    public long getMsgCount() {
        return msgCount.get();
    }

    /** Body bytes in flight. */
    public long getMsgSize() {
        return msgSize.get();
    }

    public long getMsgAccCnt() {
        return msgAccCnt;
    }

    public Lock getConsumeLock() {
        return consumeLock;
    }

    public boolean isDropped() {
        return dropped;
    }

    public void setDropped(boolean dropped) {
        this.dropped = dropped;
    }

    public boolean isLocked() {
        return locked;
    }

    public void setLocked(boolean locked) {
        this.locked = locked;
    }

    public long getLastLockTimestamp() {
        return lastLockTimestamp;
    }

    public void setLastLockTimestamp(long lastLockTimestamp) {
        this.lastLockTimestamp = lastLockTimestamp;
    }

    public long getLastPullTimestamp() {
        return lastPullTimestamp;
    }

    public void setLastPullTimestamp(long lastPullTimestamp) {
        this.lastPullTimestamp = lastPullTimestamp;
    }

    public long getLastConsumeTimestamp() {
        return lastConsumeTimestamp;
    }

    public long getTryUnlockTimes() {
        return tryUnlockTimes.get();
    }

    public void incTryUnlockTimes() {
        this.tryUnlockTimes.incrementAndGet();
    }

    @Override
    public String toString() {
        return "ProcessQueue [msgCount=" + msgCount + ", msgSize=" + msgSize + ", dropped="
            + dropped + ", locked=" + locked + "]";
    }
}
