package org.mqbook.store.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.mqbook.store.MappedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// tag::ch06-index-layout[]
/**
 * One index file, {@code index/<yyyyMMddHHmmssSSS>}: a hash table on disk
 * from message keys to commit-log offsets, chained through its items.
 * <pre>
 *  | header 40 B | hashSlotNum slots × 4 B | indexNum items × 20 B |
 *
 *  slot s (4)   number of the newest item whose key hashes to s; 0 = none
 *  item k (20)  at 40 + hashSlotNum*4 + k*20
 *     0  4  keyHash     abs(key.hashCode()), 0 if that overflows
 *     4  8  phyOffset   commit-log offset of the message
 *    12  4  timeDiff    (storeTimestamp - beginTimestamp) / 1000, seconds
 *    16  4  prevIndex   the slot's previous item; 0 ends the chain
 * </pre>
 * Keys are "topic#UNIQ_KEY" and "topic#word" for each word of KEYS.
 * Thread-safety: one writer (the dispatch thread), readers hold the file.
 * Read next: {@link IndexService}.
 */
public class IndexFile {
    public static final int HASH_SLOT_SIZE = 4;
    public static final int INDEX_SIZE = 20;
    public static final int INVALID_INDEX = 0;
    // end::ch06-index-layout[]
    private static final Logger log = LoggerFactory.getLogger(IndexFile.class);

    private final int hashSlotNum;
    private final int indexNum;
    private final MappedFile mappedFile;
    private final ByteBuffer mappedByteBuffer;
    private final IndexHeader indexHeader;

    /**
     * Maps (creating if needed) an index file; a new file continues the previous one's end
     * ({@code endPhyOffset}, {@code endTimestamp}; 0 for the first).
     */
    public IndexFile(final String fileName, final int hashSlotNum, final int indexNum,
        final long endPhyOffset, final long endTimestamp) throws IOException {
        final int fileTotalSize = IndexHeader.INDEX_HEADER_SIZE + (hashSlotNum * HASH_SLOT_SIZE)
            + (indexNum * INDEX_SIZE);
        this.mappedFile = new MappedFile(fileName, fileTotalSize);
        this.mappedByteBuffer = this.mappedFile.sliceByteBuffer();
        this.hashSlotNum = hashSlotNum;
        this.indexNum = indexNum;
        this.indexHeader = new IndexHeader(this.mappedByteBuffer);
        if (endPhyOffset > 0) {
            this.indexHeader.setBeginPhyOffset(endPhyOffset);
            this.indexHeader.setEndPhyOffset(endPhyOffset);
        }
        if (endTimestamp > 0) {
            this.indexHeader.setBeginTimestamp(endTimestamp);
            this.indexHeader.setEndTimestamp(endTimestamp);
        }
    }

    public void load() {
        this.indexHeader.load();
    }

    public void flush() {
        if (this.mappedFile.hold()) {
            this.indexHeader.updateByteBuffer();
            this.mappedFile.force();
            this.mappedFile.release();
        }
    }

    public boolean isWriteFull() {
        return this.indexHeader.getIndexCount() >= this.indexNum;
    }

    public boolean destroy(final long intervalForcibly) {
        return this.mappedFile.destroy(intervalForcibly);
    }

    /** Unmaps without deleting. */
    public void shutdown() {
        this.flush();
        this.mappedFile.shutdown(1000 * 3);
    }

    // tag::ch06-index-put[]
    /** Adds one key; false when the file is full (the caller starts a new one). */
    public boolean putKey(final String key, final long phyOffset,
        final long storeTimestamp) {
        if (this.indexHeader.getIndexCount() >= this.indexNum) {
            return false;
        }
        final int keyHash = indexKeyHashMethod(key);
        final int slotPos = keyHash % this.hashSlotNum;
        final int absSlotPos =
            IndexHeader.INDEX_HEADER_SIZE + slotPos * HASH_SLOT_SIZE;
        int slotValue = this.mappedByteBuffer.getInt(absSlotPos);
        if (slotValue <= INVALID_INDEX
            || slotValue > this.indexHeader.getIndexCount()) {
            slotValue = INVALID_INDEX;
        }
        long timeDiff = storeTimestamp - this.indexHeader.getBeginTimestamp();
        timeDiff = this.indexHeader.getBeginTimestamp() <= 0 ? 0
            : Math.max(0, Math.min(Integer.MAX_VALUE, timeDiff / 1000));
        final int indexCount = this.indexHeader.getIndexCount();
        final int absIndexPos = IndexHeader.INDEX_HEADER_SIZE
            + this.hashSlotNum * HASH_SLOT_SIZE + indexCount * INDEX_SIZE;
        // TODO K1: the new item points at the slot's previous item, then the
        // slot points at the new item: a chain, newest first, per slot
        this.mappedByteBuffer.putInt(absIndexPos, keyHash);
        this.mappedByteBuffer.putLong(absIndexPos + 4, phyOffset);
        this.mappedByteBuffer.putInt(absIndexPos + 4 + 8, (int) timeDiff);
        this.mappedByteBuffer.putInt(absIndexPos + 4 + 8 + 4, slotValue);
        this.mappedByteBuffer.putInt(absSlotPos, indexCount);
        if (indexCount <= 1) {
            this.indexHeader.setBeginPhyOffset(phyOffset);
            this.indexHeader.setBeginTimestamp(storeTimestamp);
        }
        if (slotValue == INVALID_INDEX) {
            this.indexHeader.incHashSlotCount();
        }
        this.indexHeader.incIndexCount();
        this.indexHeader.setEndPhyOffset(phyOffset);
        this.indexHeader.setEndTimestamp(storeTimestamp);
        this.indexHeader.updateByteBuffer();
        return true;
    }
    // end::ch06-index-put[]

