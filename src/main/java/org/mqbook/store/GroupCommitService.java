package org.mqbook.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
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
 * Before each force the thread gathers its group: the producers it released with the last force
 * come back with their next message within microseconds, so it waits until as many requests are
 * in as it answered last time, or no new one came for {@link #GATHER_QUIET_NANOS}, or the last
 * force's duration has passed (see "Making it fast" in chapter 6).
 * Thread-safe: the two lists are swapped and filled under one lock. Read next:
 * {@link CommitLog#handleDiskFlush}.
 */
public class GroupCommitService extends FlushCommitLogService {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitService.class);

    /** A group is complete when no request came for this long (ns). */
    static final long GATHER_QUIET_NANOS = 100_000;
    private static final long GATHER_NAP_NANOS = 20_000;
    private static final long IDLE_WAIT_NANOS = 10_000_000;

    private final CommitLog commitLog;
    private final Object lock = new Object();
    private List<GroupCommitRequest> requestsWrite = new ArrayList<>();
    private List<GroupCommitRequest> requestsRead = new ArrayList<>();
    private volatile boolean waiting = false;
    private volatile boolean forceWanted = false;
    private volatile Thread serviceThread;

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
        this.unparkIfWaiting();
    }

    /** Asks for a force without a request (a put that does not wait, or shutdown). */
    @Override
    public void wakeup() {
        super.wakeup();
        this.forceWanted = true;
        this.unparkIfWaiting();
    }

    private void unparkIfWaiting() {
        if (this.waiting) {
            LockSupport.unpark(this.serviceThread);
        }
    }

    /**
     * Sleeps up to 10 ms unless a request or a wakeup is there. Not
     * {@code waitForRunning}: its latch can lose a wakeup that lands between
     * its check and its reset, and a producer would then wait 10 ms.
     */
    private void waitForRequests() {
        this.waiting = true;
        // flag first, look second: a producer that added before the flag is
        // seen here; one that adds after it sees the flag and unparks
        if (pendingRequests() == 0 && !this.forceWanted && !this.isStopped()) {
            LockSupport.parkNanos(IDLE_WAIT_NANOS);
        }
        this.waiting = false;
        this.forceWanted = false;
    }

    private void swapRequests() {
        synchronized (lock) {
            final List<GroupCommitRequest> tmp = this.requestsWrite;
            this.requestsWrite = this.requestsRead;
            this.requestsRead = tmp;
        }
    }

    /** Forces for the requests in the read list; returns how many it answered. */
    private int doCommit() {
        final MappedFileQueue queue = commitLog.getMappedFileQueue();
        final List<GroupCommitRequest> requests;
        synchronized (lock) {
            requests = new ArrayList<>(this.requestsRead);
            this.requestsRead.clear();
        }
        if (requests.isEmpty()) {
            // puts that did not wait (WAIT=false) still get forced
            queue.flush(0);
            return 0;
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
        return requests.size();
    }

    // tag::ch06-group-gather[]
    /**
     * Waits for the group: until {@code expected} requests are in, or none
     * came for 100 us, or {@code maxNanos} passed.
     */
    private void gather(final int expected, final long maxNanos) {
        final long begin = System.nanoTime();
        int seen = pendingRequests();
        long lastArrival = begin;
        // TODO K1: forcing as soon as the first producer is back splits the
        // group in two, and each half pays a whole force; waiting a few
        // microseconds for the rest makes one force serve them all
        while (seen > 0 && seen < expected && !this.isStopped()) {
            LockSupport.parkNanos(GATHER_NAP_NANOS);
            final long now = System.nanoTime();
            final int again = pendingRequests();
            if (again > seen) {
                seen = again;
                lastArrival = now;
            } else if (now - lastArrival >= GATHER_QUIET_NANOS
                || now - begin >= maxNanos) {
                return;
            }
        }
    }
    // end::ch06-group-gather[]

    private int pendingRequests() {
        synchronized (lock) {
            return this.requestsWrite.size();
        }
    }

    @Override
    public void run() {
        log.info("{} service started", this.getServiceName());
        this.serviceThread = Thread.currentThread();
        int lastGroup = 0;
        long lastForceNanos = 0;
        while (!this.isStopped()) {
            try {
                this.waitForRequests();
                this.gather(lastGroup, lastForceNanos);
                this.swapRequests();
                final long begin = System.nanoTime();
                lastGroup = this.doCommit();
                lastForceNanos = System.nanoTime() - begin;
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
    public String getServiceName() {
        return GroupCommitService.class.getSimpleName();
    }
}
