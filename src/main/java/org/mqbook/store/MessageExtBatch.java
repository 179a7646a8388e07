package org.mqbook.store;

import java.nio.ByteBuffer;
import org.mqbook.common.message.MessageExt;

/**
 * A SEND_BATCH_MESSAGE as the broker hands it to the store: the header's topic, queueId,
 * sysFlag, born time and hosts, and as body the batch body (short records,
 * message-format.md §5). {@link BatchEncoder} turns the body into full stored records
 * ({@link #getEncodedBuff()}) before the commit log's lock is taken.
 *
 * <p>4.7.1 keeps this class in its common module; mqbook keeps it beside its only user.
 * Not thread-safe.
 */
public class MessageExtBatch extends MessageExt {
    private ByteBuffer encodedBuff;

    /** Full stored records, QUEUEOFFSET/PHYSICALOFFSET/STORETIMESTAMP still zero. */
    public ByteBuffer getEncodedBuff() {
        return encodedBuff;
    }

    public void setEncodedBuff(final ByteBuffer encodedBuff) {
        this.encodedBuff = encodedBuff;
    }
}
