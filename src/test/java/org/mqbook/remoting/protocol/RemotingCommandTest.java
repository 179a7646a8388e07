package org.mqbook.remoting.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.mqbook.remoting.exception.RemotingCommandException;

class RemotingCommandTest {

    /** remoting.md 2.1: a 4.7.1 client asking a NameServer for the route of TBW102. */
    private static final String SPEC_JSON = "{\"code\":105,\"extFields\":{\"topic\":\"TBW102\"},"
        + "\"flag\":0,\"language\":\"JAVA\",\"opaque\":0,\"serializeTypeCurrentRPC\":\"JSON\","
        + "\"version\":355}";

    static byte[] bytes(ByteBuffer buf) {
        byte[] out = new byte[buf.remaining()];
        buf.duplicate().get(out);
        return out;
    }

    /** Strips the 4-byte length prefix, as NettyDecoder does before calling decode. */
    static RemotingCommand roundTrip(RemotingCommand cmd) throws RemotingCommandException {
        ByteBuffer frame = cmd.encode();
        assertEquals(frame.remaining() - 4, frame.getInt());
        return RemotingCommand.decode(frame);
    }

    static RemotingCommand decodeJson(String json) throws RemotingCommandException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(4 + header.length);
        buf.putInt(header.length).put(header).flip();
        return RemotingCommand.decode(buf);
    }

    @Test
    void specExampleFrameIsByteEqualTo471() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(
            RequestCode.GET_ROUTEINFO_BY_TOPIC, new SampleHeaders.TopicHeader("TBW102"));
        cmd.setOpaque(0);

        byte[] json = SPEC_JSON.getBytes(StandardCharsets.UTF_8);
        assertEquals(128, json.length);
        byte[] expected = ByteBuffer.allocate(8 + json.length)
            .put(HexFormat.of().parseHex("0000008400000080")).put(json).array();
        assertArrayEquals(expected, bytes(cmd.encode()),
            () -> new String(bytes(cmd.encode()), 8, bytes(cmd.encode()).length - 8, StandardCharsets.UTF_8));
    }

    @Test
    void encodeHeaderPlusBodyIsEncode() {
        RemotingCommand cmd = RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, "ok");
        cmd.setBody(new byte[] {1, 2, 3});
        byte[] header = bytes(cmd.encodeHeader());
        byte[] full = bytes(cmd.encode());
        ByteBuffer joined = ByteBuffer.allocate(header.length + 3).put(header).put(new byte[] {1, 2, 3});
        assertArrayEquals(full, joined.array());
        assertEquals(full.length - 4, ByteBuffer.wrap(header).getInt());
    }

    @Test
    void jsonRoundTripKeepsEveryField() throws Exception {
        RemotingCommand cmd = RemotingCommand.createResponseCommand(ResponseCode.TOPIC_NOT_EXIST,
            "No topic route info \u0001 \"quoted\" é");
        cmd.setLanguage(LanguageCode.GO);
        cmd.addExtField("k", "v\u0002");
        cmd.setBody("body bytes".getBytes(StandardCharsets.UTF_8));

        RemotingCommand back = roundTrip(cmd);
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, back.getCode());
        assertEquals(cmd.getRemark(), back.getRemark());
        assertEquals(LanguageCode.GO, back.getLanguage());
        assertEquals(MQVersion.CURRENT_VERSION, back.getVersion());
        assertEquals(cmd.getOpaque(), back.getOpaque());
        assertTrue(back.isResponseType());
        assertFalse(back.isOnewayRPC());
        assertEquals("v\u0002", back.getExtFields().get("k"));
        assertEquals("body bytes", new String(back.getBody(), StandardCharsets.UTF_8));
        assertEquals(SerializeType.JSON, back.getSerializeTypeCurrentRPC());
    }

    @Test
    void controlCharactersAreEscapedLikeFastjson1() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(10, null);
        cmd.addExtField("i", "KEYS\u0001k\u0002");
        String frame = new String(bytes(cmd.encode()), StandardCharsets.UTF_8);
        assertTrue(frame.contains("\"i\":\"KEYS\\u0001k\\u0002\""), frame);
    }

    @Test
    void nullRemarkExtFieldsAndBodyAreLeftOut() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(34, null);
        String frame = new String(bytes(cmd.encode()), StandardCharsets.UTF_8);
        assertFalse(frame.contains("remark"), frame);
        assertFalse(frame.contains("extFields"), frame);
        cmd.addExtField("gone", null);
        cmd.addExtField("kept", "v");
        String withExt = new String(bytes(cmd.encode()), StandardCharsets.UTF_8);
        assertTrue(withExt.contains("\"extFields\":{\"kept\":\"v\"}"), withExt);
        assertEquals(bytes(cmd.encode()).length - 4, ByteBuffer.wrap(bytes(cmd.encode())).getInt());
    }

    @Test
    void lenientDecodingMatches471Reader() throws Exception {
        RemotingCommand noFlag = decodeJson("{\"code\":105,\"opaque\":9,\"unknownKey\":[1,2],"
            + "\"extFields\":{\"queueId\":3,\"batch\":true,\"topic\":\"T\"}}");
        assertFalse(noFlag.isResponseType());
        assertEquals(0, noFlag.getVersion());
        assertEquals(9, noFlag.getOpaque());
        assertNull(noFlag.getRemark());
        assertNull(noFlag.getLanguage());
        assertEquals("3", noFlag.getExtFields().get("queueId"));
        assertEquals("true", noFlag.getExtFields().get("batch"));

        assertEquals(LanguageCode.PYTHON, decodeJson("{\"code\":1,\"language\":3}").getLanguage());
        assertNull(decodeJson("{\"code\":1,\"language\":\"COBOL\"}").getLanguage());
        assertNull(decodeJson("{\"code\":1,\"language\":99}").getLanguage());
        assertEquals(0, decodeJson("{}").getCode());
    }

    @Test
    void malformedFramesNameTheProblem() {
        RemotingCommandException badJson = assertThrows(RemotingCommandException.class,
            () -> decodeJson("{\"code\":105,"));
        assertTrue(badJson.getMessage().startsWith("invalid JSON header"), badJson.getMessage());

        ByteBuffer tooLong = ByteBuffer.allocate(8).putInt(500).putInt(0);
        tooLong.flip();
        RemotingCommandException header = assertThrows(RemotingCommandException.class,
            () -> RemotingCommand.decode(tooLong));
        assertEquals("header length 500 exceeds the 4 bytes left in the frame", header.getMessage());

        ByteBuffer type5 = ByteBuffer.allocate(6).putInt((5 << 24) | 2).put((byte) '{').put((byte) '}');
        type5.flip();
        RemotingCommandException type = assertThrows(RemotingCommandException.class,
            () -> RemotingCommand.decode(type5));
        assertTrue(type.getMessage().startsWith("unknown serialize type 5"), type.getMessage());

        assertThrows(RemotingCommandException.class, () -> decodeJson("[1,2]"));
        assertThrows(RemotingCommandException.class, () -> decodeJson("{\"extFields\":\"x\"}"));
        assertThrows(RemotingCommandException.class, () -> RemotingCommand.decode(new byte[2]));
    }

    @Test
    void opaqueComesFromOneCounterAndFlagsCombine() {
        RemotingCommand a = RemotingCommand.createRequestCommand(1, null);
        RemotingCommand b = RemotingCommand.createRequestCommand(1, null);
        assertTrue(b.getOpaque() > a.getOpaque());
        a.markOnewayRPC();
        assertTrue(a.isOnewayRPC());
        assertEquals(RemotingCommandType.REQUEST, a.getType());
        a.markResponseType();
        assertEquals(3, a.getFlag());
        assertEquals(RemotingCommandType.RESPONSE, a.getType());
    }

    @Test
    void responseForAHeaderClassStartsAsUnsetError() {
        RemotingCommand cmd = RemotingCommand.createResponseCommand(SampleHeaders.TopicHeader.class);
        assertEquals(ResponseCode.SYSTEM_ERROR, cmd.getCode());
        assertEquals("not set any response code", cmd.getRemark());
        assertTrue(cmd.readCustomHeader() instanceof SampleHeaders.TopicHeader);
        assertTrue(cmd.isResponseType());
        assertEquals(MQVersion.V4_7_1, cmd.getVersion());
    }

    @Test
    void headerLengthAndTypeShareOneInt() {
        int info = RemotingCommand.markProtocolType(0x123456, SerializeType.ROCKETMQ);
        assertEquals(0x01123456, info);
        assertEquals(0x123456, RemotingCommand.getHeaderLength(info));
        assertEquals(1, RemotingCommand.getProtocolType(info));
        assertThrows(IllegalStateException.class,
            () -> RemotingCommand.markProtocolType(0x1000000, SerializeType.JSON));
    }
}
