package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.store.StoreTestSupport.body;
import static org.mqbook.store.StoreTestSupport.message;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.config.MessageStoreConfig;

/** The append path: record bytes, offsets across files and blanks, batches, locks. */
class CommitLogAppendTest extends StoreTestBase {
    @Test
    void aRecordInTheFileIsExactlyTheEncodedMessage() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        final MessageExtBrokerInner msg = message("TopicObs", 3, "hello-1");
        final PutMessageResult result = store.putMessage(msg);
        assertEquals(PutMessageStatus.PUT_OK, result.getPutMessageStatus());
        final AppendMessageResult append = result.getAppendMessageResult();
        assertEquals(0, append.getWroteOffset());
        assertEquals(0, append.getLogicsOffset());
        assertEquals(MessageDecoder.createMessageId(StoreTestSupport.STORE_HOST, 0),
            append.getMsgId());

        final MessageExt expected = new MessageExt();
        expected.setTopic("TopicObs");
        expected.setQueueId(3);
        expected.setBody(msg.getBody());
        expected.setBodyCRC(UtilAll.crc32(msg.getBody()));
        expected.setBornTimestamp(msg.getBornTimestamp());
        expected.setBornHost(StoreTestSupport.BORN_HOST);
        expected.setStoreHost(StoreTestSupport.STORE_HOST);
        expected.setStoreTimestamp(append.getStoreTimestamp());
        expected.setProperties(msg.getProperties());
        final byte[] record = MessageDecoder.encode(expected, false);
        assertEquals(record.length, append.getWroteBytes());

        final byte[] file = Files.readAllBytes(
            root.resolve("commitlog").resolve(UtilAll.offset2FileName(0)));
        assertEquals(StoreTestSupport.COMMIT_LOG_FILE_SIZE, file.length);
        final byte[] stored = new byte[record.length];
        System.arraycopy(file, 0, stored, 0, record.length);
        assertArrayEquals(record, stored, "the stored record differs from MessageDecoder.encode");

