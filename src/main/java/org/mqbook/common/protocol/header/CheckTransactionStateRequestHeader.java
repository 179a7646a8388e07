package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of CHECK_TRANSACTION_STATE (39): the broker asks a producer of the group, oneway and on
 * the producer's own connection, what became of a half message it never got a verdict for. The
 * body is the half message (stored-record layout, topic and queue set back to the real ones).
 * Observed from a 4.7.1 broker:
 * <pre>
 * {"commitLogOffset":"4904","tranStateTableOffset":"3","msgId":"1A99...0002",
 *  "transactionId":"1A99...0002","offsetMsgId":"7F000001000051AF0000000000001328"}
 * </pre>
 * The answer is an END_TRANSACTION that copies {@code commitLogOffset},
 * {@code tranStateTableOffset} and {@code transactionId}, with {@code fromTransactionCheck=true}.
 *
 * <p>Not thread-safe. Read next: {@code client.impl.ClientRemotingProcessor#checkTransactionState}.
 */
public class CheckTransactionStateRequestHeader implements CommandCustomHeader {
    @CFNotNull
    private Long tranStateTableOffset;
    @CFNotNull
    private Long commitLogOffset;
    private String msgId;
    private String transactionId;
    private String offsetMsgId;

    @Override
    public void checkFields() {
    }

    public Long getTranStateTableOffset() {
        return tranStateTableOffset;
    }

    public void setTranStateTableOffset(Long tranStateTableOffset) {
        this.tranStateTableOffset = tranStateTableOffset;
    }

    public Long getCommitLogOffset() {
        return commitLogOffset;
    }

    public void setCommitLogOffset(Long commitLogOffset) {
        this.commitLogOffset = commitLogOffset;
    }

    public String getMsgId() {
        return msgId;
    }

    public void setMsgId(String msgId) {
        this.msgId = msgId;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public void setTransactionId(String transactionId) {
        this.transactionId = transactionId;
    }

    public String getOffsetMsgId() {
        return offsetMsgId;
    }

    public void setOffsetMsgId(String offsetMsgId) {
        this.offsetMsgId = offsetMsgId;
    }

    @Override
    public String toString() {
        return "CheckTransactionStateRequestHeader [tranStateTableOffset=" + tranStateTableOffset
            + ", commitLogOffset=" + commitLogOffset + ", msgId=" + msgId + ", transactionId="
            + transactionId + ", offsetMsgId=" + offsetMsgId + "]";
    }
}
