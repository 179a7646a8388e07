package org.mqbook.store;

import java.time.Instant;
import java.time.ZoneId;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired commit-log files; run by "StoreScheduledThread" every
 * {@code cleanResourceInterval} (10 s, after a first delay of 60 s). A pass deletes when
 * <pre>
 *  the hour is one of deleteWhen ("04")                        → files older than fileReservedTime
 *  disk usage &gt; diskMaxUsedSpaceRatio (75 %)                   → same, at any hour
 *  usage &gt; diskSpaceCleanForciblyRatio (85 %)                  → any file but the last (forced)
 *  usage &gt; diskSpaceWarningLevelRatio (90 %)                   → forced, and writes are refused
 *  an operator asked (executeDeleteFilesManually)              → 20 passes at any hour
 * </pre>
 * It never asks whether the messages were consumed. The two higher ratios are JVM properties, as
 * in 4.7.1: {@code rocketmq.broker.diskSpaceCleanForciblyRatio},
 * {@code rocketmq.broker.diskSpaceWarningLevelRatio}. Not thread-safe: one scheduled thread.
 * Read next: {@link CleanConsumeQueueService}.
 */
class CleanCommitLogService {
    private static final Logger log = LoggerFactory.getLogger(CleanCommitLogService.class);
    private static final int MAX_MANUAL_DELETE_FILE_TIMES = 20;

    private final DefaultMessageStore store;
    private final double diskSpaceWarningLevelRatio = Double.parseDouble(
        System.getProperty("rocketmq.broker.diskSpaceWarningLevelRatio", "0.90"));
    private final double diskSpaceCleanForciblyRatio = Double.parseDouble(
        System.getProperty("rocketmq.broker.diskSpaceCleanForciblyRatio", "0.85"));
    private long lastRedeleteTimestamp = 0;
    private volatile int manualDeleteFileSeveralTimes = 0;
    private volatile boolean cleanImmediately = false;

    CleanCommitLogService(final DefaultMessageStore store) {
        this.store = store;
    }

    void executeDeleteFilesManually() {
        this.manualDeleteFileSeveralTimes = MAX_MANUAL_DELETE_FILE_TIMES;
        log.info("executeDeleteFilesManually was invoked");
    }

    void run() {
        try {
            this.deleteExpiredFiles();
            this.redeleteHangedFile();
        } catch (RuntimeException e) {
            log.warn("CleanCommitLogService service has exception. ", e);
        }
    }

    // tag::ch06-clean-commitlog[]
    private void deleteExpiredFiles() {
        final MessageStoreConfig config = store.getMessageStoreConfig();
        final boolean timeup = this.isTimeToDelete();
        final boolean spacefull = this.isSpaceToDelete();
        final boolean manualDelete = this.manualDeleteFileSeveralTimes > 0;
        if (!timeup && !spacefull && !manualDelete) {
            return;
        }
        if (manualDelete) {
            this.manualDeleteFileSeveralTimes--;
        }
        final boolean cleanAtOnce =
            config.isCleanFileForciblyEnable() && this.cleanImmediately;
        log.info("begin to delete before {} hours file. timeup: {} spacefull: {} "
            + "manualDeleteFileSeveralTimes: {} cleanAtOnce: {}",
            config.getFileReservedTime(), timeup, spacefull,
            manualDeleteFileSeveralTimes, cleanAtOnce);
        // TODO K1: expiry looks only at the file's age (its last write),
        // never at whether any consumer group has read its messages
        final long reservedMs = config.getFileReservedTime() * 3600L * 1000;
        final int deleteCount = store.getCommitLog().deleteExpiredFile(
            store.now(), reservedMs, config.getDeleteCommitLogFilesInterval(),
            config.getDestroyMapedFileIntervalForcibly(), cleanAtOnce);
        if (deleteCount == 0 && spacefull) {
            log.warn("disk space will be full soon, but delete file failed.");
        }
    }
    // end::ch06-clean-commitlog[]

    private void redeleteHangedFile() {
        final MessageStoreConfig config = store.getMessageStoreConfig();
        final long currentTimestamp = store.now();
        if ((currentTimestamp - this.lastRedeleteTimestamp)
            > config.getRedeleteHangedFileInterval()) {
            this.lastRedeleteTimestamp = currentTimestamp;
            store.getCommitLog().retryDeleteFirstFile(config.getDestroyMapedFileIntervalForcibly());
        }
    }

    /** Whether the store clock's local hour is one of deleteWhen's ';'-separated hours. */
    private boolean isTimeToDelete() {
        final String when = store.getMessageStoreConfig().getDeleteWhen();
        final int hour = Instant.ofEpochMilli(store.now()).atZone(ZoneId.systemDefault())
            .getHour();
        for (String h : when.split(";")) {
            if (!h.isBlank() && Integer.parseInt(h.trim()) == hour) {
                log.info("it's time to reclaim disk space, {}", when);
                return true;
            }
        }
        return false;
    }

    // tag::ch06-disk-full[]
    private boolean isSpaceToDelete() {
        final MessageStoreConfig config = store.getMessageStoreConfig();
        final double ratio = config.getDiskMaxUsedSpaceRatio() / 100.0;
        cleanImmediately = false;
        final boolean physicFull =
            checkDisk("physic", config.getStorePathCommitLog(), ratio);
        final boolean logicsFull =
            checkDisk("logics", config.getStorePathConsumeQueue(), ratio);
        return physicFull || logicsFull;
    }

    /** Marks the disk full or OK; true when usage asks for deleting. */
    private boolean checkDisk(final String what, final String path,
        final double ratio) {
        final double used = store.getDiskUsageProbe().usedRatio(path);
        final RunningFlags flags = store.getRunningFlags();
        if (used > diskSpaceWarningLevelRatio) {
            // TODO K1: a nearly full disk stops writes before the broker
            // crashes on a failed mmap; deleting may free it again
            if (flags.getAndMakeDiskFull()) {
                log.error("{} disk maybe full soon, so mark disk full: usage {}"
                    + " exceeds diskSpaceWarningLevelRatio {}", what, used,
                    diskSpaceWarningLevelRatio);
            }
            cleanImmediately = true;
        } else if (used > diskSpaceCleanForciblyRatio) {
            cleanImmediately = true;
        } else if (!flags.getAndMakeDiskOK()) {
            log.info("{} disk space OK {}, so mark disk ok", what, used);
        }
        if (used < 0 || used > ratio) {
            log.info("{} disk maybe full soon, so reclaim space, usage {}"
                + " exceeds {}", what, used, ratio);
            return true;
        }
        return false;
    }
    // end::ch06-disk-full[]
}
