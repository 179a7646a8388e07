package org.mqbook.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;

/**
 * Stored-message records and the batch body made by mqbook's {@link MessageDecoder} are byte-equal
 * to those of 4.7.1's {@code MessageDecoder} for the same values (the values are those of the
 * 4.7.1-side program {@code MessageVectors}), and mqbook decodes 4.7.1's bytes to the same fields.
 */
class GoldenMessageVectorsTest {

    @Test
    void simpleRecordIsByteEqualTo471() throws Exception {
        MessageExt simple = message("TopicObs", utf8("hello-1"), 3, 0, 0, 0, 0,
            1795742516498L, host("127.0.0.1", 51504), 1795742516506L, host("127.0.0.1", 20911));
        simple.setBodyCRC(UtilAll.crc32(simple.getBody()));
        MessageAccessor.setProperties(simple, props("KEYS", "key-1",
            "UNIQ_KEY", "1A9845123D865FFD2B2786305D120000", "CLUSTER", "DefaultCluster",
            "WAIT", "true", "TAGS", "TagA"));
        assertBytes("msg.ipv4.simple", MessageDecoder.encode(simple, false));
    }

    @Test
    void richPropertiesRecordIsByteEqualTo471() throws Exception {
        MessageExt rich = message("TopicProps", utf8("payload-\u00e9"), 2, 7, 17, 4096, 8,
            1795742517000L, host("192.168.0.10", 40000), 1795742517123L, host("10.0.0.1", 10911));
        rich.setReconsumeTimes(2);
        rich.setPreparedTransactionOffset(1234);
        rich.setBodyCRC(UtilAll.crc32(rich.getBody()));
        MessageAccessor.setProperties(rich, props("DELAY", "3",
            "REAL_TOPIC", "TopicProps", "REAL_QID", "2", "TRAN_MSG", "true", "PGROUP", "PG_TX",
            "KEYS", "k1 k2", "TAGS", "TagP", "WAIT", "false",
            "UNIQ_KEY", "C0A8000A9C40000000000000002A0001", "city", "Z\u00fcrich \u5317\u4eac"));
        assertBytes("msg.ipv4.properties", MessageDecoder.encode(rich, false));
    }

    @Test
    void ipv6RecordIsByteEqualTo471() throws Exception {
        MessageExt v6 = message("TopicV6", utf8("v6"), 0, 0, 1, 8192, 48,
            1795742518000L, host("::1", 40001), 1795742518005L, host("fd00::2", 10911));
        v6.setBodyCRC(UtilAll.crc32(v6.getBody()));
        MessageAccessor.setProperties(v6, props("WAIT", "true"));
        assertBytes("msg.ipv6", MessageDecoder.encode(v6, false));
    }

    @Test
    void compressedRecordDecodesToTheOriginalBody() throws Exception {
        // zlib builds may deflate differently, so compare the fields and the inflated body.
        byte[] golden = GoldenVectors.get("msg.ipv4.compressed");
        MessageExt decoded = MessageDecoder.decode(ByteBuffer.wrap(golden), true, true, false);
        assertNotNull(decoded, "mqbook could not decode 4.7.1's compressed record");
        assertEquals("TopicZip", decoded.getTopic());
        assertEquals("compress-me ".repeat(50), new String(decoded.getBody(), StandardCharsets.UTF_8));
        assertEquals(1, decoded.getQueueId());
        assertEquals(9, decoded.getQueueOffset());
        assertEquals(202, decoded.getCommitLogOffset());
        assertEquals("TagZ", decoded.getTags());
    }

    @Test
    void mqbookDecodesEvery471RecordToTheSameFieldsAndBytes() {
        for (String name : List.of("msg.ipv4.simple", "msg.ipv4.properties", "msg.ipv6")) {
            byte[] golden = GoldenVectors.get(name);
            MessageExt decoded = MessageDecoder.decode(ByteBuffer.wrap(golden), true, false, false);
            assertNotNull(decoded, name + " did not decode");
            assertEquals(golden.length, decoded.getStoreSize(), name);
            assertEquals(UtilAll.crc32(decoded.getBody()), decoded.getBodyCRC(), name + " CRC");
            // Decoding keeps the stored property order, so re-encoding must give the same bytes.
            assertArrayEquals(golden, MessageDecoder.encode(decoded, false), name + " re-encoded");
        }
    }

    @Test
    void batchBodyIsByteEqualTo471() {
        Message first = new Message("TopicBatch", utf8("batch-0"));
        MessageAccessor.setProperties(first, props("KEYS", "key-0", "TAGS", "TagA", "WAIT", "true"));
        Message second = new Message("TopicBatch", utf8("batch-1"));
        second.setFlag(5);
        MessageAccessor.setProperties(second, props("KEYS", "key-1", "TAGS", "TagB", "WAIT", "true"));
        assertBytes("batch.two", MessageDecoder.encodeMessages(Arrays.asList(first, second)));

        List<Message> decoded = MessageDecoder.decodeMessages(ByteBuffer.wrap(GoldenVectors.get("batch.two")));
        assertEquals(2, decoded.size());
        assertEquals("batch-1", new String(decoded.get(1).getBody(), StandardCharsets.UTF_8));
        assertEquals(5, decoded.get(1).getFlag());
        assertEquals("TagB", decoded.get(1).getTags());
    }

    private static void assertBytes(String vector, byte[] ours) {
        assertEquals(GoldenVectors.hex(GoldenVectors.get(vector)), GoldenVectors.hex(ours),
            vector + ": mqbook's bytes differ from 4.7.1's");
    }

    private static MessageExt message(String topic, byte[] body, int queueId, int flag, long queueOffset,
                                      long commitLogOffset, int sysFlag, long bornTimestamp,
                                      InetSocketAddress bornHost, long storeTimestamp,
                                      InetSocketAddress storeHost) {
        MessageExt msg = new MessageExt();
        msg.setTopic(topic);
        msg.setBody(body);
        msg.setQueueId(queueId);
        msg.setFlag(flag);
        msg.setQueueOffset(queueOffset);
        msg.setCommitLogOffset(commitLogOffset);
        msg.setSysFlag(sysFlag);
        msg.setBornTimestamp(bornTimestamp);
        msg.setBornHost(bornHost);
        msg.setStoreTimestamp(storeTimestamp);
        msg.setStoreHost(storeHost);
        return msg;
    }

    private static Map<String, String> props(String... kv) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }

    private static InetSocketAddress host(String literal, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(literal), port);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
