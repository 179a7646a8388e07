package org.mqbook.store.schedule;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mqbook.common.TopicFilterType;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.store.StoredTextReader;

/**
 * Reads from a parked record's bytes only what a delivery copies into the real topic, instead
 * of decoding the whole record into a {@code MessageExt} (offsetMsgId, topic String, property
 * map) that the delivery would take apart again. The fields it reads ({@link MessageDecoder}
 * draws the whole record):
 * <pre>
 *  pos  size  field             read as
 *    0     4  TOTALSIZE         checked against the record's size
 *    4     4  MAGICCODE         must be MESSAGE_MAGIC_CODE
 *    8     4  BODYCRC           not read: putMessage computes it for every put
 *   16     4  FLAG              kept
 *   36     4  SYSFLAG           kept; its V6 bits size the hosts
 *   40     8  BORNTIMESTAMP     kept
 *   48  8|20  BORNHOST          kept (the last address is reused)
 *    .  8|20  STOREHOST         after STORETIMESTAMP; kept (reused too)
 *    .     4  RECONSUMETIMES    kept
 *    .   4+n  BODY              copied once
 *    .   1+n  TOPIC             skipped: SCHEDULE_TOPIC_XXXX
 *    .   2+n  PROPERTIES        copied once as bytes; REAL_TOPIC, REAL_QID and TAGS
 *                               are scanned out of them, no map is built
 * </pre>
 * Thread-safe: each read owns its result; the two host caches are immutable holders, replaced
 * whole. Read next: {@link DeliverDelayedMessageTimerTask#messageTimeup}.
 */
final class ParkedMessageReader {
    private static final byte[] TAGS = bytes(MessageConst.PROPERTY_TAGS);
    private static final byte[] REAL_TOPIC = bytes(MessageConst.PROPERTY_REAL_TOPIC);
    private static final byte[] REAL_QID = bytes(MessageConst.PROPERTY_REAL_QUEUE_ID);

    /** A host as stored (ip + port) and the address made of it. */
    private record Host(byte[] bytes, InetSocketAddress address) {
    }

    private Host lastBornHost = new Host(new byte[0], null);
    private Host lastStoreHost = new Host(new byte[0], null);

    /** The parked message in {@code rec} (exactly one record), or null when it is not one. */
    ParkedMessage read(final ByteBuffer rec) {
        final int size = rec.remaining();
        if (size < MessageDecoder.MIN_RECORD_LENGTH
            || rec.getInt(MessageDecoder.TOTAL_SIZE_POSITION) != size
            || rec.getInt(MessageDecoder.MESSAGE_MAGIC_CODE_POSTION)
                != MessageDecoder.MESSAGE_MAGIC_CODE) {
            return null;
        }
        final int sysFlag = rec.getInt(MessageDecoder.SYSFLAG_POSITION);
        final boolean bornV6 = MessageSysFlag.isBornHostV6(sysFlag);
        final boolean storeV6 = MessageSysFlag.isStoreHostV6(sysFlag);
        final int storeHostPosition = MessageDecoder.storeTimestampPosition(sysFlag) + 8;
        final int reconsumeTimesPosition = storeHostPosition + MessageDecoder.hostLength(storeV6);
        final int bodyPosition = MessageDecoder.bodySizePosition(sysFlag);
        if (size < MessageDecoder.calMsgLength(sysFlag, 0, 0, 0)) {
            return null;
        }
        final int bodyLength = rec.getInt(bodyPosition);
        final int topicPosition = bodyPosition + 4 + bodyLength;
        // TOPICLENGTH and PROPERTIESLENGTH must still fit behind the body
        if (bodyLength < 0 || bodyLength > size - bodyPosition - 4 - 3) {
            return null;
        }
        final int propertiesPosition = topicPosition + 1 + rec.get(topicPosition);
        if (propertiesPosition < topicPosition + 1 || propertiesPosition > size - 2
            || rec.getShort(propertiesPosition) != size - propertiesPosition - 2) {
            return null;
        }
        final byte[] body = new byte[bodyLength];
        rec.get(bodyPosition + 4, body);
        // TODO K2: the properties go on as the bytes they are: the delivered copy stores the
        // same text (DELAY and REAL_* included, as 4.7.1's does), so nothing needs a map
        final byte[] properties = new byte[size - propertiesPosition - 2];
        rec.get(propertiesPosition + 2, properties);
        final Host bornHost = host(rec, MessageDecoder.BORN_HOST_POSITION, bornV6, true);
        final Host storeHost = host(rec, storeHostPosition, storeV6, false);
        if (bornHost == null || storeHost == null) {
            return null;
        }
        return new ParkedMessage(rec.getInt(MessageDecoder.MESSAGE_FLAG_POSTION), sysFlag,
            rec.getLong(MessageDecoder.BORN_TIMESTAMP_POSITION), bornHost.address(),
            storeHost.address(), rec.getInt(reconsumeTimesPosition), body, properties);
    }

