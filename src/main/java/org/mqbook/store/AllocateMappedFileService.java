package org.mqbook.store;

import java.io.IOException;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mqbook.common.ServiceThread;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates commit-log files ahead of need, in its own thread "AllocateMappedFileService": when the
 * writer asks for file N it also orders file N+1, so the next roll finds its file mapped (and,
 * with warmMapedFileEnable, pre-touched) instead of paying for it under putMessageLock.
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
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile MappedFile mappedFile;

        AllocateRequest(final String filePath, final int fileSize) {
            this.filePath = filePath;
            this.fileSize = fileSize;
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
        submit(nextFilePath, fileSize);
        submit(nextNextFilePath, fileSize);
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

    private void submit(final String path, final int fileSize) {
        final AllocateRequest request = new AllocateRequest(path, fileSize);
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
                    mappedFile.warmMappedFile(config.getFlushDiskType(),
                        config.getFlushLeastPagesWhenWarmMapedFile());
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

    private static void sleepQuietly(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
