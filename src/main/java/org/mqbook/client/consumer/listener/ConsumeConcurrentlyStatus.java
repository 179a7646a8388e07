package org.mqbook.client.consumer.listener;

/** A concurrent listener's verdict on a batch. */
public enum ConsumeConcurrentlyStatus {
    /** Done: the messages leave the process queue and the offset may move past them. */
    CONSUME_SUCCESS,
    /** Failed: each message not acknowledged goes back to the broker for a later retry. */
    RECONSUME_LATER
}
