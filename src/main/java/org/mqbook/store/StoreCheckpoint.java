package org.mqbook.store;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.mqbook.common.UtilAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code checkpoint} file: how far each kind of file is known to be on disk, as the store time
 * of the last message it holds. Abnormal recovery starts re-dispatching from the newest
 * commit-log file whose first message is older than all three (minus 3 s).
 * <pre>
 *  pos  size  field
 *    0     8  physicMsgTimestamp   store time of the last flushed commit-log message
 *    8     8  logicsMsgTimestamp   store time of the last message dispatched to a consume queue
 *   16     8  indexMsgTimestamp    end time of the last index file that was completed
 *   24  4072  unused (the file is 4096 bytes, one page, so it is written whole)
 * </pre>
 * Big-endian. Thread-safety: setters may race benignly (last writer wins); {@link #flush()}
 * writes all three. Read next: {@link CommitLogRecovery}.
 */
public class StoreCheckpoint {
    public static final int FILE_SIZE = MappedFile.OS_PAGE_SIZE;
    public static final int PHYSIC_MSG_TIMESTAMP_POSITION = 0;
    public static final int LOGICS_MSG_TIMESTAMP_POSITION = 8;
    public static final int INDEX_MSG_TIMESTAMP_POSITION = 16;
    /** Recovery goes back this far before the checkpoint, for messages stored in parallel. */
    public static final long RECOVERY_MARGIN_MS = 1000 * 3;
    private static final Logger log = LoggerFactory.getLogger(StoreCheckpoint.class);

    private final FileChannel fileChannel;
    private final MappedByteBuffer mappedByteBuffer;
    private volatile long physicMsgTimestamp = 0;
    private volatile long logicsMsgTimestamp = 0;
    private volatile long indexMsgTimestamp = 0;

    public StoreCheckpoint(final String scpPath) throws IOException {
        final File file = new File(scpPath);
        UtilAll.ensureDirOK(file.getParent());
        final boolean fileExists = file.exists();
        this.fileChannel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.mappedByteBuffer = fileChannel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_SIZE);
        if (fileExists) {
            this.physicMsgTimestamp = mappedByteBuffer.getLong(PHYSIC_MSG_TIMESTAMP_POSITION);
            this.logicsMsgTimestamp = mappedByteBuffer.getLong(LOGICS_MSG_TIMESTAMP_POSITION);
            this.indexMsgTimestamp = mappedByteBuffer.getLong(INDEX_MSG_TIMESTAMP_POSITION);
            log.info("store checkpoint file physicMsgTimestamp {}, logicsMsgTimestamp {}, "
                + "indexMsgTimestamp {}", physicMsgTimestamp, logicsMsgTimestamp,
                indexMsgTimestamp);
        } else {
            log.info("store checkpoint file not exists, {}", scpPath);
        }
    }

    /** Flushes and unmaps; the object must not be used afterwards. */
    public void shutdown() {
        this.flush();
        DirectBuffers.free(this.mappedByteBuffer);
        try {
            this.fileChannel.close();
        } catch (IOException e) {
            log.error("failed to close the checkpoint file", e);
        }
    }

    /** Unmaps without writing (a crash leaves the file as the page cache holds it). */
    void close() {
        DirectBuffers.free(this.mappedByteBuffer);
        try {
            this.fileChannel.close();
        } catch (IOException e) {
            log.error("failed to close the checkpoint file", e);
        }
    }

    public void flush() {
        this.mappedByteBuffer.putLong(PHYSIC_MSG_TIMESTAMP_POSITION, this.physicMsgTimestamp);
        this.mappedByteBuffer.putLong(LOGICS_MSG_TIMESTAMP_POSITION, this.logicsMsgTimestamp);
        this.mappedByteBuffer.putLong(INDEX_MSG_TIMESTAMP_POSITION, this.indexMsgTimestamp);
        this.mappedByteBuffer.force();
    }

    /** min(physic, logics) minus the margin: recovery re-dispatches from before this time. */
    public long getMinTimestamp() {
        // TODO K2: times, not offsets: the file kinds share no offset, but every message
        // has one store time; before the smaller one both are surely on disk.
        final long min = Math.min(this.physicMsgTimestamp, this.logicsMsgTimestamp);
        return Math.max(0, min - RECOVERY_MARGIN_MS);
    }

    /** As {@link #getMinTimestamp()}, also no later than the index (messageIndexSafe). */
    public long getMinTimestampIndex() {
        return Math.min(this.getMinTimestamp(), this.indexMsgTimestamp);
    }

    public long getPhysicMsgTimestamp() {
        return physicMsgTimestamp;
    }

    public void setPhysicMsgTimestamp(final long physicMsgTimestamp) {
        this.physicMsgTimestamp = physicMsgTimestamp;
    }

    public long getLogicsMsgTimestamp() {
        return logicsMsgTimestamp;
    }

    public void setLogicsMsgTimestamp(final long logicsMsgTimestamp) {
        this.logicsMsgTimestamp = logicsMsgTimestamp;
    }

    public long getIndexMsgTimestamp() {
        return indexMsgTimestamp;
    }

    public void setIndexMsgTimestamp(final long indexMsgTimestamp) {
        this.indexMsgTimestamp = indexMsgTimestamp;
    }
}
