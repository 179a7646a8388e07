package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.store.AppendMessageResult;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.GetMessageResult;
import org.mqbook.store.GetMessageStatus;
import org.mqbook.store.ManualClock;
import org.mqbook.store.MessageArrivingListener;
import org.mqbook.store.StoreTestSupport;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * Chapter 6's lab: a real store in a temporary directory with 1 MiB commit-log files. Each test
 * is named for what you will see; run one in the debugger with a breakpoint in
 * {@code CommitLog#putMessage} to watch it happen.
 */
class Ch06StoreLabTest {
    @TempDir
    Path root;
    private DefaultMessageStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.shutdown();
        }
    }

    // tag::ch06-lab-append[]
    @Test
    void theMessageIsInTheCommitLogFileAtTheOffsetPutReturned() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        store.putMessage(StoreTestSupport.message("LabTopic", 0, "first"));
        final AppendMessageResult put = store.putMessage(
            StoreTestSupport.message("LabTopic", 0, "hello, commit log"))
            .getAppendMessageResult();

        // the file is named by the offset of its first byte: 20 digits
        final Path file = root.resolve("commitlog")
            .resolve(UtilAll.offset2FileName(0));
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        final int at = (int) put.getWroteOffset();
        assertEquals(put.getWroteBytes(), bytes.getInt(at),
            "TOTALSIZE, the record's first 4 bytes, should be its length");
        assertEquals(MessageDecoder.MESSAGE_MAGIC_CODE, bytes.getInt(at + 4),
            "MAGICCODE 0xDAA320A7 should follow");
        assertEquals(put.getWroteOffset(),
            bytes.getLong(at + MessageDecoder.PHY_POS_POSITION),
            "PHYSICALOFFSET should hold the record's own offset");
        assertEquals(1, bytes.getLong(at + MessageDecoder.QUEUE_OFFSET_POSITION),
            "QUEUEOFFSET should say: second message of LabTopic-0");
        final String text = new String(bytes.array(), StandardCharsets.UTF_8);
        assertTrue(text.indexOf("hello, commit log") > at,
            "the body should be inside the record, after the fixed fields");
    }
    // end::ch06-lab-append[]

    // tag::ch06-lab-reput[]
    @Test
    void theReputThreadBuildsTheConsumeQueueRightAfterThePut() throws Exception {
        final List<String> seenBy = new CopyOnWriteArrayList<>();
        final MessageArrivingListener listener = (topic, queueId, logicOffset,
            tagsCode, storeTime, bitMap, props) ->
            seenBy.add(Thread.currentThread().getName() + " " + logicOffset);
        store = StoreTestSupport.start(StoreTestSupport.config(root),
            java.time.Clock.systemUTC(), path -> 0.1, listener);
        final long begin = System.nanoTime();
        store.putMessage(StoreTestSupport.message("LabTopic", 3, "dispatch me"));
        StoreTestSupport.await("the consume queue unit and the listener",
            () -> store.getMaxOffsetInQueue("LabTopic", 3) == 1
                && !seenBy.isEmpty());
        final long tookMs = (System.nanoTime() - begin) / 1_000_000;
        assertTrue(tookMs < 1000, "dispatch should follow the put within "
            + "milliseconds (the thread polls every 1 ms), took " + tookMs);
        assertEquals(List.of("ReputMessageService 1"), seenBy,
            "the listener (long polling's hook) should hear of the message "
                + "from the ReputMessageService thread");
        final GetMessageResult pull =
            store.getMessage("LabGroup", "LabTopic", 3, 0, 32, null);
        assertEquals(GetMessageStatus.FOUND, pull.getStatus(),
            "a pull reads the unit, then the record it points to");
        assertEquals(1, StoreTestSupport.decode(pull).size(),
            "one message put, one message read back");
    }
    // end::ch06-lab-reput[]

    // tag::ch06-lab-recover[]
    @Test
    void aKilledStoreLeavesItsAbortFileAndRecoversEveryMessage()
        throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        store = StoreTestSupport.start(config);
        for (int i = 0; i < 100; i++) {
            store.putMessage(StoreTestSupport.message("LabTopic", 0, "m" + i));
        }
        store.halt();   // as if killed: no clean shutdown
        assertTrue(Files.exists(root.resolve("abort")),
            "the abort file should survive a kill: it marks the run unclean");

        store = StoreTestSupport.start(config);   // recovers abnormally
        StoreTestSupport.awaitDispatched(store);
        assertEquals(100, store.getMaxOffsetInQueue("LabTopic", 0),
            "recovery should re-dispatch whatever the queue missed");
        store.shutdown();
        store = null;
        assertFalse(Files.exists(root.resolve("abort")),
            "a clean shutdown should delete the abort file");
    }
    // end::ch06-lab-recover[]

    // tag::ch06-lab-expire[]
    @Test
    void oldFilesAreDeletedEvenThoughNobodyConsumedThem() throws Exception {
        final ManualClock clock = new ManualClock();
        final Instant later = clock.instant().plus(Duration.ofHours(73));
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setDeleteWhen(String.format("%02d",
            later.atZone(ZoneId.systemDefault()).getHour()));
        config.setDeleteCommitLogFilesInterval(0);
        store = StoreTestSupport.start(config, clock, path -> 0.1, null);
        int i = 0;
        while (store.getCommitLog().getMappedFileQueue()
            .getMappedFiles().size() < 3) {
            store.putMessage(StoreTestSupport.message("LabTopic", 0,
                i++ + "x".repeat(20_000), "T", "k"));
        }
        store.cleanFilesPeriodically();
        assertEquals(0, store.getMinPhyOffset(),
            "nothing is older than fileReservedTime (72 h) yet");

        clock.set(later.toEpochMilli());
        StoreTestSupport.await("two old files deleted", () -> {
            store.cleanFilesPeriodically();
            return store.getMinPhyOffset() == 2L * (1 << 20);
        });
        assertTrue(store.getMaxOffsetInQueue("LabTopic", 0) > 0,
            "no consumer ever read these messages: expiry does not ask");
    }
    // end::ch06-lab-expire[]
}
