package org.mqbook.store;

import java.nio.ByteBuffer;
import java.util.List;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where the commit log really ends after a restart, and cuts it there.
 * <pre>
 *  normal   (no abort file: the last run shut down cleanly)
 *           scan the last three files record by record; the first record that does not
 *           check out is the end
 *  abnormal (abort file present: the process or the machine died)
 *           walk back to the newest file whose first message is older than the checkpoint
 *           (minus 3 s); scan from there, re-dispatching every record to the consume queues
 *           and the index (they may have missed it), up to the first bad record
 *  both     truncate the log at the end found (later bytes zeroed, later files deleted) and cut
 *           consume queues that point past it
 * </pre>
 * Runs once, in {@link DefaultMessageStore#load()}, before any thread starts. Read next:
 * {@link StoreCheckpoint}, {@link CommitLogRecords}.
 */
final class CommitLogRecovery {
    private static final Logger log = LoggerFactory.getLogger(CommitLogRecovery.class);

    private final CommitLog commitLog;
    private final DefaultMessageStore store;

    CommitLogRecovery(final CommitLog commitLog, final DefaultMessageStore store) {
        this.commitLog = commitLog;
        this.store = store;
    }

    void recoverNormally(final long maxPhyOffsetOfConsumeQueue) {
        final List<MappedFile> files = commitLog.getMappedFileQueue().getMappedFiles();
        if (files.isEmpty()) {
            emptyLog();
            return;
        }
        final int from = Math.max(0, files.size() - 3);
        final long end = scan(files, from, false);
        truncate(end, maxPhyOffsetOfConsumeQueue);
    }

    // tag::ch06-recover-abnormally[]
    void recoverAbnormally(final long maxPhyOffsetOfConsumeQueue) {
        final List<MappedFile> files =
            commitLog.getMappedFileQueue().getMappedFiles();
        if (files.isEmpty()) {
            emptyLog();
            return;
        }
        // TODO K1: the checkpoint says what was surely on disk; re-dispatching
        // from a file older than that rebuilds whatever the queues lost
        int index = files.size() - 1;
        while (index > 0 && !isMappedFileMatchedRecover(files.get(index))) {
            index--;
        }
        log.info("recover abnormally from {}", files.get(index).getFileName());
        final long end = scan(files, index, true);
        truncate(end, maxPhyOffsetOfConsumeQueue);
    }
    // end::ch06-recover-abnormally[]

    /**
     * Scans from file {@code index} to the first bad record (a blank moves on to the next
     * file) and returns the commit-log offset where the valid records end.
     */
    private long scan(final List<MappedFile> files, final int startIndex,
        final boolean dispatch) {
        final boolean checkCRC = store.getMessageStoreConfig().isCheckCRCOnRecover();
        int index = startIndex;
        MappedFile mappedFile = files.get(index);
        ByteBuffer byteBuffer = mappedFile.sliceByteBuffer();
        long processOffset = mappedFile.getFileFromOffset();
        long mappedFileOffset = 0;
        while (true) {
            final DispatchRequest request =
                commitLog.checkMessageAndReturnSize(byteBuffer, checkCRC);
            final int size = request.getMsgSize();
            if (request.isSuccess() && size > 0) {
                mappedFileOffset += size;
                if (dispatch) {
                    store.doDispatch(request);
                }
            } else if (request.isSuccess()) {
                index++;
                if (index >= files.size()) {
                    log.info("recover physics file over, last mapped file {}",
                        mappedFile.getFileName());
                    break;
                }
                mappedFile = files.get(index);
                byteBuffer = mappedFile.sliceByteBuffer();
                processOffset = mappedFile.getFileFromOffset();
                mappedFileOffset = 0;
                log.info("recover next physics file, {}", mappedFile.getFileName());
            } else {
                log.info("recover physics file end, {} pos={}", mappedFile.getFileName(),
                    byteBuffer.position());
                break;
            }
        }
        return processOffset + mappedFileOffset;
    }

    private void truncate(final long processOffset, final long maxPhyOffsetOfConsumeQueue) {
        final MappedFileQueue queue = commitLog.getMappedFileQueue();
        queue.setFlushedWhere(processOffset);
        queue.setCommittedWhere(processOffset);
        queue.truncateDirtyFiles(processOffset);
        // TODO K2: a queue unit pointing past the end would serve a message that is gone
        if (maxPhyOffsetOfConsumeQueue >= processOffset) {
            log.warn("maxPhyOffsetOfConsumeQueue({}) >= processOffset({}), truncate dirty "
                + "logic files", maxPhyOffsetOfConsumeQueue, processOffset);
            store.getConsumeQueueStore().truncateDirtyLogicFiles(processOffset);
        }
    }

    private void emptyLog() {
        commitLog.getMappedFileQueue().setFlushedWhere(0);
        commitLog.getMappedFileQueue().setCommittedWhere(0);
        store.getConsumeQueueStore().destroyLogics();
    }

    /** True when the file's first message was stored before the checkpoint time. */
    private boolean isMappedFileMatchedRecover(final MappedFile mappedFile) {
        final ByteBuffer byteBuffer = mappedFile.sliceByteBuffer();
        final int magicCode = byteBuffer.getInt(MessageDecoder.MESSAGE_MAGIC_CODE_POSTION);
        if (magicCode != MessageDecoder.MESSAGE_MAGIC_CODE) {
            return false;
        }
        final int sysFlag = byteBuffer.getInt(MessageDecoder.SYSFLAG_POSITION);
        final long storeTimestamp =
            byteBuffer.getLong(MessageDecoder.storeTimestampPosition(sysFlag));
        if (storeTimestamp == 0) {
            return false;
        }
        final MessageStoreConfig config = store.getMessageStoreConfig();
        final StoreCheckpoint checkpoint = store.getStoreCheckpoint();
        final long limit = config.isMessageIndexEnable() && config.isMessageIndexSafe()
            ? checkpoint.getMinTimestampIndex() : checkpoint.getMinTimestamp();
        if (storeTimestamp <= limit) {
            log.info("find check timestamp, {} {}", storeTimestamp,
                mappedFile.getFileName());
            return true;
        }
        return false;
    }
}
