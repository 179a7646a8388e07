package org.mqbook.store;

import java.io.IOException;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mqbook.common.ServiceThread;
import org.mqbook.store.config.FlushDiskType;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates commit-log files ahead of need, in its own thread "AllocateMappedFileService": when the
 * writer asks for file N it also orders file N+1, so the next roll finds its file mapped (and,
 * with warmMapedFileEnable, pre-touched; under SYNC_FLUSH, its blocks allocated) instead of
 * paying for it under putMessageLock.
 *
 * <p>Thread-safe: requests are keyed by path; the writer waits at most 5 s for its file.
 * Read next: {@link MappedFileQueue#getLastMappedFile(long, boolean)}.
 */
public class AllocateMappedFileService extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(AllocateMappedFileService.class);
    private static final int WAIT_TIMEOUT_MS = 1000 * 5;

    private final ConcurrentMap<String, AllocateRequest> requestTable = new ConcurrentHashMap<>();
    // TODO K2: by start offset, not arrival: the file the writer waits for (N) is
    // always made before the one ordered ahead (N+1).
    private final PriorityBlockingQueue<AllocateRequest> requestQueue =
        new PriorityBlockingQueue<>(11, Comparator.comparingLong(AllocateRequest::fileFromOffset));
    private final MessageStoreConfig config;
    private final TransientStorePool transientStorePool;
    private volatile boolean hasException = false;

    public AllocateMappedFileService(final MessageStoreConfig config,
        final TransientStorePool transientStorePool) {
        this.config = config;
        this.transientStorePool = transientStorePool;
    }

    /** One file to create; {@code mappedFile} is set when done, then {@code done} opens. */
    static final class AllocateRequest {
        private final String filePath;
        private final int fileSize;
        /** Ordered ahead of need (N+1), not waited for by the writer when ordered. */
        private final boolean ahead;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile MappedFile mappedFile;

        AllocateRequest(final String filePath, final int fileSize, final boolean ahead) {
            this.filePath = filePath;
            this.fileSize = fileSize;
            this.ahead = ahead;
        }

        long fileFromOffset() {
            final String name = filePath.substring(filePath.lastIndexOf(java.io.File.separator) + 1);
            return Long.parseLong(name);
        }
    }

    /**
     * Orders {@code nextFilePath} and {@code nextNextFilePath} and waits for the first.
     * Null when it could not be created in time.
     */
    public MappedFile putRequestAndReturnMappedFile(final String nextFilePath,
        final String nextNextFilePath, final int fileSize) {
        submit(nextFilePath, fileSize, false);
        submit(nextNextFilePath, fileSize, true);
        if (hasException) {
            log.warn("{} service has exception. so return null", getServiceName());
            return null;
        }
        final AllocateRequest result = this.requestTable.get(nextFilePath);
        if (result == null) {
            log.error("find preallocate mmap failed, this never happens");
            return null;
        }
        try {
            if (!result.done.await(WAIT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("create mmap timeout {} {}", result.filePath, result.fileSize);
                return null;
            }
            this.requestTable.remove(nextFilePath);
            return result.mappedFile;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("{} service interrupted", getServiceName(), e);
            return null;
        }
    }

    /** Orders a file ahead of need without waiting for it (the first file of an empty log). */
    public void orderAhead(final String filePath, final int fileSize) {
        submit(filePath, fileSize, true);
    }

    private void submit(final String path, final int fileSize, final boolean ahead) {
        final AllocateRequest request = new AllocateRequest(path, fileSize, ahead);
        if (this.requestTable.putIfAbsent(path, request) == null) {
            this.requestQueue.offer(request);
        }
    }

    @Override
    public String getServiceName() {
        return AllocateMappedFileService.class.getSimpleName();
    }

    @Override
    public void shutdown() {
        super.shutdown(true);
        // files made ahead but never asked for are unmapped and deleted
        for (AllocateRequest req : this.requestTable.values()) {
            if (req.mappedFile != null) {
                log.info("delete pre allocated mapped file, {}", req.mappedFile.getFileName());
                req.mappedFile.destroy(1000);
            }
        }
    }

    @Override
    public void run() {
        log.info("{} service started", getServiceName());
        while (!this.isStopped() && this.mmapOperation()) {
            // each loop creates one file
        }
        log.info("{} service end", getServiceName());
    }

    /** Creates the next requested file; false only when interrupted by shutdown. */
    private boolean mmapOperation() {
        AllocateRequest req = null;
        try {
            req = this.requestQueue.take();
            final AllocateRequest expected = this.requestTable.get(req.filePath);
            if (expected != req) {
                log.warn("a stale request {} {}", req.filePath, req.fileSize);
                return true;
            }
            if (req.mappedFile == null) {
                final MappedFile mappedFile = config.isTransientStorePoolEnable()
                    ? new MappedFile(req.filePath, req.fileSize, transientStorePool)
                    : new MappedFile(req.filePath, req.fileSize);
                if (config.isWarmMapedFileEnable()
                    && mappedFile.getFileSize() >= config.getMappedFileSizeCommitLog()) {
                    // touched and forced page by page under SYNC_FLUSH: blocks allocated too
                    mappedFile.warmMappedFile(config.getFlushDiskType(),
                        config.getFlushLeastPagesWhenWarmMapedFile());
                } else if (req.ahead && config.getFlushDiskType() == FlushDiskType.SYNC_FLUSH) {
                    preallocate(mappedFile);
                }
                req.mappedFile = mappedFile;
                this.hasException = false;
            }
        } catch (InterruptedException e) {
            if (this.isStopped()) {
                log.info("{} interrupted by shutdown", getServiceName());
            } else {
                log.warn("{} interrupted, possibly by shutdown.", getServiceName());
            }
            this.hasException = true;
            return false;
        } catch (IOException e) {
            log.warn("{} service has exception.", getServiceName(), e);
            this.hasException = true;
            if (req != null) {
                requestQueue.offer(req);
                sleepQuietly(1);
            }
        } finally {
            if (req != null && req.mappedFile != null) {
                req.done.countDown();
            }
        }
        return true;
    }

    /**
     * Allocates the blocks of a file made ahead for a SYNC_FLUSH store (see
     * {@link MappedFile#preallocate}). Best effort: a file that cannot be filled (a full disk)
     * stays sparse, as every file is without SYNC_FLUSH, and the disk-space checks take over.
     */
    private static void preallocate(final MappedFile mappedFile) {
        // TODO K2: not for the file the writer is waiting for (it would wait for the zeros);
        // in steady state every file was ordered ahead one roll earlier
        final long begin = System.nanoTime();
        try {
            mappedFile.preallocate();
            log.info("preallocated {} ({} bytes) in {} ms", mappedFile.getFileName(),
                mappedFile.getFileSize(), (System.nanoTime() - begin) / 1_000_000);
        } catch (IOException e) {
            log.warn("could not preallocate {} ({} bytes): {}; it stays sparse",
                mappedFile.getFileName(), mappedFile.getFileSize(), e.toString());
        }
    }

    private static void sleepQuietly(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
