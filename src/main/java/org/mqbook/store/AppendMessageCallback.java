package org.mqbook.store;

import java.nio.ByteBuffer;
import org.mqbook.common.message.MessageExtBrokerInner;

/**
 * Writes one message (or one batch) into the free tail of a commit-log file.
 * {@link MappedFile#appendMessage} calls it with a buffer positioned at the file's write
 * position; the callback writes the record there and reports how many bytes it used.
 *
 * <p>Called only under the commit log's putMessageLock. Read next:
 * {@link DefaultAppendMessageCallback}.
 */
public interface AppendMessageCallback {

    /**
     * @param fileFromOffset commit-log offset of the file's first byte
     * @param byteBuffer     positioned at the write position
     * @param maxBlank       bytes left in the file
     */
    AppendMessageResult doAppend(long fileFromOffset, ByteBuffer byteBuffer, int maxBlank,
        MessageExtBrokerInner msg);

    /** The batch form: every record of the batch goes into this file, or none does. */
    AppendMessageResult doAppend(long fileFromOffset, ByteBuffer byteBuffer, int maxBlank,
        MessageExtBatch batch);
}
