package org.mqbook.store;

import java.io.File;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// tag::ch06-cq-layout[]
/**
 * One consume queue: the index of one topic's queue into the commit log,
 * in {@code consumequeue/<topic>/<queueId>/}. Fixed 20-byte units; unit n
 * (queue offset n, what consumers count) is at byte {@code n * 20}.
 * <pre>
 *  pos  size  field
 *    0     8  commit-log offset of the message
 *    8     4  stored record size
 *   12     8  tagsCode: hash of TAGS (delivery time in SCHEDULE_TOPIC_XXXX)
 * </pre>
 * Big-endian. An all-zero unit (offset 0 size 0) marks the end during
 * recovery. Max offset = units written; min offset = first unit whose
 * message still exists.
 *
 * Thread-safety: one writer (the dispatch thread), many readers, which
 * hold a file through {@link #getIndexBuffer}. Read next:
 * {@link ReputMessageService}, then {@link GetMessageService}.
 */
public class ConsumeQueue {
    public static final int CQ_STORE_UNIT_SIZE = 20;
    public static final int UNIT_OFFSET_POSITION = 0;
    public static final int UNIT_SIZE_POSITION = 8;
    public static final int UNIT_TAGS_CODE_POSITION = 12;
    // end::ch06-cq-layout[]
    private static final Logger log = LoggerFactory.getLogger(ConsumeQueue.class);

    private final DefaultMessageStore defaultMessageStore;
    private final MappedFileQueue mappedFileQueue;
    private final String topic;
    private final int queueId;
    private final ByteBuffer byteBufferIndex = ByteBuffer.allocate(CQ_STORE_UNIT_SIZE);
    private final int mappedFileSize;
    /** End (offset + size) of the last message this queue points to. */
    private volatile long maxPhysicOffset = -1;
    /** Byte position (units × 20) of the first unit whose message still exists. */
    private volatile long minLogicOffset = 0;

    public ConsumeQueue(final String topic, final int queueId, final String storePath,
        final int mappedFileSize, final DefaultMessageStore defaultMessageStore) {
        this.topic = topic;
        this.queueId = queueId;
        this.mappedFileSize = mappedFileSize;
        this.defaultMessageStore = defaultMessageStore;
        final String queueDir = storePath + File.separator + topic + File.separator + queueId;
        this.mappedFileQueue = new MappedFileQueue(queueDir, mappedFileSize, null);
    }

    public boolean load() {
        final boolean result = this.mappedFileQueue.load();
        log.info("load consume queue {}-{} {}", topic, queueId, result ? "OK" : "Failed");
        return result;
    }

    /**
     * Finds the end of the queue: scans from the third-to-last file until a unit has
     * {@code offset < 0} or {@code size <= 0}, and cuts there.
     */
    public void recover() {
        final List<MappedFile> mappedFiles = this.mappedFileQueue.getMappedFiles();
        if (mappedFiles.isEmpty()) {
            return;
        }
        int index = Math.max(0, mappedFiles.size() - 3);
        MappedFile mappedFile = mappedFiles.get(index);
        ByteBuffer byteBuffer = mappedFile.sliceByteBuffer();
        long processOffset = mappedFile.getFileFromOffset();
        long mappedFileOffset = 0;
        while (true) {
            for (int i = 0; i < mappedFileSize; i += CQ_STORE_UNIT_SIZE) {
                final long offset = byteBuffer.getLong();
                final int size = byteBuffer.getInt();
                byteBuffer.getLong();
                if (offset >= 0 && size > 0) {
                    mappedFileOffset = i + CQ_STORE_UNIT_SIZE;
                    this.maxPhysicOffset = offset + size;
                } else {
                    break;
                }
            }
            if (mappedFileOffset == mappedFileSize && index + 1 < mappedFiles.size()) {
                index++;
                mappedFile = mappedFiles.get(index);
                byteBuffer = mappedFile.sliceByteBuffer();
                processOffset = mappedFile.getFileFromOffset();
                mappedFileOffset = 0;
            } else {
                break;
            }
        }
        processOffset += mappedFileOffset;
        log.info("recover consume queue {}-{} up to {}, maxPhysicOffset {}", topic, queueId,
            processOffset, maxPhysicOffset);
        this.mappedFileQueue.setFlushedWhere(processOffset);
        this.mappedFileQueue.setCommittedWhere(processOffset);
        this.mappedFileQueue.truncateDirtyFiles(processOffset);
    }

