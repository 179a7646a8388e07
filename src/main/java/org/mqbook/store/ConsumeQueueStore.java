package org.mqbook.store;

import java.io.File;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.common.MixAll;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link ConsumeQueue} of the store, by topic and queue id (4.7.1 keeps this table inside
 * DefaultMessageStore): loading them from {@code consumequeue/<topic>/<queueId>/}, recovering,
 * cutting and deleting them together, and rebuilding the commit log's "next queue offset" table.
 *
 * <p>Thread-safety: the table is concurrent; a queue is created on first use by whichever thread
 * asks (putIfAbsent decides). Read next: {@link ConsumeQueue}.
 */
public class ConsumeQueueStore {
    private static final Logger log = LoggerFactory.getLogger(ConsumeQueueStore.class);

    private final DefaultMessageStore store;
    private final MessageStoreConfig config;
    private final ConcurrentMap<String, ConcurrentMap<Integer, ConsumeQueue>> consumeQueueTable =
        new ConcurrentHashMap<>(32);

    ConsumeQueueStore(final DefaultMessageStore store) {
        this.store = store;
        this.config = store.getMessageStoreConfig();
    }

    /** The queue, created (without files yet) when it does not exist. */
    public ConsumeQueue findConsumeQueue(final String topic, final int queueId) {
        // dispatch asks for every record: plain gets first, no lambda per call
        final ConcurrentMap<Integer, ConsumeQueue> found = consumeQueueTable.get(topic);
        final ConsumeQueue existing = found == null ? null : found.get(queueId);
        if (existing != null) {
            return existing;
        }
        final ConcurrentMap<Integer, ConsumeQueue> map =
            consumeQueueTable.computeIfAbsent(topic, t -> new ConcurrentHashMap<>(128));
        return map.computeIfAbsent(queueId, id -> new ConsumeQueue(topic, id,
            config.getStorePathConsumeQueue(), config.getMappedFileSizeConsumeQueue(), store));
    }

    /** The queue, or null when it does not exist. */
    public ConsumeQueue getConsumeQueue(final String topic, final int queueId) {
        final Map<Integer, ConsumeQueue> map = consumeQueueTable.get(topic);
        return map == null ? null : map.get(queueId);
    }

    boolean load() {
        final File[] topicDirs = new File(config.getStorePathConsumeQueue()).listFiles();
        if (topicDirs == null) {
            return true;
        }
        for (File topicDir : topicDirs) {
            final File[] queueDirs = topicDir.listFiles();
            if (queueDirs == null) {
                continue;
            }
            for (File queueDir : queueDirs) {
                final int queueId;
                try {
                    queueId = Integer.parseInt(queueDir.getName());
                } catch (NumberFormatException e) {
                    log.warn("skip {}: not a queue id", queueDir);
                    continue;
                }
                if (!findConsumeQueue(topicDir.getName(), queueId).load()) {
                    return false;
                }
            }
        }
        log.info("load logics queue all over, OK");
        return true;
    }

    /** Recovers every queue; returns the highest commit-log offset any queue points to. */
    long recover() {
        long maxPhysicOffset = -1;
        for (ConsumeQueue cq : allQueues()) {
            cq.recover();
            maxPhysicOffset = Math.max(maxPhysicOffset, cq.getMaxPhysicOffset());
        }
        return maxPhysicOffset;
    }

    void truncateDirtyLogicFiles(final long phyOffset) {
        for (ConsumeQueue cq : allQueues()) {
            cq.truncateDirtyLogicFiles(phyOffset);
        }
    }

    void destroyLogics() {
        for (ConsumeQueue cq : allQueues()) {
            cq.destroy();
        }
    }

    /** Unmaps every queue file (store shutdown). */
    void shutdown() {
        for (ConsumeQueue cq : allQueues()) {
            cq.shutdown();
        }
    }

    /** Rebuilds "topic-queueId → next queue offset" from the queues; fixes their min offsets. */
    void recoverTopicQueueTable(final CommitLog commitLog) {
        final Map<String, Long> table = new HashMap<>(1024);
        final long minPhyOffset = commitLog.getMinOffset();
        for (ConsumeQueue cq : allQueues()) {
            table.put(cq.getTopic() + '-' + cq.getQueueId(), cq.getMaxOffsetInQueue());
            cq.correctMinOffset(minPhyOffset);
        }
        commitLog.setTopicQueueTable(table);
    }

    void putMessagePositionInfo(final DispatchRequest request) {
        findConsumeQueue(request.getTopic(), request.getQueueId())
            .putMessagePositionInfoWrapper(request);
    }

