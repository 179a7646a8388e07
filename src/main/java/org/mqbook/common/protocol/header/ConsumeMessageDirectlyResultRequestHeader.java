package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;
import org.mqbook.remoting.annotation.CFNullable;

/**
 * Header of CONSUME_MESSAGE_DIRECTLY (309), sent by admin tools through a broker to one
 * consumer: consume message {@code msgId} now; answered with a
 * {@code ConsumeMessageDirectlyResult}.
 */
public class ConsumeMessageDirectlyResultRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String consumerGroup;
    @CFNullable
    private String clientId;
    @CFNullable
    private String msgId;
    @CFNullable
    private String brokerName;

    @Override
    public void checkFields() {
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getMsgId() {
        return msgId;
    }

    public void setMsgId(String msgId) {
        this.msgId = msgId;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }
}
