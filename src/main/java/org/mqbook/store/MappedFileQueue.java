package org.mqbook.store;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mqbook.common.UtilAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One directory of equally sized {@link MappedFile}s that together form one long log: the commit
 * log, or one consume queue. A file's name is the log offset of its first byte, so the file
 * holding offset P is number {@code P / mappedFileSize - first / mappedFileSize} in the list.
 * <pre>
 *  00000000000000000000  00000000000001048576  00000000000002097152   (1 MiB files)
 *  [ full ............ ][ full ............ ][ last: wrote | free ]
 *  min offset = first file's name             max offset = last name + its read position
 * </pre>
 * {@code flushedWhere} / {@code committedWhere} are log offsets up to which the files are forced
 * / committed. Only the last file is ever written; only the first files are ever deleted.
 *
 * <p>Thread-safety: the file list is copy-on-write, so readers may iterate while the writer adds
 * a file or the cleaner removes the first ones. Read next: {@link AllocateMappedFileService}.
 */
public class MappedFileQueue {
    private static final Logger log = LoggerFactory.getLogger(MappedFileQueue.class);
    /** At most this many files are deleted per call. */
    private static final int DELETE_FILES_BATCH_MAX = 10;

    private final String storePath;
    private final int mappedFileSize;
    private final CopyOnWriteArrayList<MappedFile> mappedFiles = new CopyOnWriteArrayList<>();
    private final AllocateMappedFileService allocateMappedFileService;
    private volatile long flushedWhere = 0;
    private volatile long committedWhere = 0;
    private volatile long storeTimestamp = 0;

    public MappedFileQueue(final String storePath, final int mappedFileSize,
        final AllocateMappedFileService allocateMappedFileService) {
        this.storePath = storePath;
        this.mappedFileSize = mappedFileSize;
        this.allocateMappedFileService = allocateMappedFileService;
    }

    /**
     * Maps every file of the directory, in name order, as full (recovery then moves the
     * positions back). A file of the wrong size fails the load: the configured size changed.
     */
    public boolean load() {
        final File[] files = new File(this.storePath).listFiles();
        if (files == null) {
            return true;
        }
        Arrays.sort(files);
        for (File file : files) {
            if (file.isDirectory()) {
                continue;
            }
            if (file.length() != this.mappedFileSize) {
                log.warn("{} length {} does not match the configured file size {}; check it",
                    file, file.length(), mappedFileSize);
                return false;
            }
            try {
                final MappedFile mappedFile = new MappedFile(file.getPath(), mappedFileSize);
                mappedFile.setWrotePosition(this.mappedFileSize);
                mappedFile.setFlushedPosition(this.mappedFileSize);
                mappedFile.setCommittedPosition(this.mappedFileSize);
                this.mappedFiles.add(mappedFile);
                log.info("load {} OK", file.getPath());
            } catch (IOException e) {
                log.error("load file {} error", file, e);
                return false;
            }
        }
        return true;
    }

    /**
     * The file to write at {@code startOffset}: the last file while it has room, else a new one
     * (named for where the log goes on) when {@code needCreate}; null if it cannot be created.
     */
    public MappedFile getLastMappedFile(final long startOffset, final boolean needCreate) {
        long createOffset = -1;
        final MappedFile mappedFileLast = getLastMappedFile();
        if (mappedFileLast == null) {
            createOffset = startOffset - (startOffset % this.mappedFileSize);
        } else if (mappedFileLast.isFull()) {
            createOffset = mappedFileLast.getFileFromOffset() + this.mappedFileSize;
        }
        if (createOffset == -1 || !needCreate) {
            return mappedFileLast;
        }
        final String nextFilePath = this.storePath + File.separator
            + UtilAll.offset2FileName(createOffset);
        final String nextNextFilePath = this.storePath + File.separator
            + UtilAll.offset2FileName(createOffset + this.mappedFileSize);
        MappedFile mappedFile = null;
        if (this.allocateMappedFileService != null) {
            mappedFile = this.allocateMappedFileService.putRequestAndReturnMappedFile(
                nextFilePath, nextNextFilePath, this.mappedFileSize);
        } else {
            try {
                mappedFile = new MappedFile(nextFilePath, this.mappedFileSize);
            } catch (IOException e) {
                log.error("create mappedFile {} exception", nextFilePath, e);
            }
        }
        if (mappedFile != null) {
            if (this.mappedFiles.isEmpty()) {
                mappedFile.setFirstCreateInQueue(true);
            }
            this.mappedFiles.add(mappedFile);
        }
        return mappedFile;
    }

