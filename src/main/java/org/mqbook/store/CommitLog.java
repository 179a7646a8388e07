package org.mqbook.store;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.store.GroupCommitService.GroupCommitRequest;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.FlushDiskType;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit log: every message of every topic, appended one after another into
 * {@code commitlog/} files (a {@link MappedFileQueue}). This class is the append path:
 * <pre>
 *  putMessage: CRC, delay rewrite ─┐ lock ┌ last file (or a new one)
 *                                  │      ├ doAppend (DefaultAppendMessageCallback)
 *                                  │      └ END_OF_FILE? new file, doAppend again
 *                                  └ unlock → handleDiskFlush (sync: wait; async: wake)
 * </pre>
 * Beside it: {@link DefaultAppendMessageCallback} (the record bytes), the flush services, and
 * {@link CommitLogRecovery}. {@code topicQueueTable} maps "topic-queueId" to the next queue
 * offset.
 *
 * <p>Thread-safety: any thread may put; appends are serialized by {@link PutMessageLock}; reads
 * ({@link #getMessage}, {@link #getData}) run concurrently and hold the file they read.
 * Read next: {@link ReputMessageService}.
 */
public class CommitLog {
    private static final Logger log = LoggerFactory.getLogger(CommitLog.class);
    /** ASYNC_FLUSH: unflushed bytes at which a put wakes the flusher (1 MiB). */
    static final long ASYNC_FLUSH_WAKE_BYTES = 1024 * 1024;

    private final DefaultMessageStore defaultMessageStore;
    private final MappedFileQueue mappedFileQueue;
    private final FlushCommitLogService flushCommitLogService;
    private final FlushCommitLogService commitLogService;
    private final AppendMessageCallback appendMessageCallback;
    private final Map<String, Long> topicQueueTable = new ConcurrentHashMap<>(1024);
    private final PutMessageLock putMessageLock;
    private final CommitLogRecords records;
    private final DelayLevelTable delayLevelTable;
    private volatile long beginTimeInLock = 0;

    public CommitLog(final DefaultMessageStore store) {
        final MessageStoreConfig config = store.getMessageStoreConfig();
        this.defaultMessageStore = store;
        this.mappedFileQueue = new MappedFileQueue(config.getStorePathCommitLog(),
            config.getMappedFileSizeCommitLog(), store.getAllocateMappedFileService());
        this.flushCommitLogService = config.getFlushDiskType() == FlushDiskType.SYNC_FLUSH
            ? new GroupCommitService(this) : new FlushRealTimeService(this);
        this.commitLogService = new CommitRealTimeService(this);
        this.appendMessageCallback =
            new DefaultAppendMessageCallback(config.getMaxMessageSize(), topicQueueTable);
        this.putMessageLock = config.isUseReentrantLockWhenPutMessage()
            ? new PutMessageReentrantLock() : new PutMessageSpinLock();
        this.delayLevelTable = new DelayLevelTable(config.getMessageDelayLevel());
        this.records = new CommitLogRecords(delayLevelTable);
    }

    public boolean load() {
        final boolean result = this.mappedFileQueue.load();
        log.info("load commit log {}", result ? "OK" : "Failed");
        return result;
    }

    public void start() {
        final MessageStoreConfig config = defaultMessageStore.getMessageStoreConfig();
        if (config.getFlushDiskType() == FlushDiskType.SYNC_FLUSH
            && config.getBrokerRole() != BrokerRole.SLAVE) {
            // an empty log's first file is ordered now, so its blocks are allocated before the
            // first put asks for it (a slave's first file is where its master's log is)
            this.mappedFileQueue.orderFirstFileAhead();
        }
        this.flushCommitLogService.start();
        if (config.isTransientStorePoolEnable()) {
            this.commitLogService.start();
        }
    }

    /** Stops the services; the pool's last commit comes before the last flush. */
    public void shutdown() {
        if (defaultMessageStore.getMessageStoreConfig().isTransientStorePoolEnable()) {
            this.commitLogService.shutdown();
        }
        this.flushCommitLogService.shutdown();
    }

    // tag::ch06-put-message[]
    public PutMessageResult putMessage(final MessageExtBrokerInner msg) {
        msg.setStoreTimestamp(defaultMessageStore.now());
        msg.setBodyCRC(UtilAll.crc32(msg.getBody()));
        rewriteDelayLevel(msg);
        setHostV6Flags(msg);
        AppendMessageResult result;
        // TODO K1: one writer at a time: the commit log is appended strictly
        // in sequence, which is what makes its writes fast and its offsets
        // and queue offsets gap-free
        putMessageLock.lock();
        try {
            final long beginLockTimestamp = defaultMessageStore.now();
            this.beginTimeInLock = beginLockTimestamp;
            msg.setStoreTimestamp(beginLockTimestamp);
            MappedFile mappedFile = this.mappedFileQueue.getLastMappedFile(0);
            if (mappedFile == null) {
                return createFailed(msg);
            }
            result = mappedFile.appendMessage(msg, appendMessageCallback);
            if (result.getStatus() == AppendMessageStatus.END_OF_FILE) {
                mappedFile = this.mappedFileQueue.getLastMappedFile(0);
                if (mappedFile == null) {
                    return createFailed(msg);
                }
                result = mappedFile.appendMessage(msg, appendMessageCallback);
            }
        } finally {
            this.beginTimeInLock = 0;
            putMessageLock.unlock();
        }
        final PutMessageStatus refused = refusal(result);
        if (refused != null) {
            return new PutMessageResult(refused, result);
        }
        final PutMessageResult putResult =
            new PutMessageResult(PutMessageStatus.PUT_OK, result);
        wakeDispatchWhenReadable();
        handleDiskFlush(result, putResult, msg);
        defaultMessageStore.getHaService().handleHA(result, putResult, msg);
        return putResult;
    }
    // end::ch06-put-message[]

    /** A batch of one topic-queue: every record in one file, consecutive queue offsets. */
    public PutMessageResult putMessages(final MessageExtBatch batch) {
        batch.setStoreTimestamp(defaultMessageStore.now());
        final int tranType = MessageSysFlag.getTransactionValue(batch.getSysFlag());
        if (tranType != MessageSysFlag.TRANSACTION_NOT_TYPE) {
            log.warn("a batch can not be a transaction message: sysFlag {}", batch.getSysFlag());
            return new PutMessageResult(PutMessageStatus.MESSAGE_ILLEGAL, null);
        }
        if (batch.getDelayTimeLevel() > 0) {
            log.warn("a batch can not be delayed: DELAY {}", batch.getDelayTimeLevel());
            return new PutMessageResult(PutMessageStatus.MESSAGE_ILLEGAL, null);
        }
        setHostV6Flags(batch);
        try {
            batch.setEncodedBuff(BatchEncoder.encode(batch,
                defaultMessageStore.getMessageStoreConfig().getMaxMessageSize()));
        } catch (IllegalArgumentException e) {
            log.warn("batch to {} refused: {}", batch.getTopic(), e.getMessage());
            return new PutMessageResult(PutMessageStatus.MESSAGE_ILLEGAL, null);
        }
        AppendMessageResult result;
        putMessageLock.lock();
        try {
            final long beginLockTimestamp = defaultMessageStore.now();
            this.beginTimeInLock = beginLockTimestamp;
            batch.setStoreTimestamp(beginLockTimestamp);
            MappedFile mappedFile = this.mappedFileQueue.getLastMappedFile(0);
            if (mappedFile == null) {
                return createFailed(batch);
            }
            result = mappedFile.appendMessages(batch, this.appendMessageCallback);
            if (result.getStatus() == AppendMessageStatus.END_OF_FILE) {
                mappedFile = this.mappedFileQueue.getLastMappedFile(0);
                if (mappedFile == null) {
                    return createFailed(batch);
                }
                result = mappedFile.appendMessages(batch, this.appendMessageCallback);
            }
        } finally {
            this.beginTimeInLock = 0;
            putMessageLock.unlock();
        }
        final PutMessageStatus refused = refusal(result);
        if (refused != null) {
            return new PutMessageResult(refused, result);
        }
        final PutMessageResult putResult = new PutMessageResult(PutMessageStatus.PUT_OK, result);
        wakeDispatchWhenReadable();
        handleDiskFlush(result, putResult, batch);
        defaultMessageStore.getHaService().handleHA(result, putResult, batch);
        return putResult;
    }

    /**
     * Without the transient pool a put is readable at once, so dispatch is woken; with it, the
     * bytes become readable only when CommitRealTimeService has copied them into the file, and
     * that thread wakes dispatch.
     */
    private void wakeDispatchWhenReadable() {
        // TODO K2: waking dispatch for bytes it cannot read yet made it spin through empty
        // passes, one per put, on the core the commit thread needed
        if (!defaultMessageStore.getMessageStoreConfig().isTransientStorePoolEnable()) {
            defaultMessageStore.getReputMessageService().appended();
        }
    }

    /** Null when the append went through, else the status to answer. */
    private static PutMessageStatus refusal(final AppendMessageResult result) {
        return switch (result.getStatus()) {
            case PUT_OK -> null;
            case MESSAGE_SIZE_EXCEEDED, PROPERTIES_SIZE_EXCEEDED -> PutMessageStatus.MESSAGE_ILLEGAL;
            // a second END_OF_FILE: the record is larger than a whole file
            case END_OF_FILE, UNKNOWN_ERROR -> PutMessageStatus.UNKNOWN_ERROR;
        };
    }

    private PutMessageResult createFailed(final MessageExt msg) {
        log.error("create mapped file error, topic: {} clientAddr: {}", msg.getTopic(),
            msg.getBornHostString());
        return new PutMessageResult(PutMessageStatus.CREATE_MAPEDFILE_FAILED, null);
    }

    private static void setHostV6Flags(final MessageExt msg) {
        if (MessageExt.isIPv6(msg.getBornHost())) {
            msg.setBornHostV6Flag();
        }
        if (MessageExt.isIPv6(msg.getStoreHost())) {
            msg.setStoreHostAddressV6Flag();
        }
    }

    // tag::ch06-delay-rewrite[]
    /**
     * Chapter 8's hook: a message with a delay level is parked in queue
     * {@code level - 1} of SCHEDULE_TOPIC_XXXX, its real topic and queue
     * kept in REAL_TOPIC / REAL_QID.
     */
    void rewriteDelayLevel(final MessageExtBrokerInner msg) {
        final int tranType =
            MessageSysFlag.getTransactionValue(msg.getSysFlag());
        if (tranType != MessageSysFlag.TRANSACTION_NOT_TYPE
            && tranType != MessageSysFlag.TRANSACTION_COMMIT_TYPE) {
            return;
        }
        // TODO K1: the level comes from the property MAP; a message the
        // schedule service delivers has DELAY removed from its map but
        // still in its properties string, and must not be parked again
        int level = msg.getDelayTimeLevel();
        if (level <= 0) {
            return;
        }
        level = Math.min(level, delayLevelTable.getMaxDelayLevel());
        msg.setDelayTimeLevel(level);
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_REAL_TOPIC,
            msg.getTopic());
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_REAL_QUEUE_ID,
            String.valueOf(msg.getQueueId()));
        msg.setPropertiesString(
            MessageDecoder.messageProperties2String(msg.getProperties()));
        msg.setTopic(MixAll.SCHEDULE_TOPIC);
        msg.setQueueId(DelayLevelTable.delayLevel2QueueId(level));
    }
    // end::ch06-delay-rewrite[]

    // tag::ch06-flush[]
    /** SYNC_FLUSH waits for the group commit; ASYNC_FLUSH only wakes a flusher. */
    public void handleDiskFlush(final AppendMessageResult result,
        final PutMessageResult putMessageResult, final MessageExt msg) {
        final MessageStoreConfig config =
            defaultMessageStore.getMessageStoreConfig();
        if (config.getFlushDiskType() == FlushDiskType.SYNC_FLUSH) {
            final GroupCommitService service =
                (GroupCommitService) this.flushCommitLogService;
            if (!msg.isWaitStoreMsgOK()) {
                service.wakeup();
                return;
            }
            // TODO K1: SYNC_FLUSH answers only once the bytes are forced to
            // disk, or after syncFlushTimeout with FLUSH_DISK_TIMEOUT
            final GroupCommitRequest request = new GroupCommitRequest(
                result.getWroteOffset() + result.getWroteBytes());
            service.putRequest(request);
            final PutMessageStatus flushStatus =
                awaitFlush(request, config.getSyncFlushTimeout());
            if (flushStatus != PutMessageStatus.PUT_OK) {
                log.error("do groupcommit, wait for flush failed, topic: {}"
                    + " client address: {} syncFlushTimeout {} ms",
                    msg.getTopic(), msg.getBornHostString(),
                    config.getSyncFlushTimeout());
                putMessageResult.setPutMessageStatus(
                    PutMessageStatus.FLUSH_DISK_TIMEOUT);
            }
        } else if (!config.isTransientStorePoolEnable()) {
            // TODO K1: ASYNC_FLUSH answers from the page cache at once; a crash
            // of the machine (not of the process) can lose the last 500 ms
            wakeFlusherWhenDue(result);
        } else {
            // TODO K1: with the transient pool a message is not even in the
            // page cache yet: the commit thread copies it there first
            commitLogService.wakeup();
        }
    }
    // end::ch06-flush[]

    /**
     * Wakes the async flusher once {@link #ASYNC_FLUSH_WAKE_BYTES} wait; 4.7.1
     * wakes it on every put, and it then forces every 16 KiB.
     */
    private void wakeFlusherWhenDue(final AppendMessageResult result) {
        final long end = result.getWroteOffset() + result.getWroteBytes();
        if (end - mappedFileQueue.getFlushedWhere() >= ASYNC_FLUSH_WAKE_BYTES) {
            flushCommitLogService.wakeup();
        }
    }

    private static PutMessageStatus awaitFlush(final GroupCommitRequest request,
        final long timeoutMs) {
        try {
            return request.future().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PutMessageStatus.FLUSH_DISK_TIMEOUT;
        } catch (ExecutionException | TimeoutException e) {
            return PutMessageStatus.FLUSH_DISK_TIMEOUT;
        }
    }

    /** The record (or records) at {@code offset}, {@code size} bytes; null if not readable. */
    public SelectMappedBufferResult getMessage(final long offset, final int size) {
        // TODO K2: 4.7.1 falls back to the first file for offset 0, which serves another
        // message once file 0 is deleted; a record is read only from its own file here
        final MappedFile mappedFile = this.mappedFileQueue.findMappedFileByOffset(offset, false);
        if (mappedFile == null) {
            return null;
        }
        final int pos = (int) (offset % mappedFileQueue.getMappedFileSize());
        return mappedFile.selectMappedBuffer(pos, size);
    }

    /** Everything readable from {@code offset} to the end of its file (dispatch, HA). */
    public SelectMappedBufferResult getData(final long offset) {
        return getData(offset, offset == 0);
    }

    public SelectMappedBufferResult getData(final long offset, final boolean returnFirstOnNotFound) {
        final MappedFile mappedFile =
            this.mappedFileQueue.findMappedFileByOffset(offset, returnFirstOnNotFound);
        if (mappedFile == null) {
            return null;
        }
        return mappedFile.selectMappedBuffer((int) (offset % mappedFileQueue.getMappedFileSize()));
    }

    /** Store time of the record at {@code offset}; -1 when it is gone. */
    public long pickupStoreTimestamp(final long offset, final int size) {
        if (offset < this.getMinOffset()) {
            return -1;
        }
        final SelectMappedBufferResult result = this.getMessage(offset, size);
        if (result == null) {
            return -1;
        }
        try {
            final ByteBuffer rec = result.getByteBuffer();
            final int sysFlag = rec.getInt(MessageDecoder.SYSFLAG_POSITION);
            return rec.getLong(MessageDecoder.storeTimestampPosition(sysFlag));
        } finally {
            result.release();
        }
    }

    /** Appends replicated bytes at {@code startOffset} (an HA slave); false if they do not fit. */
    public boolean appendData(final long startOffset, final byte[] data) {
        putMessageLock.lock();
        try {
            final MappedFile mappedFile = this.mappedFileQueue.getLastMappedFile(startOffset);
            if (mappedFile == null) {
                log.error("appendData getLastMappedFile error {}", startOffset);
                return false;
            }
            if (!mappedFile.appendMessage(data)) {
                log.error("appendData: {} bytes at {} do not fit in file {}", data.length,
                    startOffset, mappedFile.getFileName());
                return false;
            }
        } finally {
            putMessageLock.unlock();
        }
        defaultMessageStore.getReputMessageService().appended();
        return true;
    }

    DispatchRequest checkMessageAndReturnSize(final ByteBuffer byteBuffer, final boolean checkCRC) {
        return records.checkMessageAndReturnSize(byteBuffer, checkCRC);
    }

    /** The commit-log offset where the file after the one holding {@code offset} begins. */
    public long rollNextFile(final long offset) {
        final int mappedFileSize = mappedFileQueue.getMappedFileSize();
        return offset + mappedFileSize - offset % mappedFileSize;
    }

    /** Offset of the first byte still stored; -1 when the log is empty. */
    public long getMinOffset() {
        final MappedFile mappedFile = this.mappedFileQueue.getFirstMappedFile();
        if (mappedFile == null) {
            return -1;
        }
        return mappedFile.isAvailable() ? mappedFile.getFileFromOffset()
            : this.rollNextFile(mappedFile.getFileFromOffset());
    }

    public long getMaxOffset() {
        return this.mappedFileQueue.getMaxOffset();
    }

    public long flush() {
        this.mappedFileQueue.commit(0);
        this.mappedFileQueue.flush(0);
        return this.mappedFileQueue.getFlushedWhere();
    }

    public int deleteExpiredFile(final long now, final long expiredTime,
        final int deleteFilesInterval, final long intervalForcibly,
        final boolean cleanImmediately) {
        return this.mappedFileQueue.deleteExpiredFileByTime(now, expiredTime,
            deleteFilesInterval, intervalForcibly, cleanImmediately);
    }

    public boolean retryDeleteFirstFile(final long intervalForcibly) {
        return this.mappedFileQueue.retryDeleteFirstFile(intervalForcibly);
    }

    public void removeQueueFromTopicQueueTable(final String topic, final int queueId) {
        this.topicQueueTable.remove(topic + '-' + queueId);
        log.info("removeQueueFromTopicQueueTable OK Topic: {} QueueId: {}", topic, queueId);
    }

    public void setTopicQueueTable(final Map<String, Long> table) {
        this.topicQueueTable.clear();
        this.topicQueueTable.putAll(table);
    }

    public Map<String, Long> getTopicQueueTable() {
        return topicQueueTable;
    }

    /** When the put holding the lock took it (0 when none does): OS_PAGECACHE_BUSY's clock. */
    public long getBeginTimeInLock() {
        return beginTimeInLock;
    }

    public long lockTimeMills() {
        final long begin = this.beginTimeInLock;
        return begin > 0 ? defaultMessageStore.now() - begin : 0;
    }

    public void destroy() {
        this.mappedFileQueue.destroy();
    }

    public MappedFileQueue getMappedFileQueue() {
        return mappedFileQueue;
    }

    public FlushCommitLogService getFlushCommitLogService() {
        return flushCommitLogService;
    }

    public DelayLevelTable getDelayLevelTable() {
        return delayLevelTable;
    }

    DefaultMessageStore getStore() {
        return defaultMessageStore;
    }
}