    /**
     * Removes every unit whose message starts at or after commit-log offset {@code phyOffset}
     * (the commit log was cut there), newest file first.
     */
    public void truncateDirtyLogicFiles(final long phyOffset) {
        this.maxPhysicOffset = phyOffset;
        while (true) {
            final MappedFile mappedFile = this.mappedFileQueue.getLastMappedFile();
            if (mappedFile == null) {
                return;
            }
            final ByteBuffer byteBuffer = mappedFile.sliceByteBuffer();
            int keep = 0;
            for (int i = 0; i < mappedFileSize; i += CQ_STORE_UNIT_SIZE) {
                final long offset = byteBuffer.getLong(i + UNIT_OFFSET_POSITION);
                final int size = byteBuffer.getInt(i + UNIT_SIZE_POSITION);
                if (offset < 0 || size <= 0 || offset >= phyOffset) {
                    break;
                }
                keep = i + CQ_STORE_UNIT_SIZE;
                this.maxPhysicOffset = offset + size;
            }
            if (keep == 0) {
                this.mappedFileQueue.deleteLastMappedFile();
                continue;
            }
            mappedFile.setWrotePosition(keep);
            mappedFile.setCommittedPosition(keep);
            mappedFile.setFlushedPosition(Math.min(keep, mappedFile.getFlushedPosition()));
            mappedFile.zeroFrom(keep);
            return;
        }
    }

    /** Commit-log offset of the last unit's message; -1 when the queue is empty. */
    public long getLastOffset() {
        final MappedFile mappedFile = this.mappedFileQueue.getLastMappedFile();
        if (mappedFile == null) {
            return -1;
        }
        final int position = mappedFile.getWrotePosition() - CQ_STORE_UNIT_SIZE;
        if (position < 0) {
            return -1;
        }
        final SelectMappedBufferResult unit =
            mappedFile.selectMappedBuffer(position, CQ_STORE_UNIT_SIZE);
        if (unit == null) {
            return -1;
        }
        try {
            return unit.getByteBuffer().getLong(UNIT_OFFSET_POSITION);
        } finally {
            unit.release();
        }
    }

    public boolean flush(final int flushLeastPages) {
        return this.mappedFileQueue.flush(flushLeastPages);
    }

    /** Deletes files whose messages are all below commit-log offset {@code offset}. */
    public int deleteExpiredFile(final long offset) {
        final int cnt = this.mappedFileQueue.deleteExpiredFileByOffset(offset, CQ_STORE_UNIT_SIZE);
        this.correctMinOffset(offset);
        return cnt;
    }

    /** Moves the min offset to the first unit whose message is at or after {@code phyMinOffset}. */
    public void correctMinOffset(final long phyMinOffset) {
        final MappedFile mappedFile = this.mappedFileQueue.getFirstMappedFile();
        if (mappedFile == null) {
            return;
        }
        final SelectMappedBufferResult result = mappedFile.selectMappedBuffer(0);
        if (result == null) {
            return;
        }
        try {
            final ByteBuffer units = result.getByteBuffer();
            for (int i = 0; i + CQ_STORE_UNIT_SIZE <= result.getSize(); i += CQ_STORE_UNIT_SIZE) {
                final long offsetPy = units.getLong(i + UNIT_OFFSET_POSITION);
                if (offsetPy >= phyMinOffset) {
                    this.minLogicOffset = mappedFile.getFileFromOffset() + i;
                    log.info("compute logics min offset: {}, topic: {}, queueId: {}",
                        this.getMinOffsetInQueue(), this.topic, this.queueId);
                    return;
                }
            }
            // every unit of the first file is gone: the queue starts at the next file
            this.minLogicOffset = mappedFile.getFileFromOffset() + result.getSize();
        } finally {
            result.release();
        }
    }

