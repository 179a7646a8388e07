package org.mqbook.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqbook.client.impl.consumer.ProcessQueue;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.body.ProcessQueueInfo;

/**
 * The bookkeeping of a {@link ProcessQueue}: counts and body bytes for flow control, the
 * committed offset as the minimum still in flight, the orderly take/commit/retry cycle.
 */
class ProcessQueueTest {

    private static MessageExt msg(long offset, int bodyBytes) {
        MessageExt m = new MessageExt();
        m.setTopic("T");
        m.setQueueOffset(offset);
        m.setBody(new byte[bodyBytes]);
        return m;
    }

    private static List<MessageExt> range(long from, long to, int bodyBytes) {
        List<MessageExt> list = new ArrayList<>();
        for (long o = from; o < to; o++) {
            list.add(msg(o, bodyBytes));
        }
        return list;
    }

    @Test
    void putCountsMessagesAndBytesOnceEachAndAsksForOneConsumeRequest() {
        ProcessQueue pq = new ProcessQueue();
        assertTrue(pq.putMessage(range(40, 45, 100)), "the first put starts consuming");
        assertEquals(5, pq.getMsgCount());
        assertEquals(500, pq.getMsgSize());
        assertEquals(4, pq.getMaxSpan());
        // a message pulled twice (same offset) is not counted twice
        assertFalse(pq.putMessage(List.of(msg(44, 100), msg(45, 10))), "already consuming");
        assertEquals(6, pq.getMsgCount());
        assertEquals(510, pq.getMsgSize());
        assertEquals(5, pq.getMaxSpan());
    }

    @Test
    void theCommittableOffsetIsTheSmallestStillInFlight() {
        ProcessQueue pq = new ProcessQueue();
        List<MessageExt> all = range(40, 45, 10);
        pq.putMessage(all);
        // 41..44 done in some order: 40 still in flight, so 40 is all we may commit
        assertEquals(40, pq.removeMessage(List.of(all.get(3), all.get(1))));
        assertEquals(40, pq.removeMessage(List.of(all.get(2), all.get(4))));
        assertEquals(1, pq.getMsgCount());
        assertEquals(10, pq.getMsgSize());
        // 40 done: nothing in flight, commit one past the largest offset ever put
        assertEquals(45, pq.removeMessage(List.of(all.get(0))));
        assertEquals(0, pq.getMsgCount());
        assertEquals(0, pq.getMsgSize());
        assertEquals(-1, pq.removeMessage(List.of(all.get(0))), "nothing to say when empty");
    }

    @Test
    void theBacklogBehindTheLastPullIsReadFromMaxOffset() {
        ProcessQueue pq = new ProcessQueue();
        MessageExt last = msg(9, 1);
        MessageAccessor.putProperty(last, MessageConst.PROPERTY_MAX_OFFSET, "100");
        pq.putMessage(List.of(msg(8, 1), last));
        assertEquals(91, pq.getMsgAccCnt());
    }

    @Test
    void orderlyTakeCommitAndConsumeAgain() {
        ProcessQueue pq = new ProcessQueue();
        pq.putMessage(range(0, 5, 10));
        List<MessageExt> batch = pq.takeMessages(2);
        assertEquals(List.of(0L, 1L), batch.stream().map(MessageExt::getQueueOffset).toList());
        assertEquals(5, pq.getMsgCount(), "taken messages still count until committed");
        // the batch failed: it goes back in front and comes out first again
        pq.makeMessageToConsumeAgain(batch);
        assertEquals(List.of(0L, 1L, 2L),
            pq.takeMessages(3).stream().map(MessageExt::getQueueOffset).toList());
        assertEquals(3, pq.commit(), "the offset after the committed batch");
        assertEquals(2, pq.getMsgCount());
        assertEquals(20, pq.getMsgSize());
        assertEquals(-1, pq.commit(), "nothing taken since");
        pq.takeMessages(10);
        pq.rollback();
        assertTrue(pq.hasTempMessage());
        assertEquals(2, pq.takeMessages(10).size());
        assertEquals(0, pq.takeMessages(10).size(), "empty: the consume request ends");
        assertTrue(pq.putMessage(range(5, 6, 1)), "and the next put starts a new one");
    }

    @Test
    void clearForgetsEverythingAndTheSnapshotShowsTheState() {
        ProcessQueue pq = new ProcessQueue();
        pq.putMessage(range(3, 7, 2));
        pq.setLocked(true);
        ProcessQueueInfo info = new ProcessQueueInfo();
        pq.fillProcessQueueInfo(info);
        assertEquals(3, info.getCachedMsgMinOffset());
        assertEquals(6, info.getCachedMsgMaxOffset());
        assertEquals(4, info.getCachedMsgCount());
        assertTrue(info.isLocked());
        pq.clear();
        assertEquals(0, pq.getMsgCount());
        assertEquals(0, pq.getMsgSize());
        assertFalse(pq.hasTempMessage());
        assertFalse(pq.isLockExpired(), "locked just now");
        pq.setLastLockTimestamp(System.currentTimeMillis() - ProcessQueue.REBALANCE_LOCK_MAX_LIVE_TIME - 1);
        assertTrue(pq.isLockExpired());
    }
}
