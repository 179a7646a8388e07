package org.mqbook.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqbook.common.UtilAll;
import org.mqbook.common.sysflag.MessageSysFlag;

// tag::ch06-message-layout[]
/**
 * The stored-message record: one layout for the commit log, PULL,
 * QUERY and VIEW bodies and CHECK_TRANSACTION_STATE. Big-endian.
 *
 * <pre>
 *  pos  size  field
 *    0     4  TOTALSIZE            record length, this field too
 *    4     4  MAGICCODE            0xDAA320A7 (0xCBD43194 = blank)
 *    8     4  BODYCRC              CRC32 of body, sign bit cleared
 *   12     4  QUEUEID
 *   16     4  FLAG                 the user's flag
 *   20     8  QUEUEOFFSET          index in the consume queue
 *   28     8  PHYSICALOFFSET       commit-log offset of the record
 *   36     4  SYSFLAG              MessageSysFlag bits
 *   40     8  BORNTIMESTAMP
 *   48  8|20  BORNHOST             ip (4|16) + port (4)
 *   56     8  STORETIMESTAMP       from here: +12 per IPv6 host
 *   64  8|20  STOREHOST            ip (4|16) + port (4)
 *   72     4  RECONSUMETIMES
 *   76     8  PREPARED TRANSACTION OFFSET
 *   84   4+n  BODYLENGTH + BODY
 *    .   1+n  TOPICLENGTH + TOPIC
 *    .   2+n  PROPERTIESLENGTH + PROPERTIES
 * </pre>
 * PROPERTIES is UTF-8 text: name 0x01 value 0x02, once per property.
 *
 * Stateless and thread-safe. Read next: {@link MessageExt}, then
 * the store's CommitLog, which appends these records.
 */
public final class MessageDecoder {
    public static final int MESSAGE_MAGIC_CODE = 0xDAA320A7;
    public static final int BLANK_MAGIC_CODE = 0xCBD43194;

    public static final int TOTAL_SIZE_POSITION = 0;
    public static final int MESSAGE_MAGIC_CODE_POSTION = 4;
    public static final int BODY_CRC_POSITION = 8;
    public static final int QUEUE_ID_POSITION = 12;
    public static final int MESSAGE_FLAG_POSTION = 16;
    public static final int QUEUE_OFFSET_POSITION = 20;
    // TODO K1: offsetMsgId=hex(STOREHOST,offset) tells where to fetch
    public static final int PHY_POS_POSITION = 28;
    public static final int MESSAGE_PHYSIC_OFFSET_POSTION = 28;
    public static final int SYSFLAG_POSITION = 36;
    public static final int BORN_TIMESTAMP_POSITION = 40;
    public static final int BORN_HOST_POSITION = 48;
    /** With an IPv4 born host; else see storeTimestampPosition. */
    public static final int MESSAGE_STORE_TIMESTAMP_POSTION = 56;
    /** With two IPv4 hosts; else see bodySizePosition. */
    public static final int BODY_SIZE_POSITION = 84;

    public static final int IPV4_HOST_LENGTH = 4 + 4;
    public static final int IPV6_HOST_LENGTH = 16 + 4;
    // TODO K1: 3 length bytes a record: topic <= 127, properties <= 32767
    public static final int MAX_TOPIC_LENGTH = Byte.MAX_VALUE;
    public static final int MAX_PROPERTIES_LENGTH = Short.MAX_VALUE;
    public static final char NAME_VALUE_SEPARATOR = 1;
    public static final char PROPERTY_SEPARATOR = 2;
    // end::ch06-message-layout[]

    /** offsetMsgId bytes for an IPv4 store host: 4 + 4 + 8. */
    public static final int MSG_ID_LENGTH = 8 + 8;
    /** zlib level used when {@link #encode} re-compresses a body (4.7.1's default). */
    public static final int COMPRESS_LEVEL = 5;
    /** The shortest possible record: IPv4 hosts, empty body, topic, properties. */
    public static final int MIN_RECORD_LENGTH = calMsgLength(0, 0, 0, 0);

