package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.store.StoreTestSupport.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.message.MessageExt;
import org.mqbook.store.config.MessageStoreConfig;

/** Expired files with a controllable clock, files held by readers, a full disk, topics. */
class ExpiryTest {
    private static final Duration PAST_RESERVED = Duration.ofHours(80);
    @TempDir
    Path root;
    private DefaultMessageStore store;
    private final ManualClock clock = new ManualClock();
    private volatile double diskUsage = 0.10;

    @AfterEach
    void stop() {
        if (store != null) {
            store.shutdown();
        }
    }

    /** A store whose deleteWhen is the hour the clock will show 80 h from now. */
    private MessageStoreConfig startStore() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        final int hour = Instant.ofEpochMilli(clock.millis()).plus(PAST_RESERVED)
            .atZone(ZoneId.systemDefault()).getHour();
        config.setDeleteWhen(String.format("%02d", hour));
        config.setFileReservedTime(72);
        config.setDiskMaxUsedSpaceRatio(75);
        config.setDeleteCommitLogFilesInterval(0);
        config.setDeleteConsumeQueueFilesInterval(0);
        store = StoreTestSupport.start(config, clock, path -> diskUsage, null);
        return config;
    }

    private int fillFiles(final int files) {
        return fillFiles(files, 50_000);
    }

    /** Puts messages until there are {@code files} commit-log files, all flushed but the last. */
    private int fillFiles(final int files, final int bodySize) {
        int count = 0;
        while (store.getCommitLog().getMappedFileQueue().getMappedFiles().size() < files) {
            store.putMessage(message("TopicE", 0, count++ + "-" + "e".repeat(bodySize), "T", "k"));
        }
        StoreTestSupport.awaitDispatched(store);
        // so the flush thread, which holds the file it forces, only touches the last file
        final MappedFileQueue queue = store.getCommitLog().getMappedFileQueue();
        while (queue.getFlushedWhere() < store.getMaxPhyOffset()) {
            queue.flush(0);
        }
        return count;
    }

    private int commitLogFiles() {
        return store.getCommitLog().getMappedFileQueue().getMappedFiles().size();
    }

    /**
     * Cleaning passes until {@code files} commit-log files are left: a pass stops at a file
     * another thread holds for a moment (the flusher forcing it), and the next pass goes on.
     */
    private void cleanUntil(final int files, final String why) {
        StoreTestSupport.await(why + ": " + files + " files left", () -> {
            store.cleanFilesPeriodically();
            return commitLogFiles() == files;
        });
    }

    @Test
    void expiredFilesGoAtDeleteWhenTenPerPassNeverTheLast() throws Exception {
        startStore();
        final int count = fillFiles(13);
        store.cleanFilesPeriodically();
        assertEquals(13, commitLogFiles(), "nothing has expired yet");

        clock.advance(PAST_RESERVED);
        store.cleanFilesPeriodically();
        assertEquals(3, commitLogFiles(), "at most 10 files per pass");
        cleanUntil(1, "the rest but the last");
        store.cleanFilesPeriodically();
        assertEquals(1, commitLogFiles(), "the last file is still written: never deleted");
        final long min = store.getMinPhyOffset();
        assertEquals(12L * StoreTestSupport.COMMIT_LOG_FILE_SIZE, min);
        try (var names = Files.list(root.resolve("commitlog"))) {
            assertEquals(0, names.filter(p -> Long.parseLong(p.getFileName().toString()) < min)
                .count(), "deleted files are gone from the disk");
        }

        // the consume queue follows: its min offset is the first message still stored
        final long cqMin = store.getMinOffsetInQueue("TopicE", 0);
        assertTrue(cqMin > 0);
        assertTrue(store.getCommitLogOffsetInQueue("TopicE", 0, cqMin) >= min);
        final GetMessageResult tooSmall = store.getMessage("g", "TopicE", 0, 0, 32, null);
        tooSmall.release();
        assertEquals(GetMessageStatus.OFFSET_TOO_SMALL, tooSmall.getStatus());
        assertEquals(cqMin, tooSmall.getNextBeginOffset());
        final GetMessageResult stillThere = store.getMessage("g", "TopicE", 0, cqMin, 32, null);
        assertEquals(GetMessageStatus.FOUND, stillThere.getStatus());
        assertEquals(count - cqMin, StoreTestSupport.decode(stillThere).size());
    }

    @Test
    void aFileAReaderHoldsIsDeletedOnlyAfterTheReaderLetsGo() throws Exception {
        startStore();
        fillFiles(3);
        final SelectMappedBufferResult held = store.selectOneMessageByOffset(0);
        assertNotNull(held);
        clock.advance(PAST_RESERVED);
        store.cleanFilesPeriodically();
        assertEquals(3, commitLogFiles(), "a held file is not deleted (and stops the pass)");
        assertTrue(Files.exists(root.resolve("commitlog").resolve(String.format("%020d", 0))));
        final MessageExt stillReadable =
            org.mqbook.common.message.MessageDecoder.decode(held.getByteBuffer().duplicate());
        assertEquals("0-" + "e".repeat(50_000), StoreTestSupport.body(stillReadable));
        held.release();
        cleanUntil(1, "once released the file goes");
    }

    @Test
    void queueUnitsOverADeletedCommitLogSayMessageWasRemoving() throws Exception {
        startStore();
        fillFiles(3, 5_000);
        // delete commit-log files only; the consume queue is not cleaned yet
        store.getCommitLog().deleteExpiredFile(clock.millis() + PAST_RESERVED.toMillis(),
            72L * 3600 * 1000, 0, 1000, false);
        // units 0-99 (one consume-queue file) all point into the deleted first file
        final GetMessageResult removing = store.getMessage("g", "TopicE", 0, 0, 4, null);
        removing.release();
        assertEquals(GetMessageStatus.MESSAGE_WAS_REMOVING, removing.getStatus());
        assertEquals(StoreTestSupport.CQ_UNITS_PER_FILE, removing.getNextBeginOffset());
    }

    @Test
    void aFullDiskRefusesWritesAndForcesDeletionUntilItRecovers() throws Exception {
        startStore();
        fillFiles(4);
        diskUsage = 0.95;
        store.cleanFilesPeriodically();
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE,
            store.putMessage(message("TopicE", 0, "refused")).getPutMessageStatus());
        assertEquals("true", store.getRuntimeInfo().get("diskFull"));
        assertEquals("0.95", store.getRuntimeInfo().get("commitLogDiskRatio"));
        cleanUntil(1, "above 85 % young files are deleted too (forced)");

        diskUsage = 0.50;
        store.cleanFilesPeriodically();
        assertEquals("false", store.getRuntimeInfo().get("diskFull"));
        assertEquals(PutMessageStatus.PUT_OK,
            store.putMessage(message("TopicE", 0, "accepted")).getPutMessageStatus());
    }

    @Test
    void aFairlyFullDiskDeletesExpiredFilesAtAnyHour() throws Exception {
        final MessageStoreConfig config = startStore();
        config.setDeleteWhen("99");
        fillFiles(3);
        diskUsage = 0.80;
        store.cleanFilesPeriodically();
        assertEquals(3, commitLogFiles(), "between 75 and 85 %: only expired files go");
        clock.advance(PAST_RESERVED);
        cleanUntil(1, "expired files go at any hour above 75 %");
        assertEquals(PutMessageStatus.PUT_OK,
            store.putMessage(message("TopicE", 0, "ok")).getPutMessageStatus());
    }

    @Test
    void aQueueWhoseMessagesAreAllGoneIsCleanedAway() throws Exception {
        startStore();
        store.putMessage(message("TopicOld", 0, "old"));
        fillFiles(3);
        clock.advance(PAST_RESERVED);
        cleanUntil(1, "expired files");
        assertTrue(store.getConsumeQueue("TopicOld", 0) != null);
        store.cleanExpiredConsumerQueue();
        assertEquals(null, store.getConsumeQueue("TopicOld", 0));
        assertTrue(store.getConsumeQueue("TopicE", 0) != null, "a queue with live messages stays");
    }

    @Test
    void deletedTopicsLoseTheirQueues() throws Exception {
        startStore();
        store.putMessage(message("TopicGone", 0, "a"));
        store.putMessage(message("TopicKept", 0, "b"));
        StoreTestSupport.awaitDispatched(store);
        assertEquals(1, store.deleteTopics(Set.of("TopicGone")));
        assertEquals(0, store.getMaxOffsetInQueue("TopicGone", 0));
        assertTrue(Files.notExists(root.resolve("consumequeue").resolve("TopicGone")));
        assertEquals(0, store.putMessage(message("TopicGone", 0, "c"))
            .getAppendMessageResult().getLogicsOffset(), "a deleted topic starts again at 0");
        assertEquals(1, store.cleanUnusedTopic(Set.of("TopicGone")));
        assertEquals(0, store.getMaxOffsetInQueue("TopicKept", 0));
    }
}
