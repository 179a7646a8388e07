package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of DELETE_TOPIC_IN_BROKER (215), sent by admin tools to a broker.
 */
public class DeleteTopicRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String topic;

    @Override
    public void checkFields() {
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