    /**
     * Appends the unit for one dispatched message, retrying a failed write up to 30 times;
     * then marks the store's logic queues broken (writes refused).
     */
    public void putMessagePositionInfoWrapper(final DispatchRequest request) {
        final int maxRetries = 30;
        final boolean canWrite = defaultMessageStore.getRunningFlags().isCQWriteable();
        for (int i = 0; i < maxRetries && canWrite; i++) {
            if (this.putMessagePositionInfo(request.getCommitLogOffset(), request.getMsgSize(),
                request.getTagsCode(), request.getConsumeQueueOffset())) {
                defaultMessageStore.getStoreCheckpoint()
                    .setLogicsMsgTimestamp(request.getStoreTimestamp());
                return;
            }
            log.warn("[BUG]put commit log position info to {}:{} failed, retry {} times",
                topic, queueId, i);
            sleep(1000);
        }
        log.error("[BUG]consume queue can not write, {} {}", this.topic, this.queueId);
        this.defaultMessageStore.getRunningFlags().makeLogicsQueueError();
    }

    // tag::ch06-cq-put[]
    private boolean putMessagePositionInfo(final long offset, final int size,
        final long tagsCode, final long cqOffset) {
        // TODO K1: recovery may dispatch a record twice; the queue's
        // high-water mark makes the second time a no-op
        if (offset + size <= this.maxPhysicOffset) {
            log.debug("Maybe try to build consume queue repeatedly "
                + "maxPhysicOffset={} phyOffset={}", maxPhysicOffset, offset);
            return true;
        }
        this.byteBufferIndex.clear();
        this.byteBufferIndex.putLong(offset);
        this.byteBufferIndex.putInt(size);
        this.byteBufferIndex.putLong(tagsCode);
        // TODO K1: the unit's place is fixed by its queue offset, which
        // the commit log assigned under putMessageLock
        final long expectLogicOffset = cqOffset * CQ_STORE_UNIT_SIZE;
        final MappedFile mappedFile =
            this.mappedFileQueue.getLastMappedFile(expectLogicOffset);
        if (mappedFile == null) {
            return false;
        }
        if (mappedFile.isFirstCreateInQueue() && cqOffset != 0
            && mappedFile.getWrotePosition() == 0) {
            this.minLogicOffset = expectLogicOffset;
            this.mappedFileQueue.setFlushedWhere(expectLogicOffset);
            this.mappedFileQueue.setCommittedWhere(expectLogicOffset);
            this.fillPreBlank(mappedFile, expectLogicOffset);
        }
        if (cqOffset != 0) {
            final long currentLogicOffset =
                mappedFile.getWrotePosition() + mappedFile.getFileFromOffset();
            if (expectLogicOffset < currentLogicOffset) {
                log.warn("Build consume queue repeatedly, expectLogicOffset: {}"
                    + " currentLogicOffset: {} Topic: {} QID: {}",
                    expectLogicOffset, currentLogicOffset, topic, queueId);
                return true;
            }
            if (expectLogicOffset != currentLogicOffset) {
                log.error("[BUG]logic queue order maybe wrong, "
                    + "expectLogicOffset: {} currentLogicOffset: {} "
                    + "Topic: {} QID: {}", expectLogicOffset,
                    currentLogicOffset, topic, queueId);
            }
        }
        this.maxPhysicOffset = offset + size;
        return mappedFile.appendMessage(this.byteBufferIndex.array());
    }
    // end::ch06-cq-put[]

