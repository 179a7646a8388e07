package org.mqbook.rmq471;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;

/**
 * Prints golden byte vectors made by the real 4.7.1 encoders, one per line as
 * {@code name<TAB>lowercase hex}: remoting frames from {@code RemotingCommand.encode()} (this
 * class) and stored-message records from {@code MessageDecoder} ({@link MessageVectors}). The
 * output is committed as {@code src/test/resources/golden/rmq471-vectors.tsv}; mqbook's codecs
 * must rebuild the same bytes from the field values below.
 *
 * <p>Every frame is a whole frame as written to the socket ({@code totalLength} first, see
 * remoting.md §1). Common to all: {@code language} JAVA, {@code version} 355 (V4_7_1, taken from
 * the system property {@code rocketmq.remoting.version} as every 4.7.1 process sets it). "ext"
 * lists extFields in the order they are written (the encoder iterates the map as given; real
 * 4.7.1 code uses a HashMap, whose order does not matter to any reader). "json" frames also carry
 * {@code "serializeTypeCurrentRPC":"JSON"} and list top-level keys alphabetically; "no ext" means
 * extFields is null, so the key is absent (JSON) or its length is 0 (binary).
 * <pre>
 * name                            code flag opaque remark               ext                     body
 * frame.json.getRouteInfo          105  0     1    -                    topic=TBW102            -
 * frame.rocketmq.getRouteInfo      105  0     7    -                    topic=TopicTest         -
 * frame.json.clusterInfo           106  0     2    -                    no ext                  -
 * frame.rocketmq.clusterInfo       106  0     2    -                    no ext                  -
 * frame.json.pullResponse           19  1    42    OFFSET_OVERFLOW_ONE  PULL_EXT                -
 * frame.rocketmq.pullResponse       19  1    42    OFFSET_OVERFLOW_ONE  PULL_EXT                -
 * frame.json.sendMessageV2         310  0     3    -                    SEND_V2_EXT             hello-1
 * frame.rocketmq.sendMessageV2     310  0     3    -                    SEND_V2_EXT             hello-1
 * frame.json.sendResponse            0  1     3    -                    SEND_RESPONSE_EXT       -
 * frame.json.heartbeat              34  0     4    -                    no ext                  HEARTBEAT
 * frame.json.onewayUpdateOffset     15  2     5    -                    OFFSET_EXT              -
 * frame.rocketmq.onewayUpdateOffset 15  2     5    -                    OFFSET_EXT              -
 * frame.json.utf8Remark              1  1     6    UTF8_REMARK          no ext                  -
 * frame.rocketmq.utf8Remark          1  1     6    UTF8_REMARK          no ext                  -
 *
 * PULL_EXT          suggestWhichBrokerId=0, nextBeginOffset=5, minOffset=0, maxOffset=5
 * SEND_V2_EXT       a=PG_OBS, b=TopicObs, c=TBW102, d=4, e=3, f=0, g=1795742516498, h=0,
 *                   i=KEYS\u0001key-1\u0002UNIQ_KEY\u00011A9845123D865FFD2B2786305D120000\u0002
 *                     WAIT\u0001true\u0002TAGS\u0001TagA\u0002   (one string, no line break),
 *                   j=0, k=false, m=false           (the observed V2 header of remoting.md §8.2)
 * SEND_RESPONSE_EXT msgId=7F000001000051AF0000000000000000, queueId=3, queueOffset=0,
 *                   MSG_REGION=DefaultRegion, TRACE_ON=true
 * HEARTBEAT         UTF-8 of {"clientID":"127.0.0.1@4242","consumerDataSet":[],
 *                   "producerDataSet":[{"groupName":"PG_OBS"}]}   (one line, no spaces)
 * OFFSET_EXT        consumerGroup=CG_OBS, topic=TopicObs, queueId=0, commitOffset=12
 * UTF8_REMARK       "主题 Topicé missing" (U+4E3B U+9898, space, "Topic", U+00E9, " missing")
 * </pre>
 * Responses are made with {@code createResponseCommand} (flag bit 0 set), the oneway request
 * with {@code markOnewayRPC()} (flag bit 1). The binary twin of a frame has the same fields.
 *
 * <p>Run: {@code java -cp target/rmq471/classes:<4.7.1 jars> org.mqbook.rmq471.CodecVectors};
 * the harness does it via {@code Rmq471.runProgram}. Read next: {@link MessageVectors}.
 */
