package org.mqbook.store.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.MixAll;
import org.mqbook.common.TopicFilterType;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.store.AppendMessageResult;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.PutMessageResult;
import org.mqbook.store.PutMessageStatus;
import org.mqbook.store.SelectMappedBufferResult;
import org.mqbook.store.StoreTestSupport;
import org.mqbook.store.config.MessageStoreConfig;
import org.mqbook.store.schedule.ParkedMessageReader.ParkedMessage;

/**
 * The delivery reads a parked record's bytes instead of decoding it into a MessageExt; the
 * record it re-puts must be the one the decode-and-rebuild path wrote, byte for byte, apart
 * from what every put sets anew (QUEUEOFFSET, PHYSICALOFFSET, STORETIMESTAMP).
 * {@link #decodedCopy} is that earlier path, kept here as the reference. Levels are 1 h, so
 * the running schedule service delivers nothing by itself during the test.
 */
class DeliveredCopyTest {
    private static final String TOPIC = "DelayCopyTopic";
    private static final int MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

    @TempDir
    static Path root;
    private static DefaultMessageStore store;

    @BeforeAll
    static void startStore() throws Exception {
        MessageStoreConfig config = StoreTestSupport.config(root);
        config.setMessageDelayLevel("1h 1h 1h");
        config.setMaxMessageSize(MAX_MESSAGE_SIZE);
        config.setMappedFileSizeCommitLog(2 * MAX_MESSAGE_SIZE + 64 * 1024);
        store = StoreTestSupport.start(config);
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.shutdown();
        }
    }

    @Test
    void anAsciiMessageIsCopiedAsTheDecodingPathCopiedIt() {
        MessageExtBrokerInner msg = delayed(3, "hello".getBytes(StandardCharsets.UTF_8),
            "TagA", "order-1 order-2");
        msg.setFlag(7);
        msg.setReconsumeTimes(3);
        assertCopiesAlike(msg, "TagA");
    }

    @Test
    void nonAsciiPropertiesAndKeysAndIpv6HostsStayByteForByte() {
        MessageExtBrokerInner msg = delayed(2, "\u5ef6\u8fdf \u00e9t\u00e9".getBytes(
            StandardCharsets.UTF_8), "\u6807\u7b7e-\u00c4", "\u8ba2\u5355-42 \u043a\u043b\u044e\u0447");
        MessageAccessor.putProperty(msg, "\u5907\u6ce8", "\u5ef6\u8fdf\u2713 \ud834\udd1e");
        msg.setBornHost(new InetSocketAddress("::1", 40001));
        msg.setStoreHost(new InetSocketAddress("::1", 10911));
        msg.setReconsumeTimes(1);
        StoreTestSupport.refresh(msg);
        assertCopiesAlike(msg, "\u6807\u7b7e-\u00c4");
    }

    @Test
    void aBodyNearMaxMessageSizeIsCopiedWhole() {
        byte[] body = new byte[MAX_MESSAGE_SIZE - 1024];
        new Random(42).nextBytes(body);
        MessageExtBrokerInner msg = delayed(1, body, null, "big");
        msg.setSysFlag(MessageSysFlag.MULTI_TAGS_FLAG);
        assertCopiesAlike(msg, null);
    }

    @Test
    void aRecordThatIsNotOneIsNoParkedMessageAndOneWithoutRealTopicIsRefused() {
        ParkedMessageReader reader = new ParkedMessageReader();
        byte[] record = parkedRecordBytes(delayed(1, new byte[10], "T", "k"));
        assertNotNull(reader.read(ByteBuffer.wrap(record)));
        byte[] badMagic = record.clone();
        badMagic[MessageDecoder.MESSAGE_MAGIC_CODE_POSTION] ^= 1;
        assertNull(reader.read(ByteBuffer.wrap(badMagic)), "wrong MAGICCODE");
        assertNull(reader.read(ByteBuffer.wrap(record, 0, record.length - 1).slice()),
            "TOTALSIZE larger than the window");

        MessageExtBrokerInner plain = StoreTestSupport.message(TOPIC, 0, "not parked");
        ParkedMessage notParked = reader.read(ByteBuffer.wrap(storedBytes(plain)));
        assertNotNull(notParked);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DeliverDelayedMessageTimerTask.messageTimeup(notParked));
        assertTrue(e.getMessage().contains(MessageConst.PROPERTY_REAL_TOPIC), e.getMessage());
    }

    /** Parks {@code msg}, delivers it both ways, and compares the two records. */
    private static void assertCopiesAlike(MessageExtBrokerInner msg, String tags) {
        int realQueueId = msg.getQueueId();
        byte[] parked = parkedRecordBytes(msg);
        StoreTestSupport.awaitDispatched(store);
        long parkedUnits = store.getMaxOffsetInQueue(MixAll.SCHEDULE_TOPIC,
            msg.getDelayTimeLevel() - 1);

        MessageExtBrokerInner decoded = decodedCopy(
            MessageDecoder.decode(ByteBuffer.wrap(parked), true, false));
        MessageExtBrokerInner read = DeliverDelayedMessageTimerTask.messageTimeup(
            new ParkedMessageReader().read(ByteBuffer.wrap(parked)));
        assertEquals(decoded.getTagsCode(), read.getTagsCode(), "tags code");
        assertEquals(tags == null ? 0 : tags.hashCode(), read.getTagsCode());
        assertEquals(0, read.getDelayTimeLevel(), "the map must not carry DELAY");
        assertFalse(read.isWaitStoreMsgOK(), "a delivery waits for no flush or slave");

        byte[] viaDecode = storedBytes(decoded);
        byte[] viaBytes = storedBytes(read);
        assertArrayEquals(withoutPerPutFields(viaDecode), withoutPerPutFields(viaBytes),
            "the delivered record differs from the decoding path's");

        MessageExt copy = MessageDecoder.decode(ByteBuffer.wrap(viaBytes), true, false);
        assertEquals(TOPIC, copy.getTopic());
        assertEquals(realQueueId, copy.getQueueId());
        assertArrayEquals(msg.getBody(), copy.getBody());
        assertEquals(UtilAll.crc32(msg.getBody()), copy.getBodyCRC());
        assertEquals(msg.getFlag(), copy.getFlag());
        assertEquals(msg.getReconsumeTimes(), copy.getReconsumeTimes());
        assertEquals(msg.getBornTimestamp(), copy.getBornTimestamp());
        assertEquals(msg.getBornHost(), copy.getBornHost());
        assertEquals(msg.getStoreHost(), copy.getStoreHost());
        assertArrayEquals(propertiesBytes(parked), propertiesBytes(viaBytes),
            "the stored properties text, DELAY and REAL_* included, is kept byte for byte");
        assertEquals(msg.getProperty(MessageConst.PROPERTY_KEYS),
            copy.getProperty(MessageConst.PROPERTY_KEYS));

        StoreTestSupport.awaitDispatched(store);
        assertEquals(parkedUnits, store.getMaxOffsetInQueue(MixAll.SCHEDULE_TOPIC,
            msg.getDelayTimeLevel() - 1), "a delivered copy must not be parked again");
    }

    private static MessageExtBrokerInner delayed(int level, byte[] body, String tags,
        String keys) {
        MessageExtBrokerInner msg = StoreTestSupport.message(TOPIC, 2, "x", tags, keys);
        msg.setBody(body);
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_DELAY_TIME_LEVEL,
            Integer.toString(level));
        StoreTestSupport.refresh(msg);
        return msg;
    }

    /** Puts {@code msg} (parked when it has a level) and returns its record's bytes. */
    private static byte[] parkedRecordBytes(MessageExtBrokerInner msg) {
        byte[] record = storedBytes(msg);
        assertEquals(MixAll.SCHEDULE_TOPIC, MessageDecoder.decode(ByteBuffer.wrap(record))
            .getTopic(), "parked");
        return record;
    }

    private static byte[] storedBytes(MessageExtBrokerInner msg) {
        PutMessageResult result = store.putMessage(msg);
        assertEquals(PutMessageStatus.PUT_OK, result.getPutMessageStatus());
        AppendMessageResult append = result.getAppendMessageResult();
        SelectMappedBufferResult window = store.getCommitLog().getMessage(
            append.getWroteOffset(), append.getWroteBytes());
        assertNotNull(window, "record at " + append.getWroteOffset());
        try {
            byte[] bytes = new byte[append.getWroteBytes()];
            window.getByteBuffer().get(0, bytes);
            return bytes;
        } finally {
            window.release();
        }
    }

    /** The record with QUEUEOFFSET, PHYSICALOFFSET and STORETIMESTAMP zeroed. */
    private static byte[] withoutPerPutFields(byte[] record) {
        byte[] copy = record.clone();
        int sysFlag = ByteBuffer.wrap(copy).getInt(MessageDecoder.SYSFLAG_POSITION);
        Arrays.fill(copy, MessageDecoder.QUEUE_OFFSET_POSITION,
            MessageDecoder.PHY_POS_POSITION + 8, (byte) 0);
        int storeTimestamp = MessageDecoder.storeTimestampPosition(sysFlag);
        Arrays.fill(copy, storeTimestamp, storeTimestamp + 8, (byte) 0);
        return copy;
    }

    private static byte[] propertiesBytes(byte[] record) {
        ByteBuffer rec = ByteBuffer.wrap(record);
        int body = MessageDecoder.bodySizePosition(rec.getInt(MessageDecoder.SYSFLAG_POSITION));
        int topic = body + 4 + rec.getInt(body);
        int properties = topic + 1 + rec.get(topic);
        return Arrays.copyOfRange(record, properties + 2,
            properties + 2 + rec.getShort(properties));
    }

    /** The delivery's copy as it was built before: from the decoded MessageExt. */
    private static MessageExtBrokerInner decodedCopy(MessageExt parked) {
        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setBody(parked.getBody());
        msg.setFlag(parked.getFlag());
        MessageAccessor.setProperties(msg, parked.getProperties());
        TopicFilterType filter = MessageExt.parseTopicFilterType(parked.getSysFlag());
        msg.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(filter, msg.getTags()));
        msg.setPropertiesString(
            MessageDecoder.messageProperties2String(parked.getProperties()));
        msg.setSysFlag(parked.getSysFlag());
        msg.setBornTimestamp(parked.getBornTimestamp());
        msg.setBornHost(parked.getBornHost());
        msg.setStoreHost(parked.getStoreHost());
        msg.setReconsumeTimes(parked.getReconsumeTimes());
        msg.setWaitStoreMsgOK(false);
        MessageAccessor.clearProperty(msg, MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        msg.setTopic(msg.getProperty(MessageConst.PROPERTY_REAL_TOPIC));
        msg.setQueueId(Integer.parseInt(msg.getProperty(MessageConst.PROPERTY_REAL_QUEUE_ID)));
        return msg;
    }
}
