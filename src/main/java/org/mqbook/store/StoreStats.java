package org.mqbook.store;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * The store's counters, reported through {@link MessageStore#getRuntimeInfo()} under 4.7.1's
 * names (its StoreStatsService also samples TPS in a thread; mqbook keeps only the totals).
 * Thread-safe (atomic counters).
 */
public class StoreStats {
    private final long bootTimestamp = System.currentTimeMillis();
    private final AtomicLong putMessageTimesTotal = new AtomicLong();
    private final AtomicLong putMessageSizeTotal = new AtomicLong();
    private final AtomicLong putMessageFailedTimes = new AtomicLong();
    private final AtomicLong getMessageTimesTotalFound = new AtomicLong();
    private final AtomicLong getMessageTimesTotalMiss = new AtomicLong();
    private final AtomicLong getMessageTransferedMsgCount = new AtomicLong();

    void onPut(final PutMessageResult result) {
        if (result != null && result.isOk()) {
            // TODO K2: a batch counts as its messages, as in 4.7.1: these totals measure
            // messages stored, not requests served.
            putMessageTimesTotal.addAndGet(result.getAppendMessageResult().getMsgNum());
            putMessageSizeTotal.addAndGet(result.getAppendMessageResult().getWroteBytes());
        } else {
            putMessageFailedTimes.incrementAndGet();
        }
    }

    void onGet(final GetMessageResult result) {
        if (result.getStatus() == GetMessageStatus.FOUND) {
            getMessageTimesTotalFound.incrementAndGet();
            getMessageTransferedMsgCount.addAndGet(result.getMessageCount());
        } else {
            getMessageTimesTotalMiss.incrementAndGet();
        }
    }

    public long getPutMessageTimesTotal() {
        return putMessageTimesTotal.get();
    }

    public long getPutMessageFailedTimes() {
        return putMessageFailedTimes.get();
    }

    /** The counters plus the store's offsets, disk ratios and flags (4.7.1's key names). */
    HashMap<String, String> runtimeInfo(final DefaultMessageStore store) {
        final MessageStoreConfig config = store.getMessageStoreConfig();
        final MappedFileQueue commitLogFiles = store.getCommitLog().getMappedFileQueue();
        final HashMap<String, String> result = new HashMap<>(toMap());
        result.put("commitLogDiskRatio", String.valueOf(
            store.getDiskUsageProbe().usedRatio(config.getStorePathCommitLog())));
        result.put("consumeQueueDiskRatio", String.valueOf(
            store.getDiskUsageProbe().usedRatio(config.getStorePathConsumeQueue())));
        result.put("commitLogMinOffset", String.valueOf(store.getMinPhyOffset()));
        result.put("commitLogMaxOffset", String.valueOf(store.getMaxPhyOffset()));
        result.put("dispatchBehindBytes", String.valueOf(store.dispatchBehindBytes()));
        result.put("runningFlags", store.getRunningFlags().toString());
        result.put("diskFull", String.valueOf(store.getRunningFlags().isDiskFull()));
        if (config.isTransientStorePoolEnable()) {
            result.put("remainTransientStoreBufferNumbs",
                String.valueOf(store.getTransientStorePool().availableBufferNums()));
            result.put("remainHowManyDataToCommit",
                String.valueOf(commitLogFiles.remainHowManyDataToCommit()));
        }
        result.put("remainHowManyDataToFlush",
            String.valueOf(commitLogFiles.remainHowManyDataToFlush()));
        return result;
    }

    Map<String, String> toMap() {
        final Map<String, String> map = new LinkedHashMap<>();
        map.put("bootTimestamp", String.valueOf(bootTimestamp));
        map.put("runtime", String.valueOf(System.currentTimeMillis() - bootTimestamp));
        map.put("putMessageTimesTotal", String.valueOf(putMessageTimesTotal.get()));
        map.put("putMessageSizeTotal", String.valueOf(putMessageSizeTotal.get()));
        map.put("putMessageFailedTimes", String.valueOf(putMessageFailedTimes.get()));
        final long times = putMessageTimesTotal.get();
        map.put("putMessageAverageSize",
            String.valueOf(times == 0 ? 0.0 : putMessageSizeTotal.get() / (double) times));
        map.put("getMessageTimesTotalFound", String.valueOf(getMessageTimesTotalFound.get()));
        map.put("getMessageTimesTotalMiss", String.valueOf(getMessageTimesTotalMiss.get()));
        map.put("getMessageTransferedMsgCount",
            String.valueOf(getMessageTransferedMsgCount.get()));
        return map;
    }
}