    public static int indexKeyHashMethod(final String key) {
        final int keyHashPositive = Math.abs(key.hashCode());
        // TODO K2: abs(Integer.MIN_VALUE) is still negative; 4.7.1 maps it to 0
        return keyHashPositive < 0 ? 0 : keyHashPositive;
    }

    /** Whether this file's time range overlaps [begin, end]. */
    public boolean isTimeMatched(final long begin, final long end) {
        final long fileBegin = this.indexHeader.getBeginTimestamp();
        final long fileEnd = this.indexHeader.getEndTimestamp();
        return (begin < fileBegin && end > fileEnd)
            || (begin >= fileBegin && begin <= fileEnd)
            || (end >= fileBegin && end <= fileEnd);
    }

    // tag::ch06-index-select[]
    /**
     * Adds to {@code phyOffsets} (up to {@code maxNum}) the offsets of items whose keyHash
     * equals the key's and whose time is in [begin, end]. Different keys with one hash
     * all match: the client re-checks the key.
     */
    public void selectPhyOffset(final List<Long> phyOffsets, final String key,
        final int maxNum, final long begin, final long end) {
        if (!this.mappedFile.hold()) {
            return;
        }
        try {
            final int keyHash = indexKeyHashMethod(key);
            final int slotPos = keyHash % this.hashSlotNum;
            final int absSlotPos =
                IndexHeader.INDEX_HEADER_SIZE + slotPos * HASH_SLOT_SIZE;
            final int slotValue = mappedByteBuffer.getInt(absSlotPos);
            final int indexCount = this.indexHeader.getIndexCount();
            if (slotValue <= INVALID_INDEX || slotValue > indexCount
                || indexCount <= 1) {
                return;
            }
            for (int next = slotValue; phyOffsets.size() < maxNum; ) {
                final int absIndexPos = IndexHeader.INDEX_HEADER_SIZE
                    + this.hashSlotNum * HASH_SLOT_SIZE + next * INDEX_SIZE;
                final ByteBuffer buf = this.mappedByteBuffer;
                final int keyHashRead = buf.getInt(absIndexPos);
                final long phyOffsetRead = buf.getLong(absIndexPos + 4);
                final long timeDiff = buf.getInt(absIndexPos + 4 + 8);
                final int prevIndexRead = buf.getInt(absIndexPos + 4 + 8 + 4);
                if (timeDiff < 0) {
                    break;
                }
                final long timeRead =
                    indexHeader.getBeginTimestamp() + timeDiff * 1000L;
                if (keyHash == keyHashRead
                    && timeRead >= begin && timeRead <= end) {
                    phyOffsets.add(phyOffsetRead);
                }
                // TODO K2: the chain is newest first, so a time before begin ends it
                if (prevIndexRead <= INVALID_INDEX || prevIndexRead > indexCount
                    || prevIndexRead == next || timeRead < begin) {
                    break;
                }
                next = prevIndexRead;
            }
        } finally {
            this.mappedFile.release();
        }
    }
    // end::ch06-index-select[]

    public long getBeginTimestamp() {
        return this.indexHeader.getBeginTimestamp();
    }

    public long getEndTimestamp() {
        return this.indexHeader.getEndTimestamp();
    }

    public long getEndPhyOffset() {
        return this.indexHeader.getEndPhyOffset();
    }

    public IndexHeader getIndexHeader() {
        return indexHeader;
    }

    public String getFileName() {
        return this.mappedFile.getFileName();
    }

    public int getHashSlotNum() {
        return hashSlotNum;
    }

    public int getIndexNum() {
        return indexNum;
    }
}
