package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.store.StoreTestSupport.message;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.store.config.MessageStoreConfig;

/** Key queries through the store: KEYS words, UNIQ_KEY, several index files, rollbacks. */
class QueryMessageTest extends StoreTestBase {
    private static List<MessageExt> decode(final QueryMessageResult result) {
        try {
            return result.getMessageBufferList().stream()
                .map(b -> MessageDecoder.decode(b.duplicate(), true, false)).toList();
        } finally {
            result.release();
        }
    }

    @Test
    void everyKeyWordAndTheUniqKeyFindTheirMessageAcrossIndexFiles() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setMaxIndexNum(10);
        store = StoreTestSupport.start(config);
        for (int i = 0; i < 10; i++) {
            store.putMessage(message("TopicK", 0, "m" + i, "TagA", "order-" + i + " shared"));
        }
        StoreTestSupport.awaitDispatched(store);
        // 3 keys per message, 9 per file: several files
        assertTrue(store.getIndexService().getIndexFiles().size() >= 3,
            "files: " + store.getIndexService().getIndexFiles().size());
        for (int i = 0; i < 10; i++) {
            final List<MessageExt> byKey = decode(store.queryMessage("TopicK", "order-" + i,
                32, 0, Long.MAX_VALUE));
            assertEquals(1, byKey.size(), "order-" + i);
            assertEquals("m" + i, StoreTestSupport.body(byKey.get(0)));
            final List<MessageExt> byId = decode(store.queryMessage("TopicK",
                StoreTestSupport.uniqKey("TopicK", "m" + i), 32, 0, Long.MAX_VALUE));
            assertEquals("m" + i, StoreTestSupport.body(byId.get(0)));
        }
        assertEquals(10, decode(store.queryMessage("TopicK", "shared", 32, 0, Long.MAX_VALUE))
            .size());
        assertEquals(4, decode(store.queryMessage("TopicK", "shared", 4, 0, Long.MAX_VALUE))
            .size());
        assertEquals(0, decode(store.queryMessage("OtherTopic", "shared", 32, 0, Long.MAX_VALUE))
            .size(), "keys are per topic");
        final QueryMessageResult fresh = store.queryMessage("TopicK", "order-9", 32, 0,
            Long.MAX_VALUE);
        assertEquals(store.getMaxPhyOffset() - fresh.getMessageMapedList().get(0).getSize(),
            fresh.getIndexLastUpdatePhyoffset());
        fresh.release();
        // the file names are creation times, 17 digits
        for (var f : store.getIndexService().getIndexFiles()) {
            assertTrue(Path.of(f.getFileName()).getFileName().toString().matches("\\d{17}"));
        }
    }

    @Test
    void rollbackRecordsAreNotIndexed() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        final var rollback = message("TopicK", 0, "gone", "TagA", "rolled");
        rollback.setSysFlag(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE);
        store.putMessage(rollback);
        final var half = message("TopicK", 0, "half", "TagA", "prepared");
        half.setSysFlag(MessageSysFlag.TRANSACTION_PREPARED_TYPE);
        store.putMessage(half);
        StoreTestSupport.awaitDispatched(store);
        assertEquals(0, decode(store.queryMessage("TopicK", "rolled", 32, 0, Long.MAX_VALUE))
            .size());
        assertEquals(1, decode(store.queryMessage("TopicK", "prepared", 32, 0, Long.MAX_VALUE))
            .size(), "half messages are indexed (the transaction check finds them)");
        final ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(Path.of(
            store.getIndexService().getIndexFiles().get(0).getFileName())), 0, 40);
        assertEquals(3, header.getInt(36), "two keys of the half message: indexCount 3");
    }
}
