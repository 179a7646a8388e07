package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of NOTIFY_CONSUMER_IDS_CHANGED (40), sent oneway by a broker to every consumer
 * of a group whose members or subscriptions changed.
 */
public class NotifyConsumerIdsChangedRequestHeader implements CommandCustomHeader {

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