    private MessageDecoder() {
    }

    // tag::ch06-message-length[]
    /** The record length for these field sizes: every field, in order. */
    public static int calMsgLength(int sysFlag, int bodyLength,
        int topicLength, int propertiesLength) {
        final int bornHost =
            hostLength(MessageSysFlag.isBornHostV6(sysFlag));
        final int storeHost =
            hostLength(MessageSysFlag.isStoreHostV6(sysFlag));
        return 4                            // TOTALSIZE
            + 4                             // MAGICCODE
            + 4                             // BODYCRC
            + 4                             // QUEUEID
            + 4                             // FLAG
            + 8                             // QUEUEOFFSET
            + 8                             // PHYSICALOFFSET
            + 4                             // SYSFLAG
            + 8                             // BORNTIMESTAMP
            + bornHost                      // BORNHOST
            + 8                             // STORETIMESTAMP
            + storeHost                     // STOREHOST
            + 4                             // RECONSUMETIMES
            + 8                             // PREPARED TRANSACTION OFFSET
            + 4 + bodyLength                // BODYLENGTH + BODY
            + 1 + topicLength               // TOPICLENGTH + TOPIC
            + 2 + propertiesLength;         // PROPERTIESLENGTH + ...
    }
    // end::ch06-message-length[]

    public static int hostLength(final boolean ipv6) {
        return ipv6 ? IPV6_HOST_LENGTH : IPV4_HOST_LENGTH;
    }

    /** Offset of STORETIMESTAMP inside a record with this sysFlag. */
    public static int storeTimestampPosition(final int sysFlag) {
        return BORN_HOST_POSITION + hostLength(MessageSysFlag.isBornHostV6(sysFlag));
    }

    /** Offset of BODYLENGTH inside a record with this sysFlag. */
    public static int bodySizePosition(final int sysFlag) {
        return storeTimestampPosition(sysFlag) + 8
            + hostLength(MessageSysFlag.isStoreHostV6(sysFlag)) + 4 + 8;
    }

    /**
     * The record bytes of {@code msg}. The hosts must match the sysFlag's V6 bits. BODYCRC is
     * written as {@code msg.getBodyCRC()} (the broker computes it when it stores the message);
     * TOTALSIZE is computed, {@code getStoreSize()} is ignored. With {@code needCompress} a
     * body whose sysFlag says COMPRESSED is deflated first (a decoded body is inflated).
     * A {@link MessageExtBrokerInner} with a properties string is written with that string.
     */
    public static byte[] encode(final MessageExt msg, final boolean needCompress) {
        final int sysFlag = msg.getSysFlag();
        checkHost("bornHost", msg.getBornHost(), MessageSysFlag.isBornHostV6(sysFlag));
        checkHost("storeHost", msg.getStoreHost(), MessageSysFlag.isStoreHostV6(sysFlag));
        byte[] body = msg.getBody() == null ? new byte[0] : msg.getBody();
        if (needCompress && MessageSysFlag.isCompressed(sysFlag)) {
            body = UtilAll.compress(body, COMPRESS_LEVEL);
        }
        if (msg.getTopic() == null) {
            throw new IllegalArgumentException("message has no topic: " + msg);
        }
        final byte[] topic = msg.getTopic().getBytes(StandardCharsets.UTF_8);
        final byte[] properties = propertiesOf(msg).getBytes(StandardCharsets.UTF_8);
        checkLengths(topic.length, properties.length);
        final int size = calMsgLength(sysFlag, body.length, topic.length, properties.length);

        final ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(size);
        buf.putInt(MESSAGE_MAGIC_CODE);
        buf.putInt(msg.getBodyCRC());
        buf.putInt(msg.getQueueId());
        buf.putInt(msg.getFlag());
        buf.putLong(msg.getQueueOffset());
        buf.putLong(msg.getCommitLogOffset());
        buf.putInt(sysFlag);
        buf.putLong(msg.getBornTimestamp());
        buf.put(msg.getBornHostBytes());
        buf.putLong(msg.getStoreTimestamp());
        buf.put(msg.getStoreHostBytes());
        buf.putInt(msg.getReconsumeTimes());
        buf.putLong(msg.getPreparedTransactionOffset());
        buf.putInt(body.length).put(body);
        buf.put((byte) topic.length).put(topic);
        buf.putShort((short) properties.length).put(properties);
        return buf.array();
    }

