package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.store.StoreTestSupport.body;
import static org.mqbook.store.StoreTestSupport.message;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.MessageExt;
import org.mqbook.store.config.FlushDiskType;
import org.mqbook.store.config.MessageStoreConfig;

/** Restart after a clean shutdown, after a kill, with a torn tail, after a machine crash. */
class RecoveryTest extends StoreTestBase {
    private static final int QUEUES = 3;
    private List<AppendMessageResult> putMany(final int count, final int bodySize) {
        final List<AppendMessageResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final PutMessageResult r = store.putMessage(message("TopicR", i % QUEUES,
                i + ":" + "r".repeat(bodySize)));
            assertEquals(PutMessageStatus.PUT_OK, r.getPutMessageStatus());
            results.add(r.getAppendMessageResult());
        }
        StoreTestSupport.awaitDispatched(store);
        return results;
    }

    /** Every message i is at its offsets with its body; queues hold exactly these. */
    private void assertAllThere(final List<AppendMessageResult> results, final int bodySize) {
        StoreTestSupport.awaitDispatched(store);
        final long[] expectedMax = new long[QUEUES];
        for (int i = 0; i < results.size(); i++) {
            final MessageExt m = store.lookMessageByOffset(results.get(i).getWroteOffset());
            assertEquals(i + ":" + "r".repeat(bodySize), body(m), "message " + i);
            assertEquals(results.get(i).getLogicsOffset(), m.getQueueOffset());
            assertEquals(results.get(i).getWroteOffset(),
                store.getCommitLogOffsetInQueue("TopicR", i % QUEUES, m.getQueueOffset()));
            expectedMax[i % QUEUES] = m.getQueueOffset() + 1;
        }
        for (int q = 0; q < QUEUES; q++) {
            assertEquals(expectedMax[q], store.getMaxOffsetInQueue("TopicR", q), "queue " + q);
        }
    }

    private DefaultMessageStore reopen(final MessageStoreConfig config) throws Exception {
        return StoreTestSupport.start(config);
    }

    @Test
    void aCleanShutdownRemovesTheAbortFileAndReopensAsItWas() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        store = StoreTestSupport.start(config);
        assertTrue(Files.exists(root.resolve("abort")), "a running store has an abort file");
        final List<AppendMessageResult> results = putMany(300, 5000);
        store.shutdown();
        assertFalse(Files.exists(root.resolve("abort")));
        assertEquals(4096, Files.size(root.resolve("checkpoint")));
        store = reopen(config);
        assertAllThere(results, 5000);
        final AppendMessageResult last = results.get(results.size() - 1);
        final AppendMessageResult next = store.putMessage(message("TopicR", 0, "next"))
            .getAppendMessageResult();
        assertEquals(last.getWroteOffset() + last.getWroteBytes(), next.getWroteOffset());
        assertEquals(100, next.getLogicsOffset());
    }

    @Test
    void warmedFilesHoldAndRecoverTheSameMessages() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setWarmMapedFileEnable(true);
        store = StoreTestSupport.start(config);
        final List<AppendMessageResult> results = putMany(600, 5000); // about 3 files
        assertTrue(results.get(results.size() - 1).getWroteOffset()
            > 2L * StoreTestSupport.COMMIT_LOG_FILE_SIZE, "the puts rolled into warmed files");
        store.shutdown();
        store = reopen(config);
        assertAllThere(results, 5000);
    }

    @Test
    void aSecondStoreOnTheSameRootIsRefused() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        store = StoreTestSupport.start(config);
        final DefaultMessageStore second = new DefaultMessageStore(config, null);
        final IllegalStateException e = assertThrows(IllegalStateException.class, second::load);
        assertTrue(e.getMessage().contains("Lock failed") && e.getMessage().contains("lock"),
            e.getMessage());
    }

    @Test
    void afterAKillEverythingIsThereAgain() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        store = StoreTestSupport.start(config);
        final List<AppendMessageResult> results = putMany(300, 5000);
        store.halt();
        assertTrue(Files.exists(root.resolve("abort")), "a killed store leaves its abort file");
        store = reopen(config);
        assertAllThere(results, 5000);
        assertEquals(100, store.putMessage(message("TopicR", 0, "next"))
            .getAppendMessageResult().getLogicsOffset());
    }

    @Test
    void afterAKillLostQueuesAndIndexAreRebuiltFromTheCommitLog() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        store = StoreTestSupport.start(config);
        final List<AppendMessageResult> results = putMany(120, 2000);
        store.halt();
        UtilAll.deleteFile(root.resolve("consumequeue").toFile());
        UtilAll.deleteFile(root.resolve("index").toFile());
        store = reopen(config);
        assertAllThere(results, 2000);
        final QueryMessageResult q = store.queryMessage("TopicR", "key-7:" + "r".repeat(2000),
            32, 0, Long.MAX_VALUE);
        assertEquals(1, q.getMessageBufferList().size(), "the index was rebuilt too");
        q.release();
    }

    @Test
    void randomBytesAfterTheLastRecordAreCut() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        store = StoreTestSupport.start(config);
        final List<AppendMessageResult> results = putMany(50, 100);
        final long end = store.getMaxPhyOffset();
        store.shutdown();
        final byte[] garbage = new byte[3000];
        new Random(7).nextBytes(garbage);
        writeAt(commitLogFile(end), (int) (end % StoreTestSupport.COMMIT_LOG_FILE_SIZE), garbage);
        store = reopen(config);
        assertEquals(end, store.getMaxPhyOffset(), "the garbage is not part of the log");
        assertAllThere(results, 100);
        final AppendMessageResult next = store.putMessage(message("TopicR", 2, "after"))
            .getAppendMessageResult();
        assertEquals(end, next.getWroteOffset());
        final ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(commitLogFile(end)));
        final int after = (int) (end % StoreTestSupport.COMMIT_LOG_FILE_SIZE) + next.getWroteBytes();
        for (int i = after; i < after + 3000 - next.getWroteBytes(); i++) {
            assertEquals(0, file.get(i), "the cut tail is zeroed, byte " + i);
        }
    }

    @Test
    void aTornLastRecordIsCutNeverServed() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        store = StoreTestSupport.start(config);
        final List<AppendMessageResult> results = putMany(31, 4000);
        store.shutdown();
        final AppendMessageResult torn = results.get(30);
        // the process died half way through copying the last record
        final int pos = (int) (torn.getWroteOffset() % StoreTestSupport.COMMIT_LOG_FILE_SIZE);
        writeAt(commitLogFile(torn.getWroteOffset()), pos + torn.getWroteBytes() / 2,
            new byte[torn.getWroteBytes() - torn.getWroteBytes() / 2]);
        store = reopen(config);
        assertEquals(torn.getWroteOffset(), store.getMaxPhyOffset());
        assertAllThere(results.subList(0, 30), 4000);
        final int queue = 30 % QUEUES;
        assertEquals(10, store.getMaxOffsetInQueue("TopicR", queue),
            "the torn message's unit is gone too");
        final GetMessageResult r = store.getMessage("g", "TopicR", queue, 10, 32, null);
        assertEquals(GetMessageStatus.OFFSET_OVERFLOW_ONE, r.getStatus());
        r.release();
        final AppendMessageResult next = store.putMessage(message("TopicR", queue, "again"))
            .getAppendMessageResult();
        assertEquals(torn.getWroteOffset(), next.getWroteOffset());
        assertEquals(10, next.getLogicsOffset());
    }

    @Test
    void aMachineCrashLosesNothingSyncFlushAcknowledged() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        store = StoreTestSupport.start(config);
        final List<AppendMessageResult> results = putMany(400, 6000);
        // what the disk holds: every file up to its flushed position, nothing after
        final Map<Path, Integer> flushed = new LinkedHashMap<>();
        for (MappedFile f : store.getCommitLog().getMappedFileQueue().getMappedFiles()) {
            flushed.put(Path.of(f.getFileName()), f.getFlushedPosition());
        }
        for (ConsumeQueue cq : store.getConsumeQueueStore().allQueues()) {
            for (MappedFile f : cq.getMappedFileQueue().getMappedFiles()) {
                flushed.put(Path.of(f.getFileName()), f.getFlushedPosition());
            }
        }
        store.halt();
        int droppedBytes = 0;
        for (Map.Entry<Path, Integer> e : flushed.entrySet()) {
            final int size = (int) Files.size(e.getKey());
            writeAt(e.getKey(), e.getValue(), new byte[size - e.getValue()]);
            droppedBytes += size - e.getValue();
        }
        assertTrue(droppedBytes > 0, "the crash must drop something unflushed");
        store = reopen(config);
        assertAllThere(results, 6000);
    }

    private Path commitLogFile(final long offset) {
        final int size = StoreTestSupport.COMMIT_LOG_FILE_SIZE;
        return root.resolve("commitlog").resolve(UtilAll.offset2FileName(offset - offset % size));
    }

    private static void writeAt(final Path file, final int position, final byte[] bytes)
        throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int at = position;
            while (buffer.hasRemaining()) {
                at += ch.write(buffer, at);
            }
        }
    }
}
