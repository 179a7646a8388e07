package org.mqbook.store;

import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transient pool only: the thread "CommitRealTimeService" copies what puts wrote into the pool's
 * off-heap buffer into the file (page cache) every {@code commitIntervalCommitLog} (200 ms) once
 * {@code commitCommitLogLeastPages} (4) pages are waiting (a put wakes it at once), and wakes
 * the flusher once 1 MiB waits to be forced. Readers and the dispatcher see a message only after
 * its commit. Thread-safe (one thread).
 * Read next: {@link TransientStorePool}.
 */
public class CommitRealTimeService extends FlushCommitLogService {
    private static final Logger log = LoggerFactory.getLogger(CommitRealTimeService.class);

    private final CommitLog commitLog;
    private long lastCommitTimestamp = 0;

    CommitRealTimeService(final CommitLog commitLog) {
        this.commitLog = commitLog;
    }

    @Override
    public void run() {
        log.info("{} service started", this.getServiceName());
        final MessageStoreConfig config = commitLog.getStore().getMessageStoreConfig();
        while (!this.isStopped()) {
            int commitDataLeastPages = config.getCommitCommitLogLeastPages();
            final long begin = System.currentTimeMillis();
            if (begin >= this.lastCommitTimestamp + config.getCommitCommitLogThoroughInterval()) {
                this.lastCommitTimestamp = begin;
                commitDataLeastPages = 0;
            }
            try {
                final boolean nothingNew =
                    commitLog.getMappedFileQueue().commit(commitDataLeastPages);
                final long end = System.currentTimeMillis();
                if (!nothingNew) {
                    this.lastCommitTimestamp = end;
                    wakeFlusherWhenDue();
                    commitLog.getStore().getReputMessageService().appended();
                }
                if (end - begin > 500) {
                    log.info("Commit data to file costs {} ms", end - begin);
                }
                this.waitForRunning(config.getCommitIntervalCommitLog());
            } catch (RuntimeException e) {
                log.error("{} service has exception. ", this.getServiceName(), e);
            }
        }
        boolean result = false;
        for (int i = 0; i < RETRY_TIMES_OVER && !result; i++) {
            result = commitLog.getMappedFileQueue().commit(0);
        }
        log.info("{} service end", this.getServiceName());
    }

    /** As puts do without the pool: the flusher is woken once 1 MiB waits, not per commit. */
    private void wakeFlusherWhenDue() {
        final MappedFileQueue queue = commitLog.getMappedFileQueue();
        if (queue.getCommittedWhere() - queue.getFlushedWhere()
            >= CommitLog.ASYNC_FLUSH_WAKE_BYTES) {
            commitLog.getFlushCommitLogService().wakeup();
        }
    }

    @Override
    public String getServiceName() {
        return CommitRealTimeService.class.getSimpleName();
    }
}