    private static String propertiesOf(final MessageExt msg) {
        if (msg instanceof MessageExtBrokerInner inner && inner.getPropertiesString() != null) {
            return inner.getPropertiesString();
        }
        return messageProperties2String(msg.getProperties());
    }

    private static void checkHost(final String name, final SocketAddress host, final boolean v6) {
        if (!(host instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            throw new IllegalArgumentException(name + " " + host + " is not a resolved address");
        }
        if (MessageExt.isIPv6(host) != v6) {
            throw new IllegalArgumentException(name + " " + host + " does not match sysFlag: its "
                + "V6 bit is " + (v6 ? "set" : "clear"));
        }
    }

    /** Rejects a topic over 127 or properties over 32767 bytes, naming the value. */
    public static void checkLengths(final int topicLength, final int propertiesLength) {
        if (topicLength > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("topic length " + topicLength
                + " bytes exceeds " + MAX_TOPIC_LENGTH);
        }
        if (propertiesLength > MAX_PROPERTIES_LENGTH) {
            throw new IllegalArgumentException("properties length " + propertiesLength
                + " bytes exceeds " + MAX_PROPERTIES_LENGTH);
        }
    }

    public static MessageExt decode(final ByteBuffer byteBuffer) {
        return decode(byteBuffer, true, true, false);
    }

    public static MessageExt decode(final ByteBuffer byteBuffer, final boolean readBody) {
        return decode(byteBuffer, readBody, true, false);
    }

    public static MessageExt decode(final ByteBuffer byteBuffer, final boolean readBody,
        final boolean deCompressBody) {
        return decode(byteBuffer, readBody, deCompressBody, false);
    }

    /**
     * Decodes the record at the buffer's position and moves past it; returns null, position
     * unchanged, when the bytes are not a whole well-formed record. A client
     * ({@code isClient}) ignores MAGICCODE as 4.7.1's does; the store insists on
     * {@link #MESSAGE_MAGIC_CODE}. Never throws on bad input.
     */
    public static MessageExt decode(final ByteBuffer byteBuffer, final boolean readBody,
        final boolean deCompressBody, final boolean isClient) {
        final ByteBuffer record = recordAt(byteBuffer, MIN_RECORD_LENGTH);
        if (record == null) {
            return null;
        }
        final MessageExt msg = RecordReader.read(record, readBody, deCompressBody, !isClient);
        if (msg != null) {
            byteBuffer.position(byteBuffer.position() + record.limit());
        }
        return msg;
    }

    /** All records until the end, as the 4.7.1 client decodes a PULL body. */
    public static List<MessageExt> decodes(final ByteBuffer byteBuffer) {
        return decodes(byteBuffer, true);
    }

    /** Decodes records until the buffer ends or one does not decode, then stops silently. */
    public static List<MessageExt> decodes(final ByteBuffer byteBuffer, final boolean readBody) {
        final List<MessageExt> list = new ArrayList<>();
        while (byteBuffer.hasRemaining()) {
            final MessageExt msg = decode(byteBuffer, readBody, true, true);
            if (msg == null) {
                break;
            }
            list.add(msg);
        }
        return list;
    }

    /**
     * Only the properties of the record at the buffer's position (for dispatching to the
     * index without copying the body); the position does not move. Null when malformed.
     */
    public static Map<String, String> decodeProperties(final ByteBuffer byteBuffer) {
        final ByteBuffer record = recordAt(byteBuffer, MIN_RECORD_LENGTH);
        return record == null ? null : RecordReader.properties(record);
    }

    /**
     * A big-endian view of exactly the record at the position (its first int is its length),
     * or null when that length is below {@code minLength} or runs past the buffer's limit.
     */
    private static ByteBuffer recordAt(final ByteBuffer byteBuffer, final int minLength) {
        final ByteBuffer view = byteBuffer.slice();
        if (view.remaining() < Math.max(4, minLength)) {
            return null;
        }
        final int size = view.getInt(0);
        if (size < minLength || size > view.remaining()) {
            return null;
        }
        return view.limit(size);
    }

    /**
     * offsetMsgId built in a reused scratch buffer {@code input} (at least 28 bytes), as the
     * commit log does per append; {@code addr} holds the store host's 8 or 20 bytes.
     */
    public static String createMessageId(final ByteBuffer input, final ByteBuffer addr,
        final long offset) {
        input.clear();
        input.put(addr.duplicate()).putLong(offset).flip();
        final byte[] id = new byte[input.remaining()];
        input.get(id);
        return UtilAll.bytes2string(id);
    }

    /** offsetMsgId from the store host's bytes (8 or 20, position to limit) and the offset. */
    public static String createMessageId(final ByteBuffer storeHostBytes, final long offset) {
        final ByteBuffer id = ByteBuffer.allocate(storeHostBytes.remaining() + 8);
        id.put(storeHostBytes.duplicate()).putLong(offset);
        return UtilAll.bytes2string(id.array());
    }

    /** offsetMsgId: upper-case hex of ip + port + offset, 32 chars (IPv4) or 56 (IPv6). */
    public static String createMessageId(final SocketAddress storeHost, final long offset) {
        return createMessageId(MessageExt.socketAddress2ByteBuffer(storeHost), offset);
    }

    /** The store address and commit-log offset inside an offsetMsgId. */
    public static MessageId decodeMessageId(final String msgId) {
        if (msgId == null || (msgId.length() != 32 && msgId.length() != 56)) {
            throw new IllegalArgumentException("offsetMsgId " + msgId + " has length "
                + (msgId == null ? 0 : msgId.length()) + ", expected 32 (IPv4) or 56 (IPv6)");
        }
        final ByteBuffer bytes = ByteBuffer.wrap(UtilAll.string2bytes(msgId));
        final byte[] ip = new byte[msgId.length() == 32 ? 4 : 16];
        bytes.get(ip);
        final int port = bytes.getInt();
        final long offset = bytes.getLong();
        try {
            return new MessageId(new InetSocketAddress(InetAddress.getByAddress(ip), port), offset);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address was refused", e);
        }
    }

    /** {@code name 0x01 value 0x02} for every pair, the last one too; null values skipped. */
    public static String messageProperties2String(final Map<String, String> properties) {
        if (properties == null) {
            return "";
        }
        final StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            if (entry.getValue() != null) {
                sb.append(entry.getKey()).append(NAME_VALUE_SEPARATOR)
                    .append(entry.getValue()).append(PROPERTY_SEPARATOR);
            }
        }
        return sb.toString();
    }

