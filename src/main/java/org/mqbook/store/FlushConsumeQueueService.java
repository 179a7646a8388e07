package org.mqbook.store;

import org.mqbook.common.ServiceThread;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread "FlushConsumeQueueService": forces the consume queues every
 * {@code flushIntervalConsumeQueue} (1 s) once {@code flushConsumeQueueLeastPages} (2) pages are
 * dirty, and everything (then the checkpoint too) at least every
 * {@code flushConsumeQueueThoroughInterval} (60 s) and at shutdown. Consume queues can always be
 * rebuilt from the commit log, so they are forced lazily. Thread-safe (one thread).
 */
public class FlushConsumeQueueService extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(FlushConsumeQueueService.class);
    private static final int RETRY_TIMES_OVER = 3;

    private final DefaultMessageStore store;
    private long lastFlushTimestamp = 0;

    FlushConsumeQueueService(final DefaultMessageStore store) {
        this.store = store;
    }

    private void doFlush(final int retryTimes) {
        final MessageStoreConfig config = store.getMessageStoreConfig();
        int flushConsumeQueueLeastPages = config.getFlushConsumeQueueLeastPages();
        if (retryTimes == RETRY_TIMES_OVER) {
            flushConsumeQueueLeastPages = 0;
        }
        long logicsMsgTimestamp = 0;
        final long currentTimeMillis = System.currentTimeMillis();
        if (currentTimeMillis >= this.lastFlushTimestamp
            + config.getFlushConsumeQueueThoroughInterval()) {
            this.lastFlushTimestamp = currentTimeMillis;
            flushConsumeQueueLeastPages = 0;
            logicsMsgTimestamp = store.getStoreCheckpoint().getLogicsMsgTimestamp();
        }
        for (int i = 0; i < retryTimes; i++) {
            store.getConsumeQueueStore().flush(flushConsumeQueueLeastPages);
        }
        if (flushConsumeQueueLeastPages == 0) {
            if (logicsMsgTimestamp > 0) {
                store.getStoreCheckpoint().setLogicsMsgTimestamp(logicsMsgTimestamp);
            }
            store.getStoreCheckpoint().flush();
        }
    }

    @Override
    public void run() {
        log.info("{} service started", this.getServiceName());
        while (!this.isStopped()) {
            try {
                this.waitForRunning(store.getMessageStoreConfig().getFlushIntervalConsumeQueue());
                this.doFlush(1);
            } catch (RuntimeException e) {
                log.warn("{} service has exception. ", this.getServiceName(), e);
            }
        }
        this.doFlush(RETRY_TIMES_OVER);
        log.info("{} service end", this.getServiceName());
    }

    @Override
    public String getServiceName() {
        return FlushConsumeQueueService.class.getSimpleName();
    }

    @Override
    public long getJointime() {
        return 1000 * 60;
    }
}
