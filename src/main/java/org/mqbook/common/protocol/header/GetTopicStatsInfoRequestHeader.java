package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of GET_TOPIC_STATS_INFO (202), sent by admin tools to a broker; answered with
 * a {@code TopicStatsTable}.
 */
public class GetTopicStatsInfoRequestHeader implements CommandCustomHeader {

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
