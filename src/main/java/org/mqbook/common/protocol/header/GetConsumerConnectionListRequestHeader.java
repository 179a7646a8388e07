package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of GET_CONSUMER_CONNECTION_LIST (203), sent by admin tools to a broker;
 * answered with a {@code ConsumerConnection} body.
 */
public class GetConsumerConnectionListRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String consumerGroup;

    @Override
    public void checkFields() {
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }
}
