package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.store.StoreTestSupport.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageExt;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.FlushDiskType;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * Under SYNC_FLUSH the commit-log files made ahead of need have their blocks written before use
 * ({@link MappedFile#preallocate}); the zeros read as the blank tail a sparse file has, so
 * appends, reads and recovery are the same as on sparse files.
 */
class PreallocateTest extends StoreTestBase {
    private static final int BODY = 5000;

    @Test
    void aSyncFlushStoreWritesEveryFileBeforeUseAndRecoversOverTheZeros() throws Exception {
        final MessageStoreConfig config = startSyncFlushMaster();
        final List<Long> offsets = putMany(600); // about three files
        final List<MappedFile> files = store.getCommitLog().getMappedFileQueue().getMappedFiles();
        assertTrue(files.size() >= 3, files.size() + " files, expected at least 3");
        for (MappedFile f : files) {
            assertTrue(f.isPreallocated(), f.getFileName() + " was used sparse");
        }
        final long max = store.getMaxPhyOffset();
        store.shutdown();
        store = StoreTestSupport.start(config);
        assertEquals(max, store.getMaxPhyOffset(), "recovery stops where the records end");
        StoreTestSupport.awaitDispatched(store);
        assertEquals(600, store.getMaxOffsetInQueue("TopicP", 0));
        final List<MessageExt> last = StoreTestSupport.decode(
            store.getMessage("g", "TopicP", 0, 598, 32, null));
        assertEquals(2, last.size());
        assertEquals(offsets.get(599).longValue(), last.get(1).getCommitLogOffset());
        final PutMessageResult next = store.putMessage(message("TopicP", 0, "after"));
        assertEquals(PutMessageStatus.PUT_OK, next.getPutMessageStatus());
        assertEquals(max, next.getAppendMessageResult().getWroteOffset(),
            "the next record goes where the last one ended, not after the zeros");
    }

    @Test
    void anAsyncFlushStoreKeepsItsFilesSparse() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        putMany(400);
        final List<MappedFile> files = store.getCommitLog().getMappedFileQueue().getMappedFiles();
        assertTrue(files.size() >= 2, files.size() + " files, expected at least 2");
        for (MappedFile f : files) {
            assertFalse(f.isPreallocated(), f.getFileName() + " was preallocated");
        }
    }

    @Test
    void aStoreStoppedBeforeItsFirstPutLeavesNoFileBehind() throws Exception {
        startSyncFlushMaster();
        store.shutdown();
        store = null;
        assertEquals(0, countFiles(commitLogDir()), "the file ordered ahead is deleted");
    }

    @Test
    void aSyncFlushSlaveOrdersNoFirstFile() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        config.setBrokerRole(BrokerRole.SLAVE);
        store = StoreTestSupport.start(config);
        // a master's first file is on disk within milliseconds; give a slave's the same chance
        Thread.sleep(200);
        assertEquals(0, countFiles(commitLogDir()),
            "a slave's first file is where its master's log is, not offset 0");
    }

    /** A SYNC_FLUSH master store, started once its first file is on disk. */
    private MessageStoreConfig startSyncFlushMaster() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        store = StoreTestSupport.start(config);
        StoreTestSupport.await("the first file to be ordered at start",
            () -> Files.exists(commitLogDir().resolve("00000000000000000000")));
        return config;
    }

    private List<Long> putMany(final int count) {
        final List<Long> offsets = new ArrayList<>();
        final String body = "p".repeat(BODY);
        for (int i = 0; i < count; i++) {
            final PutMessageResult r = store.putMessage(message("TopicP", 0, body));
            assertEquals(PutMessageStatus.PUT_OK, r.getPutMessageStatus(), "put " + i);
            offsets.add(r.getAppendMessageResult().getWroteOffset());
        }
        return offsets;
    }

    private Path commitLogDir() {
        return root.resolve("commitlog");
    }

    private static long countFiles(final Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
