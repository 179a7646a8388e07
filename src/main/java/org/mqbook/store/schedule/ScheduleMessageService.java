package org.mqbook.store.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mqbook.common.ConfigManager;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.DelayLevelTable;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.StorePathConfigHelper;

/**
 * Chapter 8's delivery of delay messages. A message sent with delay level n was parked by
 * {@code CommitLog#putMessage} in queue {@code n - 1} of {@code SCHEDULE_TOPIC_XXXX}, its
 * consume-queue tagsCode holding the time it is due. One {@link DeliverDelayedMessageTimerTask}
 * per level walks that queue in order; when the head is due it puts a copy into the real topic
 * and queue, and the ordinary dispatch makes it consumable.
 * <pre>
 *   producer --DELAY=2--> CommitLog (SCHEDULE_TOPIC_XXXX, queue 1, tagsCode = due time)
 *       level task (every 100 ms while idle) --due--> putMessage(real topic, real queue)
 * </pre>
 * Progress, the next schedule-queue offset per level, is kept in {@code config/delayOffset.json}
 * ({@code {"offsetTable":{"2":1,"3":1}}}, keys are levels), written every
 * {@code flushDelayOffsetInterval} and at shutdown: after a crash delivery resumes from the last
 * written progress, so a message may be delivered twice, never lost.
 *
 * <p>Threads: by default one thread, "ScheduleMessageTimerThread", runs the tasks of all levels,
 * as 4.7.1's single {@code Timer} does; with {@code scheduleDeliverParallelEnable} the levels run
 * on a pool of one thread per level, at most one per core (mqbook's option; the wire behaviour
 * is the same). The offset table is a concurrent map; start and shutdown may be called from any
 * thread.
 *
 * <p>Read next: {@link DeliverDelayedMessageTimerTask#executeOnTimeup()}.
 */
public class ScheduleMessageService extends ConfigManager {

    /** First run of every level's task after start. */
    public static final long FIRST_DELAY_TIME = 1000L;
    /** Next look at a level whose queue is empty or not due yet (4.7.1: 100 ms). */
    public static final long DELAY_FOR_A_WHILE = 100L;
    /** Retry of a level whose re-put failed. */
    public static final long DELAY_FOR_A_PERIOD = 10000L;

    private final DefaultMessageStore defaultMessageStore;
    private final DelayLevelTable delayLevelTable;
    private final ConcurrentMap<Integer, Long> offsetTable = new ConcurrentHashMap<>(32);
    private final AtomicBoolean started = new AtomicBoolean(false);
    private final ParkedMessageReader parkedMessageReader = new ParkedMessageReader();
    private volatile ScheduledExecutorService timer;

    public ScheduleMessageService(final DefaultMessageStore defaultMessageStore) {
        this.defaultMessageStore = defaultMessageStore;
        this.delayLevelTable = defaultMessageStore.getCommitLog().getDelayLevelTable();
    }

