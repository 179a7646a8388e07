package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of GET_CONSUMER_LIST_BY_GROUP (38), sent by consumers to a broker before
 * rebalancing; answered with a {@link GetConsumerListByGroupResponseBody}.
 */
public class GetConsumerListByGroupRequestHeader implements CommandCustomHeader {

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
