package org.mqbook.store.config;

import java.io.File;
import org.mqbook.common.RuntimeHome;
import org.mqbook.store.ConsumeQueue;

/**
 * Every setting of the message store, under 4.7.1's property names and with 4.7.1's defaults, so
 * a {@code broker.conf} line such as {@code fileReservedTime=48} means here what it means there
 * (set through {@code MixAll.properties2Object}).
 *
 * <p>Three deliberate differences, each a K2 note below: the default root is
 * {@code target/runtime/store} under the runtime home (4.7.1: {@code ~/store}); a relative path
 * resolves against that home; and the commit-log directory follows the root unless it is set
 * (4.7.1 keeps {@code ~/store/commitlog} even when only the root is moved).
 *
 * <p>Not thread-safe: filled before the store starts, then only read. Read next:
 * {@link StorePathConfigHelper}, then {@code org.mqbook.store.DefaultMessageStore}.
 */
public class MessageStoreConfig {

    /** The store root: commitlog/, consumequeue/, index/, checkpoint, abort, lock. */
    private String storePathRootDir =
        RuntimeHome.runtimeDir().resolve("store").toString();
    /** The commit-log directory; null means {@code <storePathRootDir>/commitlog}. */
    private String storePathCommitLog;
    /** Size of each commit-log file, bytes (1 GiB). */
    private int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
    /** Size of each consume-queue file, bytes; read back rounded up to whole 20-byte units. */
    private int mappedFileSizeConsumeQueue = 300000 * ConsumeQueue.CQ_STORE_UNIT_SIZE;
    /** 4.7.1's consume-queue extension (SQL92 bitmaps); mqbook never writes it. */
    private boolean enableConsumeQueueExt = false;
    /** FlushRealTimeService period, ms (ASYNC_FLUSH). */
    private int flushIntervalCommitLog = 500;
    /** CommitRealTimeService period, ms (transient pool). */
    private int commitIntervalCommitLog = 200;
    /** putMessageLock: a ReentrantLock instead of the spin lock. */
    private boolean useReentrantLockWhenPutMessage = false;
    /** FlushRealTimeService sleeps its whole period instead of waiting for a wakeup. */
    private boolean flushCommitLogTimed = false;
    /** FlushConsumeQueueService period, ms. */
    private int flushIntervalConsumeQueue = 1000;
    /** Period of cleanFilesPeriodically, ms (after a first delay of 60 s). */
    private int cleanResourceInterval = 10000;
    /** Pause between two deleted commit-log files, ms. */
    private int deleteCommitLogFilesInterval = 100;
    /** Pause between consume queues that deleted files, ms. */
    private int deleteConsumeQueueFilesInterval = 100;
    /** How long a deleted file may stay held by readers before it is unmapped anyway, ms. */
    private int destroyMapedFileIntervalForcibly = 1000 * 120;
    /** How often a file whose deletion hung is retried, ms. */
    private int redeleteHangedFileInterval = 1000 * 120;
    /** Hours of the day (local time, ';'-separated) when expired files are deleted. */
    private String deleteWhen = "04";
    /** Disk usage (percent) above which expired files are deleted at any hour. */
    private int diskMaxUsedSpaceRatio = 75;
    /** Hours a commit-log file is kept after its last write. */
    private int fileReservedTime = 72;
    /** 4.7.1 setting kept for its name; unused. */
    private int putMsgIndexHightWater = 600000;
    /** Largest stored record (and batch body), bytes. */
    private int maxMessageSize = 1024 * 1024 * 4;
    /** Recovery recomputes each body's CRC32. */
    private boolean checkCRCOnRecover = true;
    /** ASYNC_FLUSH forces only when this many 4 KiB pages are dirty. */
    private int flushCommitLogLeastPages = 4;
    /** The transient pool commits only when this many pages are written. */
    private int commitCommitLogLeastPages = 4;
    /** Pages between forces while pre-touching a new file (warmMapedFileEnable). */
    private int flushLeastPagesWhenWarmMapedFile = 1024 / 4 * 16;
    /** Consume queues are forced only when this many pages are dirty. */
    private int flushConsumeQueueLeastPages = 2;
    /** Longest time between two forces of everything written, ms. */
    private int flushCommitLogThoroughInterval = 1000 * 10;
    /** Longest time between two commits of everything written, ms. */
    private int commitCommitLogThoroughInterval = 200;
    /** Longest time between two full consume-queue forces, ms. */
    private int flushConsumeQueueThoroughInterval = 1000 * 60;
    /** Pull limit when the data is in memory, bytes. */
    private int maxTransferBytesOnMessageInMemory = 1024 * 256;
    /** Pull limit when the data is in memory, messages. */
    private int maxTransferCountOnMessageInMemory = 32;
    /** Pull limit when the data is on disk, bytes. */
    private int maxTransferBytesOnMessageInDisk = 1024 * 64;
    /** Pull limit when the data is on disk, messages. */
    private int maxTransferCountOnMessageInDisk = 8;
    /** Percent of RAM: a message further than this behind the end counts as on disk. */
    private int accessMessageInMemoryMaxRatio = 40;
    /** Build the index files (keys and UNIQ_KEY). */
    private boolean messageIndexEnable = true;
    /** Hash slots per index file. */
    private int maxHashSlotNum = 5000000;
    /** Items per index file. */
    private int maxIndexNum = 5000000 * 4;
    /** Most results of one index query. */
    private int maxMsgsNumBatch = 64;
    /** Abnormal recovery also goes back to the index checkpoint time. */
    private boolean messageIndexSafe = false;
    /** Port a master accepts slaves on; the broker sets listenPort + 1 (chapter 9). */
    private int haListenPort = 10912;
    /** mqbook's: the address the HA port binds; null binds every interface, as 4.7.1. */
    private String haBindAddress = null;
    /** Idle master: a header-only transfer; idle slave: a report; this often, ms. */
    private int haSendHeartbeatInterval = 1000 * 5;
    /** A replication connection silent this long is closed, ms. */
    private int haHousekeepingInterval = 1000 * 20;
    /** Most commit-log bytes in one transfer frame. */
    private int haTransferBatchSize = 1024 * 32;
    /** A slave's master HA address ip:port; the broker fills it from the NameServer. */
    private String haMasterAddress = null;
    /** SYNC_MASTER: a slave further behind is not available, bytes. */
    private int haSlaveFallbehindMax = 1024 * 1024 * 256;
    /** ASYNC_MASTER, SYNC_MASTER or SLAVE. */
    private BrokerRole brokerRole = BrokerRole.ASYNC_MASTER;
    /** SYNC_FLUSH or ASYNC_FLUSH. */
    private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
    /** SYNC_FLUSH: longest wait for the group commit before FLUSH_DISK_TIMEOUT, ms. */
    private int syncFlushTimeout = 1000 * 5;
    /** The delay levels 1..n (units s, m, h, d). */
    private String messageDelayLevel = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";
    /** Period of delayOffset.json writes, ms (chapter 8). */
    private long flushDelayOffsetInterval = 1000 * 10;
    /** mqbook's option: delay levels delivered in parallel (a thread per level, at most one per core). */
    private boolean scheduleDeliverParallelEnable = false;
    /** Above the forced-cleaning disk ratio, delete files that have not expired. */
    private boolean cleanFileForciblyEnable = true;
    /** Pre-touch every page of a new commit-log file. */
    private boolean warmMapedFileEnable = false;
    /** A slave also corrects a pull's next offset. */
    private boolean offsetCheckInSlave = false;
    /** 4.7.1 setting kept for its name; unused. */
    private boolean debugLockEnable = false;
    /** 4.7.1 setting kept for its name; unused. */
    private boolean duplicationEnable = false;
    /** 4.7.1 setting kept for its name; unused. */
    private boolean diskFallRecorded = true;
    /** A put holding putMessageLock longer than this makes the next puts OS_PAGECACHE_BUSY, ms. */
    private long osPageCacheBusyTimeOutMills = 1000;
    /** Default maxNum of a key query. */
    private int defaultQueryMaxNum = 32;
    /** Write into off-heap buffers and commit them to the file (ASYNC_FLUSH masters only). */
    private boolean transientStorePoolEnable = false;
    /** Number of off-heap buffers, each of mappedFileSizeCommitLog bytes. */
    private int transientStorePoolSize = 5;
    /** Broker fast failure when the pool is empty (chapter 3). */
    private boolean fastFailIfNoBufferInStorePool = false;

