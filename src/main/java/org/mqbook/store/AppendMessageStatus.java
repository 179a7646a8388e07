package org.mqbook.store;

/**
 * What one append into a {@link MappedFile} did: stored the record, or found the file too full
 * and wrote the end-of-file blank instead (the caller retries in a new file), or refused it.
 */
public enum AppendMessageStatus {
    PUT_OK,
    END_OF_FILE,
    MESSAGE_SIZE_EXCEEDED,
    PROPERTIES_SIZE_EXCEEDED,
    UNKNOWN_ERROR
}
