package org.mqbook.store;

import java.nio.ByteBuffer;
import org.mqbook.common.message.MessageDecoder;

/**
 * The outcome of one append: where the record (or batch) went, how long it is, its offsetMsgId
 * (ids, comma-separated, for a batch), its store time and the queue offset it was given.
 * Immutable apart from the setters the commit log uses while retrying in a new file.
 */
public class AppendMessageResult {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private AppendMessageStatus status;
    /** Commit-log offset of the first byte written. */
    private long wroteOffset;
    private int wroteBytes;
    private String msgId;
    private long storeTimestamp;
    /** Consume-queue offset of the (first) message. */
    private long logicsOffset;
    private long pagecacheRT;
    private int msgNum = 1;
    /** Set when the msgId is built lazily; see {@link #lazyMsgId}. */
    private byte[] storeHostForMsgId;
    /** A batch's record starts, relative to wroteOffset; see {@link #lazyBatchMsgIds}. */
    private int[] recordStarts;

    public AppendMessageResult(final AppendMessageStatus status) {
        this(status, 0, 0, "", 0, 0, 0);
    }

    public AppendMessageResult(final AppendMessageStatus status, final long wroteOffset,
        final int wroteBytes, final String msgId, final long storeTimestamp,
        final long logicsOffset, final long pagecacheRT) {
        this.status = status;
        this.wroteOffset = wroteOffset;
        this.wroteBytes = wroteBytes;
        this.msgId = msgId;
        this.storeTimestamp = storeTimestamp;
        this.logicsOffset = logicsOffset;
        this.pagecacheRT = pagecacheRT;
    }

    /**
     * A PUT_OK result whose offsetMsgId is built from {@code storeHost} (ip + port) and the
     * offset on the first {@link #getMsgId()}, outside putMessageLock.
     */
    static AppendMessageResult lazyMsgId(final long wroteOffset, final int wroteBytes,
        final byte[] storeHost, final long storeTimestamp, final long logicsOffset) {
        // TODO K2: the hex offsetMsgId is built by whoever asks, after the lock is gone:
        // building it inside doAppend made every other producer wait for a String
        final AppendMessageResult result = new AppendMessageResult(AppendMessageStatus.PUT_OK,
            wroteOffset, wroteBytes, null, storeTimestamp, logicsOffset, 0);
        result.storeHostForMsgId = storeHost;
        return result;
    }

    /**
     * A PUT_OK result of a batch of {@code msgNum} records starting at {@code recordStarts}
     * (relative to {@code wroteOffset}); the comma-joined offsetMsgIds are built on the first
     * {@link #getMsgId()}, outside putMessageLock, as for a single message.
     */
    static AppendMessageResult lazyBatchMsgIds(final long wroteOffset, final int wroteBytes,
        final byte[] storeHost, final int[] recordStarts, final int msgNum,
        final long storeTimestamp, final long logicsOffset) {
        final AppendMessageResult result = lazyMsgId(wroteOffset, wroteBytes, storeHost,
            storeTimestamp, logicsOffset);
        result.recordStarts = recordStarts;
        result.msgNum = msgNum;
        return result;
    }

    public boolean isOk() {
        return this.status == AppendMessageStatus.PUT_OK;
    }

    public AppendMessageStatus getStatus() {
        return status;
    }

    public void setStatus(final AppendMessageStatus status) {
        this.status = status;
    }

    public long getWroteOffset() {
        return wroteOffset;
    }

    public int getWroteBytes() {
        return wroteBytes;
    }

    public String getMsgId() {
        if (msgId == null && storeHostForMsgId != null) {
            msgId = recordStarts == null
                ? MessageDecoder.createMessageId(ByteBuffer.wrap(storeHostForMsgId), wroteOffset)
                : batchMsgIds();
        }
        return msgId;
    }

    public void setMsgId(final String msgId) {
        this.msgId = msgId;
    }

    public long getStoreTimestamp() {
        return storeTimestamp;
    }

    public long getLogicsOffset() {
        return logicsOffset;
    }

    public long getPagecacheRT() {
        return pagecacheRT;
    }

    public int getMsgNum() {
        return msgNum;
    }

    public void setMsgNum(final int msgNum) {
        this.msgNum = msgNum;
    }

    /**
     * The offsetMsgIds of a batch, comma-joined, each the upper-case hex of the store host and
     * the record's offset (as {@link MessageDecoder#createMessageId}), in one char array.
     */
    private String batchMsgIds() {
        // TODO K2: the host's hex is the same in every id: written once, then copied; 64 ids
        // built one by one cost 64 buffers, byte arrays, char arrays and strings
        final int hostChars = storeHostForMsgId.length * 2;
        final int idChars = hostChars + 16;
        final char[] ids = new char[msgNum * (idChars + 1) - 1];
        for (int i = 0; i < storeHostForMsgId.length; i++) {
            ids[2 * i] = HEX[(storeHostForMsgId[i] >> 4) & 0xF];
            ids[2 * i + 1] = HEX[storeHostForMsgId[i] & 0xF];
        }
        for (int n = 0; n < msgNum; n++) {
            final int at = n * (idChars + 1);
            if (n > 0) {
                ids[at - 1] = ',';
                System.arraycopy(ids, 0, ids, at, hostChars);
            }
            final long offset = wroteOffset + recordStarts[n];
            for (int d = 0; d < 16; d++) {
                ids[at + hostChars + d] = HEX[(int) (offset >>> (60 - 4 * d)) & 0xF];
            }
        }
        return new String(ids);
    }

    @Override
    public String toString() {
        return "AppendMessageResult{status=" + status + ", wroteOffset=" + wroteOffset
            + ", wroteBytes=" + wroteBytes + ", msgId='" + getMsgId() + "', storeTimestamp="
            + storeTimestamp + ", logicsOffset=" + logicsOffset + ", pagecacheRT=" + pagecacheRT
            + ", msgNum=" + msgNum + '}';
    }
}
