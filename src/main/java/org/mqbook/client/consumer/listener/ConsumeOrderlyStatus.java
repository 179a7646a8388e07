package org.mqbook.client.consumer.listener;

/** An orderly listener's verdict on a batch. */
public enum ConsumeOrderlyStatus {
    /** Done: commit the batch, move on to the next messages of the queue. */
    SUCCESS,
    /** Only with autoCommit off: put the batch back and try it again later. */
    @Deprecated
    ROLLBACK,
    /** Only with autoCommit off: commit the offset now. */
    @Deprecated
    COMMIT,
    /** Failed: hold this queue a moment, then consume the same batch again. */
    SUSPEND_CURRENT_QUEUE_A_MOMENT
}
