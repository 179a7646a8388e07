package org.mqbook.client.impl.consumer;

import java.util.List;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.PullStatus;
import org.mqbook.common.message.MessageExt;

/**
 * A {@link PullResult} as it comes off the wire, before decoding: the raw body (records
 * concatenated in commit-log format) and the broker id the broker suggests pulling from next
 * (0 = master; a slave when the master finds the consumer lagging into data on disk).
 * {@link PullAPIWrapper#processPullResult} decodes the body and drops it.
 *
 * <p>Not thread-safe: a value.
 */
public class PullResultExt extends PullResult {
    private final long suggestWhichBrokerId;
    private byte[] messageBinary;

    public PullResultExt(PullStatus pullStatus, long nextBeginOffset, long minOffset,
                         long maxOffset, List<MessageExt> msgFoundList,
                         final long suggestWhichBrokerId, final byte[] messageBinary) {
        super(pullStatus, nextBeginOffset, minOffset, maxOffset, msgFoundList);
        this.suggestWhichBrokerId = suggestWhichBrokerId;
        this.messageBinary = messageBinary;
    }

    public byte[] getMessageBinary() {
        return messageBinary;
    }

    public void setMessageBinary(byte[] messageBinary) {
        this.messageBinary = messageBinary;
    }

    public long getSuggestWhichBrokerId() {
        return suggestWhichBrokerId;
    }
}
