package org.mqbook.common.protocol.header;

import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;
import org.mqbook.remoting.annotation.CFNullable;
import org.mqbook.remoting.exception.RemotingCommandException;

/**
 * Header of END_TRANSACTION (37), always sent oneway by the producer: the verdict on one half
 * message. Observed from a 4.7.1 producer:
 * <pre>
 * {"producerGroup":"PG_TX","commitLogOffset":"3478","tranStateTableOffset":"0",
 *  "commitOrRollback":"8","fromTransactionCheck":"false","msgId":"1A99399D41AF5FFD2B278631519D0000"}
 * </pre>
 * {@code commitLogOffset} is decoded from the send response's offsetMsgId,
 * {@code tranStateTableOffset} is the send response's queueOffset, {@code commitOrRollback} is
 * 0 (unknown: keep waiting), 8 (commit) or 12 (rollback), {@code msgId} the UNIQ_KEY.
 *
 * <p>Not thread-safe. Read next: {@link CheckTransactionStateRequestHeader}, the broker's question.
 */
public class EndTransactionRequestHeader implements CommandCustomHeader {
    @CFNotNull
    private String producerGroup;
    @CFNotNull
    private Long tranStateTableOffset;
    @CFNotNull
    private Long commitLogOffset;
    @CFNotNull
    private Integer commitOrRollback;
    @CFNullable
    private Boolean fromTransactionCheck = false;
    @CFNotNull
    private String msgId;
    @CFNullable
    private String transactionId;

    /** Only the three transaction types are verdicts; anything else is a broken request. */
    @Override
    public void checkFields() throws RemotingCommandException {
        int v = commitOrRollback == null ? -1 : commitOrRollback;
        if (v != MessageSysFlag.TRANSACTION_NOT_TYPE && v != MessageSysFlag.TRANSACTION_COMMIT_TYPE
            && v != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            throw new RemotingCommandException("commitOrRollback " + commitOrRollback
                + " is not 0 (unknown), 8 (commit) or 12 (rollback)");
        }
    }

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
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

    public Integer getCommitOrRollback() {
        return commitOrRollback;
    }

    public void setCommitOrRollback(Integer commitOrRollback) {
        this.commitOrRollback = commitOrRollback;
    }

    public Boolean getFromTransactionCheck() {
        return fromTransactionCheck;
    }

    public void setFromTransactionCheck(Boolean fromTransactionCheck) {
        this.fromTransactionCheck = fromTransactionCheck;
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

    @Override
    public String toString() {
        return "EndTransactionRequestHeader [producerGroup=" + producerGroup + ", tranStateTableOffset="
            + tranStateTableOffset + ", commitLogOffset=" + commitLogOffset + ", commitOrRollback="
            + commitOrRollback + ", fromTransactionCheck=" + fromTransactionCheck + ", msgId=" + msgId
            + ", transactionId=" + transactionId + "]";
    }
}
