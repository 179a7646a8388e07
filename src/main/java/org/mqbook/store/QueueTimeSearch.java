package org.mqbook.store;

import java.nio.ByteBuffer;

/**
 * The binary search behind {@link ConsumeQueue#getOffsetInQueueByTime} (SEARCH_OFFSET_BY_TIMESTAMP):
 * consume-queue units hold no time, so each probe reads its message's store time from the commit
 * log. Store times grow with queue offsets, which is what makes the search valid.
 * Stateless and thread-safe.
 */
final class QueueTimeSearch {
    private static final int UNIT = ConsumeQueue.CQ_STORE_UNIT_SIZE;

    private QueueTimeSearch() {
    }

    /**
     * The unit (counted from the buffer's start) stored at {@code timestamp}, else the nearer of
     * its two neighbours; 0 when a probed message is gone.
     *
     * @param units     one file's units from its byte 0, {@code size} bytes
     * @param lowBytes  first byte position worth probing (the queue's min offset in this file)
     */
    static long search(final ByteBuffer units, final int size, final long lowBytes,
        final long timestamp, final long minPhysicOffset, final CommitLog commitLog) {
        int low = (int) lowBytes;
        int high = size - UNIT;
        int leftOffset = -1;
        int rightOffset = -1;
        long leftValue = -1;
        long rightValue = -1;
        while (high >= low) {
            final int mid = (low + high) / (2 * UNIT) * UNIT;
            final long phyOffset = units.getLong(mid + ConsumeQueue.UNIT_OFFSET_POSITION);
            final int msgSize = units.getInt(mid + ConsumeQueue.UNIT_SIZE_POSITION);
            if (phyOffset < minPhysicOffset) {
                low = mid + UNIT;
                leftOffset = mid;
                continue;
            }
            final long storeTime = commitLog.pickupStoreTimestamp(phyOffset, msgSize);
            if (storeTime < 0) {
                return 0;
            }
            if (storeTime == timestamp) {
                return mid / UNIT;
            }
            if (storeTime > timestamp) {
                high = mid - UNIT;
                rightOffset = mid;
                rightValue = storeTime;
            } else {
                low = mid + UNIT;
                leftOffset = mid;
                leftValue = storeTime;
            }
        }
        final int offset;
        if (leftValue == -1) {
            offset = rightOffset;
        } else if (rightValue == -1) {
            offset = leftOffset;
        } else {
            offset = Math.abs(timestamp - leftValue) > Math.abs(timestamp - rightValue)
                ? rightOffset : leftOffset;
        }
        return Math.max(0, offset) / UNIT;
    }
}
