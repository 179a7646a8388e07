package org.mqbook.store.index;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The 40-byte header of an {@link IndexFile}:
 * <pre>
 *  pos  size  field
 *    0     8  beginTimestamp   store time of the first indexed message
 *    8     8  endTimestamp     store time of the last indexed message
 *   16     8  beginPhyOffset   commit-log offset of the first indexed message
 *   24     8  endPhyOffset     commit-log offset of the last indexed message
 *   32     4  hashSlotCount    slots in use
 *   36     4  indexCount       next item number; starts at 1 (item 0 is never used)
 * </pre>
 * Big-endian. Thread-safety: fields are atomic; one writer (the dispatch thread).
 */
public class IndexHeader {
    public static final int INDEX_HEADER_SIZE = 40;
    public static final int BEGIN_TIMESTAMP_INDEX = 0;
    public static final int END_TIMESTAMP_INDEX = 8;
    public static final int BEGIN_PHY_OFFSET_INDEX = 16;
    public static final int END_PHY_OFFSET_INDEX = 24;
    public static final int HASH_SLOT_COUNT_INDEX = 32;
    public static final int INDEX_COUNT_INDEX = 36;

    private final ByteBuffer byteBuffer;
    private final AtomicLong beginTimestamp = new AtomicLong(0);
    private final AtomicLong endTimestamp = new AtomicLong(0);
    private final AtomicLong beginPhyOffset = new AtomicLong(0);
    private final AtomicLong endPhyOffset = new AtomicLong(0);
    private final AtomicInteger hashSlotCount = new AtomicInteger(0);
    private final AtomicInteger indexCount = new AtomicInteger(1);

    public IndexHeader(final ByteBuffer byteBuffer) {
        this.byteBuffer = byteBuffer;
    }

    /** Reads the header of an existing file. */
    public void load() {
        this.beginTimestamp.set(byteBuffer.getLong(BEGIN_TIMESTAMP_INDEX));
        this.endTimestamp.set(byteBuffer.getLong(END_TIMESTAMP_INDEX));
        this.beginPhyOffset.set(byteBuffer.getLong(BEGIN_PHY_OFFSET_INDEX));
        this.endPhyOffset.set(byteBuffer.getLong(END_PHY_OFFSET_INDEX));
        this.hashSlotCount.set(byteBuffer.getInt(HASH_SLOT_COUNT_INDEX));
        this.indexCount.set(Math.max(1, byteBuffer.getInt(INDEX_COUNT_INDEX)));
    }

    /** Writes the header into the file's first 40 bytes. */
    public void updateByteBuffer() {
        this.byteBuffer.putLong(BEGIN_TIMESTAMP_INDEX, this.beginTimestamp.get());
        this.byteBuffer.putLong(END_TIMESTAMP_INDEX, this.endTimestamp.get());
        this.byteBuffer.putLong(BEGIN_PHY_OFFSET_INDEX, this.beginPhyOffset.get());
        this.byteBuffer.putLong(END_PHY_OFFSET_INDEX, this.endPhyOffset.get());
        this.byteBuffer.putInt(HASH_SLOT_COUNT_INDEX, this.hashSlotCount.get());
        this.byteBuffer.putInt(INDEX_COUNT_INDEX, this.indexCount.get());
    }

    public long getBeginTimestamp() {
        return beginTimestamp.get();
    }

    public void setBeginTimestamp(final long value) {
        this.beginTimestamp.set(value);
    }

    public long getEndTimestamp() {
        return endTimestamp.get();
    }

    public void setEndTimestamp(final long value) {
        this.endTimestamp.set(value);
    }

    public long getBeginPhyOffset() {
        return beginPhyOffset.get();
    }

    public void setBeginPhyOffset(final long value) {
        this.beginPhyOffset.set(value);
    }

    public long getEndPhyOffset() {
        return endPhyOffset.get();
    }

    public void setEndPhyOffset(final long value) {
        this.endPhyOffset.set(value);
    }

    public int getHashSlotCount() {
        return hashSlotCount.get();
    }

    public void incHashSlotCount() {
        this.hashSlotCount.incrementAndGet();
    }

    public int getIndexCount() {
        return indexCount.get();
    }

    public void incIndexCount() {
        this.indexCount.incrementAndGet();
    }
}
