package org.mqbook.broker.transaction;

import org.mqbook.common.message.MessageExt;

/**
 * What looking up a half message for END_TRANSACTION found: the message, or a response code and
 * remark saying why not. Immutable.
 */
public record OperationResult(MessageExt prepareMessage, int responseCode, String responseRemark) {
}
