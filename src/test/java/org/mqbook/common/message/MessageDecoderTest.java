package org.mqbook.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqbook.common.UtilAll;
import org.mqbook.common.sysflag.MessageSysFlag;

/** The stored-record codec against the record a real 4.7.1 broker wrote (message-format.md §1). */
class MessageDecoderTest {
    static final String OBSERVED_UNIQ_KEY = "1A9845123D865FFD2B2786305D120000";
    static final long BORN = 0x1a21a984512L;
    static final long STORED = 0x1a21a98451aL;

    /** The spec's hex dump up to the properties, then the five observed properties. */
    static final String OBSERVED_HEAD = "000000ca daa320a7 6241472a 00000003"
        + "00000000 00000000 00000000 00000000"
        + "00000000 00000000 000001a2 1a984512"
        + "7f000001 0000c930 000001a2 1a98451a"
        + "7f000001 000051af 00000000 00000000"
        + "00000000 00000007 68656c6c 6f2d3108"
        + "546f7069 634f6273 0060";

    static Map<String, String> observedProperties() {
        final Map<String, String> p = new LinkedHashMap<>();
        p.put("KEYS", "key-1");
        p.put("UNIQ_KEY", OBSERVED_UNIQ_KEY);
        p.put("CLUSTER", "DefaultCluster");
        p.put("WAIT", "true");
        p.put("TAGS", "TagA");
        return p;
    }

    static MessageExt observedMessage() {
        final MessageExt msg = new MessageExt();
        msg.setTopic("TopicObs");
        msg.setBody("hello-1".getBytes(StandardCharsets.UTF_8));
        msg.setBodyCRC(UtilAll.crc32(msg.getBody()));
        msg.setQueueId(3);
        msg.setBornTimestamp(BORN);
        msg.setBornHost(new InetSocketAddress("127.0.0.1", 51504));
        msg.setStoreTimestamp(STORED);
        msg.setStoreHost(new InetSocketAddress("127.0.0.1", 20911));
        msg.setProperties(observedProperties());
        return msg;
    }

    static byte[] hex(final String spaced) {
        return UtilAll.string2bytes(spaced.replace(" ", ""));
    }

    @Test
    void encodesTheObservedRecordByteForByte() {
        final byte[] head = hex(OBSERVED_HEAD);
        final byte[] props = MessageDecoder.messageProperties2String(observedProperties())
            .getBytes(StandardCharsets.UTF_8);
        final byte[] expected = ByteBuffer.allocate(head.length + props.length)
            .put(head).put(props).array();

        final byte[] record = MessageDecoder.encode(observedMessage(), false);

        assertEquals(202, record.length);
        assertEquals(96, props.length);
        assertArrayEquals(expected, record);
        assertEquals(202, MessageDecoder.calMsgLength(0, 7, 8, 96));
    }

    @Test
    void decodesTheObservedRecordFields() {
        final byte[] record = MessageDecoder.encode(observedMessage(), false);
        final ByteBuffer buf = ByteBuffer.wrap(record);

        final MessageExt msg = MessageDecoder.decode(buf, true, true, false);

        assertNotNull(msg);
        assertEquals(202, buf.position());
        assertEquals(202, msg.getStoreSize());
        assertEquals(0x6241472a, msg.getBodyCRC());
        assertEquals(3, msg.getQueueId());
        assertEquals(0, msg.getSysFlag());
        assertEquals(BORN, msg.getBornTimestamp());
        assertEquals(STORED, msg.getStoreTimestamp());
        assertEquals(new InetSocketAddress("127.0.0.1", 51504), msg.getBornHost());
        assertEquals("127.0.0.1", msg.getBornHostString());
        assertEquals(new InetSocketAddress("127.0.0.1", 20911), msg.getStoreHost());
        assertEquals("TopicObs", msg.getTopic());
        assertEquals("hello-1", new String(msg.getBody(), StandardCharsets.UTF_8));
        assertEquals(observedProperties(), msg.getProperties());
        assertEquals("TagA", msg.getTags());
        assertEquals("key-1", msg.getKeys());
        assertEquals("7F000001000051AF0000000000000000", msg.getOffsetMsgId());
        assertEquals(OBSERVED_UNIQ_KEY, msg.getMsgId());
    }

