package org.mqbook.store;

/**
 * What {@link MessageStore#putMessage} answers: a {@link PutMessageStatus} and, when the record
 * was written, the {@link AppendMessageResult} (offsets, msgId). A timed-out flush still has an
 * append result: the message is stored, just not known to be on disk.
 */
public class PutMessageResult {
    private PutMessageStatus putMessageStatus;
    private final AppendMessageResult appendMessageResult;

    public PutMessageResult(final PutMessageStatus putMessageStatus,
        final AppendMessageResult appendMessageResult) {
        this.putMessageStatus = putMessageStatus;
        this.appendMessageResult = appendMessageResult;
    }

    /** True when the record was written (even if a flush or a slave then timed out). */
    public boolean isOk() {
        return this.appendMessageResult != null && this.appendMessageResult.isOk();
    }

    public AppendMessageResult getAppendMessageResult() {
        return appendMessageResult;
    }

    public PutMessageStatus getPutMessageStatus() {
        return putMessageStatus;
    }

    public void setPutMessageStatus(final PutMessageStatus putMessageStatus) {
        this.putMessageStatus = putMessageStatus;
    }

    @Override
    public String toString() {
        return "PutMessageResult [putMessageStatus=" + putMessageStatus
            + ", appendMessageResult=" + appendMessageResult + "]";
    }
}
