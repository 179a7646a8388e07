package org.mqbook.store.index;

import java.util.List;

/**
 * Commit-log offsets an index query found, and how fresh the newest index file was (its end time
 * and end offset: QUERY_MESSAGE's response header). Immutable.
 */
public record QueryOffsetResult(List<Long> phyOffsets, long indexLastUpdateTimestamp,
    long indexLastUpdatePhyoffset) {
}
