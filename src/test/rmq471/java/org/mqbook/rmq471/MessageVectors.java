package org.mqbook.rmq471;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The message half of {@link CodecVectors}: stored-message records made by 4.7.1's
 * {@code MessageDecoder.encode(MessageExt, needCompress)} (layout: message-format.md §1) and one
 * batch body made by {@code MessageDecoder.encodeMessages} (§5). Properties are written
 * {@code name\u0001value\u0002} in the order listed. bodyCRC is {@code UtilAll.crc32} (CRC32
 * {@code & 0x7FFFFFFF}) of the body bytes as stored. Timestamps are epoch ms.
 * <pre>
 * msg.ipv4.simple       (needCompress=false; the observed record of message-format.md §1, 202 B)
 *   topic TopicObs, body "hello-1", queueId 3, flag 0, queueOffset 0, commitLogOffset 0,
 *   sysFlag 0, bornTimestamp 1795742516498, bornHost 127.0.0.1:51504,
 *   storeTimestamp 1795742516506, storeHost 127.0.0.1:20911, reconsumeTimes 0,
 *   preparedTransactionOffset 0, bodyCRC crc32("hello-1") = 0x6241472a,
 *   properties KEYS=key-1, UNIQ_KEY=1A9845123D865FFD2B2786305D120000, CLUSTER=DefaultCluster,
 *   WAIT=true, TAGS=TagA
 * msg.ipv4.compressed   (needCompress=true: the encoder itself deflates the body)
 *   topic TopicZip, body "compress-me " x 50 (600 ASCII bytes), stored as
 *   java.util.zip.Deflater level 5 (zlib stream) of it; queueId 1, flag 0, queueOffset 9,
 *   commitLogOffset 202, sysFlag 1, bornTimestamp 1795742516600, bornHost 127.0.0.1:51505,
 *   storeTimestamp 1795742516610, storeHost 127.0.0.1:20911, reconsumeTimes 0,
 *   preparedTransactionOffset 0, bodyCRC crc32(compressed bytes),
 *   properties TAGS=TagZ, WAIT=true
 *   (compare the body after inflating it: another zlib build may deflate differently)
 * msg.ipv4.properties   (needCompress=false; a committed transactional, once-delayed message)
 *   topic TopicProps, body UTF-8 "payload-é", queueId 2, flag 7, queueOffset 17,
 *   commitLogOffset 4096, sysFlag 8, bornTimestamp 1795742517000, bornHost 192.168.0.10:40000,
 *   storeTimestamp 1795742517123, storeHost 10.0.0.1:10911, reconsumeTimes 2,
 *   preparedTransactionOffset 1234, bodyCRC crc32(body),
 *   properties DELAY=3, REAL_TOPIC=TopicProps, REAL_QID=2, TRAN_MSG=true, PGROUP=PG_TX,
 *   KEYS="k1 k2", TAGS=TagP, WAIT=false, UNIQ_KEY=C0A8000A9C40000000000000002A0001,
 *   city="Zürich 北京" (UTF-8; U+00FC, U+5317 U+4EAC)
 * msg.ipv6              (needCompress=false; both hosts IPv6, 20-byte host fields)
 *   topic TopicV6, body "v6", queueId 0, flag 0, queueOffset 1, commitLogOffset 8192,
 *   sysFlag 48 (0x10 born v6 | 0x20 store v6), bornTimestamp 1795742518000,
 *   bornHost [::1]:40001, storeTimestamp 1795742518005, storeHost [fd00::2]:10911,
 *   reconsumeTimes 0, preparedTransactionOffset 0, bodyCRC crc32(body), properties WAIT=true
 * batch.two             (the body of a SEND_BATCH_MESSAGE: two short records)
 *   [0] flag 0, body "batch-0", properties KEYS=key-0, TAGS=TagA, WAIT=true
 *   [1] flag 5, body "batch-1", properties KEYS=key-1, TAGS=TagB, WAIT=true
 *   (topic TopicBatch on both; the batch record has no topic field)
 * </pre>
 *
 * <p>Read next: message-format.md in the spec folder.
 */
