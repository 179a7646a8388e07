package org.mqbook.store;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the stored-message record ({@link MessageDecoder} draws it) field by field into the
 * commit log, giving each message its PHYSICALOFFSET (where it lands) and its QUEUEOFFSET (the
 * next number of its topic-queue, from {@code topicQueueTable}), or writes the end-of-file blank
 * when the record does not fit:
 * <pre>
 *  blank: TOTALSIZE = bytes left in the file | MAGICCODE 0xCBD43194 | (zeros)
 *  written when record length + 8 &gt; bytes left, so a file always has room for a blank
 * </pre>
 * Not thread-safe: one instance per commit log, used only under putMessageLock (it keeps the
 * last topic's and hosts' bytes). Read next: {@link BatchEncoder}, then {@link CommitLog#putMessage}.
 */
class DefaultAppendMessageCallback implements AppendMessageCallback {
    /** A file always keeps room for a blank's TOTALSIZE and MAGICCODE. */
    static final int END_FILE_MIN_BLANK_LENGTH = 4 + 4;
    private static final Logger log = LoggerFactory.getLogger(DefaultAppendMessageCallback.class);
    private static final byte[] ZEROS = new byte[MappedFile.OS_PAGE_SIZE];

    private final int maxMessageSize;
    private final Map<String, Long> topicQueueTable;
    private final HostBytes bornHost = new HostBytes();
    private final HostBytes storeHost = new HostBytes();
    private String lastTopic = "";
    private byte[] lastTopicBytes = new byte[0];

    DefaultAppendMessageCallback(final int maxMessageSize,
        final Map<String, Long> topicQueueTable) {
        this.maxMessageSize = maxMessageSize;
        this.topicQueueTable = topicQueueTable;
    }

    // tag::ch06-do-append[]
    @Override
    public AppendMessageResult doAppend(final long fileFromOffset,
        final ByteBuffer byteBuffer, final int maxBlank,
        final MessageExtBrokerInner msg) {
        final long wroteOffset = fileFromOffset + byteBuffer.position();
        // TODO K1: queue offsets are handed out here, under putMessageLock,
        // so a queue's numbers follow commit-log order with no gaps
        final String key = msg.getTopic() + '-' + msg.getQueueId();
        long queueOffset = topicQueueTable.getOrDefault(key, 0L);
        final int tranType = MessageSysFlag.getTransactionValue(msg.getSysFlag());
        final boolean halfOrRollback =
            tranType == MessageSysFlag.TRANSACTION_PREPARED_TYPE
            || tranType == MessageSysFlag.TRANSACTION_ROLLBACK_TYPE;
        if (halfOrRollback) {
            // TODO K2: a half message gets no consume-queue unit, so no number
            queueOffset = 0L;
        }
        final byte[] properties = propertiesOf(msg);
        final byte[] topic = topicBytes(msg.getTopic());
        final byte[] body = msg.getBody() == null ? new byte[0] : msg.getBody();
        if (properties.length > MessageDecoder.MAX_PROPERTIES_LENGTH) {
            log.warn("putMessage message properties length too long {} > {}",
                properties.length, MessageDecoder.MAX_PROPERTIES_LENGTH);
            return new AppendMessageResult(
                AppendMessageStatus.PROPERTIES_SIZE_EXCEEDED);
        }
        final int msgLen = MessageDecoder.calMsgLength(msg.getSysFlag(),
            body.length, topic.length, properties.length);
        if (msgLen > this.maxMessageSize) {
            log.warn("message size exceeded, msg total size: {}, msg body size: {},"
                + " maxMessageSize: {}", msgLen, body.length, maxMessageSize);
            return new AppendMessageResult(
                AppendMessageStatus.MESSAGE_SIZE_EXCEEDED);
        }
        // TODO K1: a record never spans two files: if it does not fit, a
        // blank fills the rest and the commit log retries in a new file
        if (msgLen + END_FILE_MIN_BLANK_LENGTH > maxBlank) {
            writeBlank(byteBuffer, maxBlank);
            return new AppendMessageResult(AppendMessageStatus.END_OF_FILE,
                wroteOffset, maxBlank, "", msg.getStoreTimestamp(),
                queueOffset, 0);
        }
        // TODO K1: the fields go straight into the mapped file (or the pool's
        // buffer): no record is built on the heap and copied again
        final ByteBuffer rec = byteBuffer;
        rec.putInt(msgLen);                                   // 1 TOTALSIZE
        rec.putInt(MessageDecoder.MESSAGE_MAGIC_CODE);        // 2 MAGICCODE
        rec.putInt(msg.getBodyCRC());                         // 3 BODYCRC
        rec.putInt(msg.getQueueId());                         // 4 QUEUEID
        rec.putInt(msg.getFlag());                            // 5 FLAG
        rec.putLong(queueOffset);                             // 6 QUEUEOFFSET
        rec.putLong(wroteOffset);                             // 7 PHYSICALOFFSET
        rec.putInt(msg.getSysFlag());                         // 8 SYSFLAG
        rec.putLong(msg.getBornTimestamp());                  // 9 BORNTIMESTAMP
        bornHost.write(rec, msg.getBornHost());               // 10 BORNHOST
        rec.putLong(msg.getStoreTimestamp());                 // 11 STORETIMESTAMP
        storeHost.write(rec, msg.getStoreHost());             // 12 STOREHOST
        rec.putInt(msg.getReconsumeTimes());                  // 13 RECONSUMETIMES
        rec.putLong(msg.getPreparedTransactionOffset());      // 14 PREPARED OFFSET
        rec.putInt(body.length).put(body);                    // 15 BODY
        rec.put((byte) topic.length).put(topic);              // 16 TOPIC
        rec.putShort((short) properties.length).put(properties); // 17 PROPS
        if (!halfOrRollback) {
            topicQueueTable.put(key, queueOffset + 1);
        }
        // TODO K2: the offsetMsgId is built when asked for, outside the lock
        return AppendMessageResult.lazyMsgId(wroteOffset, msgLen,
            storeHost.bytes(), msg.getStoreTimestamp(), queueOffset);
    }
    // end::ch06-do-append[]

    /**
     * The UTF-8 length of {@code text}, or any number up to {@code limit}
     * when it cannot exceed the limit (at most 3 bytes per char): a check
     * that needs no encoding for every put.
     */
    static int utf8Length(final String text, final int limit) {
        if ((long) text.length() * 3 <= limit) {
            return text.length();
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The topic's UTF-8 bytes; the last topic's are reused while it repeats. */
    private byte[] topicBytes(final String topic) {
        if (!topic.equals(this.lastTopic)) {
            this.lastTopicBytes = topic.getBytes(StandardCharsets.UTF_8);
            this.lastTopic = topic;
        }
        return this.lastTopicBytes;
    }

    @Override
    public AppendMessageResult doAppend(final long fileFromOffset, final ByteBuffer byteBuffer,
        final int maxBlank, final MessageExtBatch batch) {
        final ByteBuffer records = batch.getEncodedBuff().duplicate();
        final long wroteOffset = fileFromOffset + byteBuffer.position();
        final String key = batch.getTopic() + '-' + batch.getQueueId();
        final long firstQueueOffset = topicQueueTable.getOrDefault(key, 0L);
        final int totalMsgLen = records.remaining();
        if (totalMsgLen + END_FILE_MIN_BLANK_LENGTH > maxBlank) {
            writeBlank(byteBuffer, maxBlank);
            return new AppendMessageResult(AppendMessageStatus.END_OF_FILE, wroteOffset,
                maxBlank, "", batch.getStoreTimestamp(), firstQueueOffset, 0);
        }
        int[] starts = new int[64];
        long queueOffset = firstQueueOffset;
        int msgNum = 0;
        for (int pos = 0; pos < totalMsgLen; msgNum++) {
            final int msgLen = records.getInt(pos);
            records.putLong(pos + MessageDecoder.QUEUE_OFFSET_POSITION, queueOffset++);
            records.putLong(pos + MessageDecoder.PHY_POS_POSITION, wroteOffset + pos);
            records.putLong(pos + MessageDecoder.storeTimestampPosition(batch.getSysFlag()),
                batch.getStoreTimestamp());
            if (msgNum == starts.length) {
                starts = Arrays.copyOf(starts, msgNum * 2);
            }
            starts[msgNum] = pos;
            pos += msgLen;
        }
        byteBuffer.put(records);
        topicQueueTable.put(key, queueOffset);
        // TODO K2: as for one message, the ids are built outside the lock, by whoever asks
        return AppendMessageResult.lazyBatchMsgIds(wroteOffset, totalMsgLen,
            storeHost.bytesOf(batch.getStoreHost()), starts, msgNum, batch.getStoreTimestamp(),
            firstQueueOffset);
    }

    /** TOTALSIZE = the rest of the file, the blank magic, zeros to the end. */
    private static void writeBlank(final ByteBuffer byteBuffer, final int maxBlank) {
        final int start = byteBuffer.position();
        byteBuffer.putInt(maxBlank);
        byteBuffer.putInt(MessageDecoder.BLANK_MAGIC_CODE);
        // TODO K2: "the rest is unspecified" in 4.7.1; zeros keep a reused pool buffer's
        // old bytes out of the file
        int left = maxBlank - END_FILE_MIN_BLANK_LENGTH;
        while (left > 0) {
            final int n = Math.min(left, ZEROS.length);
            byteBuffer.put(ZEROS, 0, n);
            left -= n;
        }
        byteBuffer.position(start + maxBlank);
    }

    private static byte[] propertiesOf(final MessageExtBrokerInner msg) {
        // TODO K2: the string the broker encoded is written as is; 4.7.1 writes nothing when
        // it is null, mqbook encodes the map instead
        final String properties = msg.getPropertiesString() != null ? msg.getPropertiesString()
            : MessageDecoder.messageProperties2String(msg.getProperties());
        return properties.getBytes(StandardCharsets.UTF_8);
    }

    /** An ip + port as stored (8 or 20 bytes), kept while the same address object repeats. */
    private static final class HostBytes {
        private SocketAddress address;
        private byte[] bytes = new byte[0];

        void write(final ByteBuffer rec, final SocketAddress host) {
            rec.put(bytesOf(host));
        }

        byte[] bytesOf(final SocketAddress host) {
            if (host != this.address) {
                final InetSocketAddress inet = (InetSocketAddress) host;
                final byte[] ip = inet.getAddress().getAddress();
                this.bytes = ByteBuffer.allocate(ip.length + 4).put(ip).putInt(inet.getPort())
                    .array();
                this.address = host;
            }
            return this.bytes;
        }

        byte[] bytes() {
            return this.bytes;
        }
    }
}
