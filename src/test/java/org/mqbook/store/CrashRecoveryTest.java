package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.message.MessageExt;
import org.mqbook.store.config.FlushDiskType;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * Kill -9 in the middle of a load: {@link CrashWriterMain} runs in a child JVM, is killed after
 * a few hundred acknowledged puts, and the store it leaves behind must hold every acknowledged
 * message, no partial record, and gap-free queue offsets.
 */
class CrashRecoveryTest {
    @TempDir
    Path root;

    record Ack(int index, int queueId, long queueOffset, long offset, int size) {
    }

    @Test
    void everyAcknowledgedMessageSurvivesAKill9() throws Exception {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp",
            System.getProperty("java.class.path"), CrashWriterMain.class.getName(),
            root.toString(), "1000000").redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.directory(new File(System.getProperty("mqbook.home", ".")));
        final Process child = builder.start();
        final List<Ack> acks = new CopyOnWriteArrayList<>();
        final CountDownLatch enough = new CountDownLatch(1);
        final Thread reader = new Thread(() -> readAcks(child, acks, enough), "CrashAckReader");
        reader.start();
        try {
            assertTrue(enough.await(60, TimeUnit.SECONDS),
                "the child acknowledged only " + acks.size() + " messages in 60 s");
        } finally {
            child.destroyForcibly();   // SIGKILL: no shutdown hook, no flush
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
        }
        assertTrue(Files.exists(root.resolve("abort")), "a killed store leaves its abort file");

        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        final DefaultMessageStore store = StoreTestSupport.start(config);
        try {
            StoreTestSupport.awaitDispatched(store);
            for (Ack ack : acks) {
                final MessageExt m = store.lookMessageByOffset(ack.offset());
                assertEquals("crash-" + ack.index() + "-" + "c".repeat(600),
                    StoreTestSupport.body(m), "acknowledged message " + ack.index());
                assertEquals(ack.queueOffset(), m.getQueueOffset());
            }
            assertEveryRecordWhole(store);
            for (int q = 0; q < 4; q++) {
                assertQueueGapFree(store, q);
            }
        } finally {
            store.shutdown();
        }
    }

    private static void readAcks(final Process child, final List<Ack> acks,
        final CountDownLatch enough) {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    final String[] f = line.split(" ");
                    acks.add(new Ack(Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[4]), Integer.parseInt(f[5])));
                    if (acks.size() >= 2500) {
                        enough.countDown();
                    }
                }
            }
        } catch (java.io.IOException e) {
            // the child was killed: its output ends here
        }
    }

    /** From offset 0 to the end, every record checks out (CRC included). */
    private static void assertEveryRecordWhole(final DefaultMessageStore store) {
        final CommitLog log = store.getCommitLog();
        long offset = log.getMinOffset();
        int records = 0;
        while (offset < log.getMaxOffset()) {
            final SelectMappedBufferResult data = log.getData(offset);
            try {
                final DispatchRequest r = log.checkMessageAndReturnSize(data.getByteBuffer(), true);
                assertTrue(r.isSuccess(), "bad record at " + offset);
                offset = r.getMsgSize() == 0 ? log.rollNextFile(offset) : offset + r.getMsgSize();
                records += r.getMsgSize() > 0 ? 1 : 0;
            } finally {
                data.release();
            }
        }
        assertEquals(log.getMaxOffset(), offset);
        assertTrue(records >= 2500, "only " + records + " records survived");
    }

    private static void assertQueueGapFree(final DefaultMessageStore store, final int queueId) {
        final long max = store.getMaxOffsetInQueue("TopicCrash", queueId);
        final List<Long> offsets = new ArrayList<>();
        for (long next = 0; next < max; ) {
            final GetMessageResult r = store.getMessage("g", "TopicCrash", queueId, next, 32, null);
            final List<MessageExt> msgs = StoreTestSupport.decode(r);
            msgs.forEach(m -> offsets.add(m.getQueueOffset()));
            next = r.getNextBeginOffset();
        }
        for (int i = 0; i < offsets.size(); i++) {
            assertEquals(i, offsets.get(i), "queue " + queueId + " has a gap");
        }
        assertEquals(max, offsets.size());
    }
}
