package org.mqbook.store.index;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.store.DispatchRequest;
import org.mqbook.store.RunningFlags;
import org.mqbook.store.StoreCheckpoint;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index files, oldest first in {@code index/}: builds keys for each dispatched message into
 * the newest file (starting a new one when it is full) and answers key queries newest file first.
 * <pre>
 *  buildIndex   topic#UNIQ_KEY, topic#each KEYS word  →  the last IndexFile
 *  queryOffset  topic#key, [begin, end]  →  offsets, from the newest file back to begin
 * </pre>
 * A full file is flushed in a thread "FlushIndexFileThread", and only then does the checkpoint's
 * indexMsgTimestamp move: after a crash, files newer than it are discarded (and rebuilt by
 * re-dispatch). Thread-safety: the file list is guarded by a read-write lock; one builder.
 * Read next: {@link IndexFile}.
 */
public class IndexService {
    private static final Logger log = LoggerFactory.getLogger(IndexService.class);
    private static final int MAX_TRY_IDX_CREATE = 3;

    private final int hashSlotNum;
    private final int indexNum;
    private final int maxMsgsNumBatch;
    private final boolean messageIndexEnable;
    private final String storePath;
    private final StoreCheckpoint checkpoint;
    private final RunningFlags runningFlags;
    private final LongSupplier clock;
    private final List<IndexFile> indexFileList = new ArrayList<>();
    private final ReadWriteLock readWriteLock = new ReentrantReadWriteLock();

    public IndexService(final MessageStoreConfig config, final StoreCheckpoint checkpoint,
        final RunningFlags runningFlags, final LongSupplier clock) {
        this.hashSlotNum = config.getMaxHashSlotNum();
        this.indexNum = config.getMaxIndexNum();
        this.maxMsgsNumBatch = config.getMaxMsgsNumBatch();
        this.messageIndexEnable = config.isMessageIndexEnable();
        this.storePath = config.getStorePathIndex();
        this.checkpoint = checkpoint;
        this.runningFlags = runningFlags;
        this.clock = clock;
    }

    // tag::ch06-index-load[]
    /** Maps the index files; after a crash drops those past the checkpoint. */
    public boolean load(final boolean lastExitOK) {
        final File[] files = new File(this.storePath).listFiles();
        if (files == null) {
            return true;
        }
        Arrays.sort(files);
        for (File file : files) {
            try {
                final IndexFile f = new IndexFile(file.getPath(), this.hashSlotNum,
                    this.indexNum, 0, 0);
                f.load();
                // TODO K1: after a crash an index file may be half written; only
                // files completed before the checkpoint are trusted
                final long trusted = checkpoint.getIndexMsgTimestamp();
                if (!lastExitOK && f.getEndTimestamp() > trusted) {
                    log.info("abnormal exit: drop index file {} (end {} >"
                        + " checkpoint {})", file, f.getEndTimestamp(), trusted);
                    f.destroy(0);
                    continue;
                }
                log.info("load index file OK, {}", f.getFileName());
                this.indexFileList.add(f);
            } catch (IOException e) {
                log.error("load file {} error", file, e);
                return false;
            }
        }
        return true;
    }
    // end::ch06-index-load[]

    /** Deletes every index file but the last whose messages all lie below {@code offset}. */
    public void deleteExpiredFile(final long offset) {
        final List<IndexFile> expired = new ArrayList<>();
        readWriteLock.readLock().lock();
        try {
            for (int i = 0; i < indexFileList.size() - 1; i++) {
                final IndexFile f = indexFileList.get(i);
                if (f.getEndPhyOffset() >= offset) {
                    break;
                }
                expired.add(f);
            }
        } finally {
            readWriteLock.readLock().unlock();
        }
        if (expired.isEmpty()) {
            return;
        }
        readWriteLock.writeLock().lock();
        try {
            for (IndexFile f : expired) {
                if (f.destroy(3000)) {
                    this.indexFileList.remove(f);
                } else {
                    log.error("deleteExpiredFile remove failed, {}", f.getFileName());
                    break;
                }
            }
        } finally {
            readWriteLock.writeLock().unlock();
        }
    }

    public void destroy() {
        readWriteLock.writeLock().lock();
        try {
            for (IndexFile f : this.indexFileList) {
                f.destroy(1000 * 3);
            }
            this.indexFileList.clear();
        } finally {
            readWriteLock.writeLock().unlock();
        }
    }

    /** Flushes and unmaps every file (store shutdown). */
    public void shutdown() {
        readWriteLock.writeLock().lock();
        try {
            for (IndexFile f : this.indexFileList) {
                f.shutdown();
            }
            this.indexFileList.clear();
        } finally {
            readWriteLock.writeLock().unlock();
        }
    }

    // tag::ch06-index-query[]
    public QueryOffsetResult queryOffset(final String topic, final String key,
        final int maxNum, final long begin, final long end) {
        final List<Long> phyOffsets = new ArrayList<>(maxNum);
        long indexLastUpdateTimestamp = 0;
        long indexLastUpdatePhyoffset = 0;
        final int limit = Math.min(maxNum, this.maxMsgsNumBatch);
        readWriteLock.readLock().lock();
        try {
            for (int i = this.indexFileList.size(); i > 0; i--) {
                final IndexFile f = this.indexFileList.get(i - 1);
                if (i == this.indexFileList.size()) {
                    indexLastUpdateTimestamp = f.getEndTimestamp();
                    indexLastUpdatePhyoffset = f.getEndPhyOffset();
                }
                if (f.isTimeMatched(begin, end)) {
                    f.selectPhyOffset(phyOffsets, buildKey(topic, key), limit,
                        begin, end);
                }
                if (f.getBeginTimestamp() < begin || phyOffsets.size() >= limit) {
                    break;
                }
            }
        } finally {
            readWriteLock.readLock().unlock();
        }
        return new QueryOffsetResult(phyOffsets, indexLastUpdateTimestamp,
            indexLastUpdatePhyoffset);
    }
    // end::ch06-index-query[]

