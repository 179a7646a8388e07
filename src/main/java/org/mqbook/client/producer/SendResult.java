package org.mqbook.client.producer;

import org.mqbook.common.message.MessageQueue;

/**
 * What a successful send returns. Two ids, easily confused:
 * <ul>
 * <li>{@code msgId}: the client's id, the message's UNIQ_KEY property, created before sending
 *     and kept across retries; what consumers see as {@code getMsgId()}. For a batch, the ids
 *     of all its messages joined by commas.</li>
 * <li>{@code offsetMsgId}: the broker's id, hex of the store's address and the commit-log
 *     offset; it says where the message is stored (a transaction's END_TRANSACTION decodes
 *     it).</li>
 * </ul>
 * {@code queueOffset} is the position in the consume queue of {@code messageQueue}.
 *
 * <p>A plain bean, not thread-safe.
 */
public class SendResult {
    private SendStatus sendStatus;
    private String msgId;
    private MessageQueue messageQueue;
    private long queueOffset;
    private String transactionId;
    private String offsetMsgId;
    private String regionId;
    private boolean traceOn = true;

    public SendResult() {
    }

    public SendResult(SendStatus sendStatus, String msgId, String offsetMsgId,
                      MessageQueue messageQueue, long queueOffset) {
        this.sendStatus = sendStatus;
        this.msgId = msgId;
        this.offsetMsgId = offsetMsgId;
        this.messageQueue = messageQueue;
        this.queueOffset = queueOffset;
    }

    public SendStatus getSendStatus() {
        return sendStatus;
    }

    public void setSendStatus(SendStatus sendStatus) {
        this.sendStatus = sendStatus;
    }

    public String getMsgId() {
        return msgId;
    }

    public void setMsgId(String msgId) {
        this.msgId = msgId;
    }

    public MessageQueue getMessageQueue() {
        return messageQueue;
    }

    public void setMessageQueue(MessageQueue messageQueue) {
        this.messageQueue = messageQueue;
    }

    public long getQueueOffset() {
        return queueOffset;
    }

    public void setQueueOffset(long queueOffset) {
        this.queueOffset = queueOffset;
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

    /** The broker's MSG_REGION (DefaultRegion unless it says otherwise). */
    public String getRegionId() {
        return regionId;
    }

    public void setRegionId(String regionId) {
        this.regionId = regionId;
    }

    /** The broker's TRACE_ON: false only when it says "false". */
    public boolean isTraceOn() {
        return traceOn;
    }

    public void setTraceOn(boolean traceOn) {
        this.traceOn = traceOn;
    }

    @Override
    public String toString() {
        return "SendResult [sendStatus=" + sendStatus + ", msgId=" + msgId + ", offsetMsgId="
            + offsetMsgId + ", messageQueue=" + messageQueue + ", queueOffset=" + queueOffset + "]";
    }
}
