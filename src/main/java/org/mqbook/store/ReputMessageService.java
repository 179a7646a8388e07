package org.mqbook.store;

import org.mqbook.common.ServiceThread;
import org.mqbook.store.config.BrokerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread "ReputMessageService": every 1 ms it reads the commit log from
 * {@code reputFromOffset} to its end and hands each new record to the dispatchers (consume queue,
 * index), then tells the {@link MessageArrivingListener} (long polling) a message arrived.
 * <pre>
 *  commit log  ...|rec|rec|rec|rec|          |
 *                     ^reputFromOffset    ^max offset (readable end)
 *  each record → CommitLogDispatcherBuildConsumeQueue, CommitLogDispatcherBuildIndex, listener
 * </pre>
 * A consumer sees a message only after this thread dispatched it, so a put is visible to pulls
 * about a millisecond later. Thread-safety: one thread; {@code reputFromOffset} is volatile for
 * {@link DefaultMessageStore#dispatchBehindBytes()}. Read next: {@link ConsumeQueue}.
 */
public class ReputMessageService extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(ReputMessageService.class);

    private final DefaultMessageStore store;
    private volatile long reputFromOffset = 0;

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
    private void doReput() {
        final CommitLog commitLog = store.getCommitLog();
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
        while (!this.isStopped()) {
            try {
                // TODO K1: a 1 ms poll, not a wakeup: the put path stays free of it
                Thread.sleep(1);
                this.doReput();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("{} service has exception. ", this.getServiceName(), e);
            }
        }
        log.info("{} service end", this.getServiceName());
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
