package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;
import org.mqbook.remoting.annotation.CFNullable;

/**
 * Header of a send response (codes 0, 10, 11, 12). Observed from a 4.7.1 broker, with the two
 * extra entries it always adds:
 * <pre>
 * {"msgId":"7F000001000051AF0000000000000000","queueId":"3","queueOffset":"0",
 *  "MSG_REGION":"DefaultRegion","TRACE_ON":"true"}
 * </pre>
 * {@code msgId} is the offsetMsgId (store host + commit-log offset; comma-joined for a batch),
 * {@code queueOffset} the consume-queue offset (of the first message of a batch). For a
 * transaction half message they are the half message's, which END_TRANSACTION sends back.
 *
 * <p>Not thread-safe. Read next: {@code client.impl.MQClientAPIImpl#processSendResponse}.
 */
public class SendMessageResponseHeader implements CommandCustomHeader {
    @CFNotNull
    private String msgId;
    @CFNotNull
    private Integer queueId;
    @CFNotNull
    private Long queueOffset;
    @CFNullable
    private String transactionId;

    @Override
    public void checkFields() {
    }

    public String getMsgId() {
        return msgId;
    }

    public void setMsgId(String msgId) {
        this.msgId = msgId;
    }

    public Integer getQueueId() {
        return queueId;
    }

    public void setQueueId(Integer queueId) {
        this.queueId = queueId;
    }

    public Long getQueueOffset() {
        return queueOffset;
    }

    public void setQueueOffset(Long queueOffset) {
        this.queueOffset = queueOffset;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public void setTransactionId(String transactionId) {
        this.transactionId = transactionId;
    }
}
