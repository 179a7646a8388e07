package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of GET_CONSUME_STATS (208), sent by admin tools to a broker; answered with a
 * {@code ConsumeStats}. Without {@code topic} every subscribed topic of the group counts.
 */
public class GetConsumeStatsRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String consumerGroup;
    private String topic;

    @Override
    public void checkFields() {
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
