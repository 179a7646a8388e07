package org.mqbook.store.ha;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mqbook.common.ServiceThread;
import org.mqbook.store.GroupCommitService.GroupCommitRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread "GroupTransferService": SYNC_MASTER's waiting room. A put adds a
 * {@link GroupCommitRequest} ("replicated up to offset N") and waits on its future; this thread
 * completes each request once a slave's ack ({@code push2SlaveMaxOffset}) reaches N, or fails it
 * after {@code syncFlushTimeout}. One ack may answer many puts at once, as one force does in
 * {@code GroupCommitService}.
 * <pre>
 *  put threads --putRequest--&gt; requests --ack &gt;= N: PUT_OK / deadline: timeout--&gt;
 *  ReadSocketService --notifyTransferSome--&gt; wakes this thread
 * </pre>
 * Thread-safety: the request list is guarded by its own monitor. Read next:
 * {@link HAService#handleHA}.
 */
class GroupTransferService extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(GroupTransferService.class);
    /** Longest sleep between two looks when no ack wakes the thread, ms. */
    private static final long CHECK_INTERVAL_MS = 10;

    private final HAService haService;
    private final List<Waiting> requests = new ArrayList<>();

    private record Waiting(GroupCommitRequest request, long deadlineNanos) {
    }

    GroupTransferService(final HAService haService) {
        this.haService = haService;
    }

    void putRequest(final GroupCommitRequest request, final long timeoutMs) {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (requests) {
            requests.add(new Waiting(request, deadline));
        }
        this.wakeup();
    }

    /** A slave acknowledged more: look at the waiting requests now. */
    void notifyTransferSome() {
        this.wakeup();
    }

    // tag::ch09-group-transfer[]
    /** Answers every request the acks cover, and those whose time is up. */
    private void doWaitTransfer(final boolean stopping) {
        final long acked = haService.getPush2SlaveMaxOffset().get();
        final long now = System.nanoTime();
        synchronized (requests) {
            for (Iterator<Waiting> it = requests.iterator(); it.hasNext(); ) {
                final Waiting w = it.next();
                // TODO K1: an ack is a slave's max offset: every byte below
                // it is on the slave, so every put ending there is done
                if (acked >= w.request().getNextOffset()) {
                    w.request().wakeupCustomer(true);
                    it.remove();
                } else if (stopping || now - w.deadlineNanos() >= 0) {
                    log.warn("transfer message to slave timeout, {}",
                        w.request().getNextOffset());
                    w.request().wakeupCustomer(false);
                    it.remove();
                }
            }
        }
    }
    // end::ch09-group-transfer[]

    @Override
    public void run() {
        log.info("{} service started", this.getServiceName());
        while (!this.isStopped()) {
            try {
                this.waitForRunning(CHECK_INTERVAL_MS);
                this.doWaitTransfer(false);
            } catch (RuntimeException e) {
                log.warn("{} service has exception.", this.getServiceName(), e);
            }
        }
        this.doWaitTransfer(true);
        log.info("{} service end", this.getServiceName());
    }

    @Override
    public String getServiceName() {
        return GroupTransferService.class.getSimpleName();
    }
}
