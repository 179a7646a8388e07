package org.mqbook.remoting.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.mqbook.remoting.exception.RemotingCommandException;

class RocketMQSerializableTest {

    /** remoting.md 2.2: GET_ROUTEINFO_BY_TOPIC for TopicTest, opaque 7, binary header. */
    private static final String SPEC_FRAME = "0000002d 01000029 0069 00 0163 00000007 00000000"
        + " 00000000 00000014 0005 746f706963 00000009 546f70696354657374";

    @Test
    void specExampleIsByteEqual() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(
            RequestCode.GET_ROUTEINFO_BY_TOPIC, new SampleHeaders.TopicHeader("TopicTest"));
        cmd.setOpaque(7);
        cmd.setSerializeTypeCurrentRPC(SerializeType.ROCKETMQ);
        byte[] expected = HexFormat.of().parseHex(SPEC_FRAME.replace(" ", ""));
        assertArrayEquals(expected, RemotingCommandTest.bytes(cmd.encode()));
    }

    @Test
    void roundTripWithRemarkExtFieldsAndBody() throws Exception {
        RemotingCommand cmd = RemotingCommand.createResponseCommand(ResponseCode.SYSTEM_BUSY, "busy é");
        cmd.setSerializeTypeCurrentRPC(SerializeType.ROCKETMQ);
        cmd.setLanguage(LanguageCode.CPP);
        cmd.addExtField("a", "1");
        cmd.addExtField("empty", "");
        cmd.setBody(new byte[] {9, 8, 7});
        RemotingCommand back = RemotingCommandTest.roundTrip(cmd);
        assertEquals(ResponseCode.SYSTEM_BUSY, back.getCode());
        assertEquals("busy é", back.getRemark());
        assertEquals(LanguageCode.CPP, back.getLanguage());
        assertEquals(cmd.getOpaque(), back.getOpaque());
        assertEquals(cmd.getFlag(), back.getFlag());
        assertEquals(355, back.getVersion());
        assertEquals(cmd.getExtFields(), back.getExtFields());
        assertArrayEquals(new byte[] {9, 8, 7}, back.getBody());
        assertEquals(SerializeType.ROCKETMQ, back.getSerializeTypeCurrentRPC());
    }

    @Test
    void emptyRemarkAndExtFieldsDecodeAsNull() throws Exception {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(34, null);
        cmd.setSerializeTypeCurrentRPC(SerializeType.ROCKETMQ);
        RemotingCommand back = RemotingCommandTest.roundTrip(cmd);
        assertNull(back.getRemark());
        assertNull(back.getExtFields());
        assertEquals(34, back.getCode());
    }

    private static byte[] header(int remarkLength, int extLength, byte[] ext) {
        ByteBuffer buf = ByteBuffer.allocate(21 + ext.length);
        buf.putShort((short) 105).put((byte) 0).putShort((short) 355).putInt(1).putInt(0);
        buf.putInt(remarkLength).putInt(extLength).put(ext);
        return buf.array();
    }

    @Test
    void forgedLengthsAreRejectedBeforeAllocation() {
        RemotingCommandException remark = assertThrows(RemotingCommandException.class,
            () -> RocketMQSerializable.rocketMQProtocolDecode(header(0x7FFFFFF0, 0, new byte[0])));
        assertEquals("binary header remark length 2147483632 exceeds the 4 header bytes left",
            remark.getMessage());

        RemotingCommandException negative = assertThrows(RemotingCommandException.class,
            () -> RocketMQSerializable.rocketMQProtocolDecode(header(0, -1, new byte[0])));
        assertTrue(negative.getMessage().contains("length -1 is negative"), negative.getMessage());

        byte[] badKey = ByteBuffer.allocate(6).putShort((short) 300).putInt(0).array();
        RemotingCommandException key = assertThrows(RemotingCommandException.class,
            () -> RocketMQSerializable.rocketMQProtocolDecode(header(0, 6, badKey)));
        assertTrue(key.getMessage().contains("key length 300 exceeds the 4"), key.getMessage());

        byte[] badValue = ByteBuffer.allocate(7).putShort((short) 1).put((byte) 'k').putInt(999).array();
        RemotingCommandException value = assertThrows(RemotingCommandException.class,
            () -> RocketMQSerializable.rocketMQProtocolDecode(header(0, 7, badValue)));
        assertTrue(value.getMessage().contains("value of <k> length 999"), value.getMessage());

        RemotingCommandException truncated = assertThrows(RemotingCommandException.class,
            () -> RocketMQSerializable.rocketMQProtocolDecode(new byte[10]));
        assertTrue(truncated.getMessage().startsWith("binary header truncated"), truncated.getMessage());
    }

    @Test
    void unknownLanguageByteDecodesAsNull() throws Exception {
        byte[] h = header(0, 0, new byte[0]);
        h[2] = 42;
        assertNull(RocketMQSerializable.rocketMQProtocolDecode(h).getLanguage());
    }
}
