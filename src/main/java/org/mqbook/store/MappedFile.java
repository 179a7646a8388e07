package org.mqbook.store;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.config.FlushDiskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fixed-size store file, memory-mapped whole, named by the offset of its first byte in the
 * whole log (20 digits: {@code 00000000001073741824}). Three positions, in file bytes:
 * <pre>
 *  0            flushed        committed      wrote                   fileSize
 *  |== on disk ==|== in page cache ==|= in writeBuffer =|--- free ---|
 * </pre>
 * Without a {@link TransientStorePool} writes go straight into the mapping, "committed" is
 * "wrote", and readers see everything up to {@code wrote}. With the pool, writes go into an
 * off-heap {@code writeBuffer}, {@link #commit} copies them into the file channel, and readers
 * see up to {@code committed} ({@link #getReadPosition()}). {@link #flush} forces the page cache
 * to disk and advances {@code flushed}.
 *
 * <p>Thread-safety: one writer (under putMessageLock, or the consume queue's dispatcher), one
 * committer and one flusher may run at once; positions are atomic. Readers must
 * {@link #selectMappedBuffer select} a window, which holds the file; the file is unmapped only
 * after {@link #destroy} or {@link #shutdown} and the last release. Read next:
 * {@link MappedFileQueue}.
 */
public class MappedFile extends ReferenceResource {
    public static final int OS_PAGE_SIZE = 1024 * 4;
    /** How many zeros {@link #preallocate} writes per call. */
    private static final int ZERO_CHUNK = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(MappedFile.class);
    private static final AtomicLong TOTAL_MAPPED_VIRTUAL_MEMORY = new AtomicLong(0);
    private static final AtomicInteger TOTAL_MAPPED_FILES = new AtomicInteger(0);

    protected final AtomicInteger wrotePosition = new AtomicInteger(0);
    protected final AtomicInteger committedPosition = new AtomicInteger(0);
    private final AtomicInteger flushedPosition = new AtomicInteger(0);
    protected final int fileSize;
    protected final FileChannel fileChannel;
    /** Off-heap buffer from the pool; null without the pool or once the file is committed. */
    protected volatile ByteBuffer writeBuffer;
    protected TransientStorePool transientStorePool;
    private final String fileName;
    private final long fileFromOffset;
    private final File file;
    private final MappedByteBuffer mappedByteBuffer;
    private volatile boolean wroteThroughChannel;
    private volatile boolean preallocated;
    private volatile long storeTimestamp = 0;
    private boolean firstCreateInQueue = false;

    public MappedFile(final String fileName, final int fileSize) throws IOException {
        this.fileName = fileName;
        this.fileSize = fileSize;
        this.file = new File(fileName);
        this.fileFromOffset = Long.parseLong(this.file.getName());
        final File dir = this.file.getParentFile();
        if (dir != null && !dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
            throw new IOException("cannot create directory " + dir);
        }
        // TODO K2: mapping past the end makes the file fileSize long at once, sparse on disk
        this.fileChannel = FileChannel.open(this.file.toPath(), StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            this.mappedByteBuffer = fileChannel.map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
        } catch (IOException | RuntimeException e) {
            log.error("could not map file {} ({} bytes)", fileName, fileSize, e);
            this.fileChannel.close();
            throw e;
        }
        TOTAL_MAPPED_VIRTUAL_MEMORY.addAndGet(fileSize);
        TOTAL_MAPPED_FILES.incrementAndGet();
    }

    public MappedFile(final String fileName, final int fileSize,
        final TransientStorePool transientStorePool) throws IOException {
        this(fileName, fileSize);
        this.writeBuffer = transientStorePool.borrowBuffer();
        this.transientStorePool = transientStorePool;
    }

    public static long getTotalMappedVirtualMemory() {
        return TOTAL_MAPPED_VIRTUAL_MEMORY.get();
    }

    public static int getTotalMappedFiles() {
        return TOTAL_MAPPED_FILES.get();
    }

    public AppendMessageResult appendMessage(final MessageExtBrokerInner msg,
        final AppendMessageCallback cb) {
        return appendMessagesInner(msg, null, cb);
    }

    public AppendMessageResult appendMessages(final MessageExtBatch batch,
        final AppendMessageCallback cb) {
        return appendMessagesInner(null, batch, cb);
    }

    // tag::ch06-mapped-append[]
    private AppendMessageResult appendMessagesInner(
        final MessageExtBrokerInner msg, final MessageExtBatch batch,
        final AppendMessageCallback cb) {
        final int currentPos = this.wrotePosition.get();
        if (currentPos >= this.fileSize) {
            log.error("append to full file {}: wrotePosition {} fileSize {}",
                fileName, currentPos, fileSize);
            return new AppendMessageResult(AppendMessageStatus.UNKNOWN_ERROR);
        }
        // TODO K1: the record is copied into memory, not written to disk:
        // the page cache (or the pool's buffer) absorbs it; flushing is later
        final ByteBuffer target = writeBuffer != null
            ? writeBuffer.slice() : mappedByteBuffer.slice();
        target.position(currentPos);
        final AppendMessageResult result = msg != null
            ? cb.doAppend(fileFromOffset, target, fileSize - currentPos, msg)
            : cb.doAppend(fileFromOffset, target, fileSize - currentPos, batch);
        // TODO K1: readers trust wrotePosition, so it moves only after
        // every byte of the record is in place
        this.wrotePosition.addAndGet(result.getWroteBytes());
        this.storeTimestamp = result.getStoreTimestamp();
        return result;
    }
    // end::ch06-mapped-append[]

    /** Appends raw bytes (a consume-queue unit, or replicated commit log); false if full. */
    public boolean appendMessage(final byte[] data) {
        return appendMessage(data, 0, data.length);
    }

    public boolean appendMessage(final byte[] data, final int offset, final int length) {
        final int currentPos = this.wrotePosition.get();
        if (currentPos + length > this.fileSize) {
            return false;
        }
        // an absolute put: no slice per consume-queue unit
        (writeBuffer != null ? writeBuffer : mappedByteBuffer)
            .put(currentPos, data, offset, length);
        this.wrotePosition.addAndGet(length);
        return true;
    }

    /** Forces written bytes to disk when {@code flushLeastPages} pages (0: any) are waiting. */
    public int flush(final int flushLeastPages) {
        if (this.isAbleToFlush(flushLeastPages)) {
            if (this.hold()) {
                final int value = getReadPosition();
                final int flushed = flushedPosition.get();
                try {
                    if (writeBuffer != null || wroteThroughChannel) {
                        this.fileChannel.force(false);
                    } else if (value > flushed) {
                        this.mappedByteBuffer.force(flushed, value - flushed);
                    }
                } catch (IOException | RuntimeException e) {
                    log.error("error forcing {} up to {}", fileName, value, e);
                }
                this.flushedPosition.set(value);
                this.release();
            } else {
                log.warn("in flush, hold failed, flush offset = {}", this.flushedPosition.get());
                this.flushedPosition.set(getReadPosition());
            }
        }
        return this.flushedPosition.get();
    }

    /** Copies the writeBuffer's new bytes into the file (pool only); returns committed. */
    public int commit(final int commitLeastPages) {
        if (writeBuffer == null) {
            return this.wrotePosition.get();
        }
        if (this.isAbleToCommit(commitLeastPages)) {
            if (this.hold()) {
                commit0();
                this.release();
            } else {
                log.warn("in commit, hold failed, commit offset = {}", committedPosition.get());
            }
        }
        // TODO K2: a fully committed file gives its buffer back for the next file
        if (writeBuffer != null && this.transientStorePool != null
            && this.fileSize == this.committedPosition.get()) {
            this.transientStorePool.returnBuffer(writeBuffer);
            this.writeBuffer = null;
        }
        return this.committedPosition.get();
    }

    private void commit0() {
        final int writePos = this.wrotePosition.get();
        final int lastCommittedPosition = this.committedPosition.get();
        if (writePos > lastCommittedPosition) {
            try {
                final ByteBuffer source = writeBuffer.slice();
                source.position(lastCommittedPosition).limit(writePos);
                long at = lastCommittedPosition;
                while (source.hasRemaining()) {
                    at += this.fileChannel.write(source, at);
                }
                this.wroteThroughChannel = true;
                this.committedPosition.set(writePos);
            } catch (IOException e) {
                log.error("error committing {} from {} to {}", fileName,
                    lastCommittedPosition, writePos, e);
            }
        }
    }

    private boolean isAbleToFlush(final int flushLeastPages) {
        final int flush = this.flushedPosition.get();
        final int write = getReadPosition();
        if (this.isFull()) {
            return write > flush;
        }
        if (flushLeastPages > 0) {
            return ((write / OS_PAGE_SIZE) - (flush / OS_PAGE_SIZE)) >= flushLeastPages;
        }
        return write > flush;
    }

    protected boolean isAbleToCommit(final int commitLeastPages) {
        final int commit = this.committedPosition.get();
        final int write = this.wrotePosition.get();
        if (this.isFull()) {
            return write > commit;
        }
        if (commitLeastPages > 0) {
            return ((write / OS_PAGE_SIZE) - (commit / OS_PAGE_SIZE)) >= commitLeastPages;
        }
        return write > commit;
    }

    public boolean isFull() {
        return this.fileSize == this.wrotePosition.get();
    }

    /**
     * A window of {@code size} bytes at file position {@code pos}, holding the file; null when
     * those bytes are not all readable yet or the file is being destroyed.
     */
    public SelectMappedBufferResult selectMappedBuffer(final int pos, final int size) {
        final int readPosition = getReadPosition();
        if (pos >= 0 && size >= 0 && (pos + size) <= readPosition) {
            if (this.hold()) {
                final ByteBuffer window = this.mappedByteBuffer.slice(pos, size);
                return new SelectMappedBufferResult(this.fileFromOffset + pos, window, size, this);
            }
            log.warn("matched, but hold failed, request pos: {}, fileFromOffset: {}",
                pos, this.fileFromOffset);
        } else {
            log.warn("selectMappedBuffer request pos invalid, request pos: {}, size: {}, "
                + "readPosition: {}, fileFromOffset: {}", pos, size, readPosition, fileFromOffset);
        }
        return null;
    }

    /** Everything readable from {@code pos} to the read position; null when nothing is. */
    public SelectMappedBufferResult selectMappedBuffer(final int pos) {
        final int readPosition = getReadPosition();
        if (pos < readPosition && pos >= 0 && this.hold()) {
            final int size = readPosition - pos;
            final ByteBuffer window = this.mappedByteBuffer.slice(pos, size);
            return new SelectMappedBufferResult(this.fileFromOffset + pos, window, size, this);
        }
        return null;
    }

    @Override
    public boolean cleanup(final long currentRef) {
        if (this.isAvailable()) {
            log.error("this file[REF:{}] {} has not been shut down, stop unmapping",
                currentRef, this.fileName);
            return false;
        }
        if (this.isCleanupOver()) {
            log.error("this file[REF:{}] {} is cleaned up already", currentRef, this.fileName);
            return true;
        }
        DirectBuffers.free(this.mappedByteBuffer);
        try {
            this.fileChannel.close();
        } catch (IOException e) {
            log.warn("error closing {}", fileName, e);
        }
        if (this.writeBuffer != null && this.transientStorePool != null) {
            this.transientStorePool.returnBuffer(this.writeBuffer);
            this.writeBuffer = null;
        }
        TOTAL_MAPPED_VIRTUAL_MEMORY.addAndGet(this.fileSize * (-1L));
        TOTAL_MAPPED_FILES.decrementAndGet();
        log.info("unmap file[REF:{}] {} OK", currentRef, this.fileName);
        return true;
    }

    /** Shuts the file down, and deletes it once no reader holds it; false while one does. */
    public boolean destroy(final long intervalForcibly) {
        this.shutdown(intervalForcibly);
        if (this.isCleanupOver()) {
            final boolean deleted = this.file.delete();
            log.info("delete file[REF:{}] {} {}, W:{} M:{}", getRefCount(), fileName,
                deleted ? "OK" : "FAILED", getWrotePosition(), getFlushedPosition());
            return true;
        }
        log.warn("destroy mapped file[REF:{}] {} failed, cleanupOver: {}",
            getRefCount(), fileName, cleanupOver);
        return false;
    }

    /**
     * Zeroes the bytes from {@code position} up to the end of what was ever written, page by
     * page, stopping at the first page that is already all zero (the never-written tail).
     */
    public void zeroFrom(final int position) {
        int pos = position;
        while (pos < fileSize) {
            final int pageEnd = Math.min(fileSize, (pos / OS_PAGE_SIZE + 1) * OS_PAGE_SIZE);
            final boolean wholePage = pos % OS_PAGE_SIZE == 0 && pageEnd - pos == OS_PAGE_SIZE;
            if (wholePage && isZero(pos, pageEnd)) {
                return;
            }
            for (int i = pos; i < pageEnd; i++) {
                mappedByteBuffer.put(i, (byte) 0);
            }
            pos = pageEnd;
        }
    }

    private boolean isZero(final int from, final int to) {
        for (int i = from; i + 8 <= to; i += 8) {
            if (mappedByteBuffer.getLong(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Forces the whole mapping (index files are written in place, not appended). */
    public void force() {
        this.mappedByteBuffer.force();
    }

    // tag::ch06-preallocate[]
    /**
     * Writes zeros over the whole file through the channel and forces them once, so the file
     * system allocates all its blocks now, in one go, before anyone appends. Only for a file no
     * one uses yet (the allocate service's files made ahead of need).
     */
    public void preallocate() throws IOException {
        // TODO K1: on a sparse file every SYNC_FLUSH force also allocates the blocks it covers
        // and commits that to the file system's journal; here that made a force of 16 KiB grow
        // from 0.5 ms to 0.8-1.1 ms as the file filled. On allocated blocks a force writes data
        // only and stays at 0.5 ms to the end of the file (chapter 6, "Making it fast").
        final ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK);
        for (long pos = 0; pos < this.fileSize; ) {
            zeros.clear();
            zeros.limit((int) Math.min(zeros.capacity(), this.fileSize - pos));
            pos += this.fileChannel.write(zeros, pos);
        }
        this.fileChannel.force(false);
        this.preallocated = true;
    }
    // end::ch06-preallocate[]

    /** Whether {@link #preallocate} wrote this file's blocks (else it may be sparse). */
    public boolean isPreallocated() {
        return this.preallocated;
    }

    /** Touches every page so the first writes do not fault (warmMapedFileEnable). */
    public void warmMappedFile(final FlushDiskType type, final int pages) {
        int flushed = 0;
        for (int i = 0, j = 0; i < this.fileSize; i += OS_PAGE_SIZE, j++) {
            mappedByteBuffer.put(i, (byte) 0);
            if (type == FlushDiskType.SYNC_FLUSH && (i / OS_PAGE_SIZE) - (flushed / OS_PAGE_SIZE)
                >= pages) {
                flushed = i;
                mappedByteBuffer.force();
            }
        }
        if (type == FlushDiskType.SYNC_FLUSH) {
            mappedByteBuffer.force();
        }
    }

    /** Up to where readers may read: committed with the pool, wrote without. */
    public int getReadPosition() {
        return this.writeBuffer == null ? this.wrotePosition.get() : this.committedPosition.get();
    }

    /** The whole mapping, for recovery scans of a file no one else uses yet. */
    public ByteBuffer sliceByteBuffer() {
        return this.mappedByteBuffer.slice();
    }

    public long getLastModifiedTimestamp() {
        return this.file.lastModified();
    }

    public int getFileSize() {
        return fileSize;
    }

    public FileChannel getFileChannel() {
        return fileChannel;
    }

    public String getFileName() {
        return fileName;
    }

    public long getFileFromOffset() {
        return this.fileFromOffset;
    }

    public int getWrotePosition() {
        return wrotePosition.get();
    }

    public void setWrotePosition(final int pos) {
        this.wrotePosition.set(pos);
    }

    public int getCommittedPosition() {
        return committedPosition.get();
    }

    public void setCommittedPosition(final int pos) {
        this.committedPosition.set(pos);
    }

    public int getFlushedPosition() {
        return flushedPosition.get();
    }

    public void setFlushedPosition(final int pos) {
        this.flushedPosition.set(pos);
    }

    public long getStoreTimestamp() {
        return storeTimestamp;
    }

    public boolean isFirstCreateInQueue() {
        return firstCreateInQueue;
    }

    public void setFirstCreateInQueue(final boolean firstCreateInQueue) {
        this.firstCreateInQueue = firstCreateInQueue;
    }

    @Override
    public String toString() {
        return this.fileName;
    }
}
