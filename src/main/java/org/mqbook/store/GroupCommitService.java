package org.mqbook.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SYNC_FLUSH: the thread "GroupCommitService" forces the commit log for waiting producers, many
 * at a time. Putting threads add a {@link GroupCommitRequest} ("flush up to offset N") and wait
 * on its future; the service swaps the write list with its read list, forces once, and answers
 * every request the force covered (a group commit: one force for all messages appended
 * meanwhile).
 * <pre>
 *  put threads --add--&gt; requestsWrite ==swap==&gt; requestsRead --force, complete futures--&gt;
 * </pre>
 * Thread-safe: the two lists are swapped and filled under one lock. Read next:
 * {@link CommitLog#handleDiskFlush}.
 */
public class GroupCommitService extends FlushCommitLogService {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitService.class);

    private final CommitLog commitLog;
    private final Object lock = new Object();
    private List<GroupCommitRequest> requestsWrite = new ArrayList<>();
    private List<GroupCommitRequest> requestsRead = new ArrayList<>();

    GroupCommitService(final CommitLog commitLog) {
        this.commitLog = commitLog;
    }

    /** "Flush up to nextOffset": completed with PUT_OK, or FLUSH_DISK_TIMEOUT if it could not. */
    public static class GroupCommitRequest {
        private final long nextOffset;
        private final CompletableFuture<PutMessageStatus> flushOKFuture = new CompletableFuture<>();

        public GroupCommitRequest(final long nextOffset) {
            this.nextOffset = nextOffset;
        }

        public long getNextOffset() {
            return nextOffset;
        }

        public void wakeupCustomer(final boolean flushOK) {
            this.flushOKFuture.complete(
                flushOK ? PutMessageStatus.PUT_OK : PutMessageStatus.FLUSH_DISK_TIMEOUT);
        }

        public CompletableFuture<PutMessageStatus> future() {
            return flushOKFuture;
        }
    }

    public void putRequest(final GroupCommitRequest request) {
        synchronized (lock) {
            this.requestsWrite.add(request);
        }
        this.wakeup();
    }

    private void swapRequests() {
        synchronized (lock) {
            final List<GroupCommitRequest> tmp = this.requestsWrite;
            this.requestsWrite = this.requestsRead;
            this.requestsRead = tmp;
        }
    }

    private void doCommit() {
        final MappedFileQueue queue = commitLog.getMappedFileQueue();
        final List<GroupCommitRequest> requests;
        synchronized (lock) {
            requests = new ArrayList<>(this.requestsRead);
            this.requestsRead.clear();
        }
        if (requests.isEmpty()) {
            // puts that did not wait (WAIT=false) still get forced
            queue.flush(0);
            return;
        }
        for (GroupCommitRequest req : requests) {
            // TODO K2: twice, because the bytes may end in the next file (one flush per file)
            boolean flushOK = queue.getFlushedWhere() >= req.getNextOffset();
            for (int i = 0; i < 2 && !flushOK; i++) {
                queue.flush(0);
                flushOK = queue.getFlushedWhere() >= req.getNextOffset();
            }
            req.wakeupCustomer(flushOK);
        }
        final long storeTimestamp = queue.getStoreTimestamp();
        if (storeTimestamp > 0) {
            commitLog.getStore().getStoreCheckpoint().setPhysicMsgTimestamp(storeTimestamp);
        }
    }

    @Override
    public void run() {
        log.info("{} service started", this.getServiceName());
        while (!this.isStopped()) {
            try {
                this.waitForRunning(10);
                this.doCommit();
            } catch (RuntimeException e) {
                log.warn("{} service has exception. ", this.getServiceName(), e);
            }
        }
        // answer whoever is still waiting, after one last force
        this.swapRequests();
        this.doCommit();
        log.info("{} service end", this.getServiceName());
    }

    @Override
    protected void onWaitEnd() {
        this.swapRequests();
    }

    @Override
    public String getServiceName() {
        return GroupCommitService.class.getSimpleName();
    }
}
