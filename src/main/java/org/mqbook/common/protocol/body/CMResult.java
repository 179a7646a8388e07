package org.mqbook.common.protocol.body;

/**
 * How a consumer handled a CONSUME_MESSAGE_DIRECTLY (309) message, reported in
 * {@link ConsumeMessageDirectlyResult}: the listener's status (success, later, the orderly
 * listener's commit/rollback) or how it failed (threw, returned null).
 */
public enum CMResult {
    CR_SUCCESS,
    CR_LATER,
    CR_ROLLBACK,
    CR_COMMIT,
    CR_THROW_EXCEPTION,
    CR_RETURN_NULL
}
