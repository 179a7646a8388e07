package org.mqbook.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mqbook.common.sysflag.MessageSysFlag;

/** decode returns null and decodes stops, never throws, on bytes that are not a record. */
class MessageDecoderRobustnessTest {

    private static byte[] record(final String topic, final String body) {
        final MessageExt msg = MessageDecoderTest.observedMessage();
        msg.setTopic(topic);
        msg.setBody(body.getBytes());
        return MessageDecoder.encode(msg, false);
    }

    private static ByteBuffer concat(final byte[]... parts) {
        final ByteBuffer buf = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            buf.put(part);
        }
        return buf.flip();
    }

    @Test
    void decodesEveryRecordOfAPullBody() {
        final List<MessageExt> list = MessageDecoder.decodes(
            concat(record("A", "one"), record("B", "two"), record("C", "three")));
        assertEquals(List.of("A", "B", "C"), list.stream().map(Message::getTopic).toList());
        assertEquals("three", new String(list.get(2).getBody()));
    }

    @Test
    void decodesFromThePositionWhateverTheCallersByteOrder() {
        final ByteBuffer buf = concat(new byte[5], record("A", "one"))
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.position(5);
        final MessageExt msg = MessageDecoder.decode(buf);
        assertNotNull(msg);
        assertEquals("one", new String(msg.getBody()));
        assertEquals(buf.limit(), buf.position());
    }

    @Test
    void stopsAtATruncatedRecord() {
        final byte[] third = record("C", "three");
        final ByteBuffer buf = concat(record("A", "one"), record("B", "two"),
            Arrays.copyOf(third, third.length - 1));
        assertEquals(2, MessageDecoder.decodes(buf).size());
    }

    @Test
    void stopsAtGarbage() {
        final byte[] garbage = new byte[300];
        new Random(7).nextBytes(garbage);
        assertEquals(1, MessageDecoder.decodes(concat(record("A", "one"), garbage)).size());
    }

    @Test
    void aBodyLengthPastTheEndIsRejectedWithoutAllocatingIt() {
        final byte[] rec = record("A", "one");
        ByteBuffer.wrap(rec).putInt(MessageDecoder.BODY_SIZE_POSITION, Integer.MAX_VALUE);
        final ByteBuffer buf = ByteBuffer.wrap(rec);
        assertNull(MessageDecoder.decode(buf));
        assertEquals(0, buf.position());
    }

    @Test
    void aTotalSizePastTheEndIsRejected() {
        final byte[] rec = record("A", "one");
        ByteBuffer.wrap(rec).putInt(0, rec.length + 1);
        assertNull(MessageDecoder.decode(ByteBuffer.wrap(rec)));
        ByteBuffer.wrap(rec).putInt(0, -5);
        assertNull(MessageDecoder.decode(ByteBuffer.wrap(rec)));
    }

    @Test
    void anIPv6FlagOnAShortRecordIsRejected() {
        final byte[] rec = record("A", "");
        ByteBuffer.wrap(rec).putInt(MessageDecoder.SYSFLAG_POSITION,
            MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        assertNull(MessageDecoder.decode(ByteBuffer.wrap(rec), true, true, true));
    }

    @Test
    void aCompressedFlagOnAPlainBodyIsRejected() {
        final byte[] rec = record("A", "not zlib");
        ByteBuffer.wrap(rec).putInt(MessageDecoder.SYSFLAG_POSITION, MessageSysFlag.COMPRESSED_FLAG);
        assertNull(MessageDecoder.decode(ByteBuffer.wrap(rec), true, true));
        assertNotNull(MessageDecoder.decode(ByteBuffer.wrap(rec), true, false));
    }

    @Test
    void randomCorruptionNeverEscapesAsAnException() {
        final byte[] good = record("TopicObs", "hello-1");
        final Random random = new Random(42);
        int decoded = 0;
        for (int round = 0; round < 5000; round++) {
            final byte[] bad = good.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            final int cut = random.nextInt(4) == 0 ? random.nextInt(bad.length) : bad.length;
            final ByteBuffer buf = ByteBuffer.wrap(bad, 0, cut);
            decoded += MessageDecoder.decodes(buf).size();
            MessageDecoder.decodeProperties(ByteBuffer.wrap(bad, 0, cut));
        }
        // most single-byte changes hit fields any value is legal for; all must stay in bounds
        assertEquals(true, decoded > 0 && decoded <= 5000);
    }
}
