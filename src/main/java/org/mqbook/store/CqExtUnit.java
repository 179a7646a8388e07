package org.mqbook.store;

/**
 * 4.7.1's consume-queue extension unit (its {@code ConsumeQueueExt.CqExtUnit}): the tag hash,
 * store time and SQL92 filter bitmap of a message, kept in {@code consumequeue_ext/} when
 * {@code enableConsumeQueueExt} is on. That setting is off by default and mqbook never writes the
 * extension, so {@link MessageFilter#isMatchedByConsumeQueue} always receives null; the type
 * exists so the filter keeps 4.7.1's signature. Immutable.
 */
public final class CqExtUnit {
    private final long tagsCode;
    private final long msgStoreTime;
    private final byte[] filterBitMap;

    public CqExtUnit(final long tagsCode, final long msgStoreTime, final byte[] filterBitMap) {
        this.tagsCode = tagsCode;
        this.msgStoreTime = msgStoreTime;
        this.filterBitMap = filterBitMap == null ? null : filterBitMap.clone();
    }

    public long getTagsCode() {
        return tagsCode;
    }

    public long getMsgStoreTime() {
        return msgStoreTime;
    }

    public byte[] getFilterBitMap() {
        return filterBitMap == null ? null : filterBitMap.clone();
    }
}
