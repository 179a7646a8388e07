package org.mqbook.client.producer;

/**
 * The verdict of a local transaction, sent to the broker in END_TRANSACTION as
 * {@code commitOrRollback}: {@code COMMIT_MESSAGE} = 8 (deliver the half message),
 * {@code ROLLBACK_MESSAGE} = 12 (drop it), {@code UNKNOW} = 0 (ask me again later; the broker
 * will send CHECK_TRANSACTION_STATE). The spelling UNKNOW is 4.7.1's.
 */
public enum LocalTransactionState {
    COMMIT_MESSAGE,
    ROLLBACK_MESSAGE,
    UNKNOW
}
