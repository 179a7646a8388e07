package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.store.StoreTestSupport.message;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageExt;
import org.mqbook.store.config.MessageStoreConfig;

/** getMessage's statuses and next offsets (remoting.md §8.3), its limits and its filter. */
class GetMessageTest extends StoreTestBase {
    private void put(final String topic, final int count) {
        for (int i = 0; i < count; i++) {
            store.putMessage(message(topic, 0, topic + "-" + i, i % 2 == 0 ? "TagA" : "TagB",
                null));
        }
        StoreTestSupport.awaitDispatched(store);
    }

    private GetMessageResult get(final String topic, final long offset, final int max) {
        return store.getMessage("group", topic, 0, offset, max, null);
    }

    private static void assertStatus(final GetMessageStatus status, final long next,
        final GetMessageResult result) {
        result.release();
        assertEquals(status, result.getStatus(), result.toString());
        assertEquals(next, result.getNextBeginOffset(), "nextBeginOffset of " + result);
    }

    @Test
    void everyStatusAndItsNextOffset() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        put("TopicS", 10);
        assertStatus(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE, 0, get("NoSuchTopic", 5, 32));
        store.findConsumeQueue("TopicEmpty", 0);
        assertStatus(GetMessageStatus.NO_MESSAGE_IN_QUEUE, 0, get("TopicEmpty", 3, 32));
        assertStatus(GetMessageStatus.FOUND, 3, get("TopicS", 0, 3));
        assertStatus(GetMessageStatus.FOUND, 10, get("TopicS", 7, 32));
        assertStatus(GetMessageStatus.OFFSET_OVERFLOW_ONE, 10, get("TopicS", 10, 32));
        assertStatus(GetMessageStatus.OFFSET_OVERFLOW_BADLY, 0, get("TopicS", 11, 32));

        // a queue whose first unit is number 150: min offset 150
        store.getCommitLog().getTopicQueueTable().put("TopicLate-0", 150L);
        put("TopicLate", 1);
        assertEquals(150, store.getMinOffsetInQueue("TopicLate", 0));
        assertEquals(151, store.getMaxOffsetInQueue("TopicLate", 0));
        assertStatus(GetMessageStatus.OFFSET_TOO_SMALL, 150, get("TopicLate", 10, 32));
        assertStatus(GetMessageStatus.OFFSET_OVERFLOW_BADLY, 151, get("TopicLate", 200, 32));
        assertStatus(GetMessageStatus.FOUND, 151, get("TopicLate", 150, 32));

        // the queue file holding offset 5 is gone while the min offset still says 0
        put("TopicGone", 250);
        final MappedFileQueue files = store.getConsumeQueue("TopicGone", 0).getMappedFileQueue();
        final MappedFile first = files.getFirstMappedFile();
        assertTrue(first.destroy(0));
        files.getMappedFiles().remove(first);
        assertStatus(GetMessageStatus.OFFSET_FOUND_NULL, 100, get("TopicGone", 5, 32));
    }

    @Test
    void aFilterSkipsUnitsWithoutReadingTheCommitLog() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        put("TopicF", 10);
        final long tagB = "TagB".hashCode();
        final MessageFilter onlyB = new MessageFilter() {
            @Override
            public boolean isMatchedByConsumeQueue(final Long tagsCode, final CqExtUnit ext) {
                return tagsCode != null && tagsCode == tagB;
            }

            @Override
            public boolean isMatchedByCommitLog(final ByteBuffer msg, final Map<String, String> p) {
                return true;
            }
        };
        final GetMessageResult found = store.getMessage("g", "TopicF", 0, 0, 32, onlyB);
        assertEquals(GetMessageStatus.FOUND, found.getStatus());
        assertEquals(10, found.getNextBeginOffset());
        final List<MessageExt> msgs = StoreTestSupport.decode(found);
        assertEquals(5, msgs.size());
        msgs.forEach(m -> assertEquals("TagB", m.getTags()));

        final MessageFilter none = new MessageFilter() {
            @Override
            public boolean isMatchedByConsumeQueue(final Long tagsCode, final CqExtUnit ext) {
                return tagsCode != null && tagsCode == "TagZ".hashCode();
            }

            @Override
            public boolean isMatchedByCommitLog(final ByteBuffer msg, final Map<String, String> p) {
                return true;
            }
        };
        final GetMessageResult nothing = store.getMessage("g", "TopicF", 0, 4, 32, none);
        assertStatus(GetMessageStatus.NO_MATCHED_MESSAGE, 10, nothing);
        assertEquals(0, nothing.getMessageCount());
    }

    @Test
    void inMemoryAndOnDiskLimits() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        store = StoreTestSupport.start(config);
        put("TopicL", 40);
        final GetMessageResult inMemory = get("TopicL", 0, 64);
        assertEquals(32, inMemory.getMessageCount(), "32 messages when in memory");
        assertStatus(GetMessageStatus.FOUND, 32, inMemory);
        assertFalse(inMemory.isSuggestPullingFromSlave());

        config.setAccessMessageInMemoryMaxRatio(0);
        final GetMessageResult onDisk = get("TopicL", 0, 64);
        assertEquals(8, onDisk.getMessageCount(), "8 messages when on disk");
        assertTrue(onDisk.isSuggestPullingFromSlave());
        assertTrue(store.checkInDiskByConsumeOffset("TopicL", 0, 0));
        assertStatus(GetMessageStatus.FOUND, 8, onDisk);

        for (int i = 0; i < 4; i++) {
            store.putMessage(message("TopicBig", 0, "b".repeat(20_000), "T", "k"));
        }
        store.putMessage(message("TopicHuge", 0, "h".repeat(100_000), "T", "k"));
        StoreTestSupport.awaitDispatched(store);
        final GetMessageResult bytes = get("TopicBig", 0, 64);
        assertEquals(3, bytes.getMessageCount(), "64 KiB on disk holds three 20 KB messages");
        bytes.release();
        final GetMessageResult huge = get("TopicHuge", 0, 64);
        assertEquals(1, huge.getMessageCount(), "one message is returned whatever its size");
        huge.release();
        config.setAccessMessageInMemoryMaxRatio(40);
        assertFalse(store.checkInDiskByConsumeOffset("TopicL", 0, 0));
        assertEquals(Set.of(), Set.copyOf(store.getMessageIds("NoTopic", 0, 0, 10,
            StoreTestSupport.STORE_HOST).keySet()));
    }
}
