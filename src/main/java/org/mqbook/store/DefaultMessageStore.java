package org.mqbook.store;

import java.io.File;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.MessageStoreConfig;
import org.mqbook.store.ha.HAService;
import org.mqbook.store.index.IndexService;
import org.mqbook.store.schedule.ScheduleMessageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message store: a {@link CommitLog} every message is appended to, a {@link ConsumeQueue}
 * per topic-queue and the index, built from it by {@link ReputMessageService}; flushing,
 * recovery and expiry around them. Files under {@code storePathRootDir}:
 * <pre>
 *  commitlog/&lt;offset&gt;   consumequeue/&lt;topic&gt;/&lt;queueId&gt;/&lt;offset&gt;   index/&lt;time&gt;
 *  checkpoint           abort (while running)                     lock
 * </pre>
 * Threads: ReputMessageService, FlushRealTimeService or GroupCommitService,
 * CommitRealTimeService (pool), FlushConsumeQueueService, AllocateMappedFileService,
 * StoreScheduledThread1 (cleaning), and replication's ({@link HAService}). Lifecycle:
 * {@link #load()}, {@link #start()}, {@link #shutdown()} ({@link #halt()} in tests: stop as
 * if killed).
 *
 * <p>Thread-safe. Read next: {@link CommitLog#putMessage}, then {@link ReputMessageService}.
 */
public class DefaultMessageStore extends MessageStoreReads {
    /** cleanFilesPeriodically first runs this long after start, then every cleanResourceInterval. */
    public static final long CLEAN_FILES_FIRST_DELAY_MS = 1000 * 60;
    private static final Logger log = LoggerFactory.getLogger(DefaultMessageStore.class);

    private final MessageStoreConfig messageStoreConfig;
    private final MessageArrivingListener messageArrivingListener;
    private final Clock clock;
    private final DiskUsageProbe diskUsageProbe;
    private final RunningFlags runningFlags = new RunningFlags();
    private final StoreStats storeStats = new StoreStats();
    private final TransientStorePool transientStorePool;
    private final AllocateMappedFileService allocateMappedFileService;
    private final CommitLog commitLog;
    private final ConsumeQueueStore consumeQueueStore;
    private final ReputMessageService reputMessageService;
    private final FlushConsumeQueueService flushConsumeQueueService;
    private final CleanCommitLogService cleanCommitLogService;
    private final CleanConsumeQueueService cleanConsumeQueueService;
    private final GetMessageService getMessageService;
    private final ScheduleMessageService scheduleMessageService;
    private final HAService haService;
    private final LinkedList<CommitLogDispatcher> dispatcherList = new LinkedList<>();
    private volatile StoreCheckpoint storeCheckpoint;
    private volatile IndexService indexService;
    private volatile StoreFileLock lock;
    private volatile ScheduledExecutorService scheduledExecutorService;
    private volatile boolean loaded = false;
    private volatile boolean started = false;
    private volatile boolean shutdown = true;

    public DefaultMessageStore(final MessageStoreConfig config,
        final MessageArrivingListener listener) {
        this(config, listener, Clock.systemUTC(), DiskUsageProbe.SYSTEM);
    }

    /** With the clock behind {@link #now()} and the disk probe the cleaner asks (tests). */
    public DefaultMessageStore(final MessageStoreConfig config,
        final MessageArrivingListener listener, final Clock clock,
        final DiskUsageProbe diskUsageProbe) {
        this.messageStoreConfig = config;
        this.messageArrivingListener = listener;
        this.clock = clock;
        this.diskUsageProbe = diskUsageProbe;
        this.transientStorePool = new TransientStorePool(config);
        this.allocateMappedFileService =
            new AllocateMappedFileService(config, transientStorePool);
        this.commitLog = new CommitLog(this);
        this.consumeQueueStore = new ConsumeQueueStore(this);
        this.reputMessageService = new ReputMessageService(this);
        this.flushConsumeQueueService = new FlushConsumeQueueService(this);
        this.cleanCommitLogService = new CleanCommitLogService(this);
        this.cleanConsumeQueueService = new CleanConsumeQueueService(this);
        this.getMessageService = new GetMessageService(this);
        this.scheduleMessageService = new ScheduleMessageService(this);
        this.haService = new HAService(this);
        this.dispatcherList.add(new CommitLogDispatcherBuildConsumeQueue(consumeQueueStore));
        this.dispatcherList.add(new CommitLogDispatcherBuildIndex(this));
    }

    // tag::ch06-load[]
    @Override
    public boolean load() {
        this.lock = StoreFileLock.acquire(messageStoreConfig.getLockFile());
        // TODO K1: the abort file exists while a store runs; finding it at
        // load means the last run did not shut down cleanly
        final boolean lastExitOK =
            !new File(messageStoreConfig.getAbortFile()).exists();
        log.info("last shutdown {}", lastExitOK ? "normally" : "abnormally");
        boolean result = commitLog.load() && consumeQueueStore.load()
            && scheduleMessageService.load();
        try {
            if (result) {
                this.storeCheckpoint =
                    new StoreCheckpoint(messageStoreConfig.getStoreCheckpoint());
                this.indexService = new IndexService(messageStoreConfig,
                    storeCheckpoint, runningFlags, this::now);
                result = indexService.load(lastExitOK);
            }
            if (result) {
                this.recover(lastExitOK);
            }
        } catch (IOException e) {
            log.error("load exception", e);
            result = false;
        }
        log.info("load over, and the result is {}", result);
        if (!result) {
            closeFiles(false);
            this.lock.release();
        }
        this.loaded = result;
        return result;
    }

    private void recover(final boolean lastExitOK) {
        final long maxPhyOffsetOfConsumeQueue = consumeQueueStore.recover();
        final CommitLogRecovery recovery = new CommitLogRecovery(commitLog, this);
        if (lastExitOK) {
            recovery.recoverNormally(maxPhyOffsetOfConsumeQueue);
        } else {
            recovery.recoverAbnormally(maxPhyOffsetOfConsumeQueue);
        }
        consumeQueueStore.recoverTopicQueueTable(commitLog);
    }
    // end::ch06-load[]

    @Override
    public void start() throws Exception {
        if (!loaded) {
            throw new IllegalStateException("load() the store before start()");
        }
        this.allocateMappedFileService.start();
        if (messageStoreConfig.isTransientStorePoolEnable()) {
            this.transientStorePool.init();
        }
        // dispatch resumes where the consume queues end
        long reputFrom = Math.max(consumeQueueStore.maxPhysicOffset(), commitLog.getMinOffset());
        reputFrom = Math.max(0, reputFrom);
        log.info("set reputFromOffset to {}", reputFrom);
        this.reputMessageService.setReputFromOffset(reputFrom);
        this.reputMessageService.start();
        while (this.dispatchBehindBytes() > 0) {
            Thread.sleep(1);
        }
        consumeQueueStore.recoverTopicQueueTable(commitLog);
        this.flushConsumeQueueService.start();
        this.commitLog.start();
        // TODO K2: every role listens and runs a client; a slave's client
        // connects once it knows haMasterAddress
        this.haService.start();
        this.haService.updateMasterAddress(messageStoreConfig.getHaMasterAddress());
        AbortFile.create(messageStoreConfig.getAbortFile());
        // TODO K2: as in 4.7.1, delay delivery runs on a master only
        this.scheduleMessageService.handleBrokerRole(messageStoreConfig.getBrokerRole());
        this.addScheduleTask();
        this.started = true;
        this.shutdown = false;
    }

    /** The guide's name for the store's periodic housekeeping, started by {@link #start()}. */
    // tag::ch06-schedule-task[]
    private void addScheduleTask() {
        this.scheduledExecutorService = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryImpl("StoreScheduledThread", true));
        // TODO K1: expiry is not an event but a poll: every cleanResourceInterval (10 s) one
        // thread asks whether the commit log, then the consume queues, may shed files
        this.scheduledExecutorService.scheduleAtFixedRate(this::cleanFilesPeriodically,
            CLEAN_FILES_FIRST_DELAY_MS, messageStoreConfig.getCleanResourceInterval(),
            TimeUnit.MILLISECONDS);
    }
    // end::ch06-schedule-task[]

    @Override
    public void shutdown() {
        stop(true);
    }

    /**
     * Stops every thread and releases the lock as a killed process would leave things: the
     * abort file stays, so the next load recovers abnormally. For tests and the lab.
     */
    public void halt() {
        stop(false);
    }

    private synchronized void stop(final boolean clean) {
        if (lock == null) {
            return;
        }
        this.shutdown = true;
        this.scheduleMessageService.stop(clean);
        if (scheduledExecutorService != null) {
            scheduledExecutorService.shutdownNow();
        }
        if (started) {
            this.haService.shutdown();
            this.commitLog.shutdown();
            if (clean) {
                this.reputMessageService.shutdown();
            } else {
                this.reputMessageService.shutdownWithoutWaiting();
            }
            this.flushConsumeQueueService.shutdown();
        }
        this.allocateMappedFileService.shutdown();
        if (started && clean) {
            if (runningFlags.isWriteable() && dispatchBehindBytes() == 0) {
                AbortFile.delete(messageStoreConfig.getAbortFile());
            } else {
                log.warn("the store may be wrong, so shutdown abnormally, and keep abort "
                    + "file. runningFlags {} dispatchBehindBytes {}", runningFlags,
                    dispatchBehindBytes());
            }
        }
        closeFiles(clean);
        this.transientStorePool.destroy();
        this.lock.release();
        this.lock = null;
        this.started = false;
        this.loaded = false;
    }

    /** Unmaps every file; a killed process (halt) would not write the checkpoint. */
    private void closeFiles(final boolean flushCheckpoint) {
        if (indexService != null) {
            indexService.shutdown();
        }
        if (storeCheckpoint != null) {
            if (flushCheckpoint) {
                storeCheckpoint.shutdown();
            } else {
                storeCheckpoint.close();
            }
            storeCheckpoint = null;
        }
        consumeQueueStore.shutdown();
        commitLog.getMappedFileQueue().shutdown(1000 * 3);
    }

    @Override
    public void destroy() {
        consumeQueueStore.destroyLogics();
        commitLog.destroy();
        if (indexService != null) {
            indexService.destroy();
        }
        AbortFile.delete(messageStoreConfig.getAbortFile());
        new File(messageStoreConfig.getStoreCheckpoint()).delete();
    }

    // tag::ch06-store-put[]
    @Override
    public PutMessageResult putMessage(final MessageExtBrokerInner msg) {
        final PutMessageStatus refused = checkStoreStatus();
        if (refused != null) {
            return new PutMessageResult(refused, null);
        }
        final int topicLength = DefaultAppendMessageCallback.utf8Length(
            msg.getTopic(), MessageDecoder.MAX_TOPIC_LENGTH);
        if (topicLength > MessageDecoder.MAX_TOPIC_LENGTH) {
            log.warn("putMessage message topic length too long {} > {}",
                topicLength, MessageDecoder.MAX_TOPIC_LENGTH);
            return new PutMessageResult(PutMessageStatus.MESSAGE_ILLEGAL, null);
        }
        final String properties = msg.getPropertiesString();
        final int propertiesLength = properties == null ? 0
            : DefaultAppendMessageCallback.utf8Length(
                properties, MessageDecoder.MAX_PROPERTIES_LENGTH);
        if (propertiesLength > MessageDecoder.MAX_PROPERTIES_LENGTH) {
            log.warn("putMessage message properties length too long {} > {}",
                propertiesLength, MessageDecoder.MAX_PROPERTIES_LENGTH);
            return new PutMessageResult(
                PutMessageStatus.PROPERTIES_SIZE_EXCEEDED, null);
        }
        final PutMessageResult result = this.commitLog.putMessage(msg);
        this.storeStats.onPut(result);
        return result;
    }
    // end::ch06-store-put[]

    @Override
    public PutMessageResult putMessages(final MessageExtBatch batch) {
        final PutMessageStatus refused = checkStoreStatus();
        if (refused != null) {
            return new PutMessageResult(refused, null);
        }
        final int topicLength = batch.getTopic().getBytes(StandardCharsets.UTF_8).length;
        if (topicLength > MessageDecoder.MAX_TOPIC_LENGTH) {
            log.warn("PutMessages topic length too long {} > {}", topicLength,
                MessageDecoder.MAX_TOPIC_LENGTH);
            return new PutMessageResult(PutMessageStatus.MESSAGE_ILLEGAL, null);
        }
        if (batch.getBody().length > messageStoreConfig.getMaxMessageSize()) {
            log.warn("PutMessages body length too long {} > maxMessageSize {}",
                batch.getBody().length, messageStoreConfig.getMaxMessageSize());
            return new PutMessageResult(PutMessageStatus.MESSAGE_ILLEGAL, null);
        }
        final PutMessageResult result = this.commitLog.putMessages(batch);
        this.storeStats.onPut(result);
        return result;
    }

    /** Null when the store takes writes, else why it does not. */
    private PutMessageStatus checkStoreStatus() {
        if (this.shutdown) {
            log.warn("message store has shutdown, so putMessage is forbidden");
            return PutMessageStatus.SERVICE_NOT_AVAILABLE;
        }
        if (messageStoreConfig.getBrokerRole() == BrokerRole.SLAVE) {
            log.warn("message store is slave mode, so putMessage is forbidden");
            return PutMessageStatus.SERVICE_NOT_AVAILABLE;
        }
        if (!this.runningFlags.isWriteable()) {
            log.warn("the message store is not writable ({}): the disk is full, or a "
                + "consume queue or index file could not be written", runningFlags);
            return PutMessageStatus.SERVICE_NOT_AVAILABLE;
        }
        if (this.isOSPageCacheBusy()) {
            return PutMessageStatus.OS_PAGECACHE_BUSY;
        }
        return null;
    }

    @Override
    public boolean isOSPageCacheBusy() {
        final long begin = this.commitLog.getBeginTimeInLock();
        final long diff = now() - begin;
        return begin > 0 && diff < 10000000
            && diff > messageStoreConfig.getOsPageCacheBusyTimeOutMills();
    }

    @Override
    public GetMessageResult getMessage(final String group, final String topic, final int queueId,
        final long offset, final int maxMsgNums, final MessageFilter messageFilter) {
        if (this.shutdown) {
            log.warn("message store has shutdown, so getMessage is forbidden");
            return null;
        }
        if (!this.runningFlags.isReadable()) {
            log.warn("message store is not readable, so getMessage is forbidden {}",
                runningFlags);
            return null;
        }
        final GetMessageResult result =
            getMessageService.getMessage(topic, queueId, offset, maxMsgNums, messageFilter);
        this.storeStats.onGet(result);
        return result;
    }

    /** Calls every dispatcher for one record (reput thread, or abnormal recovery). */
    public void doDispatch(final DispatchRequest req) {
        for (CommitLogDispatcher dispatcher : this.dispatcherList) {
            dispatcher.dispatch(req);
        }
    }

    // tag::ch06-clean-files[]
    /** One cleaning pass: expired commit-log files, then what pointed into them. */
    public void cleanFilesPeriodically() {
        this.cleanCommitLogService.run();
        this.cleanConsumeQueueService.run();
    }
    // end::ch06-clean-files[]

    @Override
    public long now() {
        return clock.millis();
    }

    @Override
    public boolean checkInDiskByConsumeOffset(final String topic, final int queueId,
        final long consumeOffset) {
        return getMessageService.checkInDiskByConsumeOffset(topic, queueId, consumeOffset);
    }

    @Override
    public void executeDeleteFilesManually() {
        this.cleanCommitLogService.executeDeleteFilesManually();
    }

    @Override
    public int cleanUnusedTopic(final Set<String> topics) {
        final Set<String> unused = new HashSet<>(consumeQueueStore.topics());
        unused.removeAll(topics);
        return consumeQueueStore.deleteTopics(unused, commitLog);
    }

    @Override
    public int deleteTopics(final Set<String> deleteTopics) {
        return consumeQueueStore.deleteTopics(deleteTopics, commitLog);
    }

    @Override
    public void cleanExpiredConsumerQueue() {
        consumeQueueStore.cleanExpiredConsumerQueue(commitLog);
    }

    @Override
    public long dispatchBehindBytes() {
        return this.reputMessageService.behind();
    }

    @Override
    public boolean isTransientStorePoolDeficient() {
        return messageStoreConfig.isTransientStorePoolEnable()
            && transientStorePool.availableBufferNums() == 0;
    }

    @Override
    public HashMap<String, String> getRuntimeInfo() {
        return storeStats.runtimeInfo(this);
    }

    @Override
    public List<CommitLogDispatcher> getDispatcherList() {
        return this.dispatcherList;
    }

    @Override
    public ConsumeQueue getConsumeQueue(final String topic, final int queueId) {
        return consumeQueueStore.getConsumeQueue(topic, queueId);
    }

    /** The queue, created when it does not exist yet. */
    public ConsumeQueue findConsumeQueue(final String topic, final int queueId) {
        return consumeQueueStore.findConsumeQueue(topic, queueId);
    }

    @Override
    public MessageStoreConfig getMessageStoreConfig() { return messageStoreConfig; }
    @Override
    public CommitLog getCommitLog() { return commitLog; }
    public ConsumeQueueStore getConsumeQueueStore() { return consumeQueueStore; }
    public StoreCheckpoint getStoreCheckpoint() { return storeCheckpoint; }
    @Override
    public IndexService getIndexService() { return indexService; }
    public RunningFlags getRunningFlags() { return runningFlags; }
    public StoreStats getStoreStats() { return storeStats; }
    public DiskUsageProbe getDiskUsageProbe() { return diskUsageProbe; }
    public MessageArrivingListener getMessageArrivingListener() { return messageArrivingListener; }
    public AllocateMappedFileService getAllocateMappedFileService() { return allocateMappedFileService; }
    public TransientStorePool getTransientStorePool() { return transientStorePool; }
    public ScheduleMessageService getScheduleMessageService() { return scheduleMessageService; }
    public ReputMessageService getReputMessageService() { return reputMessageService; }
    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    public HAService getHaService() { return haService; }

    @Override
    public void updateHaMasterAddress(final String newAddr) {
        this.haService.updateMasterAddress(newAddr);
    }
}