    /** For an empty queue, orders its first file (offset 0) ahead of need; else nothing. */
    public void orderFirstFileAhead() {
        if (this.mappedFiles.isEmpty() && this.allocateMappedFileService != null) {
            this.allocateMappedFileService.orderAhead(
                this.storePath + File.separator + UtilAll.offset2FileName(0), this.mappedFileSize);
        }
    }

    public MappedFile getLastMappedFile(final long startOffset) {
        return getLastMappedFile(startOffset, true);
    }

    public MappedFile getLastMappedFile() {
        final List<MappedFile> files = this.mappedFiles;
        while (!files.isEmpty()) {
            try {
                return files.get(files.size() - 1);
            } catch (IndexOutOfBoundsException e) {
                // the cleaner removed a file between size() and get(); look again
            }
        }
        return null;
    }

    public MappedFile getFirstMappedFile() {
        try {
            return this.mappedFiles.isEmpty() ? null : this.mappedFiles.get(0);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The first file whose last modification is at or after {@code timestamp}, else the last. */
    public MappedFile getMappedFileByTime(final long timestamp) {
        final Object[] mfs = this.mappedFiles.toArray();
        if (mfs.length == 0) {
            return null;
        }
        for (Object mf : mfs) {
            if (((MappedFile) mf).getLastModifiedTimestamp() >= timestamp) {
                return (MappedFile) mf;
            }
        }
        return (MappedFile) mfs[mfs.length - 1];
    }

    // tag::ch06-find-file[]
    /** The file holding log offset {@code offset}; else null (or the first). */
    public MappedFile findMappedFileByOffset(final long offset,
        final boolean returnFirstOnNotFound) {
        final MappedFile first = getFirstMappedFile();
        final MappedFile last = getLastMappedFile();
        if (first == null || last == null) {
            return null;
        }
        if (offset >= first.getFileFromOffset()
            && offset < last.getFileFromOffset() + this.mappedFileSize) {
            // TODO K1: names are start offsets of equal-sized files, so the
            // file is found by division, not by search
            final int index = (int) ((offset / this.mappedFileSize)
                - (first.getFileFromOffset() / this.mappedFileSize));
            try {
                final MappedFile target = this.mappedFiles.get(index);
                if (offset >= target.getFileFromOffset()
                    && offset < target.getFileFromOffset() + this.mappedFileSize) {
                    return target;
                }
            } catch (IndexOutOfBoundsException e) {
                // files were deleted meanwhile; fall through to the scan
            }
            for (MappedFile candidate : this.mappedFiles) {
                if (offset >= candidate.getFileFromOffset()
                    && offset < candidate.getFileFromOffset() + this.mappedFileSize) {
                    return candidate;
                }
            }
        } else if (offset != last.getFileFromOffset() + mappedFileSize) {
            // (the end of a full last file is where the next one starts)
            log.warn("Offset not matched. Request offset: {}, firstOffset: {},"
                + " lastOffset: {}, mappedFileSize: {}, mappedFiles count: {}",
                offset, first.getFileFromOffset(),
                last.getFileFromOffset() + mappedFileSize, mappedFileSize,
                mappedFiles.size());
        }
        return returnFirstOnNotFound ? first : null;
    }
    // end::ch06-find-file[]

    public MappedFile findMappedFileByOffset(final long offset) {
        return findMappedFileByOffset(offset, false);
    }

    /**
     * Cuts the log at {@code offset}: the file holding it ends there (its bytes after the cut
     * are zeroed), later files are deleted.
     */
    public void truncateDirtyFiles(final long offset) {
        final List<MappedFile> willRemove = new ArrayList<>();
        for (MappedFile file : this.mappedFiles) {
            final long fileTailOffset = file.getFileFromOffset() + this.mappedFileSize;
            if (fileTailOffset > offset) {
                if (offset >= file.getFileFromOffset()) {
                    final int pos = (int) (offset % this.mappedFileSize);
                    file.setWrotePosition(pos);
                    file.setCommittedPosition(pos);
                    file.setFlushedPosition(pos);
                    // TODO K2: 4.7.1 leaves the cut bytes; zeroing them means a stale record
                    // behind the cut can never look valid to a later recovery
                    file.zeroFrom(pos);
                } else {
                    file.destroy(1000);
                    willRemove.add(file);
                }
            }
        }
        this.deleteExpiredFile(willRemove);
    }

    /** Drops these files from the list (they are destroyed already). */
    void deleteExpiredFile(final List<MappedFile> files) {
        if (!files.isEmpty()) {
            this.mappedFiles.removeAll(files);
        }
    }

    /** Deletes the last file (a consume queue cut back before its first unit). */
    public void deleteLastMappedFile() {
        final MappedFile lastMappedFile = getLastMappedFile();
        if (lastMappedFile != null) {
            lastMappedFile.destroy(1000);
            this.mappedFiles.remove(lastMappedFile);
            log.info("on recover, destroy a logic mapped file {}", lastMappedFile.getFileName());
        }
    }

    // tag::ch06-expire-by-time[]
    /**
     * Deletes, oldest first, every file but the last whose last write is
     * older than {@code expiredTime} ms (any file when cleanImmediately);
     * stops at the first young or held file, and after 10 files.
     */
    public int deleteExpiredFileByTime(final long now, final long expiredTime,
        final int deleteFilesInterval, final long intervalForcibly,
        final boolean cleanImmediately) {
        final Object[] mfs = this.mappedFiles.toArray();
        final int mfsLength = mfs.length - 1;
        final List<MappedFile> files = new ArrayList<>();
        // TODO K1: the last file is still written; deletion goes oldest first
        // and stops at the first young file, so the log never gets a hole
        for (int i = 0; i < mfsLength; i++) {
            final MappedFile mappedFile = (MappedFile) mfs[i];
            final long liveMaxTimestamp =
                mappedFile.getLastModifiedTimestamp() + expiredTime;
            if (now < liveMaxTimestamp && !cleanImmediately) {
                break;
            }
            if (!mappedFile.destroy(intervalForcibly)) {
                break;
            }
            files.add(mappedFile);
            if (files.size() >= DELETE_FILES_BATCH_MAX) {
                break;
            }
            if (deleteFilesInterval > 0 && (i + 1) < mfsLength) {
                sleep(deleteFilesInterval);
            }
        }
        deleteExpiredFile(files);
        return files.size();
    }
    // end::ch06-expire-by-time[]

    /**
     * Deletes, oldest first, every consume-queue file but the last whose last unit points below
     * commit-log offset {@code offset} (those messages are gone).
     */
    public int deleteExpiredFileByOffset(final long offset, final int unitSize) {
        final Object[] mfs = this.mappedFiles.toArray();
        final List<MappedFile> files = new ArrayList<>();
        for (int i = 0; i < mfs.length - 1; i++) {
            final MappedFile mappedFile = (MappedFile) mfs[i];
            final boolean destroy;
            final SelectMappedBufferResult result =
                mappedFile.selectMappedBuffer(this.mappedFileSize - unitSize);
            if (result != null) {
                final long maxOffsetInLogicQueue = result.getByteBuffer().getLong();
                result.release();
                destroy = maxOffsetInLogicQueue < offset;
                if (destroy) {
                    log.info("physic min offset {}, logics in current mappedFile max offset {},"
                        + " delete it", offset, maxOffsetInLogicQueue);
                }
            } else if (!mappedFile.isAvailable()) {
                log.warn("Found a hanged consume queue file, attempting to delete it.");
                destroy = true;
            } else {
                log.warn("consume queue file {} is not full but not last", mappedFile);
                break;
            }
            if (!destroy || !mappedFile.destroy(1000 * 60)) {
                break;
            }
            files.add(mappedFile);
        }
        deleteExpiredFile(files);
        return files.size();
    }

    /** Retries a first file whose deletion hung on a reader; true when it is gone now. */
    public boolean retryDeleteFirstFile(final long intervalForcibly) {
        final MappedFile mappedFile = this.getFirstMappedFile();
        if (mappedFile != null && !mappedFile.isAvailable()) {
            log.warn("the mappedFile was destroyed once, but still alive, {}", mappedFile);
            if (mappedFile.destroy(intervalForcibly)) {
                this.mappedFiles.remove(mappedFile);
                log.info("the mappedFile re-delete OK, {}", mappedFile);
                return true;
            }
            log.warn("the mappedFile re-delete failed, {}", mappedFile);
        }
        return false;
    }

    /** Forces the file at flushedWhere; true when nothing new was forced. */
    public boolean flush(final int flushLeastPages) {
        boolean result = true;
        final MappedFile mappedFile = findMappedFileByOffset(flushedWhere, flushedWhere == 0);
        if (mappedFile != null) {
            final long tmpTimeStamp = mappedFile.getStoreTimestamp();
            final int offset = mappedFile.flush(flushLeastPages);
            final long where = mappedFile.getFileFromOffset() + offset;
            result = where == this.flushedWhere;
            this.flushedWhere = where;
            if (0 == flushLeastPages) {
                this.storeTimestamp = tmpTimeStamp;
            }
        }
        return result;
    }

    /** Commits the file at committedWhere (pool only); true when nothing new was committed. */
    public boolean commit(final int commitLeastPages) {
        boolean result = true;
        final MappedFile mappedFile = findMappedFileByOffset(committedWhere, committedWhere == 0);
        if (mappedFile != null) {
            final int offset = mappedFile.commit(commitLeastPages);
            final long where = mappedFile.getFileFromOffset() + offset;
            result = where == this.committedWhere;
            this.committedWhere = where;
        }
        return result;
    }

    /** Unmaps every file without deleting it (the store is shutting down). */
    public void shutdown(final long intervalForcibly) {
        for (MappedFile mf : this.mappedFiles) {
            mf.shutdown(intervalForcibly);
        }
    }

    /** Deletes every file and the directory. */
    public void destroy() {
        for (MappedFile mf : this.mappedFiles) {
            mf.destroy(1000 * 3);
        }
        this.mappedFiles.clear();
        this.flushedWhere = 0;
        final File file = new File(storePath);
        if (file.isDirectory() && !file.delete()) {
            log.warn("could not delete directory {}", storePath);
        }
    }

    /** Log offset of the first byte of the first file; -1 when there is none. */
    public long getMinOffset() {
        final MappedFile first = getFirstMappedFile();
        return first == null ? -1 : first.getFileFromOffset();
    }

    /** Log offset up to which readers may read. */
    public long getMaxOffset() {
        final MappedFile mappedFile = getLastMappedFile();
        return mappedFile == null ? 0
            : mappedFile.getFileFromOffset() + mappedFile.getReadPosition();
    }

    /** Log offset up to which the writer has written (ahead of max with the pool). */
    public long getMaxWrotePosition() {
        final MappedFile mappedFile = getLastMappedFile();
        return mappedFile == null ? 0
            : mappedFile.getFileFromOffset() + mappedFile.getWrotePosition();
    }

    public long remainHowManyDataToCommit() {
        return getMaxWrotePosition() - committedWhere;
    }

    public long remainHowManyDataToFlush() {
        return getMaxOffset() - flushedWhere;
    }

    private static void sleep(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<MappedFile> getMappedFiles() {
        return mappedFiles;
    }

    public int getMappedFileSize() {
        return mappedFileSize;
    }

    public long getFlushedWhere() {
        return flushedWhere;
    }

    public void setFlushedWhere(final long flushedWhere) {
        this.flushedWhere = flushedWhere;
    }

    public long getCommittedWhere() {
        return committedWhere;
    }

    public void setCommittedWhere(final long committedWhere) {
        this.committedWhere = committedWhere;
    }

    public long getStoreTimestamp() {
        return storeTimestamp;
    }

    public String getStorePath() {
        return storePath;
    }
}
