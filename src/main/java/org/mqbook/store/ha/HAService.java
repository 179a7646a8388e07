package org.mqbook.store.ha;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.common.message.MessageExt;
import org.mqbook.store.AppendMessageResult;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.GroupCommitService.GroupCommitRequest;
import org.mqbook.store.PutMessageResult;
import org.mqbook.store.PutMessageStatus;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Master-slave replication of the commit log, 4.7.1's HA: every store runs one. As a master it
 * accepts slaves on {@code haListenPort} ({@link AcceptSocketService}) and streams its commit
 * log to each through an {@link HAConnection}; as a slave its {@link HAClient} connects to
 * {@code haMasterAddress} and appends what arrives. The wire protocol is drawn in
 * {@link HAConnection} and described in {@code docs/ha-protocol.md}.
 * <pre>
 *  master                                           slave
 *  put → commit log ─ WriteSocketService ─[offset|size|bytes]→ HAClient → commit log → reput
 *        push2SlaveMaxOffset ← ReadSocketService ←──[max offset]─────┘
 *        GroupTransferService: SYNC_MASTER puts wait for it
 * </pre>
 * Thread-safety: thread-safe; {@code push2SlaveMaxOffset} only grows (CAS). Read next:
 * {@link HAConnection}, then {@link HAClient}, then {@link GroupTransferService}.
 */
public class HAService {
    private static final Logger log = LoggerFactory.getLogger(HAService.class);

    private final DefaultMessageStore defaultMessageStore;
    private final AtomicInteger connectionCount = new AtomicInteger(0);
    private final List<HAConnection> connectionList = new ArrayList<>();
    /** The highest offset any slave acknowledged: every byte below it is on a slave. */
    private final AtomicLong push2SlaveMaxOffset = new AtomicLong(0);
    private final AcceptSocketService acceptSocketService;
    private final GroupTransferService groupTransferService;
    private final HAClient haClient;
    private final Object newData = new Object();
    private volatile int waitingWriters = 0;

    public HAService(final DefaultMessageStore defaultMessageStore) {
        this.defaultMessageStore = defaultMessageStore;
        this.acceptSocketService = new AcceptSocketService(this);
        this.groupTransferService = new GroupTransferService(this);
        this.haClient = new HAClient(this);
    }

    /** Binds the HA port and starts the accept thread, the transfer waiter and the client. */
    public void start() throws IOException {
        this.acceptSocketService.beginAccept();
        this.acceptSocketService.start();
        this.groupTransferService.start();
        this.haClient.start();
    }

    public void shutdown() {
        this.haClient.shutdown();
        this.acceptSocketService.shutdown();
        this.destroyConnections();
        this.groupTransferService.shutdown();
    }

    /** The bound HA port (haListenPort, or the one the system picked for 0). */
    public int localListenPort() {
        return acceptSocketService.localListenPort();
    }

    /** A slave learns (or changes) where its master's HA port is. */
    public void updateMasterAddress(final String newAddr) {
        this.haClient.updateMasterAddress(newAddr);
    }

    // tag::ch09-handle-ha[]
    /**
     * After every put: wakes the write threads; a SYNC_MASTER then answers
     * only once a slave acknowledged the last byte, else FLUSH_SLAVE_TIMEOUT
     * or SLAVE_NOT_AVAILABLE.
     */
    public void handleHA(final AppendMessageResult result,
        final PutMessageResult putMessageResult, final MessageExt msg) {
        this.wakeupWriters();
        final MessageStoreConfig config =
            defaultMessageStore.getMessageStoreConfig();
        if (config.getBrokerRole() != BrokerRole.SYNC_MASTER
            || !msg.isWaitStoreMsgOK()) {
            return;
        }
        final long end = result.getWroteOffset() + result.getWroteBytes();
        // TODO K1: a SYNC_MASTER never waits for a slave that is absent
        // or far behind: it answers SLAVE_NOT_AVAILABLE at once (the
        // message is stored on the master all the same)
        if (!this.isSlaveOK(end)) {
            putMessageResult.setPutMessageStatus(
                PutMessageStatus.SLAVE_NOT_AVAILABLE);
            return;
        }
        final GroupCommitRequest request = new GroupCommitRequest(end);
        this.groupTransferService.putRequest(request,
            config.getSyncFlushTimeout());
        if (!awaitTransfer(request, config.getSyncFlushTimeout())) {
            log.error("do sync transfer other node, wait return, but failed,"
                + " topic: {} tags: {} client address: {} syncFlushTimeout {} ms",
                msg.getTopic(), msg.getTags(), msg.getBornHostString(),
                config.getSyncFlushTimeout());
            putMessageResult.setPutMessageStatus(
                PutMessageStatus.FLUSH_SLAVE_TIMEOUT);
        }
    }
    // end::ch09-handle-ha[]

    private static boolean awaitTransfer(final GroupCommitRequest request,
        final long timeoutMs) {
        try {
            return request.future().get(timeoutMs, TimeUnit.MILLISECONDS)
                == PutMessageStatus.PUT_OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** A slave is connected and less than haSlaveFallbehindMax behind {@code masterPutWhere}. */
    public boolean isSlaveOK(final long masterPutWhere) {
        final long behind = masterPutWhere - this.push2SlaveMaxOffset.get();
        return this.connectionCount.get() > 0
            && behind < defaultMessageStore.getMessageStoreConfig().getHaSlaveFallbehindMax();
    }

    /** A slave acknowledged {@code offset}: raise the high-water mark and wake the waiters. */
    public void notifyTransferSome(final long offset) {
        for (long value = push2SlaveMaxOffset.get(); offset > value;
            value = push2SlaveMaxOffset.get()) {
            if (push2SlaveMaxOffset.compareAndSet(value, offset)) {
                this.groupTransferService.notifyTransferSome();
                break;
            }
        }
    }

    /** After each append on a master: wakes write threads that wait for new bytes. */
    public void wakeupWriters() {
        if (this.waitingWriters > 0) {
            synchronized (newData) {
                newData.notifyAll();
            }
        }
    }

    /** A write thread waits up to {@code timeoutMs} unless the log grew past {@code offset}. */
    void awaitNewData(final long offset, final long timeoutMs) throws InterruptedException {
        synchronized (newData) {
            this.waitingWriters++;
            try {
                // counted first, looked second: an append after the look sees the count
                if (defaultMessageStore.getMaxPhyOffset() <= offset) {
                    newData.wait(timeoutMs);
                }
            } finally {
                this.waitingWriters--;
            }
        }
    }

    void addConnection(final HAConnection conn) {
        synchronized (connectionList) {
            connectionList.add(conn);
        }
    }

    void removeConnection(final HAConnection conn) {
        synchronized (connectionList) {
            connectionList.remove(conn);
        }
    }

    private void destroyConnections() {
        final List<HAConnection> copy;
        synchronized (connectionList) {
            copy = new ArrayList<>(connectionList);
            connectionList.clear();
        }
        for (HAConnection conn : copy) {
            conn.shutdown();
        }
    }

    public DefaultMessageStore getDefaultMessageStore() {
        return defaultMessageStore;
    }

    public AtomicInteger getConnectionCount() {
        return connectionCount;
    }

    public AtomicLong getPush2SlaveMaxOffset() {
        return push2SlaveMaxOffset;
    }

    public HAClient getHaClient() {
        return haClient;
    }
}
