package org.mqbook.store;

/**
 * Why the store refuses reads or writes, as bits (4.7.1's {@code RunningFlags}):
 * <pre>
 *  0x01 NOT_READABLE              set by an operator
 *  0x02 NOT_WRITEABLE             set by an operator
 *  0x04 WRITE_LOGICS_QUEUE_ERROR  a consume queue could not be written
 *  0x08 WRITE_INDEX_FILE_ERROR    an index file could not be created
 *  0x10 DISK_FULL                 usage passed diskSpaceWarningLevelRatio
 * </pre>
 * Any of the last four turns puts into SERVICE_NOT_AVAILABLE. Thread-safe (synchronized).
 */
public class RunningFlags {
    private static final int NOT_READABLE_BIT = 1;
    private static final int NOT_WRITEABLE_BIT = 1 << 1;
    private static final int WRITE_LOGICS_QUEUE_ERROR_BIT = 1 << 2;
    private static final int WRITE_INDEX_FILE_ERROR_BIT = 1 << 3;
    private static final int DISK_FULL_BIT = 1 << 4;

    private volatile int flagBits = 0;

    public int getFlagBits() {
        return flagBits;
    }

    public synchronized boolean isReadable() {
        return (this.flagBits & NOT_READABLE_BIT) == 0;
    }

    public synchronized boolean isWriteable() {
        return (this.flagBits & (NOT_WRITEABLE_BIT | WRITE_LOGICS_QUEUE_ERROR_BIT | DISK_FULL_BIT
            | WRITE_INDEX_FILE_ERROR_BIT)) == 0;
    }

    /** Consume queues may still be written while only the disk is full. */
    public synchronized boolean isCQWriteable() {
        // TODO K2: DISK_FULL left out: messages already in the commit log must still be
        // dispatched, or consumers would never see them.
        return (this.flagBits & (NOT_WRITEABLE_BIT | WRITE_LOGICS_QUEUE_ERROR_BIT
            | WRITE_INDEX_FILE_ERROR_BIT)) == 0;
    }

    public synchronized void makeReadable(final boolean readable) {
        flagBits = readable ? flagBits & ~NOT_READABLE_BIT : flagBits | NOT_READABLE_BIT;
    }

    public synchronized void makeWriteable(final boolean writeable) {
        flagBits = writeable ? flagBits & ~NOT_WRITEABLE_BIT : flagBits | NOT_WRITEABLE_BIT;
    }

    public synchronized void makeLogicsQueueError() {
        this.flagBits |= WRITE_LOGICS_QUEUE_ERROR_BIT;
    }

    public synchronized void makeIndexFileError() {
        this.flagBits |= WRITE_INDEX_FILE_ERROR_BIT;
    }

    public synchronized boolean isDiskFull() {
        return (this.flagBits & DISK_FULL_BIT) != 0;
    }

    /** Marks the disk full; true when it was not marked before. */
    public synchronized boolean getAndMakeDiskFull() {
        final boolean result = !isDiskFull();
        this.flagBits |= DISK_FULL_BIT;
        return result;
    }

    /** Clears the disk-full mark; true when it was not marked. */
    public synchronized boolean getAndMakeDiskOK() {
        final boolean result = !isDiskFull();
        this.flagBits &= ~DISK_FULL_BIT;
        return result;
    }

    @Override
    public String toString() {
        return "RunningFlags[0x" + Integer.toHexString(flagBits) + (isDiskFull() ? " DISK_FULL" : "")
            + "]";
    }
}
