package org.mqbook.store.ha;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mqbook.common.ServiceThread;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.SelectMappedBufferResult;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slave, seen from the master: a TCP connection with a read side and a write side, each its
 * own thread. Both directions are bare big-endian frames, no remoting header:
 * <pre>
 *  slave → master, a report (every ack and every heartbeat):
 *  +----------------------------+
 *  | max physical offset (long) |     8 bytes: "I have everything below this"
 *  +----------------------------+
 *  master → slave, a transfer (size 0: a heartbeat):
 *  +------------------------+--------------+----------------------+
 *  | physical offset (long) | size (int)   | size commit-log bytes |
 *  +------------------------+--------------+----------------------+
 *  0                        8              12 (HEADER_SIZE)
 * </pre>
 * The first report says where to start; 0 means "from the start of the master's last file".
 * Blocking sockets: the read side's timeout is {@code haHousekeepingInterval}, so a silent slave
 * is dropped. Thread-safety: the two threads share only volatile offsets; {@link #close()} is
 * idempotent. Read next: {@link HAClient}, the other end.
 */
public class HAConnection {
    /** Transfer header: 8-byte offset + 4-byte size. */
    public static final int HEADER_SIZE = 8 + 4;
    static final int OFFSET_POSITION = 0;
    static final int SIZE_POSITION = 8;
    /** How long the write side waits for new bytes before it looks again, ms. */
    private static final long WAIT_NEW_DATA_MS = 100;
    private static final Logger log = LoggerFactory.getLogger(HAConnection.class);

    private final HAService haService;
    private final DefaultMessageStore store;
    private final Socket socket;
    private final String clientAddr;
    private final ReadSocketService readSocketService;
    private final WriteSocketService writeSocketService;
    private final AtomicBoolean closed = new AtomicBoolean(false);
    /** The slave's first report: where the transfer starts (-1: none yet). */
    private volatile long slaveRequestOffset = -1;
    /** The slave's latest report. */
    private volatile long slaveAckOffset = -1;

    HAConnection(final HAService haService, final Socket socket) throws IOException {
        this.haService = haService;
        this.store = haService.getDefaultMessageStore();
        this.socket = socket;
        this.clientAddr = String.valueOf(socket.getRemoteSocketAddress());
        final MessageStoreConfig config = store.getMessageStoreConfig();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(config.getHaHousekeepingInterval());
        this.readSocketService = new ReadSocketService();
        this.writeSocketService = new WriteSocketService(socket.getOutputStream());
        this.haService.getConnectionCount().incrementAndGet();
    }

    void start() {
        this.readSocketService.start();
        this.writeSocketService.start();
    }

    /** Closes the socket (which ends both threads) and waits for them. */
    void shutdown() {
        this.close();
        this.readSocketService.shutdown();
        this.writeSocketService.shutdown();
    }

    /** Closes once: the socket, the count of slaves, the service's list. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        this.readSocketService.makeStop();
        this.writeSocketService.makeStop();
        try {
            socket.close();
        } catch (IOException e) {
            log.warn("closing the connection of slave {} failed", clientAddr, e);
        }
        haService.getConnectionCount().decrementAndGet();
        haService.removeConnection(this);
        log.info("slave {} disconnected", clientAddr);
    }

    public long getSlaveAckOffset() {
        return slaveAckOffset;
    }

    /** The thread "ReadSocketService": takes the slave's reports. */
    class ReadSocketService extends ServiceThread {
        // tag::ch09-ha-ack[]
        @Override
        public void run() {
            log.info("{} service started", getServiceName());
            try (DataInputStream in =
                new DataInputStream(socket.getInputStream())) {
                while (!this.isStopped()) {
                    final long offset = in.readLong();
                    slaveAckOffset = offset;
                    if (slaveRequestOffset < 0) {
                        slaveRequestOffset = offset;
                        log.info("slave[{}] request offset {}", clientAddr, offset);
                    } else if (offset > store.getMaxPhyOffset()) {
                        // TODO K2: a slave ahead of its master holds bytes the
                        // master never wrote; replicating on would mix two logs
                        log.warn("slave[{}] request offset={} greater than local"
                            + " commitLog offset={}", clientAddr, offset,
                            store.getMaxPhyOffset());
                        break;
                    }
                    // TODO K1: every report is an ack: what the slave
                    // has is what a SYNC_MASTER put may count as replicated
                    haService.notifyTransferSome(offset);
                }
            } catch (SocketTimeoutException e) {
                log.warn("ha housekeeping, found this connection[{}] expired,"
                    + " haHousekeepingInterval {} ms", clientAddr,
                    store.getMessageStoreConfig().getHaHousekeepingInterval());
            } catch (EOFException e) {
                log.info("slave[{}] closed the connection", clientAddr);
            } catch (IOException e) {
                if (!this.isStopped()) {
                    log.warn("reading from slave[{}] failed: {}", clientAddr, e.toString());
                }
            }
            close();
            log.info("{} service end", getServiceName());
        }
        // end::ch09-ha-ack[]

        @Override
        public String getServiceName() {
            return "ReadSocketService-" + clientAddr;
        }
    }

    /** The thread "WriteSocketService": streams the commit log, or heartbeats when idle. */
    class WriteSocketService extends ServiceThread {
        private final OutputStream out;
        private final byte[] header = new byte[HEADER_SIZE];
        private long nextTransferFromWhere = -1;
        private long lastWriteTimestamp = System.currentTimeMillis();

        WriteSocketService(final OutputStream out) {
            this.out = out;
        }

        // tag::ch09-ha-transfer[]
        @Override
        public void run() {
            log.info("{} service started", getServiceName());
            final MessageStoreConfig config = store.getMessageStoreConfig();
            try {
                while (!this.isStopped()) {
                    if (slaveRequestOffset < 0) {
                        Thread.sleep(10); // no report yet
                        continue;
                    }
                    if (nextTransferFromWhere < 0) {
                        nextTransferFromWhere = firstTransferOffset(config);
                        log.info("master transfer data from {} to slave[{}],"
                            + " and slave request {}", nextTransferFromWhere,
                            clientAddr, slaveRequestOffset);
                    }
                    if (!transferBatch(config.getHaTransferBatchSize())) {
                        if (now() - lastWriteTimestamp
                            > config.getHaSendHeartbeatInterval()) {
                            // TODO K2: an idle master still writes a bare
                            // header, so the slave can tell it is alive
                            writeFrame(nextTransferFromWhere, null, 0);
                        }
                        haService.awaitNewData(nextTransferFromWhere,
                            WAIT_NEW_DATA_MS);
                    }
                }
            } catch (IOException e) {
                if (!this.isStopped()) {
                    log.warn("writing to slave[{}] failed: {}", clientAddr, e.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
            log.info("{} service end", getServiceName());
        }

        /** Sends what the log holds at the next offset; false when nothing is there. */
        private boolean transferBatch(final int batchSize) throws IOException {
            final SelectMappedBufferResult data =
                store.getCommitLogData(nextTransferFromWhere);
            if (data == null) {
                return false;
            }
            try {
                // TODO K1: at most one batch, and never past the end of a
                // file: the slave appends each body into one file of its own
                final int size = Math.min(data.getSize(), batchSize);
                writeFrame(nextTransferFromWhere, data.getByteBuffer(), size);
                nextTransferFromWhere += size;
            } finally {
                data.release();
            }
            return true;
        }
        // end::ch09-ha-transfer[]

        /**
         * 0 means a new slave: it starts at the master's last file, not
         * at offset 0, so it does not copy a whole history first.
         */
        private long firstTransferOffset(final MessageStoreConfig config) {
            if (slaveRequestOffset != 0) {
                return slaveRequestOffset;
            }
            final long max = store.getCommitLog().getMaxOffset();
            return Math.max(0, max - max % config.getMappedFileSizeCommitLog());
        }

        private void writeFrame(final long offset, final ByteBuffer body, final int size)
            throws IOException {
            final ByteBuffer head = ByteBuffer.wrap(header);
            head.putLong(OFFSET_POSITION, offset);
            head.putInt(SIZE_POSITION, size);
            if (size == 0) {
                out.write(header);
            } else {
                final byte[] frame = new byte[HEADER_SIZE + size];
                System.arraycopy(header, 0, frame, 0, HEADER_SIZE);
                body.get(body.position(), frame, HEADER_SIZE, size);
                out.write(frame);
            }
            out.flush();
            this.lastWriteTimestamp = now();
        }

        private long now() {
            return store.now();
        }

        @Override
        public String getServiceName() {
            return "WriteSocketService-" + clientAddr;
        }
    }
}