    @Test
    void msgIdFallsBackToTheOffsetIdWithoutUniqKey() {
        final MessageExt original = observedMessage();
        original.getProperties().remove("UNIQ_KEY");
        original.setCommitLogOffset(4611);
        final MessageExt msg = MessageDecoder.decode(ByteBuffer.wrap(
            MessageDecoder.encode(original, false)));
        assertEquals("7F000001000051AF0000000000001203", msg.getMsgId());
        assertEquals(msg.getOffsetMsgId(), msg.getMsgId());
    }

    @Test
    void roundTripsIPv6HostsAndACompressedBody() {
        final MessageExt original = observedMessage();
        final byte[] body = new byte[6000];
        Arrays.fill(body, (byte) 'x');
        original.setBody(body);
        original.setBornHost(new InetSocketAddress("fd00::2", 40000));
        original.setStoreHost(new InetSocketAddress("::1", 10911));
        original.setSysFlag(MessageSysFlag.COMPRESSED_FLAG | MessageSysFlag.BORNHOST_V6_FLAG
            | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        original.setCommitLogOffset(1L << 40);
        original.setQueueOffset(77);
        original.setReconsumeTimes(2);
        original.setPreparedTransactionOffset(99);

        final byte[] record = MessageDecoder.encode(original, true);
        final MessageExt inflated = MessageDecoder.decode(ByteBuffer.wrap(record), true, true);
        final MessageExt raw = MessageDecoder.decode(ByteBuffer.wrap(record), true, false);

        assertArrayEquals(body, inflated.getBody());
        assertEquals(0x78, raw.getBody()[0] & 0xFF);
        assertEquals(0x5e, raw.getBody()[1] & 0xFF);
        assertEquals(MessageDecoder.calMsgLength(original.getSysFlag(), raw.getBody().length,
            8, 96), record.length);
        assertEquals(original.getBornHost(), inflated.getBornHost());
        assertEquals(original.getStoreHost(), inflated.getStoreHost());
        assertEquals(1L << 40, inflated.getCommitLogOffset());
        assertEquals(77, inflated.getQueueOffset());
        assertEquals(2, inflated.getReconsumeTimes());
        assertEquals(99, inflated.getPreparedTransactionOffset());
        assertEquals(56, inflated.getOffsetMsgId().length());
        assertEquals(MessageDecoder.createMessageId(original.getStoreHost(), 1L << 40),
            inflated.getOffsetMsgId());
        assertEquals(MessageDecoder.bodySizePosition(original.getSysFlag()),
            MessageDecoder.BODY_SIZE_POSITION + 24);
    }

    @Test
    void reEncodingADecodedRecordGivesTheSameBytes() {
        final byte[] record = MessageDecoder.encode(observedMessage(), false);
        final MessageExt decoded = MessageDecoder.decode(ByteBuffer.wrap(record));
        assertArrayEquals(record, MessageDecoder.encode(decoded, false));
    }

    @Test
    void encodeRejectsAHostThatDisagreesWithSysFlag() {
        final MessageExt msg = observedMessage();
        msg.setStoreHost(new InetSocketAddress("::1", 10911));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MessageDecoder.encode(msg, false));
        assertTrue(e.getMessage().contains("storeHost"), e.getMessage());
    }

