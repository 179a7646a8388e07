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
 * Stateless; thread-safe. Read next: {@link DefaultAppendMessageCallback}'s batch doAppend.
 */
final class BatchEncoder {

    private BatchEncoder() {
    }

    /**
     * The stored records of {@code batch}'s body.
     *
     * @throws IllegalArgumentException when a record is malformed or longer than maxMessageSize
     */
    static ByteBuffer encode(final MessageExtBatch batch, final int maxMessageSize) {
        final ByteBuffer in = ByteBuffer.wrap(batch.getBody());
        final byte[] topic = batch.getTopic().getBytes(StandardCharsets.UTF_8);
        final int sysFlag = batch.getSysFlag();
        final ByteBuffer bornHost = batch.getBornHostBytes();
        final ByteBuffer storeHost = batch.getStoreHostBytes();
        ByteBuffer out = ByteBuffer.allocate(Math.max(1024, in.remaining() * 2));
        while (in.hasRemaining()) {
            final int recordStart = in.position();
            if (in.remaining() < 4 * 5 + 2) {
                throw malformed(recordStart, "only " + in.remaining() + " bytes left");
            }
            in.getInt();    // TOTALSIZE of the short record
            in.getInt();    // MAGICCODE, 0
            in.getInt();    // BODYCRC, 0
            final int flag = in.getInt();
            final int bodyLen = in.getInt();
            if (bodyLen < 0 || bodyLen > in.remaining() - 2) {
                throw malformed(recordStart, "body length " + bodyLen);
            }
            final ByteBuffer body = in.slice(in.position(), bodyLen);
            in.position(in.position() + bodyLen);
            final int propertiesLen = in.getShort();
            if (propertiesLen < 0 || propertiesLen > in.remaining()) {
                throw malformed(recordStart, "properties length " + propertiesLen);
            }
            final ByteBuffer properties = in.slice(in.position(), propertiesLen);
            in.position(in.position() + propertiesLen);
            final int msgLen = MessageDecoder.calMsgLength(sysFlag, bodyLen, topic.length,
                propertiesLen);
            // TODO K2: per record, not per batch: each record is stored and pulled as a
            // message of its own, so each must fit where a single message would.
            if (msgLen > maxMessageSize) {
                throw new IllegalArgumentException("message size exceeded, msg total size: "
                    + msgLen + ", msg body size: " + bodyLen + ", maxMessageSize: "
                    + maxMessageSize);
            }
            if (out.remaining() < msgLen) {
                out = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + msgLen))
                    .put(out.flip());
            }
            final CRC32 crc = new CRC32();
            crc.update(body.duplicate());
            out.putInt(msgLen);
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
            out.putInt(bodyLen).put(body);
            out.put((byte) topic.length).put(topic);
            out.putShort((short) propertiesLen).put(properties);
        }
        return out.flip();
    }

    private static IllegalArgumentException malformed(final int position, final String what) {
        return new IllegalArgumentException("batch record at byte " + position
            + " is malformed: " + what);
    }
}