    // tag::ch08-start[]
    /** Starts one task per level; a second call does nothing. */
    public void start() {
        // TODO K1: the CAS only makes start idempotent (a broker may call it on
        // every switch to master); what serializes delivery is the one timer thread
        if (!started.compareAndSet(false, true)) {
            return;
        }
        int levels = delayLevelTable.getMaxDelayLevel();
        boolean parallel = defaultMessageStore.getMessageStoreConfig()
            .isScheduleDeliverParallelEnable();
        // TODO K2: parallel: a thread per level, but threads past the cores
        // would only queue on the commit log's put lock
        this.timer = parallel
            ? Executors.newScheduledThreadPool(parallelThreads(levels),
                new ThreadFactoryImpl("ScheduleMessageDeliverThread_", true))
            : Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryImpl("ScheduleMessageTimerThread", true));
        for (int level = 1; level <= levels; level++) {
            long offset = offsetTable.getOrDefault(level, 0L);
            schedule(new DeliverDelayedMessageTimerTask(this, level, offset),
                FIRST_DELAY_TIME);
        }
        long flush = defaultMessageStore.getMessageStoreConfig()
            .getFlushDelayOffsetInterval();
        // TODO K2: 4.7.1 waits a fixed 10 s before the first write; the same with the defaults
        timer.scheduleAtFixedRate(this::persistQuietly, flush, flush,
            TimeUnit.MILLISECONDS);
    }
    // end::ch08-start[]

    /**
     * Delivery threads with {@code scheduleDeliverParallelEnable}: one per level, but no more
     * than the cores. Every delivery ends in the commit log's one put lock, so threads past the
     * core count only wait for it and for a core (on a 2-core machine 18 threads delivered a
     * backlog of 18 levels more slowly than one thread; 2 threads, faster).
     */
    static int parallelThreads(final int levels) {
        return Math.max(1, Math.min(levels, Runtime.getRuntime().availableProcessors()));
    }

    /** Stops the tasks and writes the progress; a second call does nothing. */
    public void shutdown() {
        stop(true);
    }

    /** Stops the tasks; without {@code persist}, as a killed process would, nothing is written. */
    public void stop(final boolean persist) {
        if (started.compareAndSet(true, false)) {
            timer.shutdownNow();
            if (persist) {
                persist();
            }
        }
    }

    /** 4.7.1's master-only switch: a master delivers, a slave must not. */
    public void handleBrokerRole(final BrokerRole role) {
        if (role == BrokerRole.SLAVE) {
            shutdown();
        } else {
            start();
        }
    }

    public boolean isStarted() {
        return started.get();
    }

    void schedule(final DeliverDelayedMessageTimerTask task, final long delayMs) {
        ScheduledExecutorService t = this.timer;
        if (started.get() && t != null && !t.isShutdown()) {
            try {
                t.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shut down between the check and the call: nothing more to deliver
            }
        }
    }

    void updateOffset(final int delayLevel, final long offset) {
        offsetTable.put(delayLevel, offset);
    }

    /** The next schedule-queue offset of a level, as persisted (0 when never delivered). */
    public long getOffset(final int delayLevel) {
        return offsetTable.getOrDefault(delayLevel, 0L);
    }

    public Map<Integer, Long> getOffsetTable() {
        return offsetTable;
    }

    public DelayLevelTable getDelayLevelTable() {
        return delayLevelTable;
    }

    ParkedMessageReader getParkedMessageReader() {
        return parkedMessageReader;
    }

    DefaultMessageStore getDefaultMessageStore() {
        return defaultMessageStore;
    }

    private void persistQuietly() {
        try {
            persist();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ScheduleMessageService.class)
                .error("persisting delay offsets failed", e);
        }
    }

    @Override
    public String configFilePath() {
        return StorePathConfigHelper.getDelayOffsetStorePath(
            defaultMessageStore.getMessageStoreConfig().getStorePathRootDir());
    }

    @Override
    public String encode() {
        return encode(false);
    }

    @Override
    public String encode(final boolean prettyFormat) {
        DelayOffsetSerializeWrapper wrapper = new DelayOffsetSerializeWrapper();
        wrapper.setOffsetTable(new ConcurrentHashMap<>(offsetTable));
        return wrapper.toJson(prettyFormat);
    }

    @Override
    public void decode(final String jsonString) {
        DelayOffsetSerializeWrapper wrapper =
            RemotingSerializable.fromJson(jsonString, DelayOffsetSerializeWrapper.class);
        if (wrapper != null && wrapper.getOffsetTable() != null) {
            offsetTable.putAll(wrapper.getOffsetTable());
        }
    }

    /** The JSON shape of delayOffset.json: level → next offset in its schedule queue. */
    public static class DelayOffsetSerializeWrapper extends RemotingSerializable {
        private ConcurrentMap<Integer, Long> offsetTable = new ConcurrentHashMap<>(32);

        public ConcurrentMap<Integer, Long> getOffsetTable() {
            return offsetTable;
        }

        public void setOffsetTable(final ConcurrentMap<Integer, Long> offsetTable) {
            this.offsetTable = offsetTable;
        }
    }
}
