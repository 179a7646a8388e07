package org.mqbook.store;

import static org.mqbook.store.ConsumeQueue.UNIT_OFFSET_POSITION;
import static org.mqbook.store.ConsumeQueue.UNIT_SIZE_POSITION;
import static org.mqbook.store.ConsumeQueue.UNIT_TAGS_CODE_POSITION;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageStore#getMessage}: reads consume-queue units from a queue offset, filters them,
 * and returns the matching records as windows on the commit log. The status and the next offset
 * follow 4.7.1 (remoting.md §8.3):
 * <pre>
 *  status                 when                              nextBeginOffset
 *  FOUND                  at least one message matched      offset + units scanned
 *  NO_MATCHED_MESSAGE     units scanned, all filtered out   offset + units scanned
 *  MESSAGE_WAS_REMOVING   the commit log under them is gone offset + units scanned
 *  NO_MESSAGE_IN_QUEUE    the queue has no unit (max 0)     0
 *  NO_MATCHED_LOGIC_QUEUE no such queue                     0
 *  OFFSET_TOO_SMALL       offset &lt; min                      min
 *  OFFSET_OVERFLOW_ONE    offset = max                      offset
 *  OFFSET_OVERFLOW_BADLY  offset &gt; max                      0 if min = 0, else max
 *  OFFSET_FOUND_NULL      the unit's file is gone           first offset of the next file
 * </pre>
 * (A SLAVE without offsetCheckInSlave keeps the request's offset instead of correcting it.)
 * Limits: at most {@code maxMsgNums}, and 32 messages / 256 KiB when the data is in memory,
 * 8 / 64 KiB when it is "on disk" (more than accessMessageInMemoryMaxRatio % of RAM behind the
 * end); the first message is always returned. Thread-safe: any number of pulls at once.
 * Read next: {@link GetMessageResult}, {@link MessageFilter}.
 */
class GetMessageService {
    private static final Logger log = LoggerFactory.getLogger(GetMessageService.class);
    private static final long TOTAL_PHYSICAL_MEMORY_SIZE = totalPhysicalMemory();

    private final DefaultMessageStore store;
    private final MessageStoreConfig config;

    GetMessageService(final DefaultMessageStore store) {
        this.store = store;
        this.config = store.getMessageStoreConfig();
    }

    // tag::ch06-get-message[]
    GetMessageResult getMessage(final String topic, final int queueId,
        final long offset, final int maxMsgNums, final MessageFilter filter) {
        final GetMessageResult result = new GetMessageResult();
        final long maxOffsetPy = store.getCommitLog().getMaxOffset();
        final ConsumeQueue cq = store.getConsumeQueue(topic, queueId);
        result.setStatus(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
        result.setNextBeginOffset(nextOffsetCorrection(offset, 0));
        if (cq == null) {
            return result;
        }
        final long minOffset = cq.getMinOffsetInQueue();
        final long maxOffset = cq.getMaxOffsetInQueue();
        result.setMinOffset(minOffset);
        result.setMaxOffset(maxOffset);
        if (maxOffset == 0) {
            result.setStatus(GetMessageStatus.NO_MESSAGE_IN_QUEUE);
        } else if (offset < minOffset) {
            result.setStatus(GetMessageStatus.OFFSET_TOO_SMALL);
            result.setNextBeginOffset(nextOffsetCorrection(offset, minOffset));
        } else if (offset == maxOffset) {
            result.setStatus(GetMessageStatus.OFFSET_OVERFLOW_ONE);
            result.setNextBeginOffset(nextOffsetCorrection(offset, offset));
        } else if (offset > maxOffset) {
            result.setStatus(GetMessageStatus.OFFSET_OVERFLOW_BADLY);
            result.setNextBeginOffset(nextOffsetCorrection(offset,
                minOffset == 0 ? minOffset : maxOffset));
        } else {
            final SelectMappedBufferResult units = cq.getIndexBuffer(offset);
            if (units == null) {
                result.setStatus(GetMessageStatus.OFFSET_FOUND_NULL);
                result.setNextBeginOffset(
                    nextOffsetCorrection(offset, cq.rollNextFile(offset)));
                log.warn("consumer request topic: {} offset: {} minOffset: {} "
                    + "maxOffset: {}, but access logic queue failed.", topic,
                    offset, minOffset, maxOffset);
            } else {
                try {
                    readUnits(units, offset, maxMsgNums, maxOffsetPy, filter,
                        result);
                } finally {
                    units.release();
                }
            }
        }
        return result;
    }

    private void readUnits(final SelectMappedBufferResult units,
        final long offset, final int maxMsgNums, final long maxOffsetPy,
        final MessageFilter filter, final GetMessageResult result) {
        result.setStatus(GetMessageStatus.NO_MATCHED_MESSAGE);
        final ByteBuffer buffer = units.getByteBuffer();
        final int maxFilterMessageCount = Math.max(16000,
            maxMsgNums * ConsumeQueue.CQ_STORE_UNIT_SIZE);
        long nextPhyFileStartOffset = Long.MIN_VALUE;
        long maxPhyOffsetPulling = 0;
        int i = 0;
        for (; i < units.getSize() && i < maxFilterMessageCount;
            i += ConsumeQueue.CQ_STORE_UNIT_SIZE) {
            final long offsetPy = buffer.getLong(i + UNIT_OFFSET_POSITION);
            final int sizePy = buffer.getInt(i + UNIT_SIZE_POSITION);
            final long tagsCode = buffer.getLong(i + UNIT_TAGS_CODE_POSITION);
            maxPhyOffsetPulling = offsetPy;
            if (nextPhyFileStartOffset != Long.MIN_VALUE
                && offsetPy < nextPhyFileStartOffset) {
                continue;   // still in the commit-log file found missing
            }
            final boolean isInDisk =
                checkInDiskByCommitOffset(offsetPy, maxOffsetPy);
            if (isTheBatchFull(sizePy, maxMsgNums, result, isInDisk)) {
                break;
            }
            // TODO K1: the broker's tag filter decides on the unit's tag
            // hash alone: a filtered message costs no commit-log read
            if (filter != null
                && !filter.isMatchedByConsumeQueue(tagsCode, null)) {
                noMatch(result);
                continue;
            }
            final SelectMappedBufferResult msg =
                store.getCommitLog().getMessage(offsetPy, sizePy);
            if (msg == null) {
                if (result.getBufferTotalSize() == 0) {
                    result.setStatus(GetMessageStatus.MESSAGE_WAS_REMOVING);
                }
                nextPhyFileStartOffset =
                    store.getCommitLog().rollNextFile(offsetPy);
                continue;
            }
            if (filter != null
                && !filter.isMatchedByCommitLog(
                    msg.getByteBuffer().slice(), null)) {
                noMatch(result);
                msg.release();
                continue;
            }
            result.addMessage(msg);
            result.setStatus(GetMessageStatus.FOUND);
            nextPhyFileStartOffset = Long.MIN_VALUE;
        }
        result.setNextBeginOffset(offset + i / ConsumeQueue.CQ_STORE_UNIT_SIZE);
        final long diff = maxOffsetPy - maxPhyOffsetPulling;
        result.setSuggestPullingFromSlave(diff > memoryLimit());
    }
    // end::ch06-get-message[]

    private static void noMatch(final GetMessageResult result) {
        if (result.getBufferTotalSize() == 0) {
            result.setStatus(GetMessageStatus.NO_MATCHED_MESSAGE);
        }
    }

    private long nextOffsetCorrection(final long oldOffset, final long newOffset) {
        if (config.getBrokerRole() != BrokerRole.SLAVE || config.isOffsetCheckInSlave()) {
            return newOffset;
        }
        return oldOffset;
    }

    /** Whether the unit's message counts as on disk (QUERY_CONSUMER_OFFSET's question). */
    boolean checkInDiskByConsumeOffset(final String topic, final int queueId,
        final long consumeOffset) {
        final ConsumeQueue cq = store.getConsumeQueue(topic, queueId);
        final SelectMappedBufferResult units =
            cq == null ? null : cq.getIndexBuffer(consumeOffset);
        if (units == null) {
            return false;
        }
        try {
            final long offsetPy = units.getByteBuffer().getLong(ConsumeQueue.UNIT_OFFSET_POSITION);
            return checkInDiskByCommitOffset(offsetPy, store.getCommitLog().getMaxOffset());
        } finally {
            units.release();
        }
    }

    /** "On disk": further behind the end than accessMessageInMemoryMaxRatio % of RAM. */
    boolean checkInDiskByCommitOffset(final long offsetPy, final long maxOffsetPy) {
        return (maxOffsetPy - offsetPy) > memoryLimit();
    }

    private long memoryLimit() {
        return (long) (TOTAL_PHYSICAL_MEMORY_SIZE
            * (config.getAccessMessageInMemoryMaxRatio() / 100.0));
    }

    private boolean isTheBatchFull(final int sizePy, final int maxMsgNums,
        final GetMessageResult result, final boolean isInDisk) {
        final int bufferTotal = result.getBufferTotalSize();
        final int messageTotal = result.getMessageCount();
        if (bufferTotal == 0 || messageTotal == 0) {
            return false;
        }
        if (maxMsgNums <= messageTotal) {
            return true;
        }
        if (isInDisk) {
            return bufferTotal + sizePy > config.getMaxTransferBytesOnMessageInDisk()
                || messageTotal > config.getMaxTransferCountOnMessageInDisk() - 1;
        }
        return bufferTotal + sizePy > config.getMaxTransferBytesOnMessageInMemory()
            || messageTotal > config.getMaxTransferCountOnMessageInMemory() - 1;
    }

    private static long totalPhysicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 24L * 1024 * 1024 * 1024;
    }

    static long getTotalPhysicalMemorySize() {
        return TOTAL_PHYSICAL_MEMORY_SIZE;
    }
}