public final class CodecVectors {

    static final String SEND_V2_PROPERTIES = "KEYS\u0001key-1\u0002"
            + "UNIQ_KEY\u00011A9845123D865FFD2B2786305D120000\u0002"
            + "WAIT\u0001true\u0002TAGS\u0001TagA\u0002";
    static final String HEARTBEAT = "{\"clientID\":\"127.0.0.1@4242\",\"consumerDataSet\":[],"
            + "\"producerDataSet\":[{\"groupName\":\"PG_OBS\"}]}";
    static final String UTF8_REMARK = "\u4e3b\u9898 Topic\u00e9 missing";

    private CodecVectors() {
    }

    public static void main(String[] args) throws Exception {
        // 4.7.1 stamps this property's value into every command it creates (0 when unset).
        System.setProperty(RemotingCommand.REMOTING_VERSION_KEY,
                Integer.toString(MQVersion.CURRENT_VERSION));
        for (SerializeType type : SerializeType.values()) {
            String prefix = "frame." + type.name().toLowerCase() + ".";
            emit(prefix + "getRouteInfo", request(type, 105, type == SerializeType.JSON ? 1 : 7,
                    ext("topic", type == SerializeType.JSON ? "TBW102" : "TopicTest"), null));
            emit(prefix + "clusterInfo", request(type, 106, 2, null, null));
            RemotingCommand pull = response(type, 19, 42, "OFFSET_OVERFLOW_ONE");
            pull.setExtFields(ext("suggestWhichBrokerId", "0", "nextBeginOffset", "5",
                    "minOffset", "0", "maxOffset", "5"));
            emit(prefix + "pullResponse", pull);
            emit(prefix + "sendMessageV2", request(type, 310, 3, ext("a", "PG_OBS",
                    "b", "TopicObs", "c", "TBW102", "d", "4", "e", "3", "f", "0",
                    "g", "1795742516498", "h", "0", "i", SEND_V2_PROPERTIES, "j", "0",
                    "k", "false", "m", "false"), "hello-1"));
            if (type == SerializeType.JSON) {
                RemotingCommand sent = response(type, 0, 3, null);
                sent.setExtFields(ext("msgId", "7F000001000051AF0000000000000000",
                        "queueId", "3", "queueOffset", "0", "MSG_REGION", "DefaultRegion",
                        "TRACE_ON", "true"));
                emit(prefix + "sendResponse", sent);
                emit(prefix + "heartbeat", request(type, 34, 4, null, HEARTBEAT));
            }
            RemotingCommand oneway = request(type, 15, 5, ext("consumerGroup", "CG_OBS",
                    "topic", "TopicObs", "queueId", "0", "commitOffset", "12"), null);
            oneway.markOnewayRPC();
            emit(prefix + "onewayUpdateOffset", oneway);
            emit(prefix + "utf8Remark", response(type, 1, 6, UTF8_REMARK));
        }
        MessageVectors.print();
        System.out.flush();
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

    private static RemotingCommand response(SerializeType type, int code, int opaque,
                                            String remark) {
        RemotingCommand cmd = RemotingCommand.createResponseCommand(code, remark);
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setOpaque(opaque);
        return cmd;
    }

    /** extFields in the order given: a LinkedHashMap is the HashMap the setter asks for. */
    private static LinkedHashMap<String, String> ext(String... keyValues) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static void emit(String name, RemotingCommand cmd) {
        if (cmd.getVersion() != MQVersion.CURRENT_VERSION) {
            throw new IllegalStateException(name + ": version " + cmd.getVersion());
        }
        ByteBuffer frame = cmd.encode();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        emit(name, bytes);
    }

    static void emit(String name, byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16));
            hex.append(Character.forDigit(b & 0xF, 16));
        }
        System.out.println(name + "\t" + hex);
    }

    /** Message properties in the order given (they are written in map order). */
    static LinkedHashMap<String, String> props(String... keyValues) {
        return ext(keyValues);
    }
}
