package org.mqbook.store.ha;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import org.mqbook.common.ServiceThread;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread "HAClient": a slave's end of replication. It connects to the master's HA address,
 * reports its commit log's max offset, and appends every transfer (frames drawn in
 * {@link HAConnection}) at exactly the offset its log ends at; its ReputMessageService then
 * dispatches the records as if they had been put here. After each append it reports the new
 * max offset (the ack), and every {@code haSendHeartbeatInterval} when idle.
 *
 * <p>A frame is assembled across reads (the socket's read timeout of {@link #POLL_MS} lets the
 * loop send heartbeats), so a timeout never loses a half-read frame. A transfer for another
 * offset closes the connection; the next connect reports where this log really ends.
 * Thread-safety: one thread; {@link #updateMasterAddress} may be called from any. Read next:
 * {@link GroupTransferService}.
 */
public class HAClient extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(HAClient.class);
    /** Longest blocking read, so heartbeats and housekeeping run on time, ms. */
    static final int POLL_MS = 500;
    private static final int CONNECT_TIMEOUT_MS = 3000;
    /** Pause before connecting again after a failure, or while no master is known, ms. */
    private static final long RETRY_MS = 1000 * 5;

    private final HAService haService;
    private final DefaultMessageStore store;
    private final AtomicReference<String> masterAddress = new AtomicReference<>();
    private final byte[] header = new byte[HAConnection.HEADER_SIZE];
    private final byte[] report = new byte[8];
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long currentReportedOffset = 0;
    private long lastReadTimestamp = 0;
    private long lastWriteTimestamp = 0;
    private int headerRead = 0;
    private long masterPhyOffset;
    private byte[] body;
    private int bodyRead = 0;

    HAClient(final HAService haService) {
        this.haService = haService;
        this.store = haService.getDefaultMessageStore();
    }

    public void updateMasterAddress(final String newAddr) {
        final String old = this.masterAddress.getAndSet(newAddr);
        if (old == null || !old.equals(newAddr)) {
            log.info("update master address, OLD: {} NEW: {}", old, newAddr);
            this.wakeup();
        }
    }

    public String getMasterAddress() {
        return masterAddress.get();
    }

    /** True while connected to a master. */
    public synchronized boolean isConnected() {
        return socket != null;
    }

    // tag::ch09-ha-client[]
    @Override
    public void run() {
        log.info("{} service started", this.getServiceName());
        final MessageStoreConfig config = store.getMessageStoreConfig();
        while (!this.isStopped()) {
            try {
                if (!this.connectMaster()) {
                    this.waitForRunning(RETRY_MS);
                    continue;
                }
                if (now() - lastWriteTimestamp
                    > config.getHaSendHeartbeatInterval()) {
                    reportSlaveMaxOffset(currentReportedOffset);
                }
                if (!this.readOnce()) {
                    this.closeMaster();
                    continue;
                }
                this.reportSlaveMaxOffsetPlus();
                if (now() - lastReadTimestamp
                    > config.getHaHousekeepingInterval()) {
                    // TODO K2: the master heartbeats every 5 s; silence
                    // for 20 s means the master or the path is gone
                    log.warn("HAClient, housekeeping, found this connection[{}]"
                        + " expired", masterAddress.get());
                    this.closeMaster();
                }
            } catch (IOException e) {
                if (!this.isStopped()) {
                    log.warn("{} connection to {} failed: {}", getServiceName(),
                        masterAddress.get(), e.toString());
                }
                this.closeMaster();
                this.waitForRunning(RETRY_MS);
            }
        }
        this.closeMaster();
        log.info("{} service end", this.getServiceName());
    }

    /** One read; false when a whole transfer did not fit this log. */
    private boolean readOnce() throws IOException {
        final int n;
        try {
            n = headerRead < header.length
                ? in.read(header, headerRead, header.length - headerRead)
                : in.read(body, bodyRead, body.length - bodyRead);
        } catch (SocketTimeoutException e) {
            return true; // nothing came: heartbeat and housekeeping time
        }
        if (n < 0) {
            throw new EOFException("the master closed the connection");
        }
        lastReadTimestamp = now();
        if (headerRead < header.length) {
            headerRead += n;
            if (headerRead < header.length) {
                return true;
            }
            final ByteBuffer h = ByteBuffer.wrap(header);
            masterPhyOffset = h.getLong(HAConnection.OFFSET_POSITION);
            body = new byte[h.getInt(HAConnection.SIZE_POSITION)];
            bodyRead = 0;
            // TODO K1: the bytes must land exactly where this log ends,
            // else the two logs would differ from here on
            final long slavePhyOffset = store.getMaxPhyOffset();
            if (slavePhyOffset != 0 && slavePhyOffset != masterPhyOffset) {
                log.error("master pushed offset not equal the max phy offset"
                    + " in slave, SLAVE: {} MASTER: {}", slavePhyOffset,
                    masterPhyOffset);
                return false;
            }
        } else {
            bodyRead += n;
        }
        if (bodyRead < body.length) {
            return true;
        }
        headerRead = 0;
        if (body.length > 0
            && !store.appendToCommitLog(masterPhyOffset, body)) {
            log.error("appending {} bytes at {} failed", body.length, masterPhyOffset);
            return false;
        }
        return true;
    }
    // end::ch09-ha-client[]

    /** Reports the max offset when it grew: the ack a SYNC_MASTER waits for. */
    private void reportSlaveMaxOffsetPlus() throws IOException {
        final long current = store.getMaxPhyOffset();
        if (current > this.currentReportedOffset) {
            this.currentReportedOffset = current;
            reportSlaveMaxOffset(current);
        }
    }

    private void reportSlaveMaxOffset(final long maxOffset) throws IOException {
        ByteBuffer.wrap(report).putLong(0, maxOffset);
        out.write(report);
        out.flush();
        lastWriteTimestamp = now();
    }

    /** Connects when a master is known and no connection is open; true when connected. */
    private boolean connectMaster() throws IOException {
        if (socket != null) {
            return true;
        }
        final String addr = masterAddress.get();
        if (addr == null || addr.isEmpty()) {
            return false;
        }
        final int colon = addr.lastIndexOf(':');
        final Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(addr.substring(0, colon),
                Integer.parseInt(addr.substring(colon + 1))), CONNECT_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            s.setSoTimeout(POLL_MS);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw new IOException("connect to master " + addr + " failed: " + e, e);
        }
        synchronized (this) {
            this.socket = s;
        }
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
        this.headerRead = 0;
        this.lastReadTimestamp = now();
        // TODO K2: 4.7.1 sends its first report only after a heartbeat
        // interval (5 s); reporting at once starts the transfer sooner
        this.currentReportedOffset = store.getMaxPhyOffset();
        reportSlaveMaxOffset(currentReportedOffset);
        log.info("HAClient connected to master {}, reported offset {}", addr,
            currentReportedOffset);
        return true;
    }

    private void closeMaster() {
        final Socket s;
        synchronized (this) {
            s = this.socket;
            this.socket = null;
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                log.warn("closeMaster exception", e);
            }
            log.info("HAClient closed the connection to {}", masterAddress.get());
        }
        this.headerRead = 0;
        this.bodyRead = 0;
    }

    @Override
    public void shutdown() {
        this.makeStop();
        this.closeMaster();
        super.shutdown();
    }

    private long now() {
        return store.now();
    }

    @Override
    public String getServiceName() {
        return HAClient.class.getSimpleName();
    }
}