    /** The host at {@code position}, the cached one while its bytes repeat; null if bad. */
    private Host host(final ByteBuffer rec, final int position, final boolean ipv6,
        final boolean born) {
        // TODO K2: a backlog's records share a few hosts, so the address object (and its
        // InetAddress) is built once per host, not once per delivery
        final Host last = born ? this.lastBornHost : this.lastStoreHost;
        final int length = MessageDecoder.hostLength(ipv6);
        if (sameBytes(rec, position, last.bytes(), length)) {
            return last;
        }
        final byte[] bytes = new byte[length];
        rec.get(position, bytes);
        final int port = ByteBuffer.wrap(bytes, length - 4, 4).getInt();
        if (port < 0 || port > 0xFFFF) {
            return null;
        }
        final Host host;
        try {
            host = new Host(bytes, new InetSocketAddress(
                InetAddress.getByAddress(Arrays.copyOf(bytes, length - 4)), port));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address was refused", e);
        }
        if (born) {
            this.lastBornHost = host;
        } else {
            this.lastStoreHost = host;
        }
        return host;
    }

    private static boolean sameBytes(final ByteBuffer rec, final int position,
        final byte[] bytes, final int length) {
        if (bytes.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (rec.get(position + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What a delivery copies from one parked record: its fixed fields, its body and its
     * properties exactly as stored. Not thread-safe (the arrays are shared, not copied).
     */
    record ParkedMessage(int flag, int sysFlag, long bornTimestamp,
        InetSocketAddress bornHost, InetSocketAddress storeHost, int reconsumeTimes,
        byte[] body, byte[] properties) {

        /** The stored properties text, byte for byte (stored UTF-8 decodes and encodes back). */
        String propertiesText() {
            return new String(properties, StandardCharsets.UTF_8);
        }

        String tags() {
            return StoredTextReader.value(properties, properties.length, TAGS);
        }

        TopicFilterType topicFilterType() {
            return MessageExt.parseTopicFilterType(sysFlag);
        }

        /** REAL_TOPIC; an error naming the properties when there is none. */
        String realTopic() {
            final String topic =
                StoredTextReader.value(properties, properties.length, REAL_TOPIC);
            if (topic == null) {
                throw new IllegalArgumentException("parked message has no "
                    + MessageConst.PROPERTY_REAL_TOPIC + ": " + printable());
            }
            return topic;
        }

        /** REAL_QID; an error naming its value when it is not a number. */
        int realQueueId() {
            final String queueId =
                StoredTextReader.value(properties, properties.length, REAL_QID);
            try {
                return Integer.parseInt(queueId);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parked message's "
                    + MessageConst.PROPERTY_REAL_QUEUE_ID + " " + queueId
                    + " is not a queue id: " + printable(), e);
            }
        }

        /** The properties with the separators shown as '=' and ';' (for logs). */
        String printable() {
            return propertiesText()
                .replace(MessageDecoder.NAME_VALUE_SEPARATOR, '=')
                .replace(MessageDecoder.PROPERTY_SEPARATOR, ';');
        }
    }
}
