package org.mqbook.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.mqbook.common.message.MessageDecoder;

/**
 * Turns a batch body (short records, message-format.md §5) into full stored records, before
 * putMessageLock is taken, so the lock only has to patch in three fields per record:
 * <pre>
 *  batch record                 stored record (MessageDecoder's layout)
 *  TOTALSIZE, MAGIC 0, CRC 0 →  TOTALSIZE, MAGICCODE, BODYCRC (computed here)
 *  FLAG                      →  QUEUEID, FLAG from the batch header; QUEUEOFFSET 0*,
 *                               PHYSICALOFFSET 0*, SYSFLAG, BORN*, STORETIMESTAMP 0*, STOREHOST,
 *                               RECONSUMETIMES, PREPARED OFFSET 0
 *  BODY                      →  BODY (copied), TOPIC (the batch header's)
 *  PROPERTIES                →  PROPERTIES (copied byte for byte)        * filled under the lock
 * </pre>
 * Like 4.7.1 it ignores the short record's TOTALSIZE and walks by BODYLENGTH and
 * PROPERTIESLENGTH (the broker has checked that the three agree). Stateless; thread-safe.
 * Read next: {@link DefaultAppendMessageCallback}'s batch doAppend.
 */
final class BatchEncoder {
    private static final int FLAG_OFFSET = MessageDecoder.BATCH_FLAG_POSITION;
    private static final int BODY_LENGTH_OFFSET = MessageDecoder.BATCH_BODY_LENGTH_POSITION;
    private static final int BODY_OFFSET = MessageDecoder.BATCH_BODY_POSITION;

    private BatchEncoder() {
    }

    /**
     * The stored records of {@code batch}'s body.
     *
     * @throws IllegalArgumentException when a record is malformed or longer than maxMessageSize
     */
    static ByteBuffer encode(final MessageExtBatch batch, final int maxMessageSize) {
        final byte[] in = batch.getBody();
        final byte[] topic = batch.getTopic().getBytes(StandardCharsets.UTF_8);
        final int sysFlag = batch.getSysFlag();
        // TODO K2: a first pass over the length fields sizes the output exactly; growing a
        // buffer of twice the body was most of what a batch allocated
        final ByteBuffer out = ByteBuffer.allocate(encodedLength(in, sysFlag, topic.length,
            maxMessageSize));
        final ByteBuffer bornHost = batch.getBornHostBytes();
        final ByteBuffer storeHost = batch.getStoreHostBytes();
        final CRC32 crc = new CRC32();
        final ByteBuffer fields = ByteBuffer.wrap(in);
        for (int at = 0; at < in.length; ) {
            final int flag = fields.getInt(at + FLAG_OFFSET);
            final int bodyLen = fields.getInt(at + BODY_LENGTH_OFFSET);
            final int bodyAt = at + BODY_OFFSET;
            final int propertiesLen = fields.getShort(bodyAt + bodyLen);
            final int propertiesAt = bodyAt + bodyLen + 2;
            crc.reset();
            crc.update(in, bodyAt, bodyLen);
            out.putInt(MessageDecoder.calMsgLength(sysFlag, bodyLen, topic.length,
                propertiesLen));
            out.putInt(MessageDecoder.MESSAGE_MAGIC_CODE);
            out.putInt((int) (crc.getValue() & 0x7FFFFFFF));
            out.putInt(batch.getQueueId());
            out.putInt(flag);
            out.putLong(0);                               // QUEUEOFFSET, under the lock
            out.putLong(0);                               // PHYSICALOFFSET, under the lock
            out.putInt(sysFlag);
            out.putLong(batch.getBornTimestamp());
            out.put(bornHost.duplicate());
            out.putLong(0);                               // STORETIMESTAMP, under the lock
            out.put(storeHost.duplicate());
            out.putInt(batch.getReconsumeTimes());
            out.putLong(0);                               // PREPARED TRANSACTION OFFSET
            out.putInt(bodyLen).put(in, bodyAt, bodyLen);
            out.put((byte) topic.length).put(topic);
            out.putShort((short) propertiesLen).put(in, propertiesAt, propertiesLen);
            at = propertiesAt + propertiesLen;
        }
        return out.flip();
    }

    /**
     * The stored length of all records of {@code in}, checking each record's lengths on the way.
     *
     * @throws IllegalArgumentException when a record is malformed or longer than maxMessageSize
     */
    private static int encodedLength(final byte[] in, final int sysFlag, final int topicLength,
        final int maxMessageSize) {
        final ByteBuffer fields = ByteBuffer.wrap(in);
        long total = 0;
        for (int at = 0; at < in.length; ) {
            final int left = in.length - at;
            if (left < MessageDecoder.BATCH_MIN_RECORD_LENGTH) {
                throw malformed(at, "only " + left + " bytes left");
            }
            final int bodyLen = fields.getInt(at + BODY_LENGTH_OFFSET);
            if (bodyLen < 0 || bodyLen > left - BODY_OFFSET - 2) {
                throw malformed(at, "body length " + bodyLen);
            }
            final int propertiesLen = fields.getShort(at + BODY_OFFSET + bodyLen);
            if (propertiesLen < 0 || propertiesLen > left - BODY_OFFSET - 2 - bodyLen) {
                throw malformed(at, "properties length " + propertiesLen);
            }
            final int msgLen = MessageDecoder.calMsgLength(sysFlag, bodyLen, topicLength,
                propertiesLen);
            // TODO K2: per record, not per batch: each record is stored and pulled as a
            // message of its own, so each must fit where a single message would.
            if (msgLen > maxMessageSize) {
                throw new IllegalArgumentException("message size exceeded, msg total size: "
                    + msgLen + ", msg body size: " + bodyLen + ", maxMessageSize: "
                    + maxMessageSize);
            }
            total += msgLen;
            at += BODY_OFFSET + bodyLen + 2 + propertiesLen;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the batch's stored records would take " + total
                + " bytes, more than " + Integer.MAX_VALUE);
        }
        return (int) total;
    }

    private static IllegalArgumentException malformed(final int position, final String what) {
        return new IllegalArgumentException("batch record at byte " + position
            + " is malformed: " + what);
    }
}
