package org.mqbook.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.SerializeType;

/**
 * Remoting frames made by mqbook's {@link RemotingCommand} are byte-equal to those of 4.7.1's for
 * the same command, in both header serializations (the values are those of the 4.7.1-side program
 * {@code CodecVectors}); and mqbook decodes every 4.7.1 frame to the same fields.
 */
class GoldenFrameVectorsTest {

    private static final String SEND_V2_PROPERTIES = "KEYS\u0001key-1\u0002"
        + "UNIQ_KEY\u00011A9845123D865FFD2B2786305D120000\u0002WAIT\u0001true\u0002TAGS\u0001TagA\u0002";
    private static final String HEARTBEAT = "{\"clientID\":\"127.0.0.1@4242\",\"consumerDataSet\":[],"
        + "\"producerDataSet\":[{\"groupName\":\"PG_OBS\"}]}";
    private static final String UTF8_REMARK = "\u4e3b\u9898 Topic\u00e9 missing";

    @Test
    void everyFrameIsByteEqualTo471InBothSerializations() {
        for (SerializeType type : SerializeType.values()) {
            String prefix = "frame." + type.name().toLowerCase() + ".";
            boolean json = type == SerializeType.JSON;
            assertFrame(prefix + "getRouteInfo", request(type, 105, json ? 1 : 7,
                ext("topic", json ? "TBW102" : "TopicTest"), null));
            assertFrame(prefix + "clusterInfo", request(type, 106, 2, null, null));
            RemotingCommand pull = response(type, 19, 42, "OFFSET_OVERFLOW_ONE");
            pull.setExtFields(ext("suggestWhichBrokerId", "0", "nextBeginOffset", "5",
                "minOffset", "0", "maxOffset", "5"));
            assertFrame(prefix + "pullResponse", pull);
            assertFrame(prefix + "sendMessageV2", request(type, 310, 3, ext("a", "PG_OBS",
                "b", "TopicObs", "c", "TBW102", "d", "4", "e", "3", "f", "0", "g", "1795742516498",
                "h", "0", "i", SEND_V2_PROPERTIES, "j", "0", "k", "false", "m", "false"), "hello-1"));
            if (json) {
                RemotingCommand sent = response(type, 0, 3, null);
                sent.setExtFields(ext("msgId", "7F000001000051AF0000000000000000", "queueId", "3",
                    "queueOffset", "0", "MSG_REGION", "DefaultRegion", "TRACE_ON", "true"));
                assertFrame(prefix + "sendResponse", sent);
                assertFrame(prefix + "heartbeat", request(type, 34, 4, null, HEARTBEAT));
            }
            RemotingCommand oneway = request(type, 15, 5, ext("consumerGroup", "CG_OBS",
                "topic", "TopicObs", "queueId", "0", "commitOffset", "12"), null);
            oneway.markOnewayRPC();
            assertFrame(prefix + "onewayUpdateOffset", oneway);
            assertFrame(prefix + "utf8Remark", response(type, 1, 6, UTF8_REMARK));
        }
    }

    @Test
    void mqbookDecodesEvery471FrameToTheSameFields() throws Exception {
        for (String name : List.of("frame.json.sendMessageV2", "frame.rocketmq.sendMessageV2")) {
            RemotingCommand cmd = decodeGolden(name);
            assertEquals(310, cmd.getCode(), name);
            assertEquals(3, cmd.getOpaque(), name);
            assertEquals(355, cmd.getVersion(), name);
            assertEquals("PG_OBS", cmd.getExtFields().get("a"), name);
            assertEquals(SEND_V2_PROPERTIES, cmd.getExtFields().get("i"), name);
            assertEquals("hello-1", new String(cmd.getBody(), StandardCharsets.UTF_8), name);
        }
        for (String name : List.of("frame.json.utf8Remark", "frame.rocketmq.utf8Remark")) {
            RemotingCommand cmd = decodeGolden(name);
            assertEquals(UTF8_REMARK, cmd.getRemark(), name);
            assertEquals(true, cmd.isResponseType(), name);
        }
        RemotingCommand oneway = decodeGolden("frame.rocketmq.onewayUpdateOffset");
        assertEquals(true, oneway.isOnewayRPC());
        assertEquals("12", oneway.getExtFields().get("commitOffset"));
    }

    private static RemotingCommand decodeGolden(String name) throws Exception {
        byte[] frame = GoldenVectors.get(name);
        // decode() takes the frame after its 4-byte length prefix, as the Netty decoder hands it.
        return RemotingCommand.decode(Arrays.copyOfRange(frame, 4, frame.length));
    }

    private static void assertFrame(String vector, RemotingCommand cmd) {
        ByteBuffer frame = cmd.encode();
        byte[] ours = new byte[frame.remaining()];
        frame.get(ours);
        assertEquals(GoldenVectors.hex(GoldenVectors.get(vector)), GoldenVectors.hex(ours),
            vector + ": mqbook's frame differs from 4.7.1's");
        assertArrayEquals(GoldenVectors.get(vector), ours, vector);
    }

    private static RemotingCommand request(SerializeType type, int code, int opaque,
                                           LinkedHashMap<String, String> ext, String body) {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(code, null);
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setOpaque(opaque);
        cmd.setExtFields(ext);
        if (body != null) {
            cmd.setBody(body.getBytes(StandardCharsets.UTF_8));
        }
        return cmd;
    }

    private static RemotingCommand response(SerializeType type, int code, int opaque, String remark) {
        RemotingCommand cmd = RemotingCommand.createResponseCommand(code, remark);
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setOpaque(opaque);
        return cmd;
    }

    private static LinkedHashMap<String, String> ext(String... keyValues) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