    @Test
    void encodeRejectsATopicOver127Bytes() {
        final MessageExt msg = observedMessage();
        msg.setTopic("t".repeat(128));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MessageDecoder.encode(msg, false));
        assertEquals("topic length 128 bytes exceeds 127", e.getMessage());
    }

    @Test
    void brokerInnerIsWrittenWithItsPropertiesString() {
        final MessageExtBrokerInner inner = new MessageExtBrokerInner();
        final MessageExt plain = observedMessage();
        inner.setTopic(plain.getTopic());
        inner.setBody(plain.getBody());
        inner.setBodyCRC(plain.getBodyCRC());
        inner.setQueueId(3);
        inner.setBornTimestamp(BORN);
        inner.setBornHost(plain.getBornHost());
        inner.setStoreTimestamp(STORED);
        inner.setStoreHost(plain.getStoreHost());
        inner.setPropertiesString(MessageDecoder.messageProperties2String(observedProperties()));
        assertArrayEquals(MessageDecoder.encode(plain, false), MessageDecoder.encode(inner, false));
    }

    @Test
    void createsAndDecodesTheObservedOffsetMsgId() {
        final String id = MessageDecoder.createMessageId(
            new InetSocketAddress("127.0.0.1", 20911), 0);
        assertEquals("7F000001000051AF0000000000000000", id);

        final MessageId decoded = MessageDecoder.decodeMessageId(id);
        assertEquals(new InetSocketAddress("127.0.0.1", 20911), decoded.getAddress());
        assertEquals(0, decoded.getOffset());

        final ByteBuffer scratch = ByteBuffer.allocateDirect(28);
        final ByteBuffer host = MessageExt.socketAddress2ByteBuffer(
            new InetSocketAddress("127.0.0.1", 20911));
        assertEquals(id, MessageDecoder.createMessageId(scratch, host, 0));
        assertEquals(8, host.remaining());

        final MessageId later = MessageDecoder.decodeMessageId(
            MessageDecoder.createMessageId(new InetSocketAddress("127.0.0.1", 20911), 4904));
        assertEquals(4904, later.getOffset());
    }

    @Test
    void offsetMsgIdOfAnIPv6StoreHostHas56Chars() {
        final InetSocketAddress host = new InetSocketAddress("fd00::1", 10911);
        final String id = MessageDecoder.createMessageId(host, 123456789L);
        assertEquals(56, id.length());
        final MessageId decoded = MessageDecoder.decodeMessageId(id);
        assertEquals(host, decoded.getAddress());
        assertEquals(123456789L, decoded.getOffset());
    }

    @Test
    void decodeMessageIdRejectsABadLength() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MessageDecoder.decodeMessageId("7F000001000051AF"));
        assertTrue(e.getMessage().contains("7F000001000051AF"), e.getMessage());
        assertTrue(e.getMessage().contains("16"), e.getMessage());
    }

    @Test
    void decodePropertiesReadsOnlyTheMap() {
        final ByteBuffer buf = ByteBuffer.wrap(MessageDecoder.encode(observedMessage(), false));
        assertEquals(observedProperties(), MessageDecoder.decodeProperties(buf));
        assertEquals(0, buf.position());
        assertNull(MessageDecoder.decodeProperties(ByteBuffer.wrap(new byte[40])));
    }

    @Test
    void storeSideDecodeInsistsOnTheMagicCodeTheClientIgnores() {
        final byte[] record = MessageDecoder.encode(observedMessage(), false);
        ByteBuffer.wrap(record).putInt(MessageDecoder.MESSAGE_MAGIC_CODE_POSTION,
            MessageDecoder.BLANK_MAGIC_CODE);
        assertNull(MessageDecoder.decode(ByteBuffer.wrap(record), true, true, false));
        assertNotNull(MessageDecoder.decode(ByteBuffer.wrap(record), true, true, true));
        assertEquals(-626843481, MessageDecoder.MESSAGE_MAGIC_CODE);
        assertEquals(-875286124, MessageDecoder.BLANK_MAGIC_CODE);
    }

    @Test
    void readBodyFalseSkipsTheBody() {
        final MessageExt msg = MessageDecoder.decode(
            ByteBuffer.wrap(MessageDecoder.encode(observedMessage(), false)), false);
        assertNull(msg.getBody());
        assertEquals("TopicObs", msg.getTopic());
        assertEquals("TagA", msg.getTags());
    }
}