    public String getStorePathRootDir() {
        return storePathRootDir;
    }

    // TODO K2: relative paths resolve against the runtime home, as conf/ files expect
    public void setStorePathRootDir(final String dir) {
        this.storePathRootDir = RuntimeHome.resolve(dir).toString();
    }

    // TODO K2: 4.7.1 keeps ~/store/commitlog when only the root moves; here it follows the root
    public String getStorePathCommitLog() {
        return storePathCommitLog != null ? storePathCommitLog
            : storePathRootDir + File.separator + "commitlog";
    }

    public void setStorePathCommitLog(final String dir) {
        this.storePathCommitLog = dir == null ? null : RuntimeHome.resolve(dir).toString();
    }

    public String getStorePathConsumeQueue() {
        return StorePathConfigHelper.getStorePathConsumeQueue(storePathRootDir);
    }

    public String getStorePathIndex() {
        return StorePathConfigHelper.getStorePathIndex(storePathRootDir);
    }

    public String getStoreCheckpoint() {
        return StorePathConfigHelper.getStoreCheckpoint(storePathRootDir);
    }

    public String getAbortFile() {
        return StorePathConfigHelper.getAbortFile(storePathRootDir);
    }

    public String getLockFile() {
        return StorePathConfigHelper.getLockFile(storePathRootDir);
    }

