package org.mqbook.store;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Off-heap write buffers for the commit log ({@code transientStorePoolEnable}): a new commit-log
 * file borrows one, puts write into it, CommitRealTimeService copies the new bytes into the file
 * every 200 ms, and the file gives the buffer back once it is full and committed.
 *
 * <pre>
 *  putMessage --&gt; writeBuffer (off-heap, fileSize bytes) --commit--&gt; page cache --flush--&gt; disk
 * </pre>
 * Why: writes to a plain heap-free buffer never fault on a page of the mapping and never compete
 * with the page cache's write-back; readers see a message only after its commit. 4.7.1 also
 * {@code mlock}s each buffer through JNA so it is never swapped; mqbook has no native access and
 * skips that (a K2 below).
 *
 * <p>Thread-safe (a synchronized deque). Read next: {@link CommitRealTimeService}.
 */
public class TransientStorePool {
    private static final Logger log = LoggerFactory.getLogger(TransientStorePool.class);

    private final int poolSize;
    private final int fileSize;
    private final Deque<ByteBuffer> availableBuffers = new ArrayDeque<>();
    private final MessageStoreConfig storeConfig;

    public TransientStorePool(final MessageStoreConfig storeConfig) {
        this.storeConfig = storeConfig;
        this.poolSize = storeConfig.getTransientStorePoolSize();
        this.fileSize = storeConfig.getMappedFileSizeCommitLog();
    }

    /** Allocates the {@code transientStorePoolSize} buffers, each a commit-log file long. */
    public synchronized void init() {
        for (int i = 0; i < poolSize; i++) {
            // TODO K2: 4.7.1 mlocks each buffer (JNA) so it stays in RAM; Java alone cannot
            availableBuffers.offer(ByteBuffer.allocateDirect(fileSize));
        }
        log.info("transient store pool: {} buffers of {} bytes", poolSize, fileSize);
    }

    public synchronized void destroy() {
        for (ByteBuffer buffer : availableBuffers) {
            DirectBuffers.free(buffer);
        }
        availableBuffers.clear();
    }

    public synchronized void returnBuffer(final ByteBuffer byteBuffer) {
        byteBuffer.position(0);
        byteBuffer.limit(fileSize);
        this.availableBuffers.offerFirst(byteBuffer);
    }

    /** A buffer, or null when all are in use (the new file then writes into its mapping). */
    public synchronized ByteBuffer borrowBuffer() {
        final ByteBuffer buffer = availableBuffers.pollFirst();
        if (availableBuffers.size() < poolSize * 0.4) {
            log.warn("TransientStorePool only remain {} sheets.", availableBuffers.size());
        }
        return buffer;
    }

    /** Free buffers; Integer.MAX_VALUE when the pool is not in use. */
    public synchronized int availableBufferNums() {
        if (storeConfig.isTransientStorePoolEnable()) {
            return availableBuffers.size();
        }
        return Integer.MAX_VALUE;
    }
}