    public static String buildKey(final String topic, final String key) {
        return topic + "#" + key;
    }

    /** Indexes one dispatched message (UNIQ_KEY and every KEYS word). */
    public void buildIndex(final DispatchRequest req) {
        IndexFile indexFile = retryGetAndCreateIndexFile();
        if (indexFile == null) {
            log.error("build index error, stop building index");
            return;
        }
        // TODO K2: re-dispatch after a crash meets messages the file already holds
        if (req.getCommitLogOffset() < indexFile.getEndPhyOffset()) {
            return;
        }
        if (MessageSysFlag.getTransactionValue(req.getSysFlag())
            == MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            return;
        }
        final List<String> keys = new ArrayList<>();
        if (req.getUniqKey() != null) {
            keys.add(req.getUniqKey());
        }
        if (req.getKeys() != null && !req.getKeys().isEmpty()) {
            for (String key : req.getKeys().split(MessageConst.KEY_SEPARATOR)) {
                if (!key.isEmpty()) {
                    keys.add(key);
                }
            }
        }
        for (String key : keys) {
            indexFile = putKey(indexFile, req, buildKey(req.getTopic(), key));
            if (indexFile == null) {
                log.error("putKey error commitlog {} key {}", req.getCommitLogOffset(), key);
                return;
            }
        }
    }

    private IndexFile putKey(final IndexFile first, final DispatchRequest req, final String key) {
        IndexFile indexFile = first;
        while (!indexFile.putKey(key, req.getCommitLogOffset(), req.getStoreTimestamp())) {
            log.warn("Index file [{}] is full, trying to create another one",
                indexFile.getFileName());
            indexFile = retryGetAndCreateIndexFile();
            if (indexFile == null) {
                return null;
            }
        }
        return indexFile;
    }

    /** The last file, created if needed; after 3 failures the store stops taking writes. */
    public IndexFile retryGetAndCreateIndexFile() {
        IndexFile indexFile = null;
        for (int times = 0; indexFile == null && times < MAX_TRY_IDX_CREATE; times++) {
            indexFile = this.getAndCreateLastIndexFile();
            if (indexFile == null) {
                log.error("Tried to create index file {} times", times);
                sleep(1000);
            }
        }
        if (indexFile == null) {
            this.runningFlags.makeIndexFileError();
            log.error("Mark index file cannot build flag");
        }
        return indexFile;
    }

    private IndexFile getAndCreateLastIndexFile() {
        IndexFile prevIndexFile = null;
        long lastUpdateEndPhyOffset = 0;
        long lastUpdateIndexTimestamp = 0;
        readWriteLock.readLock().lock();
        try {
            if (!this.indexFileList.isEmpty()) {
                final IndexFile tmp = this.indexFileList.get(this.indexFileList.size() - 1);
                if (!tmp.isWriteFull()) {
                    return tmp;
                }
                lastUpdateEndPhyOffset = tmp.getEndPhyOffset();
                lastUpdateIndexTimestamp = tmp.getEndTimestamp();
                prevIndexFile = tmp;
            }
        } finally {
            readWriteLock.readLock().unlock();
        }
        final IndexFile indexFile;
        try {
            indexFile = new IndexFile(newFileName(), this.hashSlotNum, this.indexNum,
                lastUpdateEndPhyOffset, lastUpdateIndexTimestamp);
        } catch (IOException e) {
            log.error("getLastIndexFile exception ", e);
            return null;
        }
        readWriteLock.writeLock().lock();
        try {
            this.indexFileList.add(indexFile);
        } finally {
            readWriteLock.writeLock().unlock();
        }
        if (prevIndexFile != null) {
            final IndexFile flushThisFile = prevIndexFile;
            final Thread flushThread = new Thread(() -> flush(flushThisFile),
                "FlushIndexFileThread");
            flushThread.setDaemon(true);
            flushThread.start();
        }
        return indexFile;
    }

    /** {@code index/<local time yyyyMMddHHmmssSSS>}, one ms later if that name is taken. */
    private String newFileName() {
        long now = clock.getAsLong();
        String name = this.storePath + File.separator + UtilAll.timeMillisToHumanString(now);
        while (new File(name).exists()) {
            now++;
            name = this.storePath + File.separator + UtilAll.timeMillisToHumanString(now);
        }
        return name;
    }

    /** Forces a file; a full one moves the checkpoint's index time to its end. */
    public void flush(final IndexFile f) {
        if (f == null) {
            return;
        }
        final long indexMsgTimestamp = f.isWriteFull() ? f.getEndTimestamp() : 0;
        f.flush();
        if (indexMsgTimestamp > 0) {
            this.checkpoint.setIndexMsgTimestamp(indexMsgTimestamp);
            this.checkpoint.flush();
        }
    }

    public boolean isMessageIndexEnable() {
        return messageIndexEnable;
    }

    public List<IndexFile> getIndexFiles() {
        readWriteLock.readLock().lock();
        try {
            return new ArrayList<>(indexFileList);
        } finally {
            readWriteLock.readLock().unlock();
        }
    }

    private static void sleep(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