final class MessageVectors {

    private MessageVectors() {
    }

    static void print() throws Exception {
        MessageExt simple = message("TopicObs", utf8("hello-1"), 3, 0, 0, 0, 0,
                1795742516498L, host("127.0.0.1", 51504), 1795742516506L, host("127.0.0.1", 20911));
        simple.setBodyCRC(UtilAll.crc32(simple.getBody()));
        MessageAccessor.setProperties(simple, CodecVectors.props("KEYS", "key-1",
                "UNIQ_KEY", "1A9845123D865FFD2B2786305D120000", "CLUSTER", "DefaultCluster",
                "WAIT", "true", "TAGS", "TagA"));
        CodecVectors.emit("msg.ipv4.simple", MessageDecoder.encode(simple, false));

        byte[] plain = utf8(String.join("", Collections.nCopies(50, "compress-me ")));
        MessageExt zipped = message("TopicZip", plain, 1, 0, 9, 202, 1,
                1795742516600L, host("127.0.0.1", 51505), 1795742516610L, host("127.0.0.1", 20911));
        // The broker's CRC covers the bytes it stores, i.e. the compressed ones.
        zipped.setBodyCRC(UtilAll.crc32(UtilAll.compress(plain, 5)));
        MessageAccessor.setProperties(zipped, CodecVectors.props("TAGS", "TagZ", "WAIT", "true"));
        CodecVectors.emit("msg.ipv4.compressed", MessageDecoder.encode(zipped, true));

        MessageExt rich = message("TopicProps", utf8("payload-\u00e9"), 2, 7, 17, 4096, 8,
                1795742517000L, host("192.168.0.10", 40000), 1795742517123L, host("10.0.0.1", 10911));
        rich.setReconsumeTimes(2);
        rich.setPreparedTransactionOffset(1234);
        rich.setBodyCRC(UtilAll.crc32(rich.getBody()));
        MessageAccessor.setProperties(rich, CodecVectors.props("DELAY", "3",
                "REAL_TOPIC", "TopicProps", "REAL_QID", "2", "TRAN_MSG", "true", "PGROUP", "PG_TX",
                "KEYS", "k1 k2", "TAGS", "TagP", "WAIT", "false",
                "UNIQ_KEY", "C0A8000A9C40000000000000002A0001", "city", "Z\u00fcrich \u5317\u4eac"));
        CodecVectors.emit("msg.ipv4.properties", MessageDecoder.encode(rich, false));

        MessageExt v6 = message("TopicV6", utf8("v6"), 0, 0, 1, 8192, 48,
                1795742518000L, host("::1", 40001), 1795742518005L, host("fd00::2", 10911));
        v6.setBodyCRC(UtilAll.crc32(v6.getBody()));
        MessageAccessor.setProperties(v6, CodecVectors.props("WAIT", "true"));
        CodecVectors.emit("msg.ipv6", MessageDecoder.encode(v6, false));

        Message first = new Message("TopicBatch", utf8("batch-0"));
        MessageAccessor.setProperties(first,
                CodecVectors.props("KEYS", "key-0", "TAGS", "TagA", "WAIT", "true"));
        Message second = new Message("TopicBatch", utf8("batch-1"));
        second.setFlag(5);
        MessageAccessor.setProperties(second,
                CodecVectors.props("KEYS", "key-1", "TAGS", "TagB", "WAIT", "true"));
        List<Message> batch = Arrays.asList(first, second);
        CodecVectors.emit("batch.two", MessageDecoder.encodeMessages(batch));
    }

    private static MessageExt message(String topic, byte[] body, int queueId, int flag,
                                      long queueOffset, long commitLogOffset, int sysFlag,
                                      long bornTimestamp, InetSocketAddress bornHost,
                                      long storeTimestamp, InetSocketAddress storeHost) {
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

    private static InetSocketAddress host(String literal, int port) throws Exception {
        // A literal address: no name lookup, so the vectors do not depend on this machine.
        return new InetSocketAddress(InetAddress.getByName(literal), port);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
