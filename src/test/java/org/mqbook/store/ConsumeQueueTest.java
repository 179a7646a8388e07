package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.store.StoreTestSupport.message;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mqbook.common.UtilAll;

/** Consume-queue units byte for byte, as the reput thread builds them; queue bounds and times. */
class ConsumeQueueTest extends StoreTestBase {
    @Test
    void unitsAreOffsetSizeAndTagHashInTwentyBytes() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        final List<AppendMessageResult> appended = new ArrayList<>();
        appended.add(store.putMessage(message("TopicObs", 0, "hello-1", "TagB", "k1"))
            .getAppendMessageResult());
        appended.add(store.putMessage(message("TopicObs", 0, "hello-2", "TagOrd", "k2"))
            .getAppendMessageResult());
        appended.add(store.putMessage(message("TopicObs", 0, "hello-3", null, "k3"))
            .getAppendMessageResult());
        StoreTestSupport.awaitDispatched(store);
        store.getConsumeQueue("TopicObs", 0).flush(0);

        final Path file = root.resolve("consumequeue").resolve("TopicObs").resolve("0")
            .resolve(UtilAll.offset2FileName(0));
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(StoreTestSupport.CQ_UNITS_PER_FILE * 20, bytes.capacity());
        final long[] tagsCodes = {2598920L, -1797389049L, 0L};
        for (int i = 0; i < 3; i++) {
            assertEquals(appended.get(i).getWroteOffset(), bytes.getLong(i * 20));
            assertEquals(appended.get(i).getWroteBytes(), bytes.getInt(i * 20 + 8));
            assertEquals(tagsCodes[i], bytes.getLong(i * 20 + 12));
        }
        // TagOrd's hash, sign-extended, as store-files.md §3 observed it
        assertEquals("ffffffff94de0507", Long.toHexString(bytes.getLong(1 * 20 + 12)));
        assertEquals(0L, bytes.getLong(3 * 20), "an all-zero unit marks the end");
        assertEquals(0, store.getMinOffsetInQueue("TopicObs", 0));
        assertEquals(3, store.getMaxOffsetInQueue("TopicObs", 0));
        assertEquals(appended.get(1).getWroteOffset(),
            store.getCommitLogOffsetInQueue("TopicObs", 0, 1));
    }

    @Test
    void theReputThreadBuildsQueuesAndCallsTheListener() throws Exception {
        final List<String> arrivals = new CopyOnWriteArrayList<>();
        final MessageArrivingListener listener = (topic, queueId, logicOffset, tagsCode,
            msgStoreTime, filterBitMap, properties) -> arrivals.add(topic + "/" + queueId
            + "@" + logicOffset + " " + Thread.currentThread().getName());
        store = StoreTestSupport.start(StoreTestSupport.config(root),
            java.time.Clock.systemUTC(), p -> 0.1, listener);
        for (int i = 0; i < 250; i++) {
            store.putMessage(message("TopicQ", i % 2, "m" + i));
        }
        StoreTestSupport.awaitDispatched(store);
        assertEquals(125, store.getMaxOffsetInQueue("TopicQ", 0));
        assertEquals(125, store.getMaxOffsetInQueue("TopicQ", 1));
        // 125 units in 100-unit files: two files per queue
        assertEquals(2, store.getConsumeQueue("TopicQ", 0).getMappedFileQueue()
            .getMappedFiles().size());
        StoreTestSupport.await("250 arrivals", () -> arrivals.size() == 250);
        assertEquals("TopicQ/0@1 ReputMessageService", arrivals.get(0));
        assertEquals("TopicQ/1@125 ReputMessageService", arrivals.get(249));
    }

    @Test
    void offsetByTimeFindsTheNearestMessage() throws Exception {
        final ManualClock clock = new ManualClock(1_800_000_000_000L);
        store = StoreTestSupport.start(StoreTestSupport.config(root), clock, p -> 0.1, null);
        for (int i = 0; i < 10; i++) {
            store.putMessage(message("TopicTime", 0, "t" + i));
            clock.advance(java.time.Duration.ofSeconds(10));
        }
        StoreTestSupport.awaitDispatched(store);
        final long t0 = 1_800_000_000_000L;
        assertEquals(0, store.getOffsetInQueueByTime("TopicTime", 0, t0));
        assertEquals(4, store.getOffsetInQueueByTime("TopicTime", 0, t0 + 40_000));
        assertEquals(4, store.getOffsetInQueueByTime("TopicTime", 0, t0 + 42_000));
        assertEquals(5, store.getOffsetInQueueByTime("TopicTime", 0, t0 + 48_000));
        assertEquals(9, store.getOffsetInQueueByTime("TopicTime", 0, t0 + 500_000));
        assertEquals(t0, store.getEarliestMessageTime("TopicTime", 0));
        assertEquals(t0, store.getEarliestMessageTime());
        assertEquals(t0 + 30_000, store.getMessageStoreTimeStamp("TopicTime", 0, 3));
        final Map<String, Long> ids = store.getMessageIds("TopicTime", 0, 2, 5,
            StoreTestSupport.STORE_HOST);
        assertEquals(List.of(2L, 3L, 4L), new ArrayList<>(ids.values()));
        for (Map.Entry<String, Long> e : ids.entrySet()) {
            assertEquals(store.getCommitLogOffsetInQueue("TopicTime", 0, e.getValue()),
                org.mqbook.common.message.MessageDecoder.decodeMessageId(e.getKey()).getOffset());
        }
        assertTrue(store.getRuntimeInfo().containsKey("commitLogMaxOffset"));
    }
}
