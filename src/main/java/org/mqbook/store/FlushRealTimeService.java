package org.mqbook.store;

import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC_FLUSH: the thread "FlushRealTimeService" forces the commit log every
 * {@code flushIntervalCommitLog} (500 ms) once {@code flushCommitLogLeastPages} (4) pages are
 * dirty, and everything at least every {@code flushCommitLogThoroughInterval} (10 s). A put only
 * wakes it; the producer never waits for the disk. Thread-safe (one thread).
 * Read next: {@link CommitRealTimeService}.
 */
public class FlushRealTimeService extends FlushCommitLogService {
    private static final Logger log = LoggerFactory.getLogger(FlushRealTimeService.class);

    private final CommitLog commitLog;
    private long lastFlushTimestamp = 0;

    FlushRealTimeService(final CommitLog commitLog) {
        this.commitLog = commitLog;
    }

    @Override
    public void run() {
        log.info("{} service started", this.getServiceName());
        final MessageStoreConfig config = commitLog.getStore().getMessageStoreConfig();
        while (!this.isStopped()) {
            final int interval = config.getFlushIntervalCommitLog();
            int flushPhysicQueueLeastPages = config.getFlushCommitLogLeastPages();
            final long currentTimeMillis = System.currentTimeMillis();
            // TODO K2: at least every thorough interval everything written is forced,
            // however few pages are dirty
            if (currentTimeMillis >= this.lastFlushTimestamp
                + config.getFlushCommitLogThoroughInterval()) {
                this.lastFlushTimestamp = currentTimeMillis;
                flushPhysicQueueLeastPages = 0;
            }
            try {
                if (config.isFlushCommitLogTimed()) {
                    Thread.sleep(interval);
                } else {
                    this.waitForRunning(interval);
                }
                final long begin = System.currentTimeMillis();
                commitLog.getMappedFileQueue().flush(flushPhysicQueueLeastPages);
                final long storeTimestamp = commitLog.getMappedFileQueue().getStoreTimestamp();
                if (storeTimestamp > 0) {
                    commitLog.getStore().getStoreCheckpoint()
                        .setPhysicMsgTimestamp(storeTimestamp);
                }
                final long past = System.currentTimeMillis() - begin;
                if (past > 500) {
                    log.info("Flush data to disk costs {} ms", past);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("{} service has exception. ", this.getServiceName(), e);
            }
        }
        // a clean shutdown leaves nothing unflushed
        boolean result = false;
        for (int i = 0; i < RETRY_TIMES_OVER && !result; i++) {
            result = commitLog.getMappedFileQueue().flush(0);
        }
        log.info("{} service end", this.getServiceName());
    }

    @Override
    public String getServiceName() {
        return FlushRealTimeService.class.getSimpleName();
    }
}