        final MessageExt back = store.lookMessageByOffset(0);
        assertEquals("hello-1", body(back));
        assertEquals("key-hello-1", back.getKeys());
    }

    @Test
    void offsetsRunOnAcrossTheEndOfFileBlank() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        final String body = "x".repeat(10_000);
        final List<AppendMessageResult> results = new ArrayList<>();
        while (store.getCommitLog().getMappedFileQueue().getMappedFiles().size() < 3) {
            final PutMessageResult r = store.putMessage(message("TopicRoll", 0, body));
            assertEquals(PutMessageStatus.PUT_OK, r.getPutMessageStatus());
            results.add(r.getAppendMessageResult());
        }
        final int fileSize = StoreTestSupport.COMMIT_LOG_FILE_SIZE;
        int rolls = 0;
        for (int i = 1; i < results.size(); i++) {
            final AppendMessageResult prev = results.get(i - 1);
            final AppendMessageResult cur = results.get(i);
            assertEquals(i, cur.getLogicsOffset(), "queue offsets must be gap-free");
            final long prevEnd = prev.getWroteOffset() + prev.getWroteBytes();
            if (cur.getWroteOffset() == prevEnd) {
                continue;
            }
            rolls++;
            assertEquals(0, cur.getWroteOffset() % fileSize, "a record that did not fit "
                + "must start the next file, but started at " + cur.getWroteOffset());
            // the blank: TOTALSIZE = the rest of the file, MAGIC 0xCBD43194
            final Path prevFile = root.resolve("commitlog")
                .resolve(UtilAll.offset2FileName(prevEnd - prevEnd % fileSize));
            final ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(prevFile));
            final int blankPos = (int) (prevEnd % fileSize);
            assertEquals(fileSize - blankPos, file.getInt(blankPos));
            assertEquals(MessageDecoder.BLANK_MAGIC_CODE, file.getInt(blankPos + 4));
            assertTrue(fileSize - blankPos < prev.getWroteBytes() + 8);
        }
        assertEquals(2, rolls);
        StoreTestSupport.awaitDispatched(store);
        long offset = 0;
        while (offset < results.size()) {
            final GetMessageResult got = store.getMessage("g", "TopicRoll", 0, offset, 32, null);
            final List<MessageExt> msgs = StoreTestSupport.decode(got);
            for (MessageExt m : msgs) {
                assertEquals(offset, m.getQueueOffset());
                assertEquals(results.get((int) offset).getWroteOffset(), m.getCommitLogOffset());
                offset++;
            }
        }
    }

    @Test
    void aBatchGetsConsecutiveQueueOffsetsAndOneIdPerMessage() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        store.putMessage(message("TopicBatch", 1, "before"));
        final List<Message> inner = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final Message m = new Message("TopicBatch", "Tag" + i, "key-b" + i,
                ("batch-" + i).getBytes());
            m.setFlag(i);
            inner.add(m);
        }
        final MessageExtBatch batch = batchOf("TopicBatch", 1, inner);
        final PutMessageResult result = store.putMessages(batch);
        assertEquals(PutMessageStatus.PUT_OK, result.getPutMessageStatus());
        assertEquals(3, result.getAppendMessageResult().getMsgNum());
        assertEquals(1, result.getAppendMessageResult().getLogicsOffset());
        final String[] ids = result.getAppendMessageResult().getMsgId().split(",");
        assertEquals(3, ids.length);

        StoreTestSupport.awaitDispatched(store);
        final List<MessageExt> msgs =
            StoreTestSupport.decode(store.getMessage("g", "TopicBatch", 1, 1, 32, null));
        assertEquals(3, msgs.size());
        for (int i = 0; i < 3; i++) {
            final MessageExt m = msgs.get(i);
            assertEquals("batch-" + i, body(m));
            assertEquals("Tag" + i, m.getTags());
            assertEquals(i, m.getFlag());
            assertEquals(1 + i, m.getQueueOffset());
            assertEquals(ids[i], m.getOffsetMsgId());
            assertEquals(UtilAll.crc32(m.getBody()), m.getBodyCRC());
        }
        assertEquals(4, store.getMaxOffsetInQueue("TopicBatch", 1));
    }

    @Test
    void aBatchOfMoreThan64RecordsGetsTheIdOfEachRecord() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        final List<Message> inner = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            inner.add(new Message("TopicBigBatch", ("big-" + i).getBytes()));
        }
        final MessageExtBatch batch = batchOf("TopicBigBatch", 0, inner);
        final AppendMessageResult append = store.putMessages(batch).getAppendMessageResult();
        assertEquals(100, append.getMsgNum());
        final String[] ids = append.getMsgId().split(",");
        assertEquals(100, ids.length);
        StoreTestSupport.awaitDispatched(store);
        final List<MessageExt> msgs = new ArrayList<>();
        for (int pulls = 0; pulls < 10 && msgs.size() < 100; pulls++) {
            msgs.addAll(StoreTestSupport.decode(store.getMessage("g", "TopicBigBatch", 0,
                msgs.size(), 32, null)));
        }
        assertEquals(100, msgs.size());
        for (int i = 0; i < 100; i++) {
            assertEquals("big-" + i, body(msgs.get(i)));
            assertEquals(ids[i], msgs.get(i).getOffsetMsgId());
            assertEquals(MessageDecoder.createMessageId(StoreTestSupport.STORE_HOST,
                msgs.get(i).getCommitLogOffset()), ids[i]);
        }
    }

    @Test
    void aHalfMessageGetsQueueOffsetZeroAndNoUnit() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        store.putMessage(message("TopicTx", 0, "first"));
        final MessageExtBrokerInner half = message("TopicTx", 0, "half");
        half.setSysFlag(org.mqbook.common.sysflag.MessageSysFlag.TRANSACTION_PREPARED_TYPE);
        final PutMessageResult halfResult = store.putMessage(half);
        assertEquals(0, halfResult.getAppendMessageResult().getLogicsOffset());
        final PutMessageResult next = store.putMessage(message("TopicTx", 0, "second"));
        assertEquals(1, next.getAppendMessageResult().getLogicsOffset(),
            "the half message must not use up a queue offset");
        StoreTestSupport.awaitDispatched(store);
        assertEquals(2, store.getMaxOffsetInQueue("TopicTx", 0));
        final List<MessageExt> msgs =
            StoreTestSupport.decode(store.getMessage("g", "TopicTx", 0, 0, 32, null));
        assertEquals(List.of("first", "second"), msgs.stream().map(StoreTestSupport::body).toList());
    }

    @Test
    void aDelayedMessageIsParkedButADeliveredOneIsNot() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        final MessageExtBrokerInner delayed = message("TopicDelay", 2, "later");
        delayed.setDelayTimeLevel(3);
        StoreTestSupport.refresh(delayed);
        final PutMessageResult r = store.putMessage(delayed);
        StoreTestSupport.awaitDispatched(store);
        final MessageExt parked = store.lookMessageByOffset(r.getAppendMessageResult().getWroteOffset());
        assertEquals("SCHEDULE_TOPIC_XXXX", parked.getTopic());
        assertEquals(2, parked.getQueueId(), "level 3 parks in queue 2");
        assertEquals("TopicDelay", parked.getProperty("REAL_TOPIC"));
        assertEquals("2", parked.getProperty("REAL_QID"));
        final SelectMappedBufferResult unit =
            store.getConsumeQueue("SCHEDULE_TOPIC_XXXX", 2).getIndexBuffer(0);
        assertNotNull(unit);
        final long tagsCode = unit.getByteBuffer().getLong(ConsumeQueue.UNIT_TAGS_CODE_POSITION);
        unit.release();
        assertEquals(r.getAppendMessageResult().getStoreTimestamp() + 10_000, tagsCode,
            "a parked message's tagsCode is its delivery time (level 3 = 10 s)");

        // delivered out of the schedule topic: DELAY is still in the string, not in the map
        final MessageExtBrokerInner delivered = message("TopicDelay", 2, "delivered");
        delivered.setPropertiesString(parked.getProperties().entrySet().stream()
            .map(e -> e.getKey() + "\u0001" + e.getValue() + "\u0002")
            .reduce("", String::concat));
        final PutMessageResult d = store.putMessage(delivered);
        final MessageExt stored = store.lookMessageByOffset(d.getAppendMessageResult().getWroteOffset());
        assertEquals("TopicDelay", stored.getTopic());
        assertEquals("3", stored.getProperty("DELAY"), "the properties string is kept as is");
    }

    @Test
    void refusedPutsSayWhy() throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        store = StoreTestSupport.start(config);
        assertEquals(PutMessageStatus.MESSAGE_ILLEGAL,
            store.putMessage(message("T".repeat(128), 0, "x")).getPutMessageStatus());
        final MessageExtBrokerInner bigProps = message("TopicP", 0, "x");
        bigProps.setPropertiesString("k\u0001" + "v".repeat(40_000) + "\u0002");
        assertEquals(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED,
            store.putMessage(bigProps).getPutMessageStatus());
        final PutMessageResult tooBig =
            store.putMessage(message("TopicP", 0, "b".repeat(config.getMaxMessageSize()), "T", "k"));
        assertEquals(PutMessageStatus.MESSAGE_ILLEGAL, tooBig.getPutMessageStatus());
        assertEquals(0, store.getMaxPhyOffset(), "nothing refused may reach the file");
        store.shutdown();
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE,
            store.putMessage(message("TopicP", 0, "x")).getPutMessageStatus());
        store = null;

        final MessageStoreConfig slave = StoreTestSupport.config(root);
        slave.setBrokerRole(org.mqbook.store.config.BrokerRole.SLAVE);
        store = StoreTestSupport.start(slave);
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE,
            store.putMessage(message("TopicP", 0, "x")).getPutMessageStatus());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void concurrentPutsGetDistinctGapFreeOffsets(final boolean reentrant) throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setUseReentrantLockWhenPutMessage(reentrant);
        store = StoreTestSupport.start(config);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        final List<Future<List<AppendMessageResult>>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final int thread = t;
            futures.add(pool.submit(() -> {
                final List<AppendMessageResult> mine = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    mine.add(store.putMessage(message("TopicC", 0, thread + "-" + i))
                        .getAppendMessageResult());
                }
                return mine;
            }));
        }
        final List<AppendMessageResult> all = new ArrayList<>();
        for (Future<List<AppendMessageResult>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        final Set<Long> queueOffsets = new HashSet<>();
        final List<Long> physical = new ArrayList<>();
        for (AppendMessageResult r : all) {
            queueOffsets.add(r.getLogicsOffset());
            physical.add(r.getWroteOffset());
        }
        assertEquals(800, queueOffsets.size());
        assertEquals(799L, Collections.max(queueOffsets));
        Collections.sort(physical);
        all.sort((a, b) -> Long.compare(a.getWroteOffset(), b.getWroteOffset()));
        for (int i = 1; i < all.size(); i++) {
            final AppendMessageResult prev = all.get(i - 1);
            assertTrue(prev.getWroteOffset() + prev.getWroteBytes() <= all.get(i).getWroteOffset(),
                "records overlap at " + all.get(i).getWroteOffset());
            assertTrue(prev.getLogicsOffset() < all.get(i).getLogicsOffset(),
                "queue offsets must follow commit-log order");
        }
    }

    /** A batch of {@code inner} for one topic-queue, as the broker hands it to the store. */
    private static MessageExtBatch batchOf(final String topic, final int queueId,
        final List<Message> inner) {
        final MessageExtBatch batch = new MessageExtBatch();
        batch.setTopic(topic);
        batch.setQueueId(queueId);
        batch.setBody(MessageDecoder.encodeMessages(inner));
        batch.setBornHost(StoreTestSupport.BORN_HOST);
        batch.setStoreHost(StoreTestSupport.STORE_HOST);
        batch.setBornTimestamp(System.currentTimeMillis());
        return batch;
    }
}
