package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.store.StoreTestSupport.message;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.config.FlushDiskType;
import org.mqbook.store.config.MessageStoreConfig;

/** SYNC_FLUSH group commit and its timeout, ASYNC_FLUSH, and the transient store pool. */
class FlushTest extends StoreTestBase {
    @Test
    void syncFlushAnswersOnlyOnceTheBytesAreForced() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        store = StoreTestSupport.start(config);
        final MappedFileQueue files = store.getCommitLog().getMappedFileQueue();
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        final List<Future<String>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    final PutMessageResult r =
                        store.putMessage(message("TopicSync", thread, "s" + i + "-" + thread));
                    final AppendMessageResult a = r.getAppendMessageResult();
                    final long end = a.getWroteOffset() + a.getWroteBytes();
                    if (r.getPutMessageStatus() != PutMessageStatus.PUT_OK) {
                        return "put answered " + r.getPutMessageStatus();
                    }
                    if (files.getFlushedWhere() < end) {
                        return "answered before the flush: flushedWhere "
                            + files.getFlushedWhere() + " < " + end;
                    }
                }
                return "ok";
            }));
        }
        for (Future<String> f : futures) {
            assertEquals("ok", f.get());
        }
        pool.shutdown();
        assertTrue(store.getStoreCheckpoint().getPhysicMsgTimestamp() > 0,
            "the group commit moves the checkpoint's physic time");
    }

    @Test
    void aStalledFlushAnswersFlushDiskTimeoutButKeepsTheMessage() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        config.setSyncFlushTimeout(300);
        store = StoreTestSupport.start(config);
        // no group commit thread: nobody will ever force the bytes
        store.getCommitLog().getFlushCommitLogService().shutdown();
        final long begin = System.nanoTime();
        final PutMessageResult r = store.putMessage(message("TopicSlow", 0, "slow"));
        final long tookMs = (System.nanoTime() - begin) / 1_000_000;
        assertEquals(PutMessageStatus.FLUSH_DISK_TIMEOUT, r.getPutMessageStatus());
        assertTrue(r.isOk(), "the record was written, only its flush timed out");
        assertTrue(tookMs >= 290, "answered after " + tookMs + " ms, syncFlushTimeout is 300");

        final MessageExtBrokerInner noWait = message("TopicSlow", 0, "no-wait");
        noWait.setWaitStoreMsgOK(false);
        StoreTestSupport.refresh(noWait);
        assertEquals(PutMessageStatus.PUT_OK, store.putMessage(noWait).getPutMessageStatus(),
            "WAIT=false does not wait for the flush");
        StoreTestSupport.awaitDispatched(store);
        assertEquals(2, StoreTestSupport.decode(store.getMessage("g", "TopicSlow", 0, 0, 32, null))
            .size());
    }

    @Test
    void asyncFlushForcesInTheBackground() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setFlushIntervalCommitLog(20);
        config.setFlushCommitLogThoroughInterval(50);
        store = StoreTestSupport.start(config);
        final PutMessageResult r = store.putMessage(message("TopicAsync", 0, "a"));
        assertEquals(PutMessageStatus.PUT_OK, r.getPutMessageStatus());
        final MappedFileQueue files = store.getCommitLog().getMappedFileQueue();
        StoreTestSupport.await("the async flusher to force the message",
            () -> files.getFlushedWhere() == store.getMaxPhyOffset());
        StoreTestSupport.await("the checkpoint to hold the message's store time",
            () -> store.getStoreCheckpoint().getPhysicMsgTimestamp()
                == r.getAppendMessageResult().getStoreTimestamp());
    }

    @Test
    void theTransientPoolCommitsIntoTheFileAndRecyclesBuffers() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setTransientStorePoolEnable(true);
        config.setTransientStorePoolSize(3);
        config.setCommitIntervalCommitLog(10);
        store = StoreTestSupport.start(config);
        assertTrue(config.isTransientStorePoolEnable());
        final List<AppendMessageResult> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            results.add(store.putMessage(message("TopicPool", 0, i + "-" + "p".repeat(10_000)))
                .getAppendMessageResult());
        }
        // ~3 files: readers see a message only once it is committed into the file
        StoreTestSupport.awaitDispatched(store);
        StoreTestSupport.await("everything committed",
            () -> store.getCommitLog().getMappedFileQueue().remainHowManyDataToCommit() == 0);
        final AppendMessageResult last = results.get(results.size() - 1);
        assertEquals(last.getWroteOffset() + last.getWroteBytes(), store.getMaxPhyOffset());
        final MessageExt m = store.lookMessageByOffset(results.get(150).getWroteOffset());
        assertEquals("150-" + "p".repeat(10_000), StoreTestSupport.body(m));
        // the bytes are in the file itself, not only in the off-heap buffer
        final long off = results.get(150).getWroteOffset();
        final int fileSize = StoreTestSupport.COMMIT_LOG_FILE_SIZE;
        final ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(root.resolve("commitlog")
            .resolve(UtilAll.offset2FileName(off - off % fileSize))));
        assertEquals(results.get(150).getWroteBytes(), file.getInt((int) (off % fileSize)));
        StoreTestSupport.await("full files give their buffer back",
            () -> store.getTransientStorePool().availableBufferNums() >= 1);
        assertEquals("true", String.valueOf(store.getRuntimeInfo()
            .containsKey("remainTransientStoreBufferNumbs")));
    }
}
