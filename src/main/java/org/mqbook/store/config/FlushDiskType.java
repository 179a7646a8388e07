package org.mqbook.store.config;

/**
 * When a put is answered relative to the disk, 4.7.1's {@code flushDiskType}: SYNC_FLUSH waits
 * for the group commit to force the bytes (GroupCommitService), ASYNC_FLUSH answers once the
 * bytes are in the page cache and lets FlushRealTimeService force them every 500 ms.
 * Read next: {@code org.mqbook.store.CommitLog#handleDiskFlush}.
 */
public enum FlushDiskType {
    SYNC_FLUSH,
    ASYNC_FLUSH
}
