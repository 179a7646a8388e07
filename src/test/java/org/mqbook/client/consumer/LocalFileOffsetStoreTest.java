package org.mqbook.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.client.consumer.store.LocalFileOffsetStore;
import org.mqbook.client.consumer.store.ReadOffsetType;
import org.mqbook.common.RuntimeHome;
import org.mqbook.common.message.MessageQueue;

/**
 * A broadcasting consumer's offsets: written to
 * {@code <dir>/<clientId>/<group>/offsets.json}, read back by a new store, kept under the
 * runtime home unless {@code rocketmq.client.localOffsetStoreDir} says otherwise.
 */
class LocalFileOffsetStoreTest {
    @TempDir
    Path dir;
    private String before;
    private final MessageQueue q0 = new MessageQueue("T", "broker-a", 0);
    private final MessageQueue q1 = new MessageQueue("T", "broker-a", 1);
    private final MessageQueue gone = new MessageQueue("T", "broker-b", 0);

    @BeforeEach
    void pointAtTempDir() {
        before = System.setProperty(LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR_PROPERTY,
            dir.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR_PROPERTY);
        } else {
            System.setProperty(LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR_PROPERTY, before);
        }
    }

    @Test
    void offsetsSurviveANewStoreAndOnlyOwnedQueuesAreWritten() throws Exception {
        LocalFileOffsetStore store = new LocalFileOffsetStore("127.0.0.1@bc", "CG");
        store.load();
        assertEquals(-1, store.readOffset(q0, ReadOffsetType.READ_FROM_STORE), "nothing yet");
        store.updateOffset(q0, 12, false);
        store.updateOffset(q0, 9, true); // increaseOnly: a late, smaller commit is ignored
        store.updateOffset(q1, 3, false);
        store.updateOffset(gone, 7, false);
        assertEquals(12, store.readOffset(q0, ReadOffsetType.READ_FROM_MEMORY));
        store.persistAll(Set.of(q0, q1));
        Path file = dir.resolve("127.0.0.1@bc").resolve("CG").resolve("offsets.json");
        assertEquals(file.toString(), store.getStorePath());
        assertTrue(Files.isRegularFile(file));

        LocalFileOffsetStore reopened = new LocalFileOffsetStore("127.0.0.1@bc", "CG");
        reopened.load();
        assertEquals(12, reopened.readOffset(q0, ReadOffsetType.READ_FROM_MEMORY));
        assertEquals(3, reopened.readOffset(q1, ReadOffsetType.MEMORY_FIRST_THEN_STORE));
        assertEquals(-1, reopened.readOffset(gone, ReadOffsetType.READ_FROM_STORE),
            "a queue no longer owned was not written");
        assertEquals(2, reopened.cloneOffsetTable("T").size());
    }

    @Test
    void aDamagedFileFallsBackToTheBackupOfThePreviousWrite() throws Exception {
        LocalFileOffsetStore store = new LocalFileOffsetStore("127.0.0.1@bc", "CG2");
        store.updateOffset(q0, 5, false);
        store.persistAll(Set.of(q0));
        store.updateOffset(q0, 6, false);
        store.persistAll(Set.of(q0)); // offsets.json.bak now holds 5
        Files.writeString(Path.of(store.getStorePath()), "{not json");
        LocalFileOffsetStore reopened = new LocalFileOffsetStore("127.0.0.1@bc", "CG2");
        reopened.load();
        assertEquals(5, reopened.readOffset(q0, ReadOffsetType.READ_FROM_MEMORY));
    }

    @Test
    void theDefaultDirectoryIsUnderTheRuntimeHomeNotTheUsersHome() {
        System.clearProperty(LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR_PROPERTY);
        assertEquals(RuntimeHome.runtimeDir().resolve(".rocketmq_offsets"),
            LocalFileOffsetStore.storeDir());
        assertTrue(!LocalFileOffsetStore.storeDir().startsWith(Path.of(System.getProperty("user.home"),
            ".rocketmq_offsets")));
    }
}