    /** Flushes every queue; true when none had anything to flush. */
    boolean flush(final int flushLeastPages) {
        boolean nothing = true;
        for (ConsumeQueue cq : allQueues()) {
            nothing &= cq.flush(flushLeastPages);
        }
        return nothing;
    }

    /** Deletes queue files whose messages are all below {@code minPhyOffset}. */
    int deleteExpiredFiles(final long minPhyOffset, final int intervalMs) {
        int total = 0;
        for (ConsumeQueue cq : allQueues()) {
            final int deleteCount = cq.deleteExpiredFile(minPhyOffset);
            total += deleteCount;
            // TODO K2: a pause after each deleting queue (deleteConsumeQueueFilesInterval): many
            // deletions at once would compete with the writers for the disk.
            if (deleteCount > 0 && intervalMs > 0) {
                try {
                    Thread.sleep(intervalMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return total;
                }
            }
        }
        return total;
    }

    /** Removes queues whose last message is below the commit log's min offset. */
    void cleanExpiredConsumerQueue(final CommitLog commitLog) {
        final long minCommitLogOffset = commitLog.getMinOffset();
        final Iterator<Map.Entry<String, ConcurrentMap<Integer, ConsumeQueue>>> it =
            consumeQueueTable.entrySet().iterator();
        while (it.hasNext()) {
            final Map.Entry<String, ConcurrentMap<Integer, ConsumeQueue>> next = it.next();
            if (next.getKey().equals(MixAll.SCHEDULE_TOPIC)) {
                continue;
            }
            final Iterator<Map.Entry<Integer, ConsumeQueue>> itQT =
                next.getValue().entrySet().iterator();
            while (itQT.hasNext()) {
                final ConsumeQueue cq = itQT.next().getValue();
                final long maxCLOffsetInConsumeQueue = cq.getLastOffset();
                if (maxCLOffsetInConsumeQueue == -1) {
                    log.warn("maybe ConsumeQueue was created just now. topic={} queueId={} "
                        + "maxPhysicOffset={} minLogicOffset={}.", cq.getTopic(),
                        cq.getQueueId(), cq.getMaxPhysicOffset(), cq.getMinLogicOffset());
                } else if (maxCLOffsetInConsumeQueue < minCommitLogOffset) {
                    log.info("cleanExpiredConsumerQueue: {} {} consumer queue destroyed, "
                        + "minCommitLogOffset: {} maxCLOffsetInConsumeQueue: {}",
                        next.getKey(), cq.getQueueId(), minCommitLogOffset,
                        maxCLOffsetInConsumeQueue);
                    commitLog.removeQueueFromTopicQueueTable(cq.getTopic(), cq.getQueueId());
                    cq.destroy();
                    itQT.remove();
                }
            }
            if (next.getValue().isEmpty()) {
                log.info("cleanExpiredConsumerQueue: {},topic destroyed", next.getKey());
                it.remove();
            }
        }
    }

    /** Destroys every queue of these topics and forgets their queue offsets. */
    int deleteTopics(final Set<String> topics, final CommitLog commitLog) {
        int deleted = 0;
        for (String topic : topics) {
            final ConcurrentMap<Integer, ConsumeQueue> queues = consumeQueueTable.remove(topic);
            if (queues == null) {
                continue;
            }
            for (ConsumeQueue cq : queues.values()) {
                cq.destroy();
                commitLog.removeQueueFromTopicQueueTable(topic, cq.getQueueId());
                deleted++;
            }
            final File dir = new File(config.getStorePathConsumeQueue(), topic);
            if (dir.isDirectory() && !dir.delete()) {
                log.warn("could not delete {}", dir);
            }
            log.info("deleteTopics: topic {} and its {} queues destroyed", topic, queues.size());
        }
        return deleted;
    }

    /** The highest commit-log offset any queue points to (where dispatch resumes). */
    long maxPhysicOffset() {
        long max = -1;
        for (ConsumeQueue cq : allQueues()) {
            max = Math.max(max, cq.getMaxPhysicOffset());
        }
        return max;
    }

    Iterable<ConsumeQueue> allQueues() {
        return () -> consumeQueueTable.values().stream()
            .flatMap(m -> m.values().stream()).iterator();
    }

    public ConcurrentMap<String, ConcurrentMap<Integer, ConsumeQueue>> getConsumeQueueTable() {
        return consumeQueueTable;
    }

    Set<String> topics() {
        return consumeQueueTable.keySet();
    }
}
