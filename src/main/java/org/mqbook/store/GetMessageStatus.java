package org.mqbook.store;

/**
 * 4.7.1's answers to a read of a consume queue ({@link MessageStore#getMessage}). How each maps
 * to a PULL_MESSAGE response code and next offset is the table in the class comment of
 * {@link GetMessageService}.
 */
public enum GetMessageStatus {
    FOUND,
    NO_MATCHED_MESSAGE,
    MESSAGE_WAS_REMOVING,
    OFFSET_FOUND_NULL,
    OFFSET_OVERFLOW_BADLY,
    OFFSET_OVERFLOW_ONE,
    OFFSET_TOO_SMALL,
    NO_MATCHED_LOGIC_QUEUE,
    NO_MESSAGE_IN_QUEUE
}
