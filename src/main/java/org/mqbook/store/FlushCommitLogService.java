package org.mqbook.store;

import org.mqbook.common.ServiceThread;

/**
 * Base of the three threads that move commit-log bytes towards the disk: {@link GroupCommitService}
 * (SYNC_FLUSH), {@link FlushRealTimeService} (ASYNC_FLUSH) and {@link CommitRealTimeService}
 * (the transient pool's commit). Each gives the store's files a last flush or commit when it is
 * shut down, retried up to {@link #RETRY_TIMES_OVER} times.
 */
public abstract class FlushCommitLogService extends ServiceThread {
    protected static final int RETRY_TIMES_OVER = 10;

    @Override
    public long getJointime() {
        return 1000 * 60 * 5;
    }
}