    /**
     * Parses a property string in its stored order: split on 0x02, then each item on 0x01;
     * items that do not give exactly two parts are dropped, as in 4.7.1 (so empty values and
     * values containing a separator are lost).
     */
    public static Map<String, String> string2messageProperties(final String properties) {
        final Map<String, String> map = new LinkedHashMap<>();
        if (properties == null) {
            return map;
        }
        // TODO K2: a scan, not split(): every send parses its properties, and split built a
        // list and an array per item; the rules are split's, which drops trailing empty parts:
        // "name 0x01" is one part (dropped), "name 0x01 value 0x01 0x01" is two (kept)
        final int length = properties.length();
        for (int start = 0; start < length; ) {
            int end = properties.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            final int sep = indexOf(properties, NAME_VALUE_SEPARATOR, start, end);
            if (sep < end) {
                final int valueEnd = indexOf(properties, NAME_VALUE_SEPARATOR, sep + 1, end);
                if (valueEnd > sep + 1 && onlySeparators(properties, valueEnd, end)) {
                    map.put(properties.substring(start, sep),
                        properties.substring(sep + 1, valueEnd));
                }
            }
            start = end + 1;
        }
        return map;
    }

    /** The first {@code c} in {@code s[from, to)}, or {@code to}: never looks past the item. */
    private static int indexOf(final String s, final char c, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }

