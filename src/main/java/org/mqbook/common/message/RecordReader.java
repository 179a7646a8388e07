package org.mqbook.common.message;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.mqbook.common.UtilAll;
import org.mqbook.common.sysflag.MessageSysFlag;

/**
 * Reads one record out of a buffer that holds exactly that record (a slice of TOTALSIZE bytes),
 * checking every length against what remains before it allocates or reads. Each method returns
 * null for bytes that are not a well-formed record; none throws on bad input.
 *
 * <p>Package-private: {@link MessageDecoder} is the public face and draws the layout.
 * Stateless and thread-safe (each call owns its slice).
 */
final class RecordReader {
    private RecordReader() {
    }

    /** A full stored record; {@code checkMagic} rejects anything but a message magic. */
    static MessageExt read(final ByteBuffer rec, final boolean readBody,
        final boolean deCompressBody, final boolean checkMagic) {
        final int storeSize = rec.remaining();
        final int sysFlag = rec.getInt(MessageDecoder.SYSFLAG_POSITION);
        final int fixed = MessageDecoder.bodySizePosition(sysFlag);
        if (storeSize < MessageDecoder.calMsgLength(sysFlag, 0, 0, 0)) {
            return null;
        }
        final MessageExt msg = new MessageExt();
        // 1-8: the fixed header up to SYSFLAG
        msg.setStoreSize(rec.getInt());
        final int magic = rec.getInt();
        if (checkMagic && magic != MessageDecoder.MESSAGE_MAGIC_CODE) {
            return null;
        }
        msg.setBodyCRC(rec.getInt());
        msg.setQueueId(rec.getInt());
        msg.setFlag(rec.getInt());
        msg.setQueueOffset(rec.getLong());
        msg.setCommitLogOffset(rec.getLong());
        msg.setSysFlag(rec.getInt());
        // 9-14: timestamps, hosts, reconsume count, prepared offset
        msg.setBornTimestamp(rec.getLong());
        msg.setBornHost(readHost(rec, MessageSysFlag.isBornHostV6(sysFlag)));
        msg.setStoreTimestamp(rec.getLong());
        final int storeHostStart = rec.position();
        msg.setStoreHost(readHost(rec, MessageSysFlag.isStoreHostV6(sysFlag)));
        if (msg.getBornHost() == null || msg.getStoreHost() == null) {
            return null;
        }
        msg.setReconsumeTimes(rec.getInt());
        msg.setPreparedTransactionOffset(rec.getLong());
        assert rec.position() == fixed;
        // 15: body (1 + 2 bytes of topic and properties lengths must still follow)
        final int bodyLength = rec.getInt();
        if (bodyLength < 0 || bodyLength > rec.remaining() - 3) {
            return null;
        }
        if (readBody) {
            final byte[] body = new byte[bodyLength];
            rec.get(body);
            if (!setBody(msg, body, deCompressBody && MessageSysFlag.isCompressed(sysFlag))) {
                return null;
            }
        } else {
            rec.position(rec.position() + bodyLength);
        }
        // 16: topic, its length a signed byte
        final int topicLength = rec.get();
        if (topicLength < 0 || topicLength > rec.remaining() - 2) {
            return null;
        }
        msg.setTopic(readString(rec, topicLength));
        // 17: properties, their length a signed short, and nothing after them
        final int propertiesLength = rec.getShort();
        if (propertiesLength < 0 || propertiesLength != rec.remaining()) {
            return null;
        }
        if (propertiesLength > 0) {
            final String properties = readString(rec, propertiesLength);
            msg.setProperties(MessageDecoder.string2messageProperties(properties));
        }
        msg.setOffsetMsgId(MessageDecoder.createMessageId(
            rec.duplicate().position(storeHostStart).limit(fixed - 12), msg.getCommitLogOffset()));
        return msg;
    }

    private static boolean setBody(final MessageExt msg, final byte[] body, final boolean inflate) {
        if (!inflate) {
            msg.setBody(body);
            return true;
        }
        try {
            msg.setBody(UtilAll.uncompress(body));
            return true;
        } catch (IOException e) {
            // TODO K2: a body that does not inflate makes the record undecodable, as in 4.7.1
            return false;
        }
    }

    /** Only the property map of a full stored record (body and topic are skipped). */
    static Map<String, String> properties(final ByteBuffer rec) {
        final int sysFlag = rec.getInt(MessageDecoder.SYSFLAG_POSITION);
        if (rec.remaining() < MessageDecoder.calMsgLength(sysFlag, 0, 0, 0)) {
            return null;
        }
        int position = MessageDecoder.bodySizePosition(sysFlag);
        final int bodyLength = rec.getInt(position);
        if (bodyLength < 0 || bodyLength > rec.limit() - position - 4 - 3) {
            return null;
        }
        position += 4 + bodyLength;
        final int topicLength = rec.get(position);
        if (topicLength < 0 || topicLength > rec.limit() - position - 1 - 2) {
            return null;
        }
        position += 1 + topicLength;
        final int propertiesLength = rec.getShort(position);
        if (propertiesLength < 0 || propertiesLength != rec.limit() - position - 2) {
            return null;
        }
        rec.position(position + 2);
        return MessageDecoder.string2messageProperties(readString(rec, propertiesLength));
    }

    /** One SEND_BATCH_MESSAGE record (see {@link MessageDecoder#encodeMessage}). */
    static Message batchRecord(final ByteBuffer rec) {
        rec.getInt(); // TOTALSIZE, already checked by the caller
        rec.getInt(); // MAGICCODE, 0 in a batch
        rec.getInt(); // BODYCRC, 0 in a batch
        final int flag = rec.getInt();
        final int bodyLength = rec.getInt();
        if (bodyLength < 0 || bodyLength > rec.remaining() - 2) {
            return null;
        }
        final byte[] body = new byte[bodyLength];
        rec.get(body);
        final int propertiesLength = rec.getShort();
        if (propertiesLength < 0 || propertiesLength != rec.remaining()) {
            return null;
        }
        final Message message = new Message();
        message.setFlag(flag);
        message.setBody(body);
        if (propertiesLength > 0) {
            message.setProperties(
                MessageDecoder.string2messageProperties(readString(rec, propertiesLength)));
        }
        return message;
    }

    /** The host at the position, or null when its port is not 0-65535. */
    private static InetSocketAddress readHost(final ByteBuffer rec, final boolean ipv6) {
        final byte[] ip = new byte[ipv6 ? 16 : 4];
        rec.get(ip);
        final int port = rec.getInt();
        if (port < 0 || port > 0xFFFF) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address was refused", e);
        }
    }

    private static String readString(final ByteBuffer rec, final int length) {
        final byte[] bytes = new byte[length];
        rec.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
