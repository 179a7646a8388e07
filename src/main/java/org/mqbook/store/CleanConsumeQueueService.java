package org.mqbook.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@link CleanCommitLogService}: once the commit log's min offset moved, deletes the
 * consume-queue files and index files whose messages all lie below it, and moves each queue's
 * min offset. Run right after it by "StoreScheduledThread". Not thread-safe: one thread.
 */
class CleanConsumeQueueService {
    private static final Logger log = LoggerFactory.getLogger(CleanConsumeQueueService.class);

    private final DefaultMessageStore store;
    private long lastPhysicalMinOffset = 0;

    CleanConsumeQueueService(final DefaultMessageStore store) {
        this.store = store;
    }

    void run() {
        try {
            this.deleteExpiredFiles();
        } catch (RuntimeException e) {
            log.warn("CleanConsumeQueueService service has exception. ", e);
        }
    }

    private void deleteExpiredFiles() {
        final long minOffset = store.getCommitLog().getMinOffset();
        if (minOffset > this.lastPhysicalMinOffset) {
            this.lastPhysicalMinOffset = minOffset;
            store.getConsumeQueueStore().deleteExpiredFiles(minOffset,
                store.getMessageStoreConfig().getDeleteConsumeQueueFilesInterval());
            if (store.getIndexService() != null) {
                store.getIndexService().deleteExpiredFile(minOffset);
            }
        }
    }
}
