package org.mqbook.store;

import org.mqbook.common.UtilAll;

/**
 * How full the disk holding a path is, as a fraction 0.0-1.0 (-1 when the path is missing).
 * The store asks it every cleaning pass to decide whether to delete files early or refuse writes;
 * tests pass their own probe instead of filling a disk. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface DiskUsageProbe {
    /** The real partition usage, via {@link UtilAll#getDiskPartitionSpaceUsedPercent}. */
    DiskUsageProbe SYSTEM = UtilAll::getDiskPartitionSpaceUsedPercent;

    double usedRatio(String path);
}
