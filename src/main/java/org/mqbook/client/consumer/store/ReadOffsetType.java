package org.mqbook.client.consumer.store;

/** Where {@link OffsetStore#readOffset} looks. */
public enum ReadOffsetType {
    /** The in-memory table only; -1 when the queue is not in it. */
    READ_FROM_MEMORY,
    /** The broker (cluster) or the local file (broadcast); the answer replaces memory. */
    READ_FROM_STORE,
    /** Memory, and the store when memory has nothing. */
    MEMORY_FIRST_THEN_STORE
}