    /** Rounded up to whole 20-byte units, as 4.7.1 reads it back. */
    public int getMappedFileSizeConsumeQueue() {
        final int units = (int) Math.ceil(mappedFileSizeConsumeQueue
            / (ConsumeQueue.CQ_STORE_UNIT_SIZE * 1.0));
        return units * ConsumeQueue.CQ_STORE_UNIT_SIZE;
    }

    public void setMappedFileSizeConsumeQueue(final int size) {
        this.mappedFileSizeConsumeQueue = size;
    }

    /** The pool is used only by an ASYNC_FLUSH master, whatever the setting says (as 4.7.1). */
    public boolean isTransientStorePoolEnable() {
        // TODO K2: SYNC_FLUSH must force what it acknowledges, so it never writes off-heap first
        return transientStorePoolEnable && flushDiskType == FlushDiskType.ASYNC_FLUSH
            && brokerRole != BrokerRole.SLAVE;
    }

    public void setTransientStorePoolEnable(final boolean enable) {
        this.transientStorePoolEnable = enable;
    }

    // The rest: one getter and one setter per property, nothing else.
    public int getMappedFileSizeCommitLog() { return mappedFileSizeCommitLog; }
    public void setMappedFileSizeCommitLog(int v) { this.mappedFileSizeCommitLog = v; }
    public boolean isEnableConsumeQueueExt() { return enableConsumeQueueExt; }
    public void setEnableConsumeQueueExt(boolean v) { this.enableConsumeQueueExt = v; }
    public int getFlushIntervalCommitLog() { return flushIntervalCommitLog; }
    public void setFlushIntervalCommitLog(int v) { this.flushIntervalCommitLog = v; }
    public int getCommitIntervalCommitLog() { return commitIntervalCommitLog; }
    public void setCommitIntervalCommitLog(int v) { this.commitIntervalCommitLog = v; }
    public boolean isUseReentrantLockWhenPutMessage() { return useReentrantLockWhenPutMessage; }
    public void setUseReentrantLockWhenPutMessage(boolean v) { this.useReentrantLockWhenPutMessage = v; }
    public boolean isFlushCommitLogTimed() { return flushCommitLogTimed; }
    public void setFlushCommitLogTimed(boolean v) { this.flushCommitLogTimed = v; }
    public int getFlushIntervalConsumeQueue() { return flushIntervalConsumeQueue; }
    public void setFlushIntervalConsumeQueue(int v) { this.flushIntervalConsumeQueue = v; }
    public int getCleanResourceInterval() { return cleanResourceInterval; }
    public void setCleanResourceInterval(int v) { this.cleanResourceInterval = v; }
    public int getDeleteCommitLogFilesInterval() { return deleteCommitLogFilesInterval; }
    public void setDeleteCommitLogFilesInterval(int v) { this.deleteCommitLogFilesInterval = v; }
    public int getDeleteConsumeQueueFilesInterval() { return deleteConsumeQueueFilesInterval; }
    public void setDeleteConsumeQueueFilesInterval(int v) { this.deleteConsumeQueueFilesInterval = v; }
    public int getDestroyMapedFileIntervalForcibly() { return destroyMapedFileIntervalForcibly; }
    public void setDestroyMapedFileIntervalForcibly(int v) { this.destroyMapedFileIntervalForcibly = v; }
    public int getRedeleteHangedFileInterval() { return redeleteHangedFileInterval; }
    public void setRedeleteHangedFileInterval(int v) { this.redeleteHangedFileInterval = v; }
    public String getDeleteWhen() { return deleteWhen; }
    public void setDeleteWhen(String v) { this.deleteWhen = v; }
    public int getDiskMaxUsedSpaceRatio() { return diskMaxUsedSpaceRatio; }
    public void setDiskMaxUsedSpaceRatio(int v) { this.diskMaxUsedSpaceRatio = v; }
    public int getFileReservedTime() { return fileReservedTime; }
    public void setFileReservedTime(int v) { this.fileReservedTime = v; }
    public int getPutMsgIndexHightWater() { return putMsgIndexHightWater; }
    public void setPutMsgIndexHightWater(int v) { this.putMsgIndexHightWater = v; }
    public int getMaxMessageSize() { return maxMessageSize; }
    public void setMaxMessageSize(int v) { this.maxMessageSize = v; }
    public boolean isCheckCRCOnRecover() { return checkCRCOnRecover; }
    public void setCheckCRCOnRecover(boolean v) { this.checkCRCOnRecover = v; }
    public int getFlushCommitLogLeastPages() { return flushCommitLogLeastPages; }
    public void setFlushCommitLogLeastPages(int v) { this.flushCommitLogLeastPages = v; }
    public int getCommitCommitLogLeastPages() { return commitCommitLogLeastPages; }
    public void setCommitCommitLogLeastPages(int v) { this.commitCommitLogLeastPages = v; }
    public int getFlushLeastPagesWhenWarmMapedFile() { return flushLeastPagesWhenWarmMapedFile; }
    public void setFlushLeastPagesWhenWarmMapedFile(int v) { this.flushLeastPagesWhenWarmMapedFile = v; }
    public int getFlushConsumeQueueLeastPages() { return flushConsumeQueueLeastPages; }
    public void setFlushConsumeQueueLeastPages(int v) { this.flushConsumeQueueLeastPages = v; }
    public int getFlushCommitLogThoroughInterval() { return flushCommitLogThoroughInterval; }
    public void setFlushCommitLogThoroughInterval(int v) { this.flushCommitLogThoroughInterval = v; }
    public int getCommitCommitLogThoroughInterval() { return commitCommitLogThoroughInterval; }
    public void setCommitCommitLogThoroughInterval(int v) { this.commitCommitLogThoroughInterval = v; }
    public int getFlushConsumeQueueThoroughInterval() { return flushConsumeQueueThoroughInterval; }
    public void setFlushConsumeQueueThoroughInterval(int v) { this.flushConsumeQueueThoroughInterval = v; }
    public int getMaxTransferBytesOnMessageInMemory() { return maxTransferBytesOnMessageInMemory; }
    public void setMaxTransferBytesOnMessageInMemory(int v) { this.maxTransferBytesOnMessageInMemory = v; }
    public int getMaxTransferCountOnMessageInMemory() { return maxTransferCountOnMessageInMemory; }
    public void setMaxTransferCountOnMessageInMemory(int v) { this.maxTransferCountOnMessageInMemory = v; }
    public int getMaxTransferBytesOnMessageInDisk() { return maxTransferBytesOnMessageInDisk; }
    public void setMaxTransferBytesOnMessageInDisk(int v) { this.maxTransferBytesOnMessageInDisk = v; }
    public int getMaxTransferCountOnMessageInDisk() { return maxTransferCountOnMessageInDisk; }
    public void setMaxTransferCountOnMessageInDisk(int v) { this.maxTransferCountOnMessageInDisk = v; }
    public int getAccessMessageInMemoryMaxRatio() { return accessMessageInMemoryMaxRatio; }
    public void setAccessMessageInMemoryMaxRatio(int v) { this.accessMessageInMemoryMaxRatio = v; }
    public boolean isMessageIndexEnable() { return messageIndexEnable; }
    public void setMessageIndexEnable(boolean v) { this.messageIndexEnable = v; }
    public int getMaxHashSlotNum() { return maxHashSlotNum; }
    public void setMaxHashSlotNum(int v) { this.maxHashSlotNum = v; }
    public int getMaxIndexNum() { return maxIndexNum; }
    public void setMaxIndexNum(int v) { this.maxIndexNum = v; }
    public int getMaxMsgsNumBatch() { return maxMsgsNumBatch; }
    public void setMaxMsgsNumBatch(int v) { this.maxMsgsNumBatch = v; }
    public boolean isMessageIndexSafe() { return messageIndexSafe; }
    public void setMessageIndexSafe(boolean v) { this.messageIndexSafe = v; }
    public int getHaListenPort() { return haListenPort; }
    public void setHaListenPort(int v) { this.haListenPort = v; }
    public String getHaBindAddress() { return haBindAddress; }
    public void setHaBindAddress(String v) { this.haBindAddress = v; }
    public int getHaSendHeartbeatInterval() { return haSendHeartbeatInterval; }
    public void setHaSendHeartbeatInterval(int v) { this.haSendHeartbeatInterval = v; }
    public int getHaHousekeepingInterval() { return haHousekeepingInterval; }
    public void setHaHousekeepingInterval(int v) { this.haHousekeepingInterval = v; }
    public int getHaTransferBatchSize() { return haTransferBatchSize; }
    public void setHaTransferBatchSize(int v) { this.haTransferBatchSize = v; }
    public String getHaMasterAddress() { return haMasterAddress; }
    public void setHaMasterAddress(String v) { this.haMasterAddress = v; }
    public int getHaSlaveFallbehindMax() { return haSlaveFallbehindMax; }
    public void setHaSlaveFallbehindMax(int v) { this.haSlaveFallbehindMax = v; }
    public BrokerRole getBrokerRole() { return brokerRole; }
    public void setBrokerRole(BrokerRole v) { this.brokerRole = v; }
    public FlushDiskType getFlushDiskType() { return flushDiskType; }
    public void setFlushDiskType(FlushDiskType v) { this.flushDiskType = v; }
    public int getSyncFlushTimeout() { return syncFlushTimeout; }
    public void setSyncFlushTimeout(int v) { this.syncFlushTimeout = v; }
    public String getMessageDelayLevel() { return messageDelayLevel; }
    public void setMessageDelayLevel(String v) { this.messageDelayLevel = v; }
    public long getFlushDelayOffsetInterval() { return flushDelayOffsetInterval; }
    public void setFlushDelayOffsetInterval(long v) { this.flushDelayOffsetInterval = v; }
    public boolean isScheduleDeliverParallelEnable() { return scheduleDeliverParallelEnable; }
    public void setScheduleDeliverParallelEnable(boolean v) { this.scheduleDeliverParallelEnable = v; }
    public boolean isCleanFileForciblyEnable() { return cleanFileForciblyEnable; }
    public void setCleanFileForciblyEnable(boolean v) { this.cleanFileForciblyEnable = v; }
    public boolean isWarmMapedFileEnable() { return warmMapedFileEnable; }
    public void setWarmMapedFileEnable(boolean v) { this.warmMapedFileEnable = v; }
    public boolean isOffsetCheckInSlave() { return offsetCheckInSlave; }
    public void setOffsetCheckInSlave(boolean v) { this.offsetCheckInSlave = v; }
    public boolean isDebugLockEnable() { return debugLockEnable; }
    public void setDebugLockEnable(boolean v) { this.debugLockEnable = v; }
    public boolean isDuplicationEnable() { return duplicationEnable; }
    public void setDuplicationEnable(boolean v) { this.duplicationEnable = v; }
    public boolean isDiskFallRecorded() { return diskFallRecorded; }
    public void setDiskFallRecorded(boolean v) { this.diskFallRecorded = v; }
    public long getOsPageCacheBusyTimeOutMills() { return osPageCacheBusyTimeOutMills; }
    public void setOsPageCacheBusyTimeOutMills(long v) { this.osPageCacheBusyTimeOutMills = v; }
    public int getDefaultQueryMaxNum() { return defaultQueryMaxNum; }
    public void setDefaultQueryMaxNum(int v) { this.defaultQueryMaxNum = v; }
    public int getTransientStorePoolSize() { return transientStorePoolSize; }
    public void setTransientStorePoolSize(int v) { this.transientStorePoolSize = v; }
    public boolean isFastFailIfNoBufferInStorePool() { return fastFailIfNoBufferInStorePool; }
    public void setFastFailIfNoBufferInStorePool(boolean v) { this.fastFailIfNoBufferInStorePool = v; }
}