    /** True when {@code s[from, to)} holds nothing but 0x01 (split's trailing empty parts). */
    private static boolean onlySeparators(final String s, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != NAME_VALUE_SEPARATOR) {
                return false;
            }
        }
        return true;
    }

    /** In a record of a SEND_BATCH_MESSAGE body (see {@link #encodeMessage}): FLAG. */
    public static final int BATCH_FLAG_POSITION = 12;
    /** In a batch record: BODYLENGTH; the body follows it. */
    public static final int BATCH_BODY_LENGTH_POSITION = 16;
    /** In a batch record: the body's first byte; PROPERTIESLENGTH follows the body. */
    public static final int BATCH_BODY_POSITION = 20;
    /** A batch record with an empty body and no properties. */
    public static final int BATCH_MIN_RECORD_LENGTH = BATCH_BODY_POSITION + 2;

    /**
     * One record of a SEND_BATCH_MESSAGE body: TOTALSIZE 4, MAGICCODE 4 (0), BODYCRC 4 (0),
     * FLAG 4, BODYLENGTH 4 + body, PROPERTIESLENGTH 2 + properties. Never compressed.
     */
    public static byte[] encodeMessage(final Message message) {
        final byte[] body = message.getBody() == null ? new byte[0] : message.getBody();
        final byte[] properties = messageProperties2String(message.getProperties())
            .getBytes(StandardCharsets.UTF_8);
        checkLengths(0, properties.length);
        final int size = 4 + 4 + 4 + 4 + 4 + body.length + 2 + properties.length;
        final ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(size);
        buf.putInt(0);
        buf.putInt(0);
        buf.putInt(message.getFlag());
        buf.putInt(body.length).put(body);
        buf.putShort((short) properties.length).put(properties);
        return buf.array();
    }

    /** The batch body: {@link #encodeMessage} of each message, concatenated. */
    public static byte[] encodeMessages(final List<Message> messages) {
        final List<byte[]> records = new ArrayList<>(messages.size());
        int total = 0;
        for (Message message : messages) {
            final byte[] record = encodeMessage(message);
            records.add(record);
            total += record.length;
        }
        final ByteBuffer buf = ByteBuffer.allocate(total);
        records.forEach(buf::put);
        return buf.array();
    }

    /** One batch record at the position (moved past it), or null if it is malformed. */
    public static Message decodeMessage(final ByteBuffer byteBuffer) {
        final ByteBuffer record = recordAt(byteBuffer, 4 * 5 + 2);
        if (record == null) {
            return null;
        }
        final Message message = RecordReader.batchRecord(record);
        if (message != null) {
            byteBuffer.position(byteBuffer.position() + record.limit());
        }
        return message;
    }

    /** Every record of a batch body; a malformed record is an error naming its position. */
    public static List<Message> decodeMessages(final ByteBuffer byteBuffer) {
        final List<Message> messages = new ArrayList<>();
        while (byteBuffer.hasRemaining()) {
            final int position = byteBuffer.position();
            final Message message = decodeMessage(byteBuffer);
            if (message == null) {
                throw new IllegalArgumentException("batch record at byte " + position
                    + " is malformed (" + byteBuffer.remaining() + " bytes remain)");
            }
            messages.add(message);
        }
        return messages;
    }
}