    /**
     * A queue whose first file starts late (its earlier files expired while it was not loaded)
     * gets placeholder units up to {@code untilWhere}: offset 0, size Integer.MAX_VALUE.
     */
    private void fillPreBlank(final MappedFile mappedFile, final long untilWhere) {
        final ByteBuffer byteBuffer = ByteBuffer.allocate(CQ_STORE_UNIT_SIZE);
        byteBuffer.putLong(0L);
        byteBuffer.putInt(Integer.MAX_VALUE);
        byteBuffer.putLong(0L);
        final int until = (int) (untilWhere % this.mappedFileQueue.getMappedFileSize());
        for (int i = 0; i < until; i += CQ_STORE_UNIT_SIZE) {
            mappedFile.appendMessage(byteBuffer.array());
        }
    }

    /**
     * The units from queue offset {@code startIndex} to the end of its file, holding the file;
     * null when that unit is below the min offset or its file is gone.
     */
    public SelectMappedBufferResult getIndexBuffer(final long startIndex) {
        final long offset = startIndex * CQ_STORE_UNIT_SIZE;
        if (offset >= this.getMinLogicOffset()) {
            final MappedFile mappedFile = this.mappedFileQueue.findMappedFileByOffset(offset);
            if (mappedFile != null) {
                return mappedFile.selectMappedBuffer((int) (offset % mappedFileSize));
            }
        }
        return null;
    }

    /** The first queue offset of the file after the one holding {@code index}. */
    public long rollNextFile(final long index) {
        final int totalUnitsInFile = mappedFileSize / CQ_STORE_UNIT_SIZE;
        return index + totalUnitsInFile - index % totalUnitsInFile;
    }

    /**
     * The queue offset whose message was stored closest to {@code timestamp} (binary search in
     * the first file modified at or after it; the exact match, else the nearer neighbour).
     */
    public long getOffsetInQueueByTime(final long timestamp) {
        final MappedFile mappedFile = this.mappedFileQueue.getMappedFileByTime(timestamp);
        if (mappedFile == null) {
            return 0;
        }
        final SelectMappedBufferResult sbr = mappedFile.selectMappedBuffer(0);
        if (sbr == null) {
            return 0;
        }
        try {
            return mappedFile.getFileFromOffset() / CQ_STORE_UNIT_SIZE
                + QueueTimeSearch.search(sbr.getByteBuffer(), sbr.getSize(),
                    Math.max(0, minLogicOffset - mappedFile.getFileFromOffset()), timestamp,
                    defaultMessageStore.getMinPhyOffset(), defaultMessageStore.getCommitLog());
        } finally {
            sbr.release();
        }
    }

    public void destroy() {
        this.maxPhysicOffset = -1;
        this.minLogicOffset = 0;
        this.mappedFileQueue.destroy();
    }

    /** Unmaps without deleting (store shutdown). */
    void shutdown() {
        this.mappedFileQueue.shutdown(1000 * 3);
    }

    public long getMessageTotalInQueue() {
        return this.getMaxOffsetInQueue() - this.getMinOffsetInQueue();
    }

    public long getMinOffsetInQueue() {
        return this.minLogicOffset / CQ_STORE_UNIT_SIZE;
    }

    /** Units written: the next queue offset. */
    public long getMaxOffsetInQueue() {
        return this.mappedFileQueue.getMaxOffset() / CQ_STORE_UNIT_SIZE;
    }

    public long getMinLogicOffset() {
        return minLogicOffset;
    }

    public void setMinLogicOffset(final long minLogicOffset) {
        this.minLogicOffset = minLogicOffset;
    }

    public long getMaxPhysicOffset() {
        return maxPhysicOffset;
    }

    public void setMaxPhysicOffset(final long maxPhysicOffset) {
        this.maxPhysicOffset = maxPhysicOffset;
    }

    public String getTopic() {
        return topic;
    }

    public int getQueueId() {
        return queueId;
    }

    public MappedFileQueue getMappedFileQueue() {
        return mappedFileQueue;
    }

    private static void sleep(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
