package org.mqbook.store;

import static org.mqbook.common.message.MessageDecoder.BLANK_MAGIC_CODE;
import static org.mqbook.common.message.MessageDecoder.MESSAGE_MAGIC_CODE;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.zip.CRC32;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a commit-log record back for the dispatchers and for recovery, checking it as it goes
 * (layout: {@link MessageDecoder}). The answer is a {@link DispatchRequest}:
 * <pre>
 *  a valid record      success, msgSize = TOTALSIZE; the buffer moves past it
 *  the end-of-file     success, msgSize = 0 (MAGIC 0xCBD43194): continue in the next file
 *  anything else       failure: a bad magic, a length that overruns the buffer, a body whose
 *                      CRC differs (checkCRC), fields that do not add up to TOTALSIZE
 * </pre>
 * A torn record (the process died while copying it) fails one of these checks, which is how
 * recovery finds where the log really ends. Thread-safe (the delay table and
 * {@link StoredTextReader}'s topic cache are its only state).
 * Read next: {@link CommitLogRecovery}, {@link ReputMessageService}.
 */
final class CommitLogRecords {
    private static final Logger log = LoggerFactory.getLogger(CommitLogRecords.class);

    private final DelayLevelTable delayLevelTable;
    private final StoredTextReader textReader = new StoredTextReader();

    CommitLogRecords(final DelayLevelTable delayLevelTable) {
        this.delayLevelTable = delayLevelTable;
    }

    // tag::ch06-check-record[]
    DispatchRequest checkMessageAndReturnSize(final ByteBuffer buffer,
        final boolean checkCRC) {
        final int start = buffer.position();
        if (buffer.remaining() < 8) {
            return new DispatchRequest(-1, false);
        }
        // 1-2 TOTALSIZE, MAGICCODE
        final int totalSize = buffer.getInt(start);
        final int magicCode = buffer.getInt(start + 4);
        if (magicCode == BLANK_MAGIC_CODE) {
            return new DispatchRequest(0, true);
        }
        if (magicCode != MESSAGE_MAGIC_CODE) {
            if (magicCode != 0 || totalSize != 0) {
                log.warn("found a illegal magic code 0x{} at buffer position {}",
                    Integer.toHexString(magicCode), start);
            }
            return new DispatchRequest(-1, false);
        }
        if (totalSize < MessageDecoder.MIN_RECORD_LENGTH
            || totalSize > buffer.remaining()) {
            log.warn("record size {} at buffer position {} is below {} or past"
                + " the {} bytes left", totalSize, start,
                MessageDecoder.MIN_RECORD_LENGTH, buffer.remaining());
            return new DispatchRequest(-1, false);
        }
        final ByteBuffer rec = buffer.slice(start, totalSize);
        // 3-8 BODYCRC, QUEUEID, FLAG, QUEUEOFFSET, PHYSICALOFFSET, SYSFLAG
        final int bodyCRC = rec.getInt(MessageDecoder.BODY_CRC_POSITION);
        final int queueId = rec.getInt(MessageDecoder.QUEUE_ID_POSITION);
        final long queueOffset = rec.getLong(MessageDecoder.QUEUE_OFFSET_POSITION);
        final long physicOffset = rec.getLong(MessageDecoder.PHY_POS_POSITION);
        final int sysFlag = rec.getInt(MessageDecoder.SYSFLAG_POSITION);
        // 9-14 BORNTIMESTAMP, BORNHOST, STORETIMESTAMP, STOREHOST, ...
        final long storeTimestamp =
            rec.getLong(MessageDecoder.storeTimestampPosition(sysFlag));
        final int bodyPosition = MessageDecoder.bodySizePosition(sysFlag);
        final long preparedTransactionOffset = rec.getLong(bodyPosition - 8);
        // 15 BODY
        final int bodyLen = rec.getInt(bodyPosition);
        final int topicPosition = bodyPosition + 4 + bodyLen;
        if (bodyLen < 0 || topicPosition + 1 + 2 > totalSize) {
            return bad("body length " + bodyLen, totalSize, start);
        }
        if (checkCRC && crc32(rec.slice(bodyPosition + 4, bodyLen)) != bodyCRC) {
            log.warn("CRC check failed for the record at buffer position {}", start);
            return new DispatchRequest(-1, false);
        }
        // 16 TOPIC
        final int topicLen = rec.get(topicPosition);
        final int propertiesPosition = topicPosition + 1 + topicLen;
        if (topicLen <= 0 || propertiesPosition + 2 > totalSize) {
            return bad("topic length " + topicLen, totalSize, start);
        }
        final String topic = textReader.topic(rec, topicPosition + 1, topicLen);
        // 17 PROPERTIES, which must end exactly at TOTALSIZE
        final int propertiesLength = rec.getShort(propertiesPosition);
        final int readLength = MessageDecoder.calMsgLength(sysFlag, bodyLen,
            topicLen, propertiesLength);
        if (propertiesLength < 0 || readLength != totalSize) {
            log.error("[BUG]read total count not equals msg total size. "
                + "totalSize={}, readTotalCount={}, bodyLen={}, topicLen={}, "
                + "propertiesLength={}", totalSize, readLength, bodyLen, topicLen,
                propertiesLength);
            return new DispatchRequest(totalSize, false);
        }
        final Map<String, String> properties = StoredTextReader.properties(
            rec, propertiesPosition + 2, propertiesLength);
        buffer.position(start + totalSize);
        return new DispatchRequest(topic, queueId, physicOffset, totalSize,
            tagsCode(topic, sysFlag, storeTimestamp, properties), storeTimestamp,
            queueOffset, properties.get(MessageConst.PROPERTY_KEYS),
            properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
            sysFlag, preparedTransactionOffset, properties);
    }
    // end::ch06-check-record[]

    // tag::ch08-due-time[]
    /** The consume-queue tagsCode: the TAGS hash, or the delivery time of a parked message. */
    private long tagsCode(final String topic, final int sysFlag, final long storeTimestamp,
        final Map<String, String> properties) {
        final String delay = properties.get(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        // TODO K1: a parked message keeps its due time where tags go:
        // the schedule service stops at the first unit not yet due
        // without reading the commit log.
        if (MixAll.SCHEDULE_TOPIC.equals(topic) && delay != null) {
            final int level = Math.min(parseLevel(delay), delayLevelTable.getMaxDelayLevel());
            if (level > 0) {
                return delayLevelTable.computeDeliverTimestamp(level, storeTimestamp);
            }
        }
        final String tags = properties.get(MessageConst.PROPERTY_TAGS);
        return MessageExtBrokerInner.tagsString2tagsCode(
            MessageExt.parseTopicFilterType(sysFlag), tags);
    }
    // end::ch08-due-time[]

    private static int parseLevel(final String delay) {
        try {
            return Integer.parseInt(delay.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static DispatchRequest bad(final String what, final int totalSize, final int start) {
        log.warn("record at buffer position {} (size {}) is malformed: {}", start, totalSize, what);
        return new DispatchRequest(-1, false);
    }

    private static int crc32(final ByteBuffer body) {
        final CRC32 crc = new CRC32();
        crc.update(body);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }
}
