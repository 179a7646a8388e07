package org.mqbook.broker.processor;

import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.GetMessageStatus;

/**
 * The store's answer to a pull, as the response code the client acts on (remoting.md §8.3):
 * <pre>
 * FOUND                                   SUCCESS (0)              records in the body
 * NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING PULL_RETRY_IMMEDIATELY (20)
 * OFFSET_OVERFLOW_ONE, OFFSET_FOUND_NULL  PULL_NOT_FOUND (19)      long polling parks these
 * NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE  19 at offset 0, else PULL_OFFSET_MOVED (21)
 * OFFSET_TOO_SMALL, OFFSET_OVERFLOW_BADLY PULL_OFFSET_MOVED (21)   the client jumps to next
 * </pre>
 * Stateless and thread-safe.
 */
final class PullStatusMapping {

    private PullStatusMapping() {
    }

    // tag::ch03-pull-status[]
    static int code(final GetMessageStatus status, final long requestOffset) {
        return switch (status) {
            case FOUND -> ResponseCode.SUCCESS;
            case NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING ->
                ResponseCode.PULL_RETRY_IMMEDIATELY;
            // TODO K1: "nothing yet" is the only answer worth waiting on: the
            // consumer is exactly at the end of the queue.
            case OFFSET_OVERFLOW_ONE, OFFSET_FOUND_NULL -> ResponseCode.PULL_NOT_FOUND;
            case NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE -> requestOffset == 0
                ? ResponseCode.PULL_NOT_FOUND : ResponseCode.PULL_OFFSET_MOVED;
            case OFFSET_TOO_SMALL, OFFSET_OVERFLOW_BADLY -> ResponseCode.PULL_OFFSET_MOVED;
        };
    }
    // end::ch03-pull-status[]
}
