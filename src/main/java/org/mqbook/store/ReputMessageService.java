package org.mqbook.store;

import java.util.concurrent.locks.LockSupport;
import org.mqbook.common.ServiceThread;
import org.mqbook.store.config.BrokerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread "ReputMessageService": pass after pass it reads the commit log from
 * {@code reputFromOffset} to its end and hands each new record to the dispatchers (consume queue,
 * index), then tells the {@link MessageArrivingListener} (long polling) a message arrived. It
 * naps 50 us between passes while records flow in batches (a pass found several) and sleeps
 * (up to 1 ms) when a pass found one record or none, until a put wakes it ({@link #appended()}).
 * <pre>
 *  commit log  ...|rec|rec|rec|rec|          |
 *                     ^reputFromOffset    ^max offset (readable end)
 *  each record → CommitLogDispatcherBuildConsumeQueue, CommitLogDispatcherBuildIndex, listener
 * </pre>
 * A consumer sees a message only after this thread dispatched it, so a put is visible to pulls
 * some 100 us later (4.7.1 polls every millisecond). Thread-safety: one thread;
 * {@code reputFromOffset} is volatile for {@link DefaultMessageStore#dispatchBehindBytes()}.
 * Read next: {@link ConsumeQueue}.
 */
public class ReputMessageService extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(ReputMessageService.class);

    /** Records a pass must find for the thread to nap (50 us), not sleep, before the next. */
    private static final int RECORDS_WORTH_A_NAP = 2;
    private static final long NAP_NANOS = 50_000;
    private static final long SLEEP_NANOS = 1_000_000;

    private final DefaultMessageStore store;
    private volatile long reputFromOffset = 0;
    private volatile boolean sleeping = false;
    private volatile Thread reputThread;

    ReputMessageService(final DefaultMessageStore store) {
        this.store = store;
    }

    /** Waits (up to 5 s) for dispatch to catch up, so a clean shutdown leaves nothing behind. */
    @Override
    public void shutdown() {
        for (int i = 0; i < 50 && this.isCommitLogAvailable(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (this.isCommitLogAvailable()) {
            log.warn("shutdown ReputMessageService, but commitlog have not finish to be "
                + "dispatched, CL: {} reputFromOffset: {}", store.getCommitLog().getMaxOffset(),
                this.reputFromOffset);
        }
        super.shutdown();
    }

    /** Stops at once, leaving the rest undispatched (a simulated crash). */
    void shutdownWithoutWaiting() {
        super.shutdown();
    }

    public long behind() {
        return store.getCommitLog().getMaxOffset() - this.reputFromOffset;
    }

    private boolean isCommitLogAvailable() {
        return this.reputFromOffset < store.getCommitLog().getMaxOffset();
    }

    // tag::ch06-reput[]
    /** One pass over everything readable; how many records it dispatched. */
    private int doReput() {
        final CommitLog commitLog = store.getCommitLog();
        int dispatched = 0;
        if (this.reputFromOffset < commitLog.getMinOffset()) {
            log.warn("The reputFromOffset={} is smaller than minPyOffset={},"
                + " this usually indicate that the dispatch behind too much"
                + " and the commitlog has expired.", this.reputFromOffset,
                commitLog.getMinOffset());
            this.reputFromOffset = commitLog.getMinOffset();
        }
        boolean doNext = true;
        while (doNext && this.isCommitLogAvailable()) {
            // everything readable from reputFromOffset to the end of its file
            final SelectMappedBufferResult result =
                commitLog.getData(reputFromOffset);
            if (result == null) {
                break;
            }
            try {
                this.reputFromOffset = result.getStartOffset();
                for (int readSize = 0; readSize < result.getSize() && doNext; ) {
                    final DispatchRequest request = commitLog
                        .checkMessageAndReturnSize(result.getByteBuffer(), false);
                    final int size = request.getMsgSize();
                    if (request.isSuccess() && size > 0) {
                        // TODO K1: dispatch builds the consume queue and the index
                        // after the append: the producer never waits for them
                        store.doDispatch(request);
                        notifyMessageArriving(request);
                        this.reputFromOffset += size;
                        readSize += size;
                        dispatched++;
                    } else if (request.isSuccess()) {
                        // the end-of-file blank: go on in the next file
                        this.reputFromOffset =
                            commitLog.rollNextFile(reputFromOffset);
                        readSize = result.getSize();
                    } else if (size > 0) {
                        log.error("[BUG]read total count not equals msg total size. "
                            + "reputFromOffset={}", reputFromOffset);
                        this.reputFromOffset += size;
                        readSize += size;
                    } else {
                        doNext = false;
                    }
                }
            } finally {
                result.release();
            }
        }
        return dispatched;
    }
    // end::ch06-reput[]

    private void notifyMessageArriving(final DispatchRequest request) {
        final MessageArrivingListener listener = store.getMessageArrivingListener();
        if (listener != null
            && store.getMessageStoreConfig().getBrokerRole() != BrokerRole.SLAVE) {
            listener.arriving(request.getTopic(), request.getQueueId(),
                request.getConsumeQueueOffset() + 1, request.getTagsCode(),
                request.getStoreTimestamp(), null, request.getPropertiesMap());
        }
    }

    // tag::ch06-reput-loop[]
    @Override
    public void run() {
        log.info("{} service started", this.getServiceName());
        this.reputThread = Thread.currentThread();
        while (!this.isStopped()) {
            try {
                if (this.doReput() >= RECORDS_WORTH_A_NAP) {
                    // TODO K1: while records come faster than passes, nap
                    // 50 us: the next pass takes a batch, and puts never
                    // pay for a wakeup
                    LockSupport.parkNanos(NAP_NANOS);
                } else {
                    // TODO K2: one record or none: naps would mostly find
                    // nothing (sync sends come ~200 us apart), and each
                    // costs a timer wakeup; one wake by the next put is
                    // cheaper on a machine of few cores
                    sleepUntilAppended();
                }
            } catch (RuntimeException e) {
                log.warn("{} service has exception. ", this.getServiceName(), e);
            }
        }
        log.info("{} service end", this.getServiceName());
    }

    /** Idle: sleeps up to 1 ms, or until a put sees the flag and wakes it. */
    private void sleepUntilAppended() {
        this.sleeping = true;
        // TODO K1: flag first, look second: a put that wrote before the
        // flag is seen here, one that wrote after it sees it and unparks
        if (!this.hasReadableBytes()) {
            LockSupport.parkNanos(SLEEP_NANOS);
        }
        this.sleeping = false;
    }

    /** Whether a pass would find bytes where it resumes. */
    private boolean hasReadableBytes() {
        // TODO K2: not "reputFromOffset < max offset": with the transient pool the last
        // file can be ahead of an older file's uncommitted tail, and a thread asking
        // only that looped through empty passes until the commit caught up
        final SelectMappedBufferResult data = store.getCommitLog().getData(this.reputFromOffset);
        if (data == null) {
            return false;
        }
        data.release();
        return true;
    }

    /** Called after every append: wakes the thread only when it sleeps. */
    void appended() {
        if (this.sleeping) {
            // TODO K2: the first put to see the flag clears it, so
            // later puts do not signal a thread already woken
            this.sleeping = false;
            final Thread thread = this.reputThread;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }
    // end::ch06-reput-loop[]

    public long getReputFromOffset() {
        return reputFromOffset;
    }

    public void setReputFromOffset(final long reputFromOffset) {
        this.reputFromOffset = reputFromOffset;
    }

    @Override
    public String getServiceName() {
        return ReputMessageService.class.getSimpleName();
    }
}
