package org.mqbook.client.consumer;

/**
 * What a pull found, from the broker's response code: 0 FOUND, 19 NO_NEW_MSG, 20
 * NO_MATCHED_MSG, 21 OFFSET_ILLEGAL (any other code is an exception). In every case
 * {@link PullResult#getNextBeginOffset()} says where to pull next.
 */
public enum PullStatus {
    /** Messages were found (after the broker's tag-hash filter). */
    FOUND,
    /** The queue has nothing at or after the offset yet. */
    NO_NEW_MSG,
    /** Messages were scanned, none matched the subscription. */
    NO_MATCHED_MSG,
    /** The offset lies outside the queue; restart from nextBeginOffset. */
    OFFSET_ILLEGAL
}
